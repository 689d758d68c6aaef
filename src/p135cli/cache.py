"""What checking one file leaves for the rest of a run, and a cache of it, like ruff's.

A run over thousands of plans keeps of each file only an `Outcome`: its findings as the rules
stated them, and what the checks across plans and the engine still need (the citations, the
acknowledgements, and the marks of both). The rest of the plan is let go once its findings
are made, so memory does not grow with the plans' size.

The cache keeps outcomes in `.p135_cache/` (or `--cache-dir`), one JSON file per entry, keyed
by the file's bytes, p135's own code and the configuration, and named with a key only this
user holds (`user_secret`): what it holds is data, never code, and a cache someone else wrote
or committed is never hit. Every entry and the index end with a MAC (HMAC-SHA256, keyed with
the same secret) over their name and content: an entry copied over another's (a clean
plan's findings over a failing plan's), or an index edited, is not believed, and the file
is checked afresh. A folder others can write into is not used at all (`untrusted`). An index
knows a file by the state it was read in (size, times, inode, device), so an unchanged file
is not read again. Entries and the index are written whole (a temporary file renamed into
place), so two runs may share a cache. A cache that cannot be read or written is skipped: it
only saves time, and never changes a finding.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib
import json
import os
import sqlite3
import stat
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from p135cli import __version__
from p135cli.findings import Deferred, FileResult, Finding, Location, Related, Severity
from p135cli.i18n import N_, Listed, Message, NumberStyle, Signed, Written
from p135cli.settings import Limits, Settings

if TYPE_CHECKING:  # a run that reads only the index's rows imports no model nor YAML reader
    from p135cli.loading import Loaded
    from p135cli.model import Acknowledgement
    from p135cli.rules.citations import Dated

FOLDER = ".p135_cache"
GITIGNORE = "# Made by p135: its cache, never to be committed.\n*\n"
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# p135's cache (bford.org/cachedir)\n"


@dataclass
class Outcome:
    """What one file's check leaves: its findings, not yet concluded, and, when it loaded
    as a plan or a report, what concluding them and the checks across plans need."""

    findings: list[Finding]
    acknowledged: list[Acknowledgement] = field(default_factory=list)
    dated: Dated | None = None  # a plan's citations, for C105 across plans
    loaded: Loaded | None = None  # the kept marks and texts (`Loaded.keep`)
    state: list[int] | None = None
    """The file's state when its bytes were read (`signature`), if the index may know the
    file by it: None when it could not be read, or had changed too recently to tell."""


def fingerprint(settings: Settings, limits: Limits) -> str:
    """What an outcome depends on besides the file: p135's code (its version, and the bytes
    of each of its modules and catalogues, so an edited p135 never reads an old entry, and
    the same p135 installed twice reads the same entries), the Python, Unicode, YAML and
    pydantic it runs on, and every setting a rule or the loader reads."""
    package = Path(__file__).parent
    source = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".mo"):
            source.update(path.relative_to(package).as_posix().encode() + b"\0")
            source.update(path.read_bytes())
    own = [
        source.hexdigest(),
        [sys.version, unicodedata.unidata_version],
        [_installed(module, name) for module, name in _RUNS_ON],
        f"{settings.tolerance:f}",
        sorted(settings.disabled),
        sorted((code, str(level)) for code, level in settings.severities.items()),
        settings.strict,
        None if settings.units is None else settings.units.digest,
        [limits.max_bytes, limits.max_depth, limits.max_nodes, limits.max_digits],
    ]
    return hashlib.blake2b(json.dumps(own).encode(), digest_size=16).hexdigest()


_RUNS_ON = (("yaml", "pyyaml"), ("pydantic", "pydantic"), ("pydantic_core", "pydantic_core"))
"""The libraries a file's outcome depends on: their module, and their distribution's name."""


def _installed(module: str, name: str) -> str:
    """What is installed of a library, without importing it (a run whose files are all known
    does not pay for pydantic): the digest of its distribution's RECORD, which names each of
    its files with the digest of its bytes (a C parser built in or not, another version).
    The distribution is the one whose RECORD holds the module's `__init__.py`: a folder an
    older version left behind is not it. Where there is not exactly one, the library is
    imported and its version read."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return _imported_version(module)
    site = Path(next(iter(folders))).parent
    owned = f"\n{module}/__init__.py,".encode()  # a line of its own: not `_yaml/__init__.py`
    records = []
    with contextlib.suppress(OSError):
        for entry in os.listdir(site):
            version = entry[len(name) + 1 :]
            if entry.lower().startswith(name + "-") and entry.endswith(".dist-info"):
                with contextlib.suppress(OSError):
                    record = (site / entry / "RECORD").read_bytes()
                    if version[:1].isdigit() and owned in b"\n" + record:
                        records.append((entry, record))
    if len(records) != 1:
        return _imported_version(module)
    entry, record = records[0]
    return entry + ":" + hashlib.blake2b(record, digest_size=16).hexdigest()


