"""Exact, located YAML loading.

The tree is built straight from PyYAML's parse events, never through its composer or
constructor, so that:

- every value keeps its line and column (an index maps each JSON pointer to its mark);
- plain scalars stay source text (`Plain`), to be read as numbers only where a number is
  expected, exactly, as `Decimal`; YAML 1.1's `yes`, `010`, `1:20` or bare dates never turn
  into another type behind the reader's back;
- anchors, aliases, non-core tags and second documents are refused, and depth and node count
  are capped while parsing, so a hostile file costs nothing (the C composer recurses and
  crashes on deep nesting; this builder keeps its own stack);
- duplicate keys, also ones equal only after Unicode normalisation, are reported with both lines.
"""

from __future__ import annotations

import gc
import os
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from p135cli import lookalike
from p135cli.i18n import N_, Message
from p135cli.settings import Limits
from p135cli.yaml_problems import in_words

try:  # the C parser is several times faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
TEXT_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})
# Characters that make two names look alike but compare different, with what to write instead.
SUSPICIOUS: dict[str, str] = {
    "\u00d0": N_("write Đ (U+0110): Ð U+00D0 is the Icelandic eth"),
    "\u00f0": N_("write đ (U+0111): ð U+00F0 is the Icelandic eth"),
    "\u0189": N_("write Đ (U+0110): Ɖ U+0189 is the African D"),
}
# Spaces other than the plain one, pasted from Word, Excel or a web page.
SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Unicode's default-ignorable code points (bidi controls, joiners, soft hyphen, variation
# selectors, fillers, tags): invisible, so a name holding one never matches its twin.
IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# Private-use characters show as nothing or a box; U+2028 and U+2029 arrive as two of them.
PRIVATE = "\ue000-\uf8ff"
# Control characters a quoted value can spell as escapes ("\e", "\x07") though the file has none.
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SUSPICIOUS_RE = re.compile(
    "[" + "".join(SUSPICIOUS) + SPACES + IGNORABLE + PRIVATE + CONTROLS + "]"
)
_SPACE_RE = re.compile("[" + SPACES + "]")


def advice(char: str) -> Message:
    """What to write instead of a suspicious character."""
    if char in _STOOD_FOR:
        separator = _STOOD_FOR[char]
        template = N_("write a line break or a space: a {name} (U+{code}) was pasted in")
        return said(template, name=unicodedata.name(separator), code=f"{ord(separator):04X}")
    if char in SUSPICIOUS:
        return said(SUSPICIOUS[char])
    name: Message | str = unicodedata.name(char, "") or Message(N_("a control character"))
    code = f"{ord(char):04X}"
    if _SPACE_RE.match(char):
        return said(
            N_("write a plain space: {name} (U+{code}) was pasted in"), name=name, code=code
        )
    # A letter of another script or a wide one; invisible letters and marks (a filler, a
    # variation selector) are written as nothing.
    if unicodedata.category(char)[0] in "LM" and not _SUSPICIOUS_RE.match(char):
        twin = _latin_twin(char)
        if twin is None:
            template = N_("write the Latin letter meant: {name} (U+{code}) is from another script")
            return said(template, name=name, code=code)
        template = N_("write {twin} (U+{twin_code}): {name} (U+{code}) only looks like it")
        return said(template, twin=twin, twin_code=f"{ord(twin):04X}", name=name, code=code)
    return said(N_("write nothing: {name} (U+{code}) cannot be seen"), name=name, code=code)


def _latin_twin(char: str) -> str | None:
    """The one Latin letter `char` looks like (its compatibility form, or its prototype in
    Unicode's confusables), if there is one."""
    for twin in (unicodedata.normalize("NFKC", char), lookalike.prototype(char)):
        if len(twin) == 1 and twin != char and "Latn" in lookalike.scripts(twin):
            return twin
    return None


def said(template: str, **args: object) -> Message:
    """A message of the loader: its template and arguments, shown in the run's language."""
    return Message(template, args)


def _code(char: str) -> str:
    return f"{ord(_STOOD_FOR.get(char, char)):04X}"


