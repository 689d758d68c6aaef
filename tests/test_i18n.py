"""Vietnamese first: the catalogue is complete, the language is chosen as documented, and a
Vietnamese run of every command on the shipped plans reads no English catalogue string."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from p135cli.i18n import LOCALE, Message, NumberStyle, Signed, Written, detect, speak

from .conftest import PLANS, QUANG_NINH, ROOT, run_cli, run_process

CATALOGUE = LOCALE / "vi" / "LC_MESSAGES" / "p135.po"
REPORT = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
SLIPPED = ROOT / "tests" / "rules" / "cases" / "F100-fail.yaml"


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    speak("en", None)


def entries() -> list[tuple[str, str]]:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="vi")
    found = []
    for message in catalogue:
        if message.id:
            msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
            msgstr = message.string
            msgstr = msgstr[0] if isinstance(msgstr, tuple | list) else msgstr
            found.append((str(msgid), str(msgstr or "")))
    return found


def test_the_catalogue_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "messages.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_message_has_a_vietnamese_translation() -> None:
    missing = [msgid for msgid, msgstr in entries() if not msgstr.strip()]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"


def test_every_translation_keeps_the_placeholders() -> None:
    def names(text: str) -> list[str]:
        return sorted(set(re.findall(r"\{(\w*)(?:![rs])?\}", text)))

    wrong = [msgid for msgid, msgstr in entries() if msgstr and names(msgid) != names(msgstr)]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "vi_VN"}, "vi"),
        ({"LANG": "vi_VN", "LC_ALL": "C.UTF-8"}, "en"),
        ({"LANG": "vi_VN", "P135_LANG": "en"}, "en"),
        ({"P135_LANG": "vi"}, "vi"),
    ],
)
def test_the_language_is_p135_lang_then_the_locale(
    environment: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("P135_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert detect() == expected
    assert detect("vi") == "vi"  # the configuration's lang comes first


def test_a_message_is_rendered_in_the_language_and_style_of_the_run() -> None:
    template = (
        "{label} states {stated}; every other figure implies {expected} "
        "(difference {difference}); it explains: {checks}"
    )
    figures = {"stated": Written("6,1"), "expected": Decimal("6.0"), "difference": Signed("0.1")}
    message = Message(template, {"label": "B", "checks": "x", **figures})
    assert message.render(NumberStyle.VI).startswith("B states 6,1; every other figure implies 6,0")
    speak("vi")
    assert message.render(NumberStyle.VI).startswith("B ghi 6,1")
    speak("en", NumberStyle.EN)
    assert "implies 6.0 (difference +0.1)" in message.render(NumberStyle.VI)


ENGLISH = {msgid for msgid, msgstr in entries() if msgid != msgstr and len(msgid) > 12}
"""English catalogue strings long enough to be recognised in an output."""

RUNS = [
    ("validate", PLANS),
    ("validate", SLIPPED),
    ("validate", "-f", "github", SLIPPED),
    ("timeline", QUANG_NINH, "--width", "120"),
    ("timeline", PLANS / "ninh-binh-2017-2020.yaml", "--width", "120"),
    ("timeline", QUANG_NINH, "-f", "markdown"),
    ("timeline", QUANG_NINH, "-f", "mermaid"),
    ("report", PLANS, "--width", "160"),
    ("report", PLANS, "-f", "markdown"),
    ("progress", QUANG_NINH, REPORT, "--width", "120"),
    ("progress", QUANG_NINH, REPORT, "-f", "markdown"),
    ("rules",),
    ("explain", "F100"),
    ("explain", "C105"),
    ("--help",),
    ("validate", "--help"),
]


@pytest.mark.parametrize("args", RUNS, ids=[" ".join(map(str, r))[:60] for r in RUNS])
def test_a_vietnamese_run_reads_no_english_catalogue_string(args: tuple[str | Path, ...]) -> None:
    ran = run_process(args, env={"P135_LANG": "vi"})
    text = ran.out + ran.err
    assert text.strip(), ran
    leaked = sorted(s for s in ENGLISH if s in text)
    assert not leaked, leaked[:5]


def test_the_slip_is_quoted_as_typed_in_both_languages() -> None:
    english = run_cli("validate", "--lang", "en", SLIPPED).out
    assert "B states 6,1; every other figure implies 6,0 (difference +0,1)" in english
    vietnamese = run_cli("validate", "--lang", "vi", SLIPPED).out
    assert "B ghi 6,1; mọi số liệu khác đều cho thấy phải là 6,0 (chênh lệch +0,1)" in vietnamese


def test_json_is_the_same_in_both_languages_but_for_the_messages() -> None:
    import json

    english = json.loads(run_cli("validate", "-f", "json", "--lang", "en", SLIPPED).out)
    vietnamese = json.loads(run_cli("validate", "-f", "json", "--lang", "vi", SLIPPED).out)
    for data in (english, vietnamese):
        for finding in data["files"][0]["findings"]:
            finding.pop("message")
    assert english == vietnamese


@pytest.mark.parametrize(
    ("args", "english", "vietnamese"),
    [
        (
            ("validate", "--bogus", "x"),
            "Error: No such option: --bogus",
            "Lỗi: Không có tùy chọn: --bogus",
        ),
        (("timeline",), "Error: Missing argument 'PLAN'.", "Lỗi: Thiếu tham số 'PLAN'."),
        (
            ("validate", "-f", "xml", "x"),
            "Error: Invalid value for '--format' / '-f': 'xml' is not one of",
            "Lỗi: Giá trị không hợp lệ cho '--format' / '-f': 'xml' không thuộc",
        ),
    ],
)
def test_usage_errors_speak_the_language_of_the_run(
    args: tuple[str, ...], english: str, vietnamese: str
) -> None:
    ran = run_process(args, env={"P135_LANG": "en"})
    assert ran.code == 2 and english in ran.err and "Value error" not in ran.err, ran
    ran = run_process(args, env={"P135_LANG": "vi"})
    assert ran.code == 2 and vietnamese in ran.err and "Cách dùng: p135" in ran.err, ran


def test_p135_needs_no_click_of_its_own() -> None:
    """typer 0.2x carries its own click; a user's install has no `click` package at all."""
    code = (
        "import sys; sys.modules['click'] = None; sys.argv = ['p135', 'rules']\n"
        "from p135cli.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0 and "F101" in done.stdout, done.stderr
