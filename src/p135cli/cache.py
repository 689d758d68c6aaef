"""What checking one file leaves for the rest of a run, and a cache of it, like ruff's.

A run over thousands of plans keeps of each file only an `Outcome`: its findings as the rules
stated them, and what the checks across plans and the engine still need (the citations, the
acknowledgements, and the marks of both). The rest of the plan is let go once its findings
are made, so memory does not grow with the plans' size.

The cache keeps outcomes in `.p135_cache/` (or `--cache-dir`), one JSON file per entry, keyed
by the file's bytes, p135's own code and the configuration; what it holds is data, never
code, so a cache planted by someone else can only miss. Entries are written whole (a
temporary file renamed into place), so two runs may share a cache. A cache that cannot be
read or written is skipped: it only saves time, and never changes a finding.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from p135cli import __version__
from p135cli.findings import Finding, Location, Related, Severity
from p135cli.i18n import Listed, Message, NumberStyle, Signed, Written
from p135cli.loading import Limits, Loaded, Mark
from p135cli.model import Acknowledgement
from p135cli.rules.base import Settings
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
    read: bool = True  # False when the file could not be read at all: nothing to keep


def fingerprint(settings: Settings, limits: Limits) -> str:
    """What an outcome depends on besides the file: p135's code (its version, and the bytes
    of each of its modules and catalogues, so an edited p135 never reads an old entry, and
    the same p135 installed twice reads the same entries) and every setting a rule or the
    loader reads."""
    package = Path(__file__).parent
    source = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".mo"):
            source.update(path.relative_to(package).as_posix().encode() + b"\0")
            source.update(path.read_bytes())
    own = [
        source.hexdigest(),
        f"{settings.tolerance:f}",
        sorted(settings.disabled),
        sorted((code, str(level)) for code, level in settings.severities.items()),
        settings.strict,
        [limits.max_bytes, limits.max_depth, limits.max_nodes, limits.max_digits],
    ]
    return hashlib.blake2b(json.dumps(own).encode(), digest_size=16).hexdigest()


RACY_NS = 3_000_000_000
"""A file changed this recently may change again within the grain of its time stamp, unseen:
it is read again next time instead of being known by its time (git's "racily clean")."""


class Cache:
    """Outcomes by the file's bytes, under `folder`, for one fingerprint; and an index of the
    files a run has read, so that a file unchanged since (the same size, times, inode and
    device) is known without reading it, as git knows a file by its index."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.salt = fingerprint.encode()
        self.ready = False
        self.known: dict[str, list[Any]] | None = None
        self.noted: dict[str, list[Any]] = {}

    def key(self, data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=20, key=self.salt[:64]).hexdigest()

    def get(self, key: str) -> Outcome | None:
        try:
            text = (self.folder / "entries" / key[:2] / key).read_text(encoding="utf-8")
            return decode(json.loads(text))
        except Exception:  # missing, or not an entry this p135 wrote: check the file
            return None

    def put(self, key: str, outcome: Outcome) -> None:
        with contextlib.suppress(OSError):
            self._prepare()
            folder = self.folder / "entries" / key[:2]
            folder.mkdir(parents=True, exist_ok=True)
            _write_whole(folder / key, encode(outcome))

    def recall(self, path: Path) -> Outcome | None:
        """The outcome of `path` if the index knows it unchanged, without reading it."""
        if self.known is None:
            self.known = self._read_index()
        name = os.path.abspath(path)
        entry = self.known.get(name)
        if entry is None:
            return None
        try:
            if entry[0] != _signature(os.stat(name)):
                return None
            outcome = decode(entry[1])
        except Exception:  # changed, gone, or not an entry this p135 wrote
            return None
        self.noted[name] = entry
        return outcome

    def note(self, path: Path, outcome: Outcome) -> None:
        """Index `path` with its outcome, unless it changed too recently to be known by time."""
        name = os.path.abspath(path)
        with contextlib.suppress(OSError):
            stat = os.stat(name)
            if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS:
                self.noted[name] = [_signature(stat), encode(outcome)]

    def save(self) -> None:
        """Write the index of this run's files (and of the files earlier runs indexed), whole."""
        known = self.known or {}
        if all(known.get(name) == entry for name, entry in self.noted.items()):
            return
        with contextlib.suppress(OSError):
            self._prepare()
            _write_whole(self._index(), {**known, **self.noted})

    def _index(self) -> Path:
        return self.folder / f"index-{self.salt.decode('ascii', 'replace')[:32]}.json"

    def _read_index(self) -> dict[str, list[Any]]:
        try:
            found = json.loads(self._index().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def _prepare(self) -> None:
        """The folder, ignored by git and marked as a cache for backup tools."""
        if self.ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in (("GITIGNORE", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            path = self.folder / (".gitignore" if name == "GITIGNORE" else name)
            if not path.exists():
                path.write_text(text, encoding="utf-8")
        self.ready = True


def _signature(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev]


def _write_whole(path: Path, data: object) -> None:
    """`data` as JSON at `path`, renamed into place: a reader sees the old file or the new."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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


def decode(data: dict[str, Any]) -> Outcome:
    dated = data["dated"]
    loaded = data["loaded"]
    return Outcome(
        [_read_finding(item) for item in data["findings"]],
        [Acknowledgement.model_validate(item) for item in data["acknowledged"]],
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


def _read_finding(item: list[Any]) -> Finding:
    code, rule, severity, text, location, expected, actual, difference = item[:8]
    related, hint, template, style, explains = item[8:]
    return Finding(
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