def suspicious(text: str) -> str | None:
    """The first character in `text` that looks like another or cannot be seen, if any:
    invisible and look-alike characters, a letter whose scripts the text's other letters do
    not share (UTS #39 mixed scripts) and a compatibility form of a letter (full-width `Ａ`)."""
    found = _SUSPICIOUS_RE.search(text)
    if found is not None:
        return found.group()
    return lookalike.mixed_script(text) or lookalike.compatibility_letter(text)


class Mark(NamedTuple):
    """Where a value or key was written. A named tuple, not a frozen dataclass: the loader
    makes one for every value of every plan, and a tuple is made in a third of the time."""

    line: int  # 1-based
    column: int  # 1-based


class Plain(str):
    """An unquoted scalar, kept as its source text: a number only where a number is expected."""

    __slots__ = ()


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file itself, before any rule looks at the plan."""

    code: str
    text: Message
    mark: Mark
    hint: Message | None = None
    related: tuple[tuple[Mark, str], ...] = ()

    @property
    def message(self) -> str:
        return self.text.render()


class LoadError(Exception):
    """The file cannot be turned into a tree at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(slots=True)
class Loaded:
    """A located tree: plain data plus an index from JSON pointer to where it was written."""

    root: Any
    values: dict[str, Mark] = field(default_factory=dict)
    keys: dict[str, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __reduce__(self) -> tuple[Any, ...]:
        # What a run keeps of each plan (`keep`) comes back from a worker pickled: unpickled,
        # its pointers and words are each plan's own copies, though most plans share them
        # (`/legal_basis/0/date`); one copy each keeps a run of thousands of plans smaller.
        return _unpickled, (self.root, self.values, self.keys, self.problems)

    def mark(self, pointer: str) -> Mark:
        """The mark of `pointer`, or of its nearest ancestor that was written down."""
        while pointer:
            if pointer in self.values:
                return self.values[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return self.values.get("", Mark(1, 1))

    def key_mark(self, pointer: str) -> Mark:
        return self.keys.get(pointer) or self.mark(pointer)

    def keep(self, pointers: Iterable[str]) -> Loaded:
        """What a finding at one of `pointers` needs, and nothing more: the mark there (or of
        the nearest value written above it), the text written there, and the number style.
        A run over thousands of plans keeps this of each plan instead of its whole tree."""
        root = self.root if isinstance(self.root, dict) else {}
        kept: dict[str, Any] = {}
        if "number_style" in root:
            kept["number_style"] = root["number_style"]
        if "report" in root:  # a results report: concluding it alone knows what it did not check
            kept["report"] = {}
        values = {"": self.mark("")}
        for pointer in pointers:
            tokens = tokens_of(pointer)
            value = value_at(root, tokens)
            if isinstance(value, str) and tokens:
                parent = kept
                for token in tokens[:-1]:
                    parent = parent.setdefault(token, {})
                parent[tokens[-1]] = value
            above = pointer  # its own mark, or the nearest written above it
            while above and above not in self.values:
                above = above.rsplit("/", 1)[0]
            if above:
                values[above] = self.values[above]
        return Loaded(kept, values)


def _unpickled(
    root: Any, values: dict[str, Mark], keys: dict[str, Mark], problems: list[Problem]
) -> Loaded:
    values = {sys.intern(pointer): mark for pointer, mark in values.items()}
    keys = {sys.intern(pointer): mark for pointer, mark in keys.items()}
    return Loaded(interned(root), values, keys, problems)


def interned(node: Any) -> Any:
    """`node` with its keys, and text of a few words, each one shared copy (`sys.intern`)."""
    if isinstance(node, dict):
        return {sys.intern(str(key)): interned(value) for key, value in node.items()}
    if isinstance(node, list):
        return [interned(value) for value in node]
    if type(node) is str and len(node) <= _INTERNED:
        return sys.intern(node)
    return node


_INTERNED = 40
"""The longest text `interned` shares: a number, a date, a name; longer text is seldom twice."""


def tokens_of(pointer: str) -> list[str]:
    """The keys and indexes a JSON pointer names, unescaped (RFC 6901)."""
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def value_at(node: Any, tokens: list[str]) -> Any:
    """The value `tokens` lead to in a tree of mappings and lists, or None."""
    for token in tokens:
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def escape(token: str) -> str:
    """One JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(*tokens: object) -> str:
    """The JSON pointer of `tokens`. Joined whole first: the rules build one for every place
    and figure they look at, and a token seldom holds a `~` or `/` to escape."""
    words = [str(token) for token in tokens]
    joined = "/".join(words)
    if "~" in joined or joined.count("/") != len(words) - 1:
        joined = "/".join(map(escape, words))
    return "/" + joined if words else ""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_new_tuple = tuple.__new__


def _mark(yaml_mark: Any) -> Mark:
    return _new_tuple(Mark, (yaml_mark.line + 1, yaml_mark.column + 1))


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    pointer: str
    record: bool  # False below a duplicate key: built, checked, then dropped
    mapping: bool
    key: str | None = None  # the key read, waiting for its value
    at: str = ""  # the pointer of that value
    seen: dict[str, Mark] = field(default_factory=dict)


class _Builder:
    """Turns parse events into a located tree, refusing what a plan never needs."""

    def __init__(self, limits: Limits, scan: bool = True) -> None:
        self.limits = limits
        self.scan = scan
        self.loaded = Loaded(root=None)
        self.values, self.keys = self.loaded.values, self.loaded.keys
        self.most = limits.max_nodes
        self.stack: list[_Frame] = []
        self.documents = 0
        self.nodes = 0

    def run(self, events: Iterable[yaml.Event]) -> None:
        """Build the tree from `events`. The common events are dispatched here, inline,
        because this loop runs once per value of every plan checked (see the benchmarks)."""
        scalar, start, end = yaml.ScalarEvent, _COLLECTION_STARTS, _COLLECTION_ENDS
        stack, quick = self.stack, self._quick
        for event in events:
            kind = type(event)
            if kind is scalar:
                if not stack or self.scan or not quick(event, stack[-1]):
                    self.scalar(event)  # type: ignore[arg-type]
            elif kind in start:
                self.collection_start(event)  # type: ignore[arg-type]
            elif kind in end:
                self.stack.pop()
            elif kind is yaml.DocumentStartEvent:
                self.document(event)
            elif kind is yaml.AliasEvent:
                self.alias(event)

    def _quick(self, event: Any, top: _Frame) -> bool:
        """Put a scalar in its place, the short way, unless it needs the long way (`scalar`:
        a tag, an anchor, one value too many, a key written twice): the one method most of a
        plan's events go through, so it does `_node`, `_key` and `_place`'s work inline."""
        tag = event.tag
        if (
            event.anchor is not None
            or (tag is not None and tag not in _PLAIN_TAGS)
            or self.nodes >= self.most
        ):
            return False
        start = event.start_mark
        mark: Mark = _new_tuple(Mark, (start.line + 1, start.column + 1))
        text = event.value
        plain = not event.style and tag not in TEXT_TAGS
        if top.mapping and top.key is None:
            key = "" if plain and text in NULL_WORDS else text
            same = key.strip()
            if same in top.seen:
                return False  # `_key` reports it
            top.seen[same] = mark
            top.key = key
            top.at = top.pointer + "/" + (escape(key) if "~" in key or "/" in key else key)
            if top.record:
                self.keys[top.at] = mark
        else:
            value = (None if text in NULL_WORDS else Plain(text)) if plain else text
            if not top.mapping:
                if top.record:
                    self.values[f"{top.pointer}/{len(top.container)}"] = mark
                top.container.append(value)  # type: ignore[union-attr]
            else:
                key, top.key = top.key, None
                if top.record and key != "\0duplicate":
                    top.container[key] = value  # type: ignore[call-overload,index]
                    self.values[top.at] = mark
        self.nodes += 1
        return True

    def document(self, event: yaml.Event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise LoadError(
                Problem(
                    "Y004",
                    said(N_("the file holds more than one YAML document")),
                    _mark(event.start_mark),
                    said(N_("keep one plan per file and remove the '---' line")),
                )
            )

    def alias(self, event: Any) -> None:
        raise LoadError(
            Problem(
                "Y004",
                said(N_("alias '*{name}' is not allowed"), name=event.anchor),
                _mark(event.start_mark),
                said(N_("write the value out in full: plans do not use anchors or aliases")),
            )
        )

    def _node(self, event: Any) -> Mark:
        start = event.start_mark  # `_mark`, inline: this runs once per value
        mark: Mark = _new_tuple(Mark, (start.line + 1, start.column + 1))
        if event.anchor is not None:
            raise LoadError(
                Problem(
                    "Y004",
                    said(N_("anchor '&{name}' is not allowed"), name=event.anchor),
                    mark,
                    said(N_("write the value out in full: plans do not use anchors or aliases")),
                )
            )
        tag = event.tag
        if tag is not None and tag not in CORE_TAGS and tag != "!":
            raise LoadError(
                Problem(
                    "Y004",
                    said(N_("tag '{tag}' is not allowed"), tag=tag),
                    mark,
                    said(
                        N_(
                            "remove the tag: only plain YAML values (text, numbers, lists, "
                            "mappings) load"
                        )
                    ),
                )
            )
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise LoadError(
                Problem(
                    "Y005",
                    said(N_("the file has more than {limit} values"), limit=self.limits.max_nodes),
                    mark,
                    said(
                        N_(
                            "a plan is far smaller; raise the limit with --max-nodes if this is "
                            "intended"
                        )
                    ),
                )
            )
        return mark

    def scalar(self, event: yaml.ScalarEvent) -> None:
        mark = self._node(event)
        text = event.value
        if self.scan:  # the file holds a character or escape that may need looking at
            self._check_text(text, mark)
            text = nfc(text)
        value: Any
        if event.style or event.tag in TEXT_TAGS:
            value = text
        elif text in NULL_WORDS:
            value = None
        else:
            value = Plain(text)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.key is None and top.mapping:
            self._key(top, value, mark)
        else:
            self._place(value, mark)

    def _check_text(self, text: str, mark: Mark) -> None:
        char = suspicious(text)
        if char is not None:
            shown = _SUSPICIOUS_RE.sub(lambda m: f"<U+{_code(m.group())}>", text.strip())
            self.loaded.problems.append(
                Problem(
                    "Y006",
                    said(
                        N_(
                            "'{text}' holds U+{code}, a character that looks like another or "
                            "cannot be seen"
                        ),
                        text=shown,
                        code=_code(char),
                    ),
                    mark,
                    advice(char),
                )
            )

    def _key(self, frame: _Frame, value: Any, mark: Mark) -> None:
        key = "" if value is None else str(value)
        same = key.strip()  # `"2018 "` and `2018` name one year: the second would replace it
        first = frame.seen.get(same)
        if first is not None:
            self.loaded.problems.append(
                Problem(
                    "Y003",
                    said(
                        N_("duplicate key '{key}': first at line {first}, again at line {again}"),
                        key=key,
                        first=first.line,
                        again=mark.line,
                    ),
                    mark,
                    said(
                        N_(
                            "keep one: keys that differ only in Unicode normalisation or in "
                            "spaces around them are one key"
                        )
                    ),
                    ((first, "first"),),
                )
            )
            frame.key = "\0duplicate"
            return
        frame.seen[same] = mark
        frame.key = key
        frame.at = frame.pointer + "/" + (escape(key) if "~" in key or "/" in key else key)
        if frame.record:
            self.loaded.keys[frame.at] = mark

    def _place(self, value: Any, mark: Mark) -> tuple[str, bool]:
        """Put a value in its parent; return its pointer and whether it is kept."""
        if not self.stack:
            self.loaded.root = value
            self.loaded.values[""] = mark
            return "", True
        top = self.stack[-1]
        record = top.record
        if not top.mapping:
            pointer = f"{top.pointer}/{len(top.container)}"
            top.container.append(value)  # type: ignore[union-attr]
        else:
            key = top.key or ""
            top.key = None
            record = record and key != "\0duplicate"
            pointer = top.at
            if record:
                top.container[key] = value  # type: ignore[call-overload]
        if record:
            self.loaded.values[pointer] = mark
        return pointer, record

    def collection_start(self, event: yaml.CollectionStartEvent) -> None:
        mark = self._node(event)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.mapping and top.key is None:
            text = said(N_("a key must be text, not a list or mapping"))
            raise LoadError(Problem("Y002", text, mark))
        mapping = type(event) is yaml.MappingStartEvent
        container: dict[str, Any] | list[Any] = {} if mapping else []
        pointer, record = self._place(container, mark)
        if len(self.stack) >= self.limits.max_depth:
            raise LoadError(_too_deep(self.limits.max_depth, mark))
        self.stack.append(_Frame(container, pointer, record, mapping))


# libyaml 0.2.6 (in PyYAML 6.0.4's wheels) refuses collections nested deeper than this, and
# it reads a line's opening brackets ahead of the events: it can stop before the builder does.
_PARSER_DEPTH = 1000
_PARSER_TOO_DEEP = "exceeded maximum nesting depth"


def _too_deep(limit: int, mark: Mark) -> Problem:
    """Y005 for a file nested deeper than `limit`; the hint only where raising it helps."""
    hint = (
        said(N_("a plan nests a few levels deep; raise the limit with --max-depth if intended"))
        if limit < _PARSER_DEPTH
        else None
    )
    return Problem(
        "Y005", said(N_("the file nests deeper than {limit} levels"), limit=limit), mark, hint
    )


_PLAIN_TAGS = CORE_TAGS | {"!"}
_COLLECTION_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


# YAML breaks lines at U+2028 and U+2029, where no editor does: a comment holding one would
# end there and its rest become data, and every later line would be counted one too many.
# They are read as ordinary characters instead (private-use stand-ins, one for one, so columns
# stay), and Y006 refuses them where they stand in a value.
_SEPARATORS = {0x2028: 0xE028, 0x2029: 0xE029}
_STOOD_FOR = {chr(new): chr(old) for old, new in _SEPARATORS.items()}


def load_text(text: str, limits: Limits | None = None) -> Loaded:
    """Parse YAML text into a located tree; raise `LoadError` on what cannot be loaded."""
    rest = _unusual(text)
    if _CONTROL_RE.search(rest) is not None:
        check_characters(text)  # raises, with the place
    if "\u2028" in rest or "\u2029" in rest:
        text, rest = text.translate(_SEPARATORS), rest.translate(_SEPARATORS)
    builder = _Builder(limits or Limits(), scan=_worth_scanning(text, rest))
    collecting = gc.isenabled()
    # The tree is acyclic, but the many objects it allocates would set off full collections
    # of everything a long run holds: a third of the parsing time, measured.
    parser = None
    gc.disable()
    try:
        # `yaml.parse` without its generator and `check_event` call per event: the parser's
        # `get_event` gives None after the stream's end.
        parser = _EventLoader(text)
        builder.run(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as exc:
        raise LoadError(_syntax_problem(exc, text, builder.limits)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
        said_ = said(N_("not valid YAML: {problem}"), problem=str(exc))
        raise LoadError(Problem("Y002", said_, Mark(1, 1))) from None
    finally:
        if parser is not None:
            parser.dispose()
        if collecting:
            gc.enable()
    return builder.loaded


def _worth_scanning(text: str, rest: str) -> bool:
    """Whether any value of `text` can hold a character Y006 refuses or text to normalise
    (`rest`: its characters but ordinary ASCII, `_unusual`). A value holds only the file's
    characters, except through a backslash escape; most plans hold none of these, and their
    values are then taken as they are, without a look each."""
    return (
        "\\" in rest
        or _SUSPICIOUS_RE.search(rest) is not None
        or lookalike.BEYOND_LATIN.search(rest) is not None
        or not unicodedata.is_normalized("NFC", text)
    )


_ORDINARY = bytes(range(0x20, 0x7F)).replace(b"\\", b"") + b"\t\n\r"
"""The ASCII a file may hold as it is: no control character, none of it suspicious or beyond
Latin (Y006), and no backslash (which starts an escape)."""


def _unusual(text: str) -> str:
    """The characters of `text` but ordinary ASCII (`_ORDINARY`), in order, for the checks of
    characters one at a time (`_CONTROL_RE`, `_SUSPICIOUS_RE`, `BEYOND_LATIN`: each matches
    one character, so it finds one here exactly where it finds one in `text`). Dropping bytes
    of the UTF-8 by a table is a C loop; a regular expression's look at each character of a
    plan took a tenth of its whole check (measured, issue 30)."""
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(None, _ORDINARY).decode("utf-8", "surrogatepass")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, limits: Limits) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    where = _mark(mark) if mark is not None else Mark(1, 1)
    problem = exc.problem or "not valid YAML"
    if problem.startswith(_PARSER_TOO_DEEP):  # the file nests past both limits: say the lower
        return _too_deep(min(limits.max_depth, _PARSER_DEPTH), where)
    hint: Message | None = None
    at = mark.index if mark is not None else -1
    # The C parser does not name the tab it stopped at ("cannot start any token"): look.
    if "\t" in problem or "'\\t'" in problem or text[at : at + 1] == "\t":
        hint = said(N_("YAML indents with spaces only: replace the tab with spaces"))
    elif (
        "expected ',' or" in problem or "end of stream" in problem or "end of the stream" in problem
    ):
        hint = said(N_("a bracket or quote is not closed"))
    if exc.context:
        said_ = said(
            N_("not valid YAML: {problem} ({context})"),
            problem=in_words(problem),
            context=in_words(exc.context),
        )
    else:
        said_ = said(N_("not valid YAML: {problem}"), problem=in_words(problem))
    return Problem("Y002", said_, where, hint)


_CONTROL_RE = re.compile("[" + CONTROLS + "]")


def check_characters(text: str) -> None:
    """Refuse control characters (NUL from UTF-16, stray C1 codes from cp1252) with a place."""
    found = _CONTROL_RE.search(text)
    if found is None:
        return
    index, code = found.start(), ord(found.group())
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    hint = (
        said(N_("the file may be UTF-16: save it as UTF-8"))
        if code == 0
        else said(N_("remove the control character (it was probably pasted in)"))
    )
    raise LoadError(
        Problem(
            "Y001",
            said(N_("control character U+{code} is not allowed"), code=f"{code:04X}"),
            Mark(line, column),
            hint,
        )
    )


@dataclass(frozen=True)
class Read:
    """A file's bytes, with the state of the file they were read from (its size, times,
    inode and device, taken from the open file before reading) and when they were read."""

    data: bytes
    state: os.stat_result
    at: int  # time.time_ns() when the file was opened


def _read_regular(path: Path, size: int) -> Read:
    """At most `size` bytes of a regular file. Opened without blocking, then checked, so a
    FIFO named as a plan is refused at once instead of waiting for a writer."""
    at = time.time_ns()
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        state = os.fstat(handle.fileno())
        mode = state.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            kind = (
                N_("this is a FIFO, not a plan file")
                if stat.S_ISFIFO(mode)
                else N_("this is a device or socket, not a plan file")
            )
            raise LoadError(Problem("Y001", said(kind), Mark(1, 1), said(N_("name a file"))))
        return Read(handle.read(size), state, at)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) to text; anything else is an error that names the place."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            Problem(
                "Y001",
                said(N_("the file is UTF-16, not UTF-8")),
                Mark(1, 1),
                said(N_("save it as UTF-8")),
            )
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            Problem(
                "Y001",
                said(
                    N_("the file is not UTF-8: byte 0x{byte} cannot be read"),
                    byte=f"{data[exc.start]:02X}",
                ),
                Mark(line, column),
                said(
                    N_(
                        "it may be Windows-1258, TCVN3 or Latin-1 from an old editor: save it as "
                        "UTF-8"
                    )
                ),
            )
        ) from None


def read_file(path: Path, limits: Limits | None = None) -> Loaded:
    """Read, decode and load one file (see `read`)."""
    limits = limits or Limits()
    return load_text(decode(read(path, limits).data), limits)


def read(path: Path, limits: Limits) -> Read:
    """One file as read; never more than the size cap allows, and only a regular file
    (opening a FIFO or a device to read would wait, or never end)."""
    try:
        found = _read_regular(path, limits.max_bytes + 1)
    except IsADirectoryError:
        text = said(N_("this is a folder, not a file"))
        raise LoadError(Problem("Y001", text, Mark(1, 1))) from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        text = said(N_("cannot read the file: {reason}"), reason=reason)
        raise LoadError(Problem("Y001", text, Mark(1, 1))) from None
    if len(found.data) > limits.max_bytes:
        raise LoadError(
            Problem(
                "Y005",
                said(N_("the file is larger than {limit} bytes"), limit=limits.max_bytes),
                Mark(1, 1),
                said(
                    N_(
                        "a plan is a few kilobytes; raise the limit with --max-bytes if this is "
                        "intended"
                    )
                ),
            )
        )
    return found
