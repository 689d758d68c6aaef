"""p135's loader locates every value where PyYAML's own composer puts it.

The oracle is independent of the loader it checks: PyYAML's pure-Python composer and
constructor (`yaml.SafeLoader`; the loader reads events from libyaml instead, and builds its
tree itself), walked here to JSON pointers. On every document both read, the loader must give

- the same values at the same pointers, each with the line and column of its node (a value
  not written at all, the empty value of `a:`, has no place of its own: the two parsers put it
  at different places, so only its pointer is compared);
- the same keys at the same places, and a duplicate key (equal after NFC and outer spaces,
  the first kept) reported with both places;
- each value as the loader promises: quoted or tagged `!!str` text as text, a plain scalar as
  its source text (`Plain`), YAML's null words as None; and where `yaml.safe_load` reads a
  number, a boolean or text, the loader's text is that number, boolean or text;
- the tree `yaml.safe_load` gives, once each value is replaced by what PyYAML constructs of it.

Where the loader refuses a document PyYAML reads (an anchor, an alias, a tag, a second
document, a key that is a mapping, the depth and size limits, a control character), it does so
at the first such thing in the text, at its place, found here from PyYAML's own events.

The documents: the shipped plans and reports, every rule case and base, the hostile corpus,
the national benchmark set, documents that `yaml.safe_dump` writes from generated trees in
each of its styles, and generated and mutated text.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p135cli import loading
from p135cli.settings import Limits
from tests.corpus.test_corpus import CASES

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    path
    for pattern in ("data/*/*.yaml", "tests/rules/cases/*.yaml", "tests/rules/bases/*.yaml")
    for path in ROOT.glob(pattern)
)
SEED = (ROOT / "data/plans/quang-ninh-2017-2020.yaml").read_text(encoding="utf-8")
CONFIG = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same documents on every machine
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
Place = tuple[int, int]
STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
MERGE = "tag:yaml.org,2002:merge"
ALLOWED_TAGS = {
    None,  # none written
    "!",  # YAML's "not a plain scalar": text
    *(
        f"tag:yaml.org,2002:{name}"
        for name in ("str", "int", "float", "bool", "null", "map", "seq")
    ),
}
"""The tags the loader reads (YAML's core schema); any other is refused."""
UNDEFINED = object()
"""What `yaml.safe_load` makes of a node it cannot construct (`<<`, a bad date)."""


def place(mark: Any) -> Place:
    return mark.line + 1, mark.column + 1


def token(key: str) -> str:
    """A JSON pointer token (RFC 6901), written here from the RFC."""
    return key.replace("~", "~0").replace("/", "~1")


class _Composer(yaml.SafeLoader):
    """PyYAML's pure-Python composer, noting the tag each scalar was written with (a node
    holds only the tag resolved: `!!str 3` and a plain `3` differ to the loader)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.written: dict[int, str | None] = {}

    def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
        tag = self.peek_event().tag  # type: ignore[no-untyped-call]
        node = super().compose_scalar_node(anchor)
        self.written[id(node)] = tag
        return node


@dataclass
class Expected:
    """A document as the oracle reads it, in the loader's terms."""

    tree: Any = None
    values: dict[str, Place] = field(default_factory=dict)
    unwritten: set[str] = field(default_factory=set)  # empty values: a pointer, no place
    keys: dict[str, Place] = field(default_factory=dict)
    duplicates: list[tuple[Place, Place]] = field(default_factory=list)  # (again, first)
    constructed: dict[str, Any] = field(default_factory=dict)  # safe_load's value, by pointer
    constructed_keys: dict[str, Any] = field(default_factory=dict)
    merges: bool = False  # a `<<` key: safe_load merges, the loader reads a key


class _Reader:
    """Walks PyYAML's node tree the way the loader promises to read it."""

    def __init__(self, composer: _Composer) -> None:
        self.composer = composer
        self.expected = Expected()

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """The loader's value of a scalar node: text where quoted or tagged as text; None
        for YAML's null words; otherwise the source text, as `Plain`."""
        text = unicodedata.normalize("NFC", node.value)
        tag = self.composer.written.get(id(node))
        if tag in ("!", STR) or node.style:
            return text
        resolved = self.composer.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, node.value, (True, False)
        )
        if resolved == NULL:
            return None
        return loading.Plain(text)

    def unwritten(self, node: yaml.Node) -> bool:
        """An empty plain value without a tag: nothing of it is in the text."""
        return (
            isinstance(node, yaml.ScalarNode)
            and not node.value
            and not node.style
            and self.composer.written.get(id(node)) is None
        )

    def construct(self, node: yaml.Node) -> Any:
        try:
            return self.composer.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError):
            return UNDEFINED

    def read(self, node: yaml.Node, pointer: str, kept: bool) -> Any:
        expected = self.expected
        if kept and self.unwritten(node):
            expected.unwritten.add(pointer)
        elif kept:
            expected.values[pointer] = place(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if kept:
                expected.constructed[pointer] = self.construct(node)
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, f"{pointer}/{n}", kept) for n, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        mapping: dict[str, Any] = {}
        first: dict[str, Place] = {}
        for key_node, value_node in node.value:
            assert isinstance(key_node, yaml.ScalarNode)  # else the loader refuses: see below
            expected.merges |= key_node.tag == MERGE
            key = self.scalar(key_node)
            key = "" if key is None else str(key)
            at = place(key_node.start_mark)
            if key.strip() in first:
                expected.duplicates.append((at, first[key.strip()]))
                self.read(value_node, "", kept=False)  # read for its own duplicates only
                continue
            first[key.strip()] = at
            child = f"{pointer}/{token(key)}"
            if kept:
                expected.keys[child] = at
                expected.constructed_keys[child] = self.construct(key_node)
            mapping[key] = self.read(value_node, child, kept)
        return mapping


