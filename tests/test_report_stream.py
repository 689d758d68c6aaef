"""`p135 report` reads as it goes: each plan is reduced to its tables and the few facts the
provinces table, the labels and the charts need (`Reading`), then dropped, so that a report
over 10,000 plans holds the report, not 10,000 plan models (~150 KB each). Its output in
every format is what the report built from every plan at once gave (the digests below were
written by the code before this work, 81834c5, and stay unchanged)."""

from __future__ import annotations

import gc
import hashlib
import io
import re
import weakref
import zipfile
from pathlib import Path

import pytest
from benchmarks.national import write

from p135cli.checking import open_document
from p135cli.model import Plan
from p135cli.settings import Settings

from .conftest import PLANS, assert_golden, run_cli

FORMATS = {
    "text-100": ["--width", "100"],
    "text-60-vi": ["--width", "60", "--lang", "vi"],
    "text-piped": [],
    "markdown": ["-f", "markdown"],
    "csv": ["-f", "csv", "--excel"],
    "json": ["-f", "json"],
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated plans as provinces write them (several of one province: labels), beside
    the shipped ones (a merger, a need, uneven sources)."""
    folder = tmp_path_factory.mktemp("stream")
    write(folder / "national", 60, realistic=True)
    for plan in PLANS.glob("*.yaml"):
        (folder / plan.name).write_bytes(plan.read_bytes())
    return folder


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _workbook(data: bytes) -> bytes:
    """A workbook's parts but its dates (openpyxl stamps the time it was written)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = sorted(name for name in book.namelist() if name != "docProps/core.xml")
        return b"".join(name.encode() + book.read(name) for name in names)


def test_every_format_of_many_plans_is_what_it_was(plans: Path, tmp_path: Path) -> None:
    lines = []
    for name, args in FORMATS.items():
        ran = run_cli("report", plans, *args)
        assert ran.code == 0, ran
        out = ran.out.replace(str(plans), "PLANS")  # JSON names each plan's file
        lines.append(f"{name} {_digest(out.encode())}")
    shipped = tmp_path / "shipped.xlsx"  # charts over plans of every kind the tests ship
    assert run_cli("report", PLANS, "-o", shipped).code == 0
    book = _workbook(shipped.read_bytes()).replace(str(PLANS).encode(), b"PLANS")  # titles
    lines.append(f"xlsx-shipped {_digest(book)}")
    ran = run_cli("report", PLANS, "-f", "svg")
    svg = re.sub(r"\bp[0-9a-f]{10}\b", "p-id", ran.out)  # clip ids: matplotlib's, per process
    lines.append(f"svg-shipped {_digest(svg.encode())}")
    assert_golden("report/stream-digests.txt", "\n".join(lines) + "\n")


def _plan(path: Path) -> Plan:
    plan, _result = open_document(path, Settings())
    assert isinstance(plan, Plan)
    return plan


@pytest.mark.parametrize("charts", [False, True])
def test_a_report_keeps_no_plan_it_has_read(plans: Path, charts: bool) -> None:
    from p135cli.views.report import Reading

    reading = Reading(charts=charts)
    gone = []
    for path in sorted(plans.rglob("*.yaml"))[:20]:
        plan = _plan(path)
        gone.append(weakref.ref(plan))
        reading.add(str(path), plan)
        del plan
    gc.collect()
    assert [ref() for ref in gone] == [None] * len(gone)
    report = reading.report()
    assert len(report.plans) == len(report.facts) == len(gone)
    assert report.charted is charts


def test_what_a_plan_leaves_is_a_small_part_of_it(plans: Path) -> None:
    """What the report keeps of a plan (its tables, its facts) against the plan's model."""
    import tracemalloc

    from p135cli.views.report import Reading

    paths = sorted(plans.rglob("*.yaml"))[:30]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        models = [_plan(path) for path in paths]
        model_size = tracemalloc.get_traced_memory()[0] - before
        reading = Reading()
        before = tracemalloc.get_traced_memory()[0]
        for path, model in zip(paths, models, strict=True):
            reading.add(str(path), model)
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept * 5 < model_size, (kept, model_size)
