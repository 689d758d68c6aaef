"""What `make mutation` found untested in cache.py: the other tests drive the cache through
the command line in a subprocess, which mutmut cannot see. Here, in-process: an entry (and
the index) gives back exactly what was put, down to every field a finding shows; a folder
others may write into, or another user's, is refused; the folder p135 makes is marked; the
key follows the code, its catalogues and the settings."""

from __future__ import annotations

import os
import shutil
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from p135cli import cache as module
from p135cli.cache import (
    CACHEDIR_TAG,
    GITIGNORE,
    Cache,
    Outcome,
    fingerprint,
    signature,
    untrusted,
    user_folder,
)
from p135cli.findings import Finding, Location, Related, Severity
from p135cli.i18n import Listed, Message, NumberStyle, Signed, Written
from p135cli.loading import Loaded, Mark
from p135cli.model import Acknowledgement
from p135cli.rules.citations import Dated
from p135cli.settings import Limits, Settings

SECRET = b"k" * 32


def every_kind() -> Outcome:
    """An outcome with each thing an entry keeps: a finding with every field and every kind
    of message argument, one placed nowhere with no figures, an acknowledgement, a plan's
    dated citations and the marks kept of it."""
    placed = Finding(
        code="F101",
        rule="funding-sum",
        severity=Severity.ERROR,
        text=Message(
            "{name}: {sum} {difference} {written} {listed} {inner}",
            {
                "name": "Vốn ngân sách",
                "sum": Decimal("245.160"),
                "difference": Signed("-0.001"),
                "written": Written("245,159"),
                "listed": Listed([Decimal("1.5"), "hai"], "; "),
                "inner": Message("the part '{text}'", {"text": "Vốn vay"}),
            },
        ),
        location=Location(12, 7, "/funding/total"),
        expected=Decimal("245.160"),
        actual=Decimal("245.159"),
        difference=Decimal("-0.001"),
        related=(Related(Location(14, 9, "/funding/sources/ns/amount"), "part", "other.yaml"),),
        hint=Message("check {what}", {"what": "the total"}),
        template="sum",
        style=NumberStyle.VI,
        explains=frozenset({("F102", "/funding/years")}),
    )
    unplaced = Finding(code="C101", rule="citation", severity=Severity.WARNING, text=Message("x"))
    ack = Acknowledgement.model_validate(
        {"rule": "F101", "pointer": "/funding/total", "expected": "245.160", "found": "245.159",
         "reason": "the document prints it so"},
        context={"number_style": NumberStyle.EN},
    )  # fmt: skip
    dated = Dated(
        "Quảng Ninh",
        (("/legal_basis/cited/0/date", "12/2017/NQ-HĐND", "2017-07-01", True, "quảng ninh"),),
    )
    loaded = Loaded({"number_style": "vi"}, {"": Mark(1, 1), "/acknowledged/0": Mark(30, 5)})
    return Outcome([placed, unplaced], [ack], dated, loaded)


def shown(outcome: Outcome) -> list[tuple[str, str, str | None, Location | None]]:
    """What a reader sees of each finding: its code, its message and hint as rendered (a
    difference with its sign, a figure in the plan's style), and its place."""
    return [(f.code, f.message, f.hint_text, f.location) for f in outcome.findings]


def test_an_entry_gives_back_every_field_it_was_given(tmp_path: Path) -> None:
    """A later run reads an entry as the outcome that was put: the same findings (code,
    place with its column, expected, found and difference, related places, message and
    hint rendered alike), the acknowledgement, the province and citations C105 compares
    across plans, and the marks kept. A finding without place or figures stays without."""
    outcome = every_kind()
    key = Cache(tmp_path, "fp", SECRET).key(b"plan bytes")
    Cache(tmp_path / "cache", "fp", SECRET).put(key, outcome)
    got = Cache(tmp_path / "cache", "fp", SECRET).get(key)
    assert got is not None, "an entry this user's p135 wrote was not read back"
    assert got == outcome
    assert shown(got) == shown(outcome)
    assert "-0,001" in got.findings[0].message  # the difference keeps its sign
    assert got.dated == Dated(
        "Quảng Ninh",
        (("/legal_basis/cited/0/date", "12/2017/NQ-HĐND", "2017-07-01", True, "quảng ninh"),),
    )
    assert got.loaded is not None
    assert got.loaded.root == {"number_style": "vi"}
    assert got.loaded.values == {"": Mark(1, 1), "/acknowledged/0": Mark(30, 5)}


