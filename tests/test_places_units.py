"""A user's own list of administrative units (`--units FILE`, `units` in the configuration),
the units of today beside a plan's (`timeline --today`), and the hints in JSON."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from p135cli.places import OwnList, own_applies
from p135cli.plan_places import read_on
from p135cli.units_file import UnitsError, read_units
from tests.conftest import assert_golden, run_cli

ROOT = Path(__file__).resolve().parents[1]
QUANG_NINH = ROOT / "data" / "plans" / "quang-ninh-2017-2020.yaml"
HEADER = ["Tỉnh Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp"]
ROWS = [
    ["Tỉnh Quảng Ninh", "22", "Huyện Bình Liêu", "199", "Tình Húc", "06910", "Xã"],
    ["Tỉnh Quảng Ninh", "22", "Huyện Bình Liêu", "199", "Xã Lục Hồn", "06916", "Xã"],
]
PLAN = """\
province: Quảng Ninh
programme: Chương trình thử
number_style: vi
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, date: 17/01/2017, source: "1"}
period: {start: 2017, end: 2018, source: "5"}
roadmap:
  goal: {communes: 2, by: 2018, source: "2.1"}
  years:
    2018:
      communes: [{name: Tình Húc, district: Bình Liêu}, {name: Hoành Mô, district: Bình Liêu}]
      source: "2.3 a"
"""


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path.write_text("\n".join(",".join(row) for row in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Danh mục đơn vị hành chính"])  # a title above the header row
    for row in [HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def _findings(*args: str | Path) -> list[dict[str, object]]:
    ran = run_cli("validate", "--isolated", "--format", "json", *args)
    assert ran.code in (0, 1), ran
    found: list[dict[str, object]] = json.loads(ran.out)["files"][0]["findings"]
    return found


@pytest.mark.parametrize("make", [_csv, _xlsx])
def test_a_plan_is_read_against_the_user_s_list(make: object, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    suffix = ".csv" if make is _csv else ".xlsx"
    listed = make(tmp_path / f"qn{suffix}", ROWS)  # type: ignore[operator]
    before = _findings(plan)
    assert not [f for f in before if f["code"] == "R105"]  # p135's list has Hoành Mô
    found = _findings(plan, "--units", listed, "--units-date", "17/01/2017")
    r105 = [f for f in found if f["code"] == "R105"]
    assert len(r105) == 1 and "Hoành Mô" in str(r105[0]["message"])
    assert str(listed) in str(r105[0]["message"]) and "17/01/2017" in str(r105[0]["message"])
    assert r105[0]["suggestions"] == []


def test_english_headers_in_any_order_are_read(tmp_path: Path) -> None:
    header = ["commune", "district", "province", "code"]
    rows = [["Lục Hồn", "Bình Liêu", "Quảng Ninh", "6916"]]
    own = read_units(_csv(tmp_path / "en.csv", rows, header), datetime.date(2017, 1, 17))
    assert own.rows == (("Quảng Ninh", "Bình Liêu", "Lục Hồn", "6916"),)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a,b\n1,2\n", "no header row"),
        ("Tỉnh Thành Phố,Phường Xã\nQuảng Ninh,Xã A\nQuảng Ninh,\n", "bad.csv:3: no commune name"),
        ("Tỉnh Thành Phố,Phường Xã\n", "no units"),
    ],
)
def test_a_bad_list_is_a_usage_error_on_its_line(text: str, said: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    ran = run_cli("validate", "--isolated", plan, "--units", bad, "--units-date", "2017-01-17")
    assert ran.code == 2 and said in ran.err and "Traceback" not in ran.err


@pytest.mark.parametrize(
    ("content", "said"),
    [(b"\xff\xfe\x00not text", "not UTF-8"), (b"PK not a zip", "not an xlsx")],
)
def test_an_unreadable_file_is_said_so(content: bytes, said: str, tmp_path: Path) -> None:
    bad = tmp_path / ("bad.xlsx" if content.startswith(b"PK") else "bad.csv")
    bad.write_bytes(content)
    with pytest.raises(UnitsError, match=said):
        read_units(bad, datetime.date(2017, 1, 17))


def test_a_list_needs_its_date(tmp_path: Path) -> None:
    listed = _csv(tmp_path / "qn.csv", ROWS)
    ran = run_cli("validate", "--isolated", QUANG_NINH, "--units", listed)
    assert ran.code == 2 and "--units-date" in ran.err
    ran = run_cli("validate", "--isolated", QUANG_NINH, "--units", listed, "--units-date", "x")
    assert ran.code == 2 and "17/01/2017" in ran.err


def test_the_configuration_names_the_list_for_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _csv(tmp_path / "qn.csv", ROWS)
    (tmp_path / "p135.toml").write_text(
        'units = "qn.csv"\nunits_date = "17/01/2017"\n', encoding="utf-8"
    )
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    ran = run_cli("validate", "--format", "json", "plan.yaml")
    data = json.loads(ran.out)
    assert data["config"]["units"] == {
        "file": str(tmp_path / "qn.csv"), "date": "2017-01-17", "rows": 2
    }  # fmt: skip
    assert [f["code"] for f in data["files"][0]["findings"]].count("R105") == 1


def test_the_list_stands_for_plans_of_about_its_date() -> None:
    own = OwnList("qn.csv", datetime.date(2017, 1, 17), (("Quảng Ninh", "", "Xã A", "1"),))
    assert own_applies(own, "Tỉnh Quảng Ninh", datetime.date(2019, 12, 31))
    assert not own_applies(own, "Quảng Ninh", datetime.date(2020, 1, 1))  # 837/NQ-UBTVQH14
    assert not own_applies(own, "Lạng Sơn", datetime.date(2017, 1, 17))  # not on the list
    assert not own_applies(own, "Quảng Ninh", datetime.date(2025, 9, 1))  # after the reform


def test_a_post_reform_document_reads_earlier_years_as_of_then() -> None:
    report = datetime.date(2025, 8, 15)
    assert read_on(report, 2024) == datetime.date(2024, 12, 31)
    assert read_on(report, 2025) == report
    assert read_on(datetime.date(2017, 1, 17), 2026) == datetime.date(2017, 1, 17)


def test_hints_are_in_json_too(tmp_path: Path) -> None:
    case = ROOT / "tests" / "rules" / "cases" / "R105-fail.yaml"
    found = _findings(case)
    assert found[0]["hint"] == "did you mean Tiên Yên?" or found[0]["suggestions"]
    assert all(isinstance(f["suggestions"], list) for f in found)
    changed = _findings(ROOT / "tests" / "rules" / "cases" / "R106-fail.yaml")
    assert changed[-1]["became"] == "Thị trấn Bình Liêu"


@pytest.mark.parametrize(("format", "suffix"), [("text", "txt"), ("markdown", "md"),
                                                ("csv", "csv"), ("json", "json")])  # fmt: skip
def test_timeline_shows_the_units_of_today(format: str, suffix: str) -> None:
    ran = run_cli("timeline", QUANG_NINH, "--today", "--format", format, "--width", "100")
    assert ran.code == 0, ran
    assert_golden(f"timeline/quang-ninh-today.{suffix}", ran.out)


def test_quang_ninh_s_thirty_communes_are_in_fourteen_of_today() -> None:
    ran = run_cli("timeline", QUANG_NINH, "--today", "--format", "json")
    years = json.loads(ran.out)["years"]
    communes = [c for y in years for c in y["communes"]]
    villages = {(v["commune"], v["today"]) for y in years for v in y["villages"]}
    todays = {c["today"] for c in communes} | {today for _, today in villages}
    assert len(communes) + len({c for c, _ in villages}) == 30
    assert None not in todays and len(todays) == 14
    assert {"name": "Tình Húc", "district": "Bình Liêu", "inferred": False,
            "today": "Xã Bình Liêu"} in communes  # fmt: skip


@pytest.mark.parametrize(
    ("day", "said"), [("17/01/2017", None), ("02/01/2017", "(as of 02/01/2017)")]
)
def test_the_list_s_own_date_is_said_where_it_is_not_the_plan_s(
    day: str, said: str | None, tmp_path: Path
) -> None:
    """The finding says the plan's day; the list's is said beside it only where it differs."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    listed = _csv(tmp_path / "qn.csv", ROWS)
    found = _findings(plan, "--units", listed, "--units-date", day)
    (message,) = [str(f["message"]) for f in found if f["code"] == "R105"]
    assert ("as of" in message) == (said is not None)
    assert said is None or said in message


