"""Many files: the worker pool and the cache make a run faster and change nothing it finds.

Every run here is compared whole, as the JSON contract and the text output show it, with a
run in one process and without a cache: the same files, findings, order and verdict.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from benchmarks.national import write

from p135cli import cache as cache_module
from p135cli import checking
from p135cli.cache import Cache, fingerprint
from p135cli.checking import check_paths
from p135cli.findings import RunResult
from p135cli.render import Detail, renderer
from p135cli.settings import Limits, Settings

from .conftest import QUANG_NINH, ROOT, run_cli

CASES = ROOT / "tests" / "rules" / "cases"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every rule case (findings of every kind, acknowledged and stale ones, C105 across
    files) and part of the national set: more files than the pool starts for."""
    folder = tmp_path_factory.mktemp("many")
    for case in CASES.glob("*.yaml"):
        shutil.copy(case, folder / case.name)
    shutil.copytree(ROOT / "data" / "plans", folder / "plans")
    write(folder / "national", 40)
    return folder


def shown(run: RunResult, format: str = "json") -> str:
    stream = io.StringIO()
    renderer(format)(run, stream, color=False, detail=Detail.ALL)
    return stream.getvalue()


def test_enough_files_for_the_pool(many: Path) -> None:
    assert len(checking.discover([many])) >= 3 * checking.POOL_FROM


@pytest.mark.parametrize("format", ["json", "text", "sarif"])
def test_the_pool_finds_what_one_process_finds(many: Path, format: str) -> None:
    alone = check_paths([many], jobs=1)
    pooled = check_paths([many], jobs=2)
    assert alone.totals()[0] > 0  # the cases fail: there are findings to compare
    assert shown(pooled, format) == shown(alone, format)