def test_a_plan_without_citations_or_marks_reads_back_without(tmp_path: Path) -> None:
    """An outcome of a file that did not load (nothing dated, nothing kept) stays so."""
    outcome = Outcome(every_kind().findings[1:])
    cache = Cache(tmp_path, "fp", SECRET)
    cache.put(cache.key(b"x"), outcome)
    assert Cache(tmp_path, "fp", SECRET).get(cache.key(b"x")) == outcome


def test_the_index_knows_an_unchanged_file_and_not_a_changed_one(tmp_path: Path) -> None:
    """A file indexed by one run is known to the next, unread, with its whole outcome and
    the state it was read in; once it changes it is read again."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: x\n", encoding="utf-8")
    state = signature(os.stat(plan))
    first = Cache(tmp_path / "cache", "fp", SECRET)
    first.recall(plan)  # the run looks first, and finds nothing
    first.note(plan, Outcome(every_kind().findings, state=state))
    first.save()
    recalled = Cache(tmp_path / "cache", "fp", SECRET).recall(plan)
    assert recalled is not None, "the index did not know a file it was told of"
    assert recalled == Outcome(every_kind().findings, state=state)
    plan.write_text("title: changed, and longer\n", encoding="utf-8")
    assert Cache(tmp_path / "cache", "fp", SECRET).recall(plan) is None


def test_a_later_run_writes_into_the_folders_an_earlier_run_made(tmp_path: Path) -> None:
    """Entries are spread over folders by the key's first two characters: a second run
    whose entry falls into a folder the first made still writes it (and reads it back)."""
    cache = Cache(tmp_path, "fp", SECRET)
    keys: dict[str, str] = {}
    for number in range(10_000):
        key = cache.key(str(number).encode())
        if key[:2] in keys:
            break
        keys[key[:2]] = key
    earlier = keys[key[:2]]
    Cache(tmp_path, "fp", SECRET).put(earlier, Outcome([]))
    later = Cache(tmp_path, "fp", SECRET)
    later.put(key, every_kind())
    assert Cache(tmp_path, "fp", SECRET).get(key) == every_kind()


def test_the_folder_p135_makes_is_ignored_by_git_and_tagged(tmp_path: Path) -> None:
    """A cache folder p135 makes gets a `.gitignore` of everything and a CACHEDIR.TAG
    (exactly that name, which backup tools look for); a folder of yours it did not make,
    and that is not tagged, gets neither."""
    made = tmp_path / "made"
    Cache(made, "fp", SECRET).put("ab" * 20, Outcome([]))
    assert (made / ".gitignore").read_text(encoding="utf-8") == GITIGNORE
    assert (made / "CACHEDIR.TAG").read_text(encoding="utf-8") == CACHEDIR_TAG
    assert sorted(p.name for p in made.iterdir()) == [".gitignore", "CACHEDIR.TAG", "entries"]
    yours = tmp_path / "yours"
    yours.mkdir()
    Cache(yours, "fp", SECRET).put("ab" * 20, Outcome([]))
    assert sorted(p.name for p in yours.iterdir()) == ["entries"]


def test_a_folder_others_can_write_into_is_refused(tmp_path: Path) -> None:
    """Group or other write without the sticky bit: the folder is not used, and the
    message says why and how to use it again. Nothing is written there."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o775)
    assert untrusted(folder) == (
        "others can write into the cache folder {folder}: running without cache "
        "(chmod go-w the folder to use it again)"
    )
    Cache(folder, "fp", SECRET).put("ab" * 20, Outcome([]))
    assert list(folder.iterdir()) == []
    folder.chmod(0o757)
    assert untrusted(folder) is not None


