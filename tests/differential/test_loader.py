"""The loader made faster keeps every promise of the loader before it.

`loader_before.py` is the loader as it stood before the speed work (commit 8b8e559), kept
verbatim as the reference. Both read the same inputs: the shipped plans, every rule case,
the hostile corpus, the national benchmark set, and generated and mutated text. They must
give the same tree (with the same types: a `Plain` stays a `Plain`), the same marks of every
value and key, the same problems, and the same refusals at the same place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p135cli import loading
from tests.corpus.test_corpus import CASES

from . import loader_before

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    path
    for pattern in ("data/*/*.yaml", "tests/rules/cases/*.yaml", "tests/rules/bases/*.yaml")
    for path in ROOT.glob(pattern)
)
SEED = (ROOT / "data/plans/quang-ninh-2017-2020.yaml").read_text(encoding="utf-8")


def shape(value: Any) -> Any:
    """A value with its type spelled out: `Plain("3")` and `"3"` differ, as they do to p135."""
    if isinstance(value, dict):
        return ("map", [(key, shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("seq", [shape(item) for item in value])
    return (type(value).__name__, value)


def problem(found: Any) -> Any:
    hint = found.hint
    return (
        found.code,
        found.text.render(),  # rendered: the same words, however the message is built
        (found.mark.line, found.mark.column),
        None if hint is None else (hint.template, dict(hint.args)),
        [((mark.line, mark.column), role) for mark, role in found.related],
    )


def outcome(module: Any, text: str, limits: Any) -> Any:
    """What a loader makes of `text`: the located tree, or the refusal."""
    try:
        loaded = module.load_text(text, limits)
    except module.LoadError as error:
        return ("refused", problem(error.problem))
    marks = {pointer: (m.line, m.column) for pointer, m in loaded.values.items()}
    keys = {pointer: (m.line, m.column) for pointer, m in loaded.keys.items()}
    return (shape(loaded.root), marks, keys, [problem(p) for p in loaded.problems])


def same(text: str, limits: tuple[int, int, int] = (2_000_000, 64, 200_000)) -> None:
    """Both loaders read `text` alike, judging characters as the loader before did: which
    characters Y006 refuses is a rule that has grown since (UTS #39 mixed scripts, full-width
    letters; tests/test_lookalike.py), not a promise of the faster loader."""
    size, depth, nodes = limits
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loading, "suspicious", loader_before.suspicious)
        patch.setattr(loading, "advice", loader_before.advice)
        new = outcome(loading, text, loading.Limits(size, depth, nodes))
    old = outcome(loader_before, text, loader_before.Limits(size, depth, nodes))
    assert new == old


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_every_shipped_plan_and_rule_case(path: Path) -> None:
    same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_hostile_corpus(case: Any) -> None:
    try:
        text = loading.decode(case.data)
    except loading.LoadError:
        return  # refused before either loader reads it
    same(text)


def test_the_national_benchmark_set() -> None:
    from benchmarks.national import plan

    for number in range(0, 630, 63):  # ten provinces' plans
        same(plan(number))


def test_the_limits_refuse_at_the_same_place() -> None:
    deep = "a:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 80)) + "    x\n"
    same(deep, (2_000_000, 64, 200_000))
    same(SEED, (2_000_000, 64, 300))  # too many values
    same("[" * 100 + "]" * 100, (2_000_000, 64, 200_000))


@pytest.mark.parametrize(
    "text",
    [
        'a: "\\u00ad"\n',  # an escape spells an invisible character
        'a: "e\\u0301"\n',  # an escape spells text to normalise
        "a: e\u0301\n",  # text to normalise in the file itself
        "a: Đ\u0430ng\n",  # Cyrillic а inside a Latin word
        "a: x\u2028y\n",  # a line separator
        "\ufeffa: 1\n",
        "'2018 ': 1\n2018: 2\n",
        "a: 1\na: 2\n",
        "? [a]\n: 1\n",
        "a: &x 1\nb: *x\n",
        "a: !!python/name:os.system x\n",
        "a: ! 3.800\nb: !!str 3.800\nc: 3.800\n",
        "---\na: 1\n---\nb: 2\n",
        "a/b~c: {x/y: 1}\n",
        "a: [1, {b: ~}, null, '']\n",
        "x\\y: 1\n",
    ],
)
def test_forms_each_branch_of_the_loader_meets(text: str) -> None:
    same(text)


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


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(YAMLISH, mutated()))
def test_generated_and_mutated_text(text: str) -> None:
    same(text)