def test_a_semicolon_list_with_a_title_above_its_header_is_read(tmp_path: Path) -> None:
    """Excel under a Vietnamese locale writes `;`; the title line above has no `;` at all."""
    listed = tmp_path / "qn.csv"
    lines = ["Danh mục đơn vị hành chính, ngày 17/01/2017", *(";".join(r) for r in [HEADER, *ROWS])]
    listed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    units = read_units(listed, datetime.date(2017, 1, 17))
    assert [row[2] for row in units.rows] == ["Xã Tình Húc", "Xã Lục Hồn"]  # typed by `Cấp`


def test_a_list_of_before_the_reform_without_districts_is_refused(tmp_path: Path) -> None:
    header = ["Tỉnh Thành Phố", "Phường Xã", "Cấp"]
    listed = _csv(tmp_path / "qn.csv", [["Tỉnh Quảng Ninh", "Tình Húc", "Xã"]], header)
    with pytest.raises(UnitsError, match="names none"):
        read_units(listed, datetime.date(2017, 1, 17))
    assert read_units(listed, datetime.date(2025, 8, 1)).rows  # after it, none is right


def test_a_file_too_large_or_not_regular_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A list of the whole country is about 1 MB: 40 MB is not one (a sparse file, made in no
    time), and a device (/dev/zero) is never read."""
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as stream:
        stream.truncate(40 * 1024 * 1024)
    with pytest.raises(UnitsError, match="larger than a list"):
        read_units(huge, datetime.date(2017, 1, 17))
    with pytest.raises(UnitsError, match="not a regular file"):
        read_units(Path("/dev/zero"), datetime.date(2017, 1, 17))
    with pytest.raises(UnitsError, match="not a regular file"):
        read_units(tmp_path, datetime.date(2017, 1, 17))