def test_a_cached_run_finds_what_a_cold_one_finds(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = check_paths([many], jobs=1)
    cache = Cache(tmp_path / "cache", fingerprint(Settings(), Limits()))
    filled = check_paths([many], cache=cache, jobs=2)

    def never(*args: object) -> None:
        raise AssertionError("a warm run checked a file again")

    monkeypatch.setattr(checking, "_outcome", never)
    warm = check_paths([many], cache=cache, jobs=1)
    assert shown(filled) == shown(cold)
    assert shown(warm) == shown(cold)
    assert shown(warm, "text") == shown(cold, "text")


def test_across_files_a_cached_plan_still_disagrees(tmp_path: Path) -> None:
    """C105 runs over what the cache keeps of each plan: a date that disagrees with a plan
    read from the cache is found as when both were read afresh."""
    one, other = tmp_path / "a.yaml", tmp_path / "b.yaml"
    text = (CASES / "C105-pass.yaml").read_text(encoding="utf-8")
    one.write_text(text, encoding="utf-8")
    other.write_text(text.replace("06/01/2017", "07/01/2017"), encoding="utf-8")
    assert "06/01/2017" in text
    cache = Cache(tmp_path / "cache", fingerprint(Settings(), Limits()))
    cold = check_paths([one, other])
    check_paths([one], cache=cache)
    warm = check_paths([one, other], cache=cache)
    assert [f.code for f in cold.files[1].findings] == ["C105"]
    assert shown(warm) == shown(cold)


def test_the_cache_is_ignored_by_git_and_marked_as_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("P135_NO_CACHE")
    folder = tmp_path / "cache"
    ran = run_cli("validate", "--cache-dir", folder, ROOT / "data" / "plans")
    assert ran.code == 0, ran
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert len([p for p in (folder / "entries").rglob("*") if p.is_file()]) == 4


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("P135_NO_CACHE")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copy(CASES / "F101-fail.yaml", tmp_path / "plan.yaml")
    assert run_cli("validate", "--no-cache", "plan.yaml").code == 1
    assert not (tmp_path / ".p135_cache").exists()
    assert run_cli("validate", "plan.yaml").code == 1  # by default, in the project's root
    assert (tmp_path / ".p135_cache" / "entries").is_dir()


def test_the_project_root_holds_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("P135_NO_CACHE")
    (tmp_path / "p135.toml").write_text("", encoding="utf-8")
    below = tmp_path / "data" / "plans"
    below.mkdir(parents=True)
    shutil.copy(ROOT / "data/plans/bac-kan-2016-2020.yaml", below)
    monkeypatch.chdir(below)
    assert run_cli("validate", ".").code == 0
    assert (tmp_path / ".p135_cache" / ".gitignore").is_file()
    assert not (below / ".p135_cache").exists()


def test_a_damaged_or_planted_entry_is_a_miss(tmp_path: Path) -> None:
    """An entry p135 did not write (garbage, or one claiming a failing plan passes under
    another key) is never believed: the file is checked afresh."""
    plan = tmp_path / "plan.yaml"
    shutil.copy(CASES / "F101-fail.yaml", plan)
    cache = Cache(tmp_path / "cache", fingerprint(Settings(), Limits()))
    cold = check_paths([plan], cache=cache)
    (entry,) = (p for p in (tmp_path / "cache" / "entries").rglob("*") if p.is_file())
    for damage in ("", "{", "[]", '{"findings": [["F101"]]}', '{"findings": "x"}'):
        entry.write_text(damage, encoding="utf-8")
        assert shown(check_paths([plan], cache=cache)) == shown(cold)
    assert not cold.ok


def test_the_key_follows_the_settings_the_bytes_and_the_code(tmp_path: Path) -> None:
    base = fingerprint(Settings(), Limits())
    assert fingerprint(Settings(), Limits()) == base
    assert fingerprint(Settings(tolerance=Decimal("0.001")), Limits()) != base
    assert fingerprint(Settings(disabled=frozenset({"F101"})), Limits()) != base
    assert fingerprint(Settings(strict=True), Limits()) != base
    assert fingerprint(Settings(), Limits(max_digits=10)) != base
    cache = Cache(tmp_path, base)
    assert cache.key(b"a") != cache.key(b"b")
    assert Cache(tmp_path, base + "x").key(b"a") != cache.key(b"a")


def test_a_cache_that_cannot_be_written_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("P135_NO_CACHE")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    ran = run_cli("validate", "--format", "json", "--cache-dir", blocked, CASES / "F101-fail.yaml")
    fresh = run_cli("validate", "--format", "json", "--no-cache", CASES / "F101-fail.yaml")
    assert ran.code == fresh.code == 1
    assert json.loads(ran.out) == json.loads(fresh.out)
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_jobs_must_be_positive() -> None:
    ran = run_cli("validate", "--jobs", "0", ROOT / "data" / "plans")
    assert ran.code == 2
    assert "--jobs" in ran.err


def test_the_key_follows_every_byte_of_p135s_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited p135 (or a mutant of it) never reads what the unedited one cached."""
    import p135cli
    from p135cli import cache as module

    copy = tmp_path / "p135cli"
    shutil.copytree(Path(p135cli.__file__).parent, copy)
    monkeypatch.setattr(module, "__file__", str(copy / "cache.py"))
    before = fingerprint(Settings(), Limits())
    rules = copy / "rules" / "funding.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint(Settings(), Limits()) != before


@pytest.fixture
def timeless(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are seconds old; let the index know them by their times."""
    monkeypatch.setattr(cache_module, "RACY_NS", -1)


def index_of(folder: Path) -> dict[str, list[Any]]:
    """The index's rows by file name, each sealed with a MAC."""
    (index,) = folder.glob("index-*.sqlite")
    with contextlib.closing(sqlite3.connect(index)) as db:
        rows = db.execute("SELECT * FROM files").fetchall()
    assert all(len(row[-1]) == 64 for row in rows)
    return {row[0]: list(row) for row in rows}


def set_index(folder: Path, rows: dict[str, list[Any]]) -> None:
    """The index's rows replaced by `rows`, as someone who can write into the cache may."""
    (index,) = folder.glob("index-*.sqlite")
    with contextlib.closing(sqlite3.connect(index)) as db, db:
        db.execute("DELETE FROM files")
        db.executemany(f"INSERT INTO files VALUES ({', '.join('?' * 10)})", rows.values())


@pytest.mark.usefixtures("timeless")
def test_an_unchanged_file_is_known_without_reading_it(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = check_paths([many], jobs=1)
    folder = tmp_path / "cache"
    check_paths([many], cache=Cache(folder, "same"), jobs=2)

    def never(*args: object) -> bytes:
        raise AssertionError("a file the index knows was read")

    monkeypatch.setattr("p135cli.loading.read", never)
    warm = check_paths([many], cache=Cache(folder, "same"), jobs=1)
    assert shown(warm) == shown(cold)
    assert len(index_of(folder)) == len(checking.discover([many]))


@pytest.mark.usefixtures("timeless")
def test_an_edited_file_of_the_same_size_is_read_again(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = (CASES / "F101-pass.yaml").read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    folder = tmp_path / "cache"
    assert check_paths([plan], cache=Cache(folder, "same")).ok
    edited = text.replace('amount: "1', 'amount: "2', 1)
    assert edited != text and len(edited) == len(text)
    plan.write_text(edited, encoding="utf-8")
    os.utime(plan, ns=(1, 1))  # even with a time set back by hand: the inode's ctime moved
    again = check_paths([plan], cache=Cache(folder, "same"))
    assert shown(again) == shown(check_paths([plan]))
    assert not again.ok


def test_a_file_changed_just_now_is_not_known_by_its_time(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(CASES / "F101-pass.yaml", plan)
    folder = tmp_path / "cache"
    check_paths([plan], cache=Cache(folder, "same"))
    assert not list(folder.glob("index-*"))  # nothing to index: it is read next time


@pytest.mark.usefixtures("timeless")
def test_a_damaged_index_is_ignored(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(CASES / "F101-fail.yaml", plan)
    folder = tmp_path / "cache"
    cold = check_paths([plan], cache=Cache(folder, "same"))
    (index,) = folder.glob("index-*.sqlite")
    row = index_of(folder)[str(plan.resolve())]
    for damage in (
        [*row[:6], '{"findings": []}', *row[7:]],  # another outcome under the row's MAC
        [*row[:8], "0 0 0\n[]", row[9]],  # findings concluded as none
        [*row[:2], "[1, 2]", *row[3:]],  # a state the file is not in
    ):
        set_index(folder, {row[0]: damage})
        assert shown(check_paths([plan], cache=Cache(folder, "same"))) == shown(cold)
    index.write_bytes(b"not a database")
    assert shown(check_paths([plan], cache=Cache(folder, "same"))) == shown(cold)


@pytest.mark.usefixtures("timeless")
def test_a_file_read_again_is_read_under_the_run_s_limits(tmp_path: Path) -> None:
    """A row whose outcome cannot be believed (damaged), its entry gone: the file is read
    again as the run reads every file, under its limits, never under the defaults (which
    would pass a figure with more digits than --max-digits allows, and keep it passed)."""
    plans = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    shutil.copy(QUANG_NINH, plans[0])  # valid, but its figures have more digits than allowed
    shutil.copy(CASES / "C102-pass.yaml", plans[1])  # a citation: the run of one is another
    folder, limits = tmp_path / "cache", Limits(max_digits=3)
    cold = check_paths(plans[:1], limits=limits)
    assert not cold.ok and check_paths(plans[:1]).ok
    check_paths(plans, limits=limits, cache=Cache(folder, "same"))
    shutil.rmtree(folder / "entries")
    row = index_of(folder)[str(plans[0].resolve())]
    set_index(folder, {row[0]: [*row[:6], "damaged", *row[7:]]})
    again = check_paths(plans[:1], limits=limits, cache=Cache(folder, "same"))
    assert shown(again) == shown(cold)


@pytest.mark.usefixtures("timeless")
def test_a_file_edited_while_it_is_checked_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index knows a file by the state its bytes were read in: an edit after the read
    (while the rules run, or while other files are checked) is seen next time."""
    plan = tmp_path / "plan.yaml"
    text = (CASES / "F101-pass.yaml").read_text(encoding="utf-8")
    slipped = text.replace('amount: "1', 'amount: "2', 1)
    plan.write_text(text, encoding="utf-8")
    original = checking._outcome

    def edited_meanwhile(*args: Any) -> Any:
        made = original(*args)
        plan.write_text(slipped, encoding="utf-8")  # same size, another figure
        return made

    monkeypatch.setattr(checking, "_outcome", edited_meanwhile)
    assert check_paths([plan], cache=Cache(tmp_path / "cache", "same")).ok  # what it read
    monkeypatch.setattr(checking, "_outcome", original)
    again = check_paths([plan], cache=Cache(tmp_path / "cache", "same"))
    assert not again.ok
    assert shown(again) == shown(check_paths([plan]))


@pytest.mark.usefixtures("timeless")
def test_a_path_through_a_link_is_known_by_the_file_it_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`linkdir/../x.yaml` is spelled like `x.yaml` but reaches another file."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (elsewhere / "sub").mkdir(parents=True)
    project.mkdir()
    text = (CASES / "F101-pass.yaml").read_text(encoding="utf-8")
    (project / "x.yaml").write_text(text, encoding="utf-8")
    (elsewhere / "x.yaml").write_text(text.replace('amount: "1', 'amount: "2', 1), "utf-8")
    (project / "linkdir").symlink_to(elsewhere / "sub")
    monkeypatch.chdir(project)
    folder = tmp_path / "cache"
    for path in (Path("x.yaml"), Path("linkdir/../x.yaml"), Path("x.yaml")):
        cached = check_paths([path], cache=Cache(folder, "same"))
        assert shown(cached) == shown(check_paths([path]))


def test_an_entry_made_with_another_key_is_never_hit(tmp_path: Path) -> None:
    """A cache someone else made, or committed to the repository, claims findings this p135
    did not make: entries and the index are named by this user's secret key."""
    plan = tmp_path / "plan.yaml"
    shutil.copy(CASES / "F101-fail.yaml", plan)
    folder = tmp_path / "cache"
    base = fingerprint(Settings(), Limits())
    planted = Cache(folder, base, b"theirs" * 8)
    planted.put(planted.key(plan.read_bytes()), cache_module.Outcome([]))
    assert check_paths([plan], cache=planted).ok  # with their key, their claim is read
    mine = Cache(folder, base, b"mine" * 8)
    assert mine.get(mine.key(plan.read_bytes())) is None
    assert not check_paths([plan], cache=mine).ok


def test_the_users_secret_is_made_once_and_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = cache_module.user_secret()
    secret = tmp_path / "p135" / "secret"
    assert secret.read_bytes() == first and len(first) == 32
    assert secret.stat().st_mode & 0o077 == 0
    assert cache_module.user_secret() == first
    monkeypatch.setenv("XDG_CACHE_HOME", str(secret))  # a file: nowhere to keep a key
    assert len(cache_module.user_secret()) == 32


def test_a_worker_that_dies_ends_the_run_with_an_error(many: Path) -> None:
    """Killed or out of memory, a worker never leaves the run waiting forever."""
    script = (
        "import os, sys\n"
        "import p135cli.checking as checking\n"
        "original = checking._outcome\n"
        "def dying(data, *rest):\n"
        "    if b'Y003' in data[:200]: os._exit(9)\n"
        "    return original(data, *rest)\n"
        "checking._outcome = dying\n"
        "sys.argv = ['p135', 'validate', '--no-cache', '-j', '2', sys.argv[1]]\n"
        "from p135cli.launch import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(many)], capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 2, done.stderr
    assert b"internal error" in done.stderr
    assert b"Traceback" not in done.stderr


def test_an_empty_cache_folder_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("P135_NO_CACHE")
    ran = run_cli("validate", "--cache-dir", "", ROOT / "data" / "plans")
    assert (ran.code, ran.err) == (
        2,
        "p135: an empty cache folder was given: name one, or give --no-cache\n",
    )
    monkeypatch.setenv("P135_CACHE_DIR", " ")
    assert run_cli("validate", ROOT / "data" / "plans").code == 2


def test_a_folder_of_yours_named_as_the_cache_is_not_hidden_from_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("P135_NO_CACHE")
    (tmp_path / "plans").mkdir()
    shutil.copy(ROOT / "data/plans/bac-kan-2016-2020.yaml", tmp_path / "plans")
    assert run_cli("validate", "--cache-dir", tmp_path, tmp_path / "plans").code == 0
    assert not (tmp_path / ".gitignore").exists()
    assert not (tmp_path / "CACHEDIR.TAG").exists()


def test_two_broken_links_are_two_findings(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).symlink_to(tmp_path / "missing.yaml")
    run = check_paths([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert [[f.code for f in result.findings] for result in run.files] == [["Y001"], ["Y001"]]


def test_a_worker_gets_the_entries_but_never_the_index(tmp_path: Path) -> None:
    """The cache goes to the workers with every batch of files: what this run noted stays in
    the main process, or a long run would copy a growing index to them (and change it while
    a thread copies it)."""
    plan = tmp_path / "plan.yaml"
    shutil.copy(CASES / "F101-fail.yaml", plan)
    cache = Cache(tmp_path / "cache", "same")
    sent = len(pickle.dumps(cache))
    outcome = checking.outcome_of(plan, Settings(), Limits(), cache)
    cache.note(plan, replace(outcome, state=[1, 2, 3, 4, 5]))
    assert cache.noted and len(pickle.dumps(cache)) == sent
    worker = pickle.loads(pickle.dumps(cache))
    assert (worker.noted, worker.recalled, worker.known) == ({}, {}, None)
    key = worker.key(plan.read_bytes())
    assert worker.get(key) == cache.get(key) == replace(outcome, state=None)


@pytest.mark.usefixtures("timeless")
def test_a_file_touched_but_not_changed_is_found_by_its_bytes(many: Path, tmp_path: Path) -> None:
    cold = check_paths([many], jobs=1)
    folder = tmp_path / "cache"
    check_paths([many], cache=Cache(folder, "same"), jobs=2)
    (index,) = folder.glob("index-*.sqlite")
    written = index.stat().st_mtime_ns
    assert shown(check_paths([many], cache=Cache(folder, "same"), jobs=2)) == shown(cold)
    assert index.stat().st_mtime_ns == written  # every file known: the index is not rewritten
    for path in checking.discover([many]):
        os.utime(path, ns=(10**18, 10**18))
    again = Cache(folder, "same")
    assert shown(check_paths([many], cache=again, jobs=2)) == shown(cold)
    assert not again.recalled and len(again.noted) == len(checking.discover([many]))
    assert index.stat().st_mtime_ns != written


@pytest.mark.usefixtures("timeless")
def test_a_file_name_that_is_not_utf8_is_cached_by_its_bytes(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/k\xffh"
    try:
        os.mkdir(folder)
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    plan = os.fsdecode(folder + b"/k\xffh.yaml")
    shutil.copy(CASES / "F101-fail.yaml", plan)
    cold = check_paths([Path(plan)])
    store = tmp_path / "cache"
    for _ in range(2):
        assert shown(check_paths([Path(plan)], cache=Cache(store, "same"))) == shown(cold)
    assert not list(store.glob("index-*"))  # the index cannot name it
    assert len(list((store / "entries").rglob("*"))) >= 1


def entries_of(folder: Path) -> set[Path]:
    return {p for p in (folder / "entries").rglob("*") if p.is_file()}


def test_an_entry_copied_over_a_failing_plans_is_not_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever can write into the cache can copy a clean plan's entry (the findings of a
    valid plan) over a failing plan's: its MAC names the clean plan's entry, so the failing
    plan is checked afresh, and its entry written again as it should be."""
    monkeypatch.delenv("P135_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    folder = tmp_path / "cache"
    clean, wrong = tmp_path / "clean.yaml", tmp_path / "wrong.yaml"
    shutil.copy(CASES / "F101-pass.yaml", clean)
    shutil.copy(CASES / "F101-fail.yaml", wrong)
    assert run_cli("validate", "--cache-dir", folder, clean).code == 0
    (clean_entry,) = entries_of(folder)
    cold = run_cli("validate", "--cache-dir", folder, wrong)
    (wrong_entry,) = entries_of(folder) - {clean_entry}
    shutil.copy(clean_entry, wrong_entry)
    for _ in range(2):  # checked afresh, then read from its rewritten entry
        warm = run_cli("validate", "--cache-dir", folder, wrong)
        assert (warm.code, warm.out) == (cold.code, cold.out) == (1, cold.out), warm
        assert "F101" in warm.out and warm.err == ""
    assert wrong_entry.read_bytes() != clean_entry.read_bytes()


@pytest.mark.usefixtures("timeless")
def test_an_edited_index_is_not_believed(tmp_path: Path) -> None:
    """Each row of the index is sealed: a failing plan's outcome and findings swapped for a
    clean one's, the MAC kept, are ignored; so is a row sealed with another user's key."""
    clean, wrong = tmp_path / "clean.yaml", tmp_path / "wrong.yaml"
    shutil.copy(CASES / "F101-pass.yaml", clean)
    shutil.copy(CASES / "F101-fail.yaml", wrong)
    folder, base = tmp_path / "cache", fingerprint(Settings(), Limits())
    cold = check_paths([clean, wrong])
    check_paths([clean, wrong], cache=Cache(folder, base, b"mine" * 8))
    known = index_of(folder)
    mine, theirs = known[str(wrong)], known[str(clean)]
    swapped = [*mine[:4], *theirs[4:9], mine[9]]  # the clean plan's outcome and findings
    other = Cache(folder, base, b"theirs" * 8)
    state, run = json.loads(mine[1]), mine[3]
    concluded, digests = theirs[8], (theirs[4], theirs[5])
    forged = [*swapped[:9], other.row_mac(str(wrong), state, mine[2], run, digests, concluded)]
    for damage in (swapped, forged):
        set_index(folder, {**known, str(wrong): damage})
        again = Cache(folder, base, b"mine" * 8)
        assert shown(check_paths([clean, wrong], cache=again)) == shown(cold)
    assert index_of(folder)[str(wrong)][6:9] == known[str(wrong)][6:9]  # written again, sealed


@pytest.mark.parametrize(
    ("mode", "used"), [(0o777, False), (0o775, False), (0o757, False), (0o1777, True)]
)
def test_a_cache_folder_others_can_write_into_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int, used: bool
) -> None:
    """Group or others may write (without the sticky bit, which keeps each one's files
    their own): the run says so once and checks every file afresh, finding the same."""
    monkeypatch.delenv("P135_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(mode)
    plans = ROOT / "data" / "plans"
    ran = run_cli("validate", "-f", "json", "--cache-dir", folder, plans, CASES / "F101-fail.yaml")
    fresh = run_cli("validate", "-f", "json", "--no-cache", plans, CASES / "F101-fail.yaml")
    assert (ran.code, ran.out) == (fresh.code, fresh.out)
    assert bool(list(folder.iterdir())) is used
    said = (
        f"p135: others can write into the cache folder {folder}: running without cache "
        "(chmod go-w the folder to use it again)\n"
    )
    assert ran.err == ("" if used else said)


def test_a_cache_folder_of_another_user_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("P135_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    folder = tmp_path / "cache"
    folder.mkdir()
    owner = folder.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    ran = run_cli("validate", "--cache-dir", folder, CASES / "F101-fail.yaml")
    assert ran.code == 1 and not list(folder.iterdir())
    assert (
        ran.err
        == f"p135: the cache folder {folder} belongs to another user: running without cache\n"
    )


def test_a_cache_folder_p135_makes_is_the_users_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made under a umask that lets the group write (a shared server's 002), the folder is
    still this user's alone, so the next run uses it."""
    monkeypatch.delenv("P135_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    folder = tmp_path / "cache"
    old = os.umask(0o002)
    try:
        assert run_cli("validate", "--cache-dir", folder, CASES / "F101-fail.yaml").code == 1
    finally:
        os.umask(old)
    assert folder.stat().st_mode & 0o022 == 0
    ran = run_cli("validate", "--cache-dir", folder, CASES / "F101-fail.yaml")
    assert ran.code == 1 and ran.err == ""


def every_view(run: RunResult) -> list[str]:
    """The run as each format shows it, at each detail: what must not depend on the mode."""
    views = []
    for format in ("json", "text", "sarif"):
        for detail in (Detail.QUIET, Detail.NORMAL, Detail.ALL):
            stream = io.StringIO()
            renderer(format)(run, stream, color=False, detail=detail)
            views.append(stream.getvalue())
    return views


@pytest.mark.usefixtures("timeless")
@pytest.mark.parametrize("realistic", [False, True], ids=["clean", "realistic"])
@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "pool"])
def test_every_mode_shows_the_same(tmp_path: Path, realistic: bool, jobs: int) -> None:
    """Cache off, filled, warm, with one plan edited (a figure), and with one plan's citation
    edited (what the other plans are compared with): the same output in one process and in a
    pool, on the clean set and on one like provinces' plans (acknowledged findings,
    inferences, misdates across plans, errors)."""
    plans = tmp_path / "plans"
    paths = write(plans, 60, realistic=realistic)
    folder = tmp_path / "cache"
    for edit in (None, ("    value: ", "    value: 1"), ("date: 28/4/2017", "date: 28/4/2015")):
        if edit is not None:
            text = paths[9].read_text(encoding="utf-8")
            assert edit[0] in text
            paths[9].write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
            os.utime(paths[9], ns=(10**18, 10**18))  # a new state, however fast the edit
        cold = every_view(check_paths([plans], jobs=jobs))
        for _ in range(2):  # the cache filled (or updated), then read
            assert every_view(check_paths([plans], cache=Cache(folder, "same"), jobs=jobs)) == cold
    if realistic:  # the set has what it claims: errors, acknowledged, across plans
        codes = {f.code for r in check_paths([plans]).files for f in r.findings}
        assert {"C102", "I101", "C105", "F100"} <= codes
