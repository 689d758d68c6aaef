"""`p135 report` writes its text, markdown, CSV and JSON as they are drawn (issue 30): a
table reaches the output before the next is drawn, so a report over thousands of plans is
never held whole; a file is still written whole or not at all (`output.output_text`)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from p135cli.formats import REPORT
from p135cli.output import MARKER, RefusedWrite, output_text
from p135cli.views import report_formats
from p135cli.views.report_model import Report, Table
from p135cli.views.table import Grid

from .conftest import PLANS, run_cli


class Logged(io.StringIO):
    """A stream that notes each write in a shared log."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def write(self, text: str) -> int:
        self.log.append("write")
        return super().write(text)


def _report() -> Report:
    from p135cli.views.report import Reading

    from .test_report_stream import _plan

    reading = Reading(charts=False)
    for path in sorted(PLANS.glob("*.yaml")):
        reading.add(str(path), _plan(path))
    return reading.report()


def test_text_is_written_a_table_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[str] = []
    grid = report_formats._grid

    def drawn(table: Table) -> Grid:
        log.append("draw")
        return grid(table)

    monkeypatch.setattr(report_formats, "_grid", drawn)
    report = _report()
    stream = Logged(log)
    report_formats.write_text(report, stream, color=False, width=100)
    assert log.count("draw") > 2
    last_drawn = max(i for i, event in enumerate(log) if event == "draw")
    assert log.index("write") < last_drawn  # the first table is out before the last is drawn
    assert log[-2:] == ["draw", "write"]  # and each one as it is drawn
    assert stream.getvalue() == report_formats.render_text(report, color=False, width=100)


@pytest.mark.parametrize("format", ["markdown", "csv", "json"])
def test_data_formats_are_written_in_pieces(format: str) -> None:
    log: list[str] = []
    stream = Logged(log)
    report = _report()
    report_formats.WRITERS[format](report, stream)
    assert len(log) > 2  # more than a header and the rest
    assert stream.getvalue() == REPORT[format].load()(report)


def test_a_failed_report_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old\n" + MARKER.decode() + "\n")
    with pytest.raises(RuntimeError), output_text(target) as stream:
        stream.write("new, half written\n" * 10_000)
        raise RuntimeError
    assert target.read_text() == "old\n" + MARKER.decode() + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]  # no temporary file left


def test_a_streamed_file_keeps_every_refusal(tmp_path: Path) -> None:
    mine = tmp_path / "notes.txt"
    mine.write_text("my notes\n")
    with pytest.raises(RefusedWrite), output_text(mine):
        pass
    (tmp_path / "link.txt").symlink_to(mine)
    with pytest.raises(RefusedWrite), output_text(tmp_path / "link.txt", force=True):
        pass
    with pytest.raises(RefusedWrite), output_text(tmp_path, force=True):
        pass
    assert mine.read_text() == "my notes\n"


def test_a_text_report_file_is_whole_and_marked(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    assert run_cli("report", PLANS, "-o", target).code == 0
    piped = run_cli("report", PLANS)
    assert target.read_text(encoding="utf-8") == piped.out + MARKER.decode() + "\n"
    assert run_cli("report", PLANS, "-o", target).code == 0  # p135's own: replaced
    mode = target.stat().st_mode
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"] and mode & 0o200