def test_a_sticky_shared_folder_and_ones_own_are_used(tmp_path: Path) -> None:
    """A folder only this user can change (or, like /tmp, writable by all with the sticky
    bit, so none can replace another's files), and one not made yet, are used."""
    own = tmp_path / "own"
    own.mkdir()
    own.chmod(0o755)
    assert untrusted(own) is None
    sticky = tmp_path / "sticky"
    sticky.mkdir()
    sticky.chmod(0o777 | stat.S_ISVTX)
    assert untrusted(sticky) is None
    assert untrusted(tmp_path / "not yet") is None


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no owners to compare")
def test_another_users_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder that belongs to someone else is not used, however its mode reads."""
    folder = tmp_path / "theirs"
    folder.mkdir()
    folder.chmod(0o755)
    someone = folder.stat().st_uid + 1
    monkeypatch.setattr(os, "geteuid", lambda: someone)
    assert untrusted(folder) == (
        "the cache folder {folder} belongs to another user: running without cache"
    )


def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key and the user's cache live in `~/.cache/p135` unless XDG_CACHE_HOME is an
    absolute path (a relative one would follow the working folder)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert user_folder() == tmp_path / ".cache" / "p135"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert user_folder() == tmp_path / ".cache" / "p135"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_folder() == tmp_path / "xdg" / "p135"


def test_the_key_follows_the_settings() -> None:
    """Entries made under other settings are never read: each setting is in the key."""
    base = fingerprint(Settings(), Limits())
    assert fingerprint(Settings(), Limits()) == base
    assert fingerprint(Settings(tolerance=Decimal("0.001")), Limits()) != base
    assert fingerprint(Settings(strict=True), Limits()) != base
    assert fingerprint(Settings(), Limits(max_depth=5)) != base


@pytest.mark.parametrize("edited", ["rules/funding.py", "locale/vi/LC_MESSAGES/p135.mo"])
def test_the_key_follows_p135s_code_and_catalogues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edited: str
) -> None:
    """An edited p135, a module or a message catalogue, never reads the entries the unedited
    one wrote."""
    copy = tmp_path / "p135cli"
    shutil.copytree(Path(module.__file__).parent, copy)
    monkeypatch.setattr(module, "__file__", str(copy / "cache.py"))
    before = fingerprint(Settings(), Limits())
    with (copy / edited).open("ab") as file:
        file.write(b"\n# edited\n")
    assert fingerprint(Settings(), Limits()) != before


def _site(folder: Path, *distributions: tuple[str, str]) -> Path:
    """A site folder holding the package `lib` and a dist-info per (folder name, RECORD)."""
    (folder / "lib").mkdir(parents=True)
    (folder / "lib" / "__init__.py").write_text("__version__ = 'imported'\n")
    for name, record in distributions:
        (folder / name).mkdir()
        (folder / name / "RECORD").write_text(record)
    return folder


def _installed_in(site: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(__import__("sys").modules, "lib", raising=False)
    return module._installed("lib", "lib")


def test_the_key_follows_the_library_s_own_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the key knows of a library is the RECORD of the distribution that holds its
    `__init__.py` (each file with its digest): another build is another key; a folder an
    older version left behind, or one holding only `_lib/__init__.py`, is not it."""
    own = "lib/__init__.py,sha256=aaa,24\n"
    stale = ("lib-1.0.dist-info", "lib/__init__.py,sha256=old,20\n")
    sibling = ("lib-3.0.dist-info", "_lib/__init__.py,sha256=x,1\n")
    site = _site(tmp_path / "a", ("lib-2.0.dist-info", own), sibling, ("lib-x.dist-info", own))
    first = _installed_in(site, monkeypatch)
    assert first.startswith("lib-2.0.dist-info:")
    (site / "lib-2.0.dist-info" / "RECORD").write_text(own.replace("aaa", "bbb"))
    assert _installed_in(site, monkeypatch) not in (first, "")
    both = _site(tmp_path / "b", ("lib-2.0.dist-info", own), stale)
    assert "imported" in _installed_in(both, monkeypatch)  # two claim it: asked of the library
    none = _site(tmp_path / "c", sibling)
    assert "imported" in _installed_in(none, monkeypatch)