def _imported_version(module: str) -> str:
    imported = importlib.import_module(module)
    version = getattr(imported, "__version__", getattr(imported, "VERSION", ""))
    return f"{module} {version} {getattr(imported, '__with_libyaml__', '')}"


def user_folder() -> Path:
    """This user's own folder for p135 (`$XDG_CACHE_HOME/p135`, else `~/.cache/p135`): its
    key, and the cache of runs outside every project. A relative XDG_CACHE_HOME is ignored,
    as the XDG specification says, or the folder would follow the working folder."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(home):
        home = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "p135"


def user_secret() -> bytes:
    """This user's key for the cache, kept outside every project (`~/.cache/p135/secret`,
    made once, readable by the user only). Entries and the index are named by it, so a
    cache someone else wrote, or committed to a repository, can never be hit: it would
    claim findings p135 did not make. Without a place to keep it, a key for this run only:
    nothing is reused, and nothing is wrong."""
    path = user_folder() / "secret"
    try:
        found = path.read_bytes()
        if len(found) >= 32:
            return found
    except OSError:
        pass
    made = os.urandom(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(made)
    except OSError:  # no home to keep it in, or another run made it first: read it once more
        with contextlib.suppress(OSError):
            found = path.read_bytes()
            if len(found) >= 32:
                return found
    return made


def untrusted(folder: Path) -> str | None:
    """Why the cache in `folder` is not used, as a message template taking {folder}: it
    belongs to another user, or others may write into it (group or other write without the
    sticky bit). None when only this user can change it, or it does not exist yet (p135 then
    makes it, writable by this user only)."""
    try:
        state = folder.stat()
    except OSError:
        return None
    owner = getattr(os, "geteuid", None)  # Windows has no owners to compare
    if owner is not None and state.st_uid != owner():
        return N_("the cache folder {folder} belongs to another user: running without cache")
    shared = state.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if shared and not state.st_mode & stat.S_ISVTX:
        return N_(
            "others can write into the cache folder {folder}: running without cache "
            "(chmod go-w the folder to use it again)"
        )
    return None


def signature(state: os.stat_result) -> list[int]:
    """A file as the index knows it: its size, times, inode and device."""
    return [state.st_size, state.st_mtime_ns, state.st_ctime_ns, state.st_ino, state.st_dev]


RACY_NS = 3_000_000_000
"""A file changed this shortly before it was read may change again within the grain of its
time stamp, unseen: it is read again next time instead of being known by its state (git's
"racily clean")."""


def knowable(state: os.stat_result, at: int) -> list[int] | None:
    """The state to know a file by, read at `at`; None if it changed too shortly before."""
    if at - max(state.st_mtime_ns, state.st_ctime_ns) > RACY_NS:
        return signature(state)
    return None


@dataclass(frozen=True)
class Row:
    """What the index holds of one file, without its outcome: the state it was read in, what
    the check across plans reads of it (`across`), and the run it was last concluded in."""

    name: str
    state: list[int]
    across: str | None
    """Its citations with their marks (`across_text`), None where it has none."""
    run: str
    """The digest of every file's `across` in the run that concluded it (`run_digest`)."""
    digests: tuple[str, str]
    """The digests of its outcome and of what the check across plans found in it."""
    concluded: str | None
    """Its findings as that run concluded them (JSON), if it kept them."""
    mac: str

    def sealed(self, cache: Cache) -> bool:
        """Whether this user's p135 wrote the row as it is."""
        mac = cache.row_mac(self.name, self.state, self.across, self.run, self.digests,
                            self.concluded)  # fmt: skip
        return hmac.compare_digest(mac, self.mac)


Concluded = tuple[list[Finding], list[Finding]]
"""What the check across plans found in a file, and its findings as the engine concluded them."""

MOST_ROWS = 200_000
"""The index's bound: past this many files, only those of the latest run are kept."""


