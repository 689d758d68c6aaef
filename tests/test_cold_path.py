"""What the cold run's shortcuts keep: each gives what the long way gives (issue 30)."""

from __future__ import annotations

import pickle
import unicodedata
from pathlib import Path

from p135cli import loading, lookalike
from p135cli.checking import load_plan
from p135cli.loading import Loaded, load_text
from p135cli.model import Plan
from p135cli.rules import citations
from p135cli.rules.base import Context
from p135cli.rules.inferences import inferences, inferred_value
from p135cli.settings import Limits

CASES = Path(__file__).parent / "rules" / "cases"
EXAMPLE = CASES / "I101-fail-inferred.yaml"
CITES = CASES / "C105-pass.yaml"


def _inferred(loaded: Loaded) -> list[str]:
    checked, _ = load_plan(EXAMPLE, Limits())
    assert checked is not None
    assert isinstance(checked.plan, Plan)
    found = inferred_value.run(checked.plan, Context(loaded))
    return [f.location.pointer for f in found if f.location is not None]


def test_i101_walks_where_the_file_writes_inferred_and_finds_all_the_plan_holds() -> None:
    checked, _ = load_plan(EXAMPLE, Limits())
    assert checked is not None
    everything = [pointer + "/inferred" for pointer, _ in inferences(checked.plan)]
    assert len(everything) == 2
    assert _inferred(checked.loaded) == everything


def test_i101_walks_the_whole_plan_where_the_file_and_the_model_disagree() -> None:
    checked, _ = load_plan(EXAMPLE, Limits())
    assert checked is not None
    everything = _inferred(checked.loaded)
    # A key the model reads at another place than the file writes it: the short walk, which
    # goes only where the file writes `inferred:`, would miss it.
    moved = {
        ("/elsewhere" + key if key.endswith("/inferred") else key): mark
        for key, mark in checked.loaded.keys.items()
    }
    assert _inferred(Loaded(checked.loaded.root, checked.loaded.values, moved)) == everything


def test_a_plain_value_the_short_way_is_placed_and_marked_as_the_long_way() -> None:
    text = "a:\n  b: 1\n  'c': x\n  d: [1, '2', null, ~]\n  e: !!str 5\n  f:\n"
    loaded = load_text(text)
    assert loaded.root == {
        "a": {"b": "1", "c": "x", "d": ["1", "2", None, None], "e": "5", "f": None}
    }
    assert loaded.values["/a/d/3"] == (4, 21)
    assert loaded.keys["/a/c"] == (3, 3)
    assert type(loaded.root["a"]["b"]).__name__ == "Plain"
    assert type(loaded.root["a"]["e"]) is str


def test_what_a_run_keeps_of_a_plan_comes_back_from_a_worker_sharing_its_texts() -> None:
    checked, _ = load_plan(CITES, Limits())
    assert checked is not None
    assert isinstance(checked.plan, Plan)
    dated = citations.dated(checked.plan)
    kept = checked.loaded.keep(dated.pointers)
    first, second = (pickle.loads(pickle.dumps((kept, dated))) for _ in range(2))
    assert first == second == (kept, dated)
    assert dated.citations
    for one, other in zip(first[1].citations, second[1].citations, strict=True):
        assert all(a is b for a, b in zip(one, other, strict=True) if isinstance(a, str))
    pointer = next(iter(kept.values.keys() - {""}))
    assert next(p for p in first[0].values if p == pointer) is next(
        p for p in second[0].values if p == pointer
    )


def _scanned_whole(text: str) -> bool:
    """What `_worth_scanning` said when it looked at every character of the file."""
    return (
        "\\" in text
        or loading._SUSPICIOUS_RE.search(text) is not None
        or lookalike.BEYOND_LATIN.search(text) is not None
        or not unicodedata.is_normalized("NFC", text)
    )


SAMPLES = [chr(code) for code in [*range(0x3100), *range(0xE000, 0xE100), 0xFEFF, 0xFFFD]]
SAMPLES += ["\U0001d173", "\U000e0041", "\U0001f600", "\ud800"]


def test_a_file_is_scanned_where_a_look_at_each_character_would_scan_it() -> None:
    for char in SAMPLES:
        for text in (f"a: b{char}c\n", f"{char}", f"x: 'Hoà {char}'\n\t- e\u0301\r\n"):
            rest = loading._unusual(text)
            assert loading._worth_scanning(text, rest) == _scanned_whole(text), repr(char)
            assert (loading._CONTROL_RE.search(rest) is None) == (
                loading._CONTROL_RE.search(text) is None
            ), repr(char)
