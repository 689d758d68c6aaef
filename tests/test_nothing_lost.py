"""Nothing is lost: inputs are never written, outputs are whole or absent, others' files kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from p135cli.output import RefusedWrite, check_target, write_atomic

from .conftest import QUANG_NINH, ROOT, run_cli


def test_schema_refuses_to_replace_a_file_it_did_not_create(tmp_path: Path) -> None:
    mine = tmp_path / "notes.json"
    mine.write_text("my notes\n")
    ran = run_cli("schema", "-o", mine)
    assert ran.code == 2 and "--force" in ran.err
    assert mine.read_text() == "my notes\n"
    assert run_cli("schema", "-o", mine, "--force").code == 0
    assert run_cli("schema", "-o", mine).code == 0  # now p135 made it


def test_inputs_are_never_targets(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("x: 1\n")
    with pytest.raises(RefusedWrite):
        check_target(plan, force=True, inputs=[plan])


@pytest.mark.parametrize("failure", ["replace", "fsync"])
def test_an_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, failure, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new and much longer content\n" * 1000)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_validate_never_writes_its_inputs() -> None:
    before = QUANG_NINH.stat().st_mtime_ns, QUANG_NINH.read_bytes()
    run_cli("validate", "-f", "json", QUANG_NINH)
    assert (QUANG_NINH.stat().st_mtime_ns, QUANG_NINH.read_bytes()) == before


SLOW_VALIDATE = """
import signal, sys, time
# Ctrl-C as a terminal delivers it, wherever the test runs: a shell starts a background job
# with SIGINT ignored, and Python then raises no KeyboardInterrupt.
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])
import p135cli.checking as checking
def slow(*args, **kwargs):
    print("ready", flush=True)
    time.sleep(30)
checking.check_paths = slow
from p135cli.cli import main
sys.argv = ["p135", "validate", sys.argv[1]]
main()
"""


def test_ctrl_c_exits_130_with_one_line() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_VALIDATE, str(QUANG_NINH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"ready"
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err.decode().strip()) == (130, "p135: interrupted")


def test_a_closed_pipe_ends_quietly() -> None:
    plans = " ".join([str(QUANG_NINH)] * 200)
    done = subprocess.run(
        f"{sys.executable} -m p135cli validate -f json {plans} | head -n 1",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert done.stdout.strip() == b"{"
    assert done.stderr == b""