class Cache:
    """Outcomes by the file's bytes, under `folder`, for one fingerprint and one user's key;
    and an index of the files a run has read (sqlite, one row a file), so that a file in the
    state it was read in (the same size, times, inode and device) is known without reading
    it, as git knows a file by its index. A row keeps the file's outcome, and its findings as
    the engine concluded them in the last run: a run whose files' citations are those of the
    run that concluded a file (`Row.run`) takes its findings as they are, decoding nothing
    else."""

    def __init__(self, folder: Path, fingerprint: str, secret: bytes = b"") -> None:
        self.folder = folder
        self.salt = hashlib.blake2b(fingerprint.encode(), key=secret[:64]).digest()
        self.secret = secret
        self.ready = False
        self.db: sqlite3.Connection | None = None
        self.known: dict[str, Row] | None = None
        self.recalled: dict[str, Row] = {}
        self.noted: dict[str, tuple[Outcome, str | None, Concluded | None]] = {}
        self.folders: set[str] = set()
        self.names: dict[str, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        """What a worker needs to read and write entries: never the index, nor what this run
        has noted, which would be copied to the workers with every batch of files and grow
        with the run (and change under the thread that copies it)."""
        return {
            "folder": self.folder,
            "salt": self.salt,
            "secret": self.secret,
            "ready": self.ready,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.db, self.known, self.recalled, self.noted, self.folders = None, None, {}, {}, set()
        self.names = {}

    def key(self, data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=20, key=self.salt).hexdigest()

    def mac(self, name: str) -> hmac.HMAC:
        """The MAC of a file of this cache named `name`, to be fed its content: the name is
        in it, so an entry moved under another name (or the index) is not believed."""
        return hmac.new(self.secret, f"p135 cache\0{name}\0".encode(), hashlib.sha256)

    def opened(self, path: Path) -> Any:
        """The JSON a file of this cache holds, if its MAC is this user's; else ValueError."""
        body, _, tag = path.read_bytes().rpartition(b"\n")
        mac = self.mac(path.name)
        mac.update(body)
        if not hmac.compare_digest(mac.hexdigest().encode(), tag):
            raise ValueError("not written by this user's p135")
        return json.loads(body)

    def get(self, key: str) -> Outcome | None:
        try:
            return decode(self.opened(self.folder / "entries" / key[:2] / key))
        except Exception:  # missing, or not an entry this p135 wrote: check the file
            return None

    def put(self, key: str, outcome: Outcome) -> None:
        with contextlib.suppress(OSError):
            self._prepare()
            folder = self.folder / "entries" / key[:2]
            if key[:2] not in self.folders:  # a folder made once is not asked for again
                folder.mkdir(mode=0o755, parents=True, exist_ok=True)
                self.folders.add(key[:2])
            _write_whole(folder / key, encode(outcome), self.mac(key))

    def row(self, path: Path) -> Row | None:
        """What the index holds of `path` (its outcome unread), whatever state it is in now."""
        if self.known is None:
            self.known = self._rows()
        return self.known.get(self._name(path))

    def _name(self, path: Path) -> str:
        """`path` as the index names it (absolute), worked out once a run."""
        key = str(path)
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = os.path.abspath(key)
        return name

    def current(self, path: Path, state: os.stat_result | None = None) -> Row | None:
        """The row of `path` if the index knows it in its present state: the state of the
        file the path leads to now, whatever links it goes through (`state`, if the run has
        just looked at it)."""
        row = self.row(path)
        try:
            if row is None or row.state != signature(os.stat(path) if state is None else state):
                return None
        except OSError:
            return None
        self.recalled[row.name] = row
        return row

    def recall(self, path: Path) -> Outcome | None:
        """The outcome of `path` if the index knows it in its present state, unread."""
        row = self.current(path)
        outcome = None if row is None else self.outcome(row)
        if outcome is None and row is not None:
            del self.recalled[row.name]
        return outcome

    def outcome(self, row: Row) -> Outcome | None:
        """The outcome a row holds, if it is this user's p135's."""
        found = self._column(row, "outcome", 0)
        return None if found is None else replace(decode(found), state=row.state)

    def concluded(self, row: Row) -> Deferred | None:
        """The file's findings as the run `row.run` concluded them, if it kept them: read
        when they are looked at, their counts at once."""
        text = row.concluded
        if text is None or not row.sealed(self):
            return None
        try:  # the counts, then the findings: not split off, which would copy them all
            end = text.index("\n")
            errors, warnings, acknowledged = map(int, text[:end].split())
        except ValueError:  # not what this p135 writes: conclude it again
            return None
        return Deferred((errors, warnings, acknowledged), lambda: _read_all(text[end + 1 :]))

    def across_found(self, row: Row) -> list[Finding] | None:
        """What the check across plans found in the file in the run `row.run`."""
        found = self._column(row, "found", 1)
        return None if found is None else [_read_finding(item) for item in found]

    def note(
        self,
        path: Path,
        outcome: Outcome,
        run: str | None = None,
        concluded: Concluded | None = None,
    ) -> None:
        """Index `path` by the state its bytes were read in, if it can be known by it; with
        the run's digest, what the check across plans found in it, and its findings as the
        engine concluded them."""
        name = self._name(path)
        if outcome.state is not None and _storable(name):
            self.noted[name] = (outcome, run, concluded)

    def save(self) -> None:
        """Write what this run noted into the index, in one transaction; drop the rows of
        files that are gone, and keep at most `MOST_ROWS` rows."""
        if not self.noted:
            return
        with contextlib.suppress(OSError, sqlite3.Error):
            self._prepare()
            db = self._open(create=True)
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (self._sealed(name, *noted) for name, noted in self.noted.items()),
                )
                self._prune(db)

    def _sealed(
        self,
        name: str,
        outcome: Outcome,
        run: str | None,
        concluded: Concluded | None,
    ) -> tuple[Any, ...]:
        across = across_text(outcome)
        made = _compact(encode(outcome))
        found = None if concluded is None else _compact([_finding(f) for f in concluded[0]])
        shown = None if concluded is None else _shown(concluded[1])
        digests = (_digest(made), _digest(found))
        mac = self.row_mac(name, outcome.state or [], across, run or "", digests, shown)
        state = _compact(outcome.state)
        return (name, state, across, run or "", *digests, made, found, shown, mac)

    def row_mac(
        self,
        name: str,
        state: list[int],
        across: str | None,
        run: str,
        digests: tuple[str, str],
        concluded: str | None,
    ) -> str:
        """The MAC of a row (keyed BLAKE2b): of its name, state, citations, run, its findings
        as concluded, and the digests of its outcome and of what was found across plans, so
        that a row is believed whole or not at all, and its outcome is read only when
        needed."""
        mac = hashlib.blake2b(key=self.secret[:64] or b"-", digest_size=32)
        fields = (name, ",".join(map(str, state)), across, run, *digests, concluded)
        # Each field with its length, None apart from "": no two rows read as one text. Not
        # JSON: this is done for every row of every run, and json.dumps costs five times more.
        text = "".join("-\0" if f is None else f"{len(f)}:{f}\0" for f in fields)
        mac.update(b"p135 index 2\0" + text.encode("utf-8", "surrogatepass"))
        return mac.hexdigest()

    def _column(self, row: Row, column: str, index: int) -> Any:
        """A column of a row as JSON, if the row's MAC holds with it; else None."""
        try:
            db = self._open()
            found = db.execute(f"SELECT {column} FROM files WHERE name = ?", (row.name,)).fetchone()
            if found is None or found[0] is None or not row.sealed(self):
                return None
            if _digest(found[0]) != row.digests[index]:
                return None
            return json.loads(found[0])
        except Exception:  # gone, or not an index this p135 wrote: check the file
            return None

    def _rows(self) -> dict[str, Row]:
        """Every row but its outcome and what was found across plans."""
        try:
            db = self._open()
            found = db.execute(
                "SELECT name, state, across, run, odigest, fdigest, concluded, mac FROM files"
            ).fetchall()
        except (OSError, sqlite3.Error):
            return {}
        rows = {}
        for name, state, across, run, odigest, fdigest, concluded, mac in found:
            with contextlib.suppress(ValueError, TypeError):
                rows[name] = Row(
                    name, json.loads(state), across, run, (odigest, fdigest), concluded, mac
                )
        return rows

    def _prune(self, db: sqlite3.Connection) -> None:
        """Drop the rows of files that are gone; past `MOST_ROWS`, those this run did not
        read."""
        ours = self.noted.keys() | self.recalled.keys()
        others = [name for name in (self.known or {}) if name not in ours]
        gone = [(name,) for name in others if not os.path.exists(name)]
        db.executemany("DELETE FROM files WHERE name = ?", gone)
        if len(ours) + len(others) - len(gone) > MOST_ROWS:
            db.executemany("DELETE FROM files WHERE name = ?", ((n,) for n in others))

    def _open(self, create: bool = False) -> sqlite3.Connection:
        if self.db is None:
            path = self._index()
            if not create and not path.exists():
                raise FileNotFoundError(path)
            db = sqlite3.connect(path, timeout=10, isolation_level="DEFERRED")
            db.execute(SCHEMA)
            self.db = db
        return self.db

    def _index(self) -> Path:
        return self.folder / f"index-{self.salt.hex()[:32]}.sqlite"

    def _prepare(self) -> None:
        """The folder, ignored by git and marked as a cache for backup tools; the marks only
        go into a folder p135 made, or one already marked, never into a folder of yours that
        --cache-dir named (a `.gitignore` of `*` there would hide all of it from git). A
        folder made for this user only; one that others made meanwhile is not written to."""
        if self.ready:
            return
        made = not self.folder.exists()
        self.folder.mkdir(mode=0o755, parents=True, exist_ok=True)
        if untrusted(self.folder) is not None:
            raise PermissionError(self.folder)
        if made or (self.folder / "CACHEDIR.TAG").is_file():
            for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
                if not (self.folder / name).exists():
                    (self.folder / name).write_text(text, encoding="utf-8")
        self.ready = True


SCHEMA = (
    "CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, state TEXT NOT NULL, across TEXT,"
    " run TEXT NOT NULL, odigest TEXT NOT NULL, fdigest TEXT NOT NULL, outcome TEXT NOT NULL,"
    " found TEXT, concluded TEXT, mac TEXT NOT NULL)"
)


def _digest(text: str | None) -> str:
    if text is None:
        return "-"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def across_text(outcome: Outcome) -> str | None:
    """What the check across plans reads of a file, as text: its province, its citations and
    where each stands (another plan's finding names the place)."""
    dated, loaded = outcome.dated, outcome.loaded
    if dated is None or loaded is None:
        return None
    wanted = set(dated.pointers)
    marks = {p: [m.line, m.column] for p, m in loaded.values.items() if p in wanted}
    style = loaded.root.get("number_style") if isinstance(loaded.root, dict) else None
    return _compact([dated.province, [list(c) for c in dated.citations], marks, style])


def run_digest(labels: Iterable[tuple[str, str | None]]) -> str:
    """The digest of what the check across plans reads in a run: each file's name as shown
    and its `across_text`, in order. Two runs with one digest find the same across plans."""
    digest = hashlib.blake2b(digest_size=20)
    for label, across in labels:
        if across is not None:  # each with its length: no two pairs read as one text
            line = f"{len(label)}:{label}\0{len(across)}:{across}\0"
            digest.update(line.encode("utf-8", "surrogateescape"))  # a name not in UTF-8
    return digest.hexdigest()


def _storable(name: str) -> bool:
    """Whether a path can be a key of the index: a name whose bytes are not UTF-8 comes to
    Python with stand-ins JSON cannot write. Such a file is still cached by its bytes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _write_whole(
    path: Path, data: dict[str, Any] | Iterable[tuple[str, Any]], mac: hmac.HMAC
) -> None:
    """`data` as a JSON object at `path`, and on a line after it the MAC of what was written
    (compact JSON has no line break of its own); renamed into place: a reader sees the old
    file or the new. Pairs are written one at a time, so an index never exists twice in
    memory."""
    import tempfile  # here: a run that writes nothing does not pay for it (a twentieth of a start)

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    pairs = data.items() if isinstance(data, dict) else data
    try:
        with os.fdopen(handle, "wb") as file:

            def write(text: str) -> None:
                chunk = text.encode("utf-8")
                mac.update(chunk)
                file.write(chunk)

            write("{")
            for index, (name, value) in enumerate(pairs):
                write(("," if index else "") + _compact(name) + ":" + _compact(value))
            write("}")
            file.write(b"\n" + mac.hexdigest().encode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode(outcome: Outcome) -> dict[str, Any]:
    loaded = outcome.loaded
    return {
        "findings": [_finding(finding) for finding in outcome.findings],
        "acknowledged": [ack.model_dump(mode="json") for ack in outcome.acknowledged],
        "dated": None
        if outcome.dated is None
        else [outcome.dated.province, [list(c) for c in outcome.dated.citations]],
        "loaded": None
        if loaded is None
        else [loaded.root, {p: [m.line, m.column] for p, m in loaded.values.items()}],
    }


_PLAIN = {"number_style": NumberStyle.EN}
"""How an acknowledgement's pinned figures read back: JSON wrote them as plain decimals."""


def decode(data: dict[str, Any]) -> Outcome:
    from p135cli.loading import Loaded, Mark
    from p135cli.model import Acknowledgement
    from p135cli.rules.citations import Dated

    dated = data["dated"]
    loaded = data["loaded"]
    return Outcome(
        [_read_finding(item) for item in data["findings"]],
        [Acknowledgement.model_validate(item, context=_PLAIN) for item in data["acknowledged"]],
        None if dated is None else Dated(dated[0], tuple(tuple(c) for c in dated[1])),
        None
        if loaded is None
        else Loaded(loaded[0], {p: Mark(line, column) for p, (line, column) in loaded[1].items()}),
    )


def _finding(finding: Finding) -> list[Any]:
    return [
        finding.code,
        finding.rule,
        finding.severity.value,
        _message(finding.text),
        _location(finding.location),
        *(None if d is None else str(d) for d in (finding.expected, finding.actual)),
        None if finding.difference is None else str(finding.difference),
        [[_location(r.location), r.role, r.path] for r in finding.related],
        None if finding.hint is None else _message(finding.hint),
        finding.template,
        None if finding.style is None else finding.style.value,
        sorted(finding.explains),
    ]


def _shown(findings: list[Finding]) -> str:
    """A file's findings as concluded: their counts on a first line, then them as JSON."""
    counted = FileResult("", findings).counts()
    return " ".join(map(str, counted)) + "\n" + _compact([_concluded(f) for f in findings])


def _read_all(text: str) -> list[Finding]:
    return [_read_concluded(item) for item in json.loads(text)]


def _concluded(finding: Finding) -> list[Any]:
    """A finding as the engine concluded it: with its acknowledgement and what it follows."""
    return [*_finding(finding), finding.acknowledged, finding.reason, finding.follows]


def _read_concluded(item: list[Any]) -> Finding:
    return _read_finding(item[:13], *item[13:])


def _read_finding(
    item: list[Any],
    acknowledged: bool = False,
    reason: str | None = None,
    follows: int | None = None,
) -> Finding:
    code, rule, severity, text, location, expected, actual, difference = item[:8]
    related, hint, template, style, explains = item[8:]
    return Finding(
        acknowledged=acknowledged,
        reason=reason,
        follows=follows,
        code=code,
        rule=rule,
        severity=Severity(severity),
        text=_read_message(text),
        location=_read_location(location),
        expected=None if expected is None else Decimal(expected),
        actual=None if actual is None else Decimal(actual),
        difference=None if difference is None else Decimal(difference),
        related=tuple(Related(_read_location(at), role, path) for at, role, path in related),  # type: ignore[arg-type]
        hint=None if hint is None else _read_message(hint),
        template=template,
        style=None if style is None else NumberStyle(style),
        explains=frozenset((code, pointer) for code, pointer in explains),
    )


def _location(location: Location | None) -> list[Any] | None:
    return None if location is None else [location.line, location.column, location.pointer]


def _read_location(item: list[Any] | None) -> Location | None:
    return None if item is None else Location(item[0], item[1], item[2])


def _message(message: Message) -> list[Any]:
    return [message.template, {name: _arg(value) for name, value in message.args.items()}]


def _read_message(item: list[Any]) -> Message:
    return Message(item[0], {name: _read_arg(value) for name, value in item[1].items()})


def _arg(value: object) -> list[Any]:
    """A message argument with its kind, so that it is shown as before: a figure in the
    plan's style, a difference with its sign, a stated figure verbatim. Anything else is
    shown as its text, which is what is kept of it."""
    if isinstance(value, Listed):
        return ["list", [_arg(item) for item in value.items], value.between]
    if isinstance(value, Message):
        return ["message", _message(value)]
    if isinstance(value, Signed):
        return ["signed", str(value)]
    if isinstance(value, Decimal):
        return ["decimal", str(value)]
    if isinstance(value, Written):
        return ["written", str(value)]
    return ["text", str(value)]


def _read_arg(item: list[Any]) -> object:
    kind = item[0]
    if kind == "list":
        return Listed([_read_arg(i) for i in item[1]], item[2])
    if kind == "message":
        return _read_message(item[1])
    if kind == "signed":
        return Signed(item[1])
    if kind == "decimal":
        return Decimal(item[1])
    if kind == "written":
        return Written(item[1])
    if kind == "text":
        return str(item[1])
    raise ValueError(kind)