def expected_of(text: str) -> Expected | None:
    """The oracle's reading, or None where PyYAML's composer refuses the text."""
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        composer.dispose()
    reader = _Reader(composer)
    if node is not None:
        reader.expected.tree = reader.read(node, "", kept=True)
    return reader.expected


_CONTROL = re.compile(
    "["
    + "".join(c for c in map(chr, range(0xA0)) if unicodedata.category(c) == "Cc")
    .replace("\t", "")
    .replace("\n", "")
    .replace("\r", "")
    + "]"
)
"""Unicode's control characters (category Cc) but tab, line feed and carriage return."""


class _Scan:
    """PyYAML's events read for what the loader refuses, one at a time."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.stack: list[list[bool]] = []  # [is a mapping, whether its next node is a key]
        self.documents = 0
        self.nodes = 0

    def offence(self, event: yaml.Event) -> str | None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            return "Y004" if self.documents > 1 else None
        if isinstance(event, yaml.AliasEvent):
            return "Y004"
        if isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()
        if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            return self.node(event)
        return None

    def node(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> str | None:
        if event.anchor is not None or event.tag not in ALLOWED_TAGS:
            return "Y004"
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            return "Y005"
        frame = self.stack[-1] if self.stack else None
        key = frame is not None and frame[0] and frame[1]
        if frame is not None and frame[0]:
            frame[1] = not frame[1]
        if isinstance(event, yaml.ScalarEvent):
            return None
        if key:
            return "Y002"
        if len(self.stack) >= self.limits.max_depth:
            return "Y005"
        self.stack.append([isinstance(event, yaml.MappingStartEvent), True])
        return None


def first_offence(text: str, limits: Limits) -> tuple[str, Place] | None:
    """The first thing in `text` the loader documents it refuses, from PyYAML's own events:
    a control character (Y001); an alias, an anchor, a tag other than YAML's core ones or `!`,
    a second document (Y004); a key that is a list or a mapping (Y002); a value nested deeper
    than the limit, or one value more than it allows (Y005). None: nothing to refuse (or a
    syntax error comes first, where the two parsers need not agree)."""
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        return "Y001", (line, control.start() - text.rfind("\n", 0, control.start()))
    scan = _Scan(limits)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            code = scan.offence(event)
            if code is not None:
                return code, place(event.start_mark)
    except yaml.YAMLError:
        return None
    return None


def shape(value: Any) -> Any:
    """A value with its type spelled out: `Plain("3")` and `"3"` differ, as they do to p135."""
    if isinstance(value, dict):
        return ("map", [(key, shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("seq", [shape(item) for item in value])
    return (type(value).__name__, value)


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def agrees(value: Any, constructed: Any) -> bool:
    """Whether the loader's value says what `yaml.safe_load` read: the same text (in NFC),
    None for null, and for a plain scalar the number or boolean YAML reads, in its source
    form (only the forms YAML 1.2 shares are compared: `010`, `1_000` or `1:20` mean other
    numbers in YAML 1.1, which is why the loader keeps their text). A quoted value is text
    to the loader whatever its tag: `!!int "3"` is the text 3."""
    if constructed is UNDEFINED:
        return True
    if value is None:
        return constructed is None
    if not isinstance(value, loading.Plain):
        return not isinstance(constructed, str) or value == unicodedata.normalize(
            "NFC", constructed
        )
    return _plain_agrees(value, constructed)


def _plain_agrees(value: loading.Plain, constructed: Any) -> bool:
    if isinstance(constructed, str):
        return bool(value == unicodedata.normalize("NFC", constructed))
    if isinstance(constructed, bool):
        return _BOOLS.get(value.lower()) is constructed
    if isinstance(constructed, int | float) and _DECIMAL.fullmatch(value):
        return bool(type(constructed)(value) == constructed)
    if isinstance(constructed, datetime.date):
        return not _DECIMAL.fullmatch(value)
    return isinstance(constructed, int | float)  # octal, sexagesimal, .inf: text kept


def as_safe_load(value: Any, pointer: str, expected: Expected) -> Any:
    """The loader's tree, each key and value replaced by what PyYAML constructs of the node
    at its pointer: equal to `yaml.safe_load` when the loader put everything in its place."""
    if isinstance(value, dict):
        return {
            expected.constructed_keys[f"{pointer}/{token(key)}"]: as_safe_load(
                item, f"{pointer}/{token(key)}", expected
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [as_safe_load(item, f"{pointer}/{n}", expected) for n, item in enumerate(value)]
    return expected.constructed[pointer]


def same(text: str, limits: Limits | None = None) -> str:
    """The loader reads `text` as the oracle does; says which way it was compared."""
    limits = limits or Limits()
    try:
        loaded = loading.load_text(text, limits)
    except loading.LoadError as error:
        return refused(text, error.problem, limits)
    assert first_offence(text, limits) is None, "the loader read what it promises to refuse"
    if "\u2028" in text or "\u2029" in text:  # lines PyYAML breaks and the loader does not
        return "outside: U+2028 or U+2029"
    expected = expected_of(text)
    if expected is None:
        return "outside: PyYAML's pure-Python parser refuses what libyaml reads"
    written = {p: (m.line, m.column) for p, m in loaded.values.items()}
    if not expected.values and not expected.unwritten:  # no document: comments at most
        assert (written, loaded.root, yaml.safe_load(text)) == ({}, None, None)
        return "compared"
    assert {p: m for p, m in written.items() if p not in expected.unwritten} == expected.values
    assert set(written) - set(expected.values) == expected.unwritten
    assert {p: (m.line, m.column) for p, m in loaded.keys.items()} == expected.keys
    assert shape(loaded.root) == shape(expected.tree)
    duplicates = [
        ((p.mark.line, p.mark.column), (p.related[0][0].line, p.related[0][0].column))
        for p in loaded.problems
        if p.code == "Y003"
    ]
    assert duplicates == expected.duplicates
    for pointer, constructed in expected.constructed.items():
        value = loading_value(loaded.root, pointer)
        assert agrees(value, constructed), (pointer, value, constructed)
    if expected.duplicates or expected.merges or UNDEFINED in _all(expected):
        return "compared; safe_load's tree differs by design (duplicate, <<, bad date)"
    assert repr(as_safe_load(loaded.root, "", expected)) == repr(yaml.safe_load(text))
    return "compared"


def _all(expected: Expected) -> list[Any]:
    return [*expected.constructed.values(), *expected.constructed_keys.values()]


def loading_value(root: Any, pointer: str) -> Any:
    """The value at a JSON pointer of the loader's tree, found by the RFC's rules."""
    value = root
    for written in pointer.split("/")[1:]:
        part = written.replace("~1", "/").replace("~0", "~")
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def refused(text: str, problem: loading.Problem, limits: Limits) -> str:
    """A refusal the loader documents is at the first offence in the text, at its place."""
    offence = first_offence(text, limits)
    code = problem.code
    syntax = code == "Y002" and problem.text.template.startswith("not valid YAML")
    if syntax:
        return "outside: a syntax error"
    if code == "Y005" and offence is None:  # libyaml's own depth limit (1,000) comes first
        return "outside: libyaml's nesting limit"
    if offence is None and first_offence_is_past_a_syntax_error(text):
        return "outside: PyYAML's pure-Python parser stops at a syntax error first"
    if code == "Y005" and deepest(text) > 1000:  # libyaml stops there, ahead of the loader
        assert offence is not None and offence[1][0] == problem.mark.line, (offence, problem)
        return "refused on its line"
    assert offence == (code, (problem.mark.line, problem.mark.column)), (offence, problem)
    return "refused at its place"


def deepest(text: str) -> int:
    """How deep the text's collections nest, by PyYAML's events."""
    depth = most = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                most = max(most, depth)
                if most > 1000:
                    break  # deep enough to know: PyYAML's parser is slow at such depths
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # as deep as it got
    return most


def first_offence_is_past_a_syntax_error(text: str) -> bool:
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.YAMLError:
        return True
    return False


# --- the documents ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_every_shipped_plan_and_rule_case_is_located_as_pyyaml_composes_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    how = same(text)
    if path.name != "broken.yaml":  # a syntax error on purpose
        assert how.startswith("compared"), how  # not vacuous: the oracle read the file


SMALL = [case for case in CASES if len(case.data) < 200_000]
"""The corpus less its 600 kB file of 200,001 values: PyYAML's pure-Python parser takes seconds
to reach its last (the limits test refuses one value too many of a smaller limit)."""


@pytest.mark.parametrize("case", SMALL, ids=[case.id for case in SMALL])
def test_the_hostile_corpus(case: Any) -> None:
    try:
        text = loading.decode(case.data)
    except loading.LoadError:
        return  # refused before either reads it
    same(text)


def test_the_national_benchmark_set() -> None:
    from benchmarks.national import plan

    for number in range(0, 630, 63):  # ten provinces' plans
        assert same(plan(number)) == "compared"


def test_the_limits_refuse_at_the_first_value_past_them() -> None:
    deep = "a:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 80)) + "    x\n"
    assert same(deep) == "refused at its place"
    assert same(SEED, Limits(max_nodes=300)) == "refused at its place"
    assert same("[" * 100 + "]" * 100) == "refused at its place"


@pytest.mark.parametrize(
    ("text", "how"),
    [
        ('a: "\\u00ad"\n', "compared"),  # an escape spells an invisible character
        ('a: "e\\u0301"\n', "compared"),  # an escape spells text to normalise
        ("a: e\u0301\n", "compared"),  # text to normalise in the file itself
        ("e\u0301: 1\n\u00e9: 2\n", "compared; safe_load"),  # one key after NFC
        ("a: Đ\u0430ng\n", "compared"),  # Cyrillic а inside a Latin word
        ("\ufeffa: 1\n", "compared"),
        ("'2018 ': 1\n2018: 2\n", "compared; safe_load"),
        ("a: 1\na: {b: 1, b: 2}\n", "compared; safe_load"),  # below a dropped duplicate
        ("a: ! 3.800\nb: !!str 3.800\nc: 3.800\nd: '3.800'\ne: !!int 3\n", "compared"),
        ("a/b~c: {x/y: 1}\n", "compared"),
        ("a: [1, {b: ~}, null, '', Null, NULL]\n~: 1\n", "compared"),
        ("x\\y: 1\nyes: no\non: off\n2017-01-17: 010\n1:20: 1_000\n.inf: 0x1f\n", "compared"),
        ("<<: {a: 1}\nb: 2\n", "compared; safe_load"),
        ("a:\nb: |\n  line\n   more\nc: >-\n  folded\n\n  text\n", "compared"),
        ("? a\n: 1\n? b\n", "compared"),  # explicit keys, one without a value
        ("- - - 1\n  - 2\n- {a: [b, {c: d}]}\n", "compared"),
        ("a: 1 # comment\r\nb:   2\r\n", "compared"),
        ("a: 'it''s'\nb: \"tab\\there\"\nc: plain text\n  continued\n", "compared"),
        ("", "compared"),
        ("# only a comment\n", "compared"),
        ("? [a]\n: 1\n", "refused at its place"),
        ("a: &x 1\nb: *x\n", "refused at its place"),
        ("a: [1, *x]\n", "refused at its place"),
        ("a: !!python/name:os.system x\n", "refused at its place"),
        ("a: !local x\n", "refused at its place"),
        ("---\na: 1\n---\nb: 2\n", "refused at its place"),
        ("a: 1\nb: x\x07y\n", "refused at its place"),
    ],
)
def test_forms_each_branch_of_the_loader_meets(text: str, how: str) -> None:
    assert same(text).startswith(how)


# --- generated documents ------------------------------------------------------------------------

WORDS = st.text(
    alphabet="abĐđươàáạ ~/:#-'\"!&*?,[]{}|>%@`\\\t\n019.eE_\u0301\u00ad",
    min_size=0,
    max_size=12,
)
SCALARS = st.one_of(
    WORDS,
    st.integers(-(10**12), 10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(float),
    st.booleans(),
    st.none(),
    st.sampled_from(["yes", "No", "010", "1:20", "1_000", ".inf", "2017-01-17", "~", "<<", "="]),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(WORDS, st.integers(2000, 2030)), inner, max_size=4),
    ),
    max_leaves=20,
)


@CONFIG
@given(
    TREES,
    st.sampled_from([None, True, False]),
    st.sampled_from([None, "", "'", '"', "|", ">"]),
    st.sampled_from([None, 2, 4]),
    st.sampled_from([None, 12, 80]),
    st.booleans(),
)
def test_documents_pyyaml_writes_in_each_of_its_styles(
    tree: Any,
    flow: bool | None,
    style: str | None,
    indent: int | None,
    width: int | None,
    explicit: bool,
) -> None:
    """`yaml.safe_dump` writes generated trees in flow and block style, every scalar quoted
    one way, folded or literal, indented and wrapped variously: the loader locates each value
    of the text it wrote where PyYAML's composer does."""
    text = yaml.safe_dump(
        tree,
        default_flow_style=flow,
        default_style=style,
        indent=indent,
        width=width,
        allow_unicode=True,
        explicit_start=explicit,
        sort_keys=False,
    )
    how = same(text)
    assert how.startswith("compared") or how.startswith("outside") or how == "refused at its place"


YAMLISH = st.text(
    alphabet="{}[]:,-&*!|>'\"#%@`?~ \n\tabcĐđ019.eE_<\\\u00ad\u0301\u0430", max_size=300
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = SEED.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        op = draw(st.sampled_from(["drop", "repeat", "insert", "cut"]))
        if op == "drop":
            del lines[index]
        elif op == "repeat":
            lines.insert(index, line)
        elif op == "insert":
            lines.insert(index, draw(YAMLISH))
        else:
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(YAMLISH) + line[at:]
    return "\n".join(lines)


@settings(CONFIG, max_examples=200)
@given(st.one_of(YAMLISH, mutated()))
def test_generated_and_mutated_text(text: str) -> None:
    same(text)
