"""What `make mutation` found untested in loading.py: the exact message, place and hint of
each refusal, and the places of values that were never written down."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from p135cli import loading
from p135cli.checking import check_file
from p135cli.loading import Loaded, LoadError, Mark, Problem, decode, load_text, pointer_of, read
from p135cli.settings import Limits, Settings


def refusal(text: str) -> tuple[str, str, tuple[int, int], str | None]:
    """(code, message, (line, column), hint) of the one finding `validate` shows for `text`."""
    with pytest.raises(LoadError) as caught:
        load_text(text)
    problem = caught.value.problem
    hint = None if problem.hint is None else _render(problem.hint)
    return problem.code, problem.message, (problem.mark.line, problem.mark.column), hint


def _render(value: object) -> str:
    """A hint as shown: messages are rendered when shown, plain text is itself."""
    if isinstance(value, str):
        return value
    render = value.render  # type: ignore[attr-defined]
    shown = render()
    assert isinstance(shown, str)
    return shown


def test_an_unclosed_bracket_is_placed_and_explained() -> None:
    assert refusal("a: [1, 2\n") == (
        "Y002",
        "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
        (2, 1),
        "a bracket or quote is not closed",
    )


def test_a_syntax_error_without_context_has_no_parentheses_and_no_hint() -> None:
    assert refusal("a: b: c\n") == (
        "Y002",
        "not valid YAML: mapping values are not allowed in this context",
        (1, 5),
        None,
    )


def test_the_error_message_is_the_problem() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: [1, 2\n")
    assert str(caught.value) == caught.value.problem.message


@pytest.mark.parametrize(
    ("text", "message", "place"),
    [
        ("a: *x\n", "alias '*x' is not allowed", (1, 4)),
        ("a: &x 1\n", "anchor '&x' is not allowed", (1, 4)),
    ],
)
def test_anchors_and_aliases_say_what_to_write(
    text: str, message: str, place: tuple[int, int]
) -> None:
    assert refusal(text) == (
        "Y004",
        message,
        place,
        "write the value out in full: plans do not use anchors or aliases",
    )


def test_a_duplicate_key_says_which_one_to_keep() -> None:
    (problem,) = load_text("a: 1\na: 2\n").problems
    assert problem.message == "duplicate key 'a': first at line 1, again at line 2"
    assert problem.hint is not None and _render(problem.hint).startswith("keep one: ")
    assert problem.related == ((Mark(1, 1), "first"),)


@pytest.mark.parametrize("text", ["~: 1\n", "null: 1\n", "? \n: 1\n"])
def test_a_null_key_is_the_empty_key(text: str) -> None:
    assert load_text(text).root == {"": "1"}


def test_pointers_escape_slash_and_tilde() -> None:
    loaded = load_text("'a/b': 1\n'~c': 2\n")
    assert loaded.values["/a~1b"] == Mark(1, 8)
    assert loaded.values["/~0c"] == Mark(2, 7)
    assert loaded.keys["/a~1b"] == Mark(1, 1)
    assert pointer_of("a/b", "~c", 0) == "/a~1b/~0c/0"


@pytest.mark.parametrize(
    ("tokens", "pointer"),
    [((), ""), (("",), "/"), (("", ""), "//"), (("a", 2, "b"), "/a/2/b"), (("/",), "/~1"),
     (("x", "a/b/c"), "/x/a~1b~1c"), (("~1",), "/~01"), (("a", "", "/"), "/a//~1")],
)  # fmt: skip
def test_a_pointer_joined_whole_escapes_as_each_token_would(
    tokens: tuple[object, ...], pointer: str
) -> None:
    """`pointer_of` joins the tokens first and escapes only when one needs it."""
    assert pointer_of(*tokens) == pointer


def test_an_unwritten_value_is_placed_at_its_nearest_written_ancestor() -> None:
    loaded = load_text("a:\n  b: [1, {c: x}]\n")
    assert loaded.mark("/a/b/1/d/e") == loaded.values["/a/b/1"] == Mark(2, 10)
    assert loaded.mark("/a/z") == loaded.values["/a"] == Mark(2, 3)
    assert loaded.mark("/nothing/here") == loaded.values[""] == Mark(1, 1)
    assert loaded.key_mark("/a/b") == Mark(2, 3)
    assert loaded.key_mark("/a/b/1/d") == Mark(2, 10)


def test_an_empty_tree_places_everything_at_the_start() -> None:
    assert Loaded(root=None).mark("/a/b") == Mark(1, 1)


def test_a_findings_place_in_a_file_that_cannot_be_parsed(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("province: Tỉnh thử\nfunding: {total: [1, 2}\n", encoding="utf-8")
    (finding,) = check_file(path, Settings(), Limits()).findings
    assert finding.code == "Y002" and finding.location is not None
    assert (finding.location.line, finding.location.column) == (2, 23)


def test_keep_holds_the_text_at_each_pointer_the_style_and_the_nearest_mark() -> None:
    loaded = load_text("number_style: vi\na:\n  b:\n    c: '1,5'\n    d: 2\nlist: [x]\n", Limits())
    kept = loaded.keep(["/a/b/c", "/a/b/missing", "/list/0"])
    assert kept.root == {"number_style": "vi", "a": {"b": {"c": "1,5"}}, "list": {"0": "x"}}
    assert kept.values == {
        "": Mark(1, 1),
        "/a/b/c": Mark(4, 8),
        "/a/b": Mark(4, 5),  # the nearest value written above the missing one
        "/list/0": Mark(6, 8),
    }
    assert kept.mark("/a/b/missing") == Mark(4, 5)


def test_keep_of_a_file_that_is_no_mapping_keeps_no_text() -> None:
    loaded = load_text("- '1,5'\n- x\n", Limits())
    assert loaded.keep(["/0", "/1"]).root == {}


def shown_problem(problem: Problem) -> tuple[str, str, Mark, str | None]:
    hint = problem.hint.render() if problem.hint else None
    return problem.code, problem.text.render(), problem.mark, hint


def refused_read(path: Path, limits: Limits | None = None) -> tuple[str, str, Mark, str | None]:
    with pytest.raises(LoadError) as caught:
        read(path, limits or Limits())
    return shown_problem(caught.value.problem)


def test_what_is_no_plan_file_is_refused_by_its_kind(tmp_path: Path) -> None:
    """A FIFO would make a read wait forever; a device may never end; a folder is no file."""
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    name_a_file = "name a file"
    assert refused_read(fifo) == (
        "Y001",
        "this is a FIFO, not a plan file",
        Mark(1, 1),
        name_a_file,
    )
    device = ("Y001", "this is a device or socket, not a plan file", Mark(1, 1), name_a_file)
    assert refused_read(Path("/dev/null")) == device
    assert refused_read(tmp_path) == ("Y001", "this is a folder, not a file", Mark(1, 1), None)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xfea\x00", ("the file is UTF-16, not UTF-8", Mark(1, 1), "save it as UTF-8")),
        (b"\xfe\xff\x00a", ("the file is UTF-16, not UTF-8", Mark(1, 1), "save it as UTF-8")),
        (
            b"a\n\xc3(",
            (
                "the file is not UTF-8: byte 0xC3 cannot be read",
                Mark(2, 1),
                "it may be Windows-1258, TCVN3 or Latin-1 from an old editor: save it as UTF-8",
            ),
        ),
    ],
)
def test_bytes_that_are_not_utf8_are_refused_with_the_way_out(
    data: bytes, expected: tuple[str, Mark, str]
) -> None:
    with pytest.raises(LoadError) as caught:
        decode(data)
    assert shown_problem(caught.value.problem) == ("Y001", *expected)


def test_a_parser_error_without_a_mark_is_still_a_refusal_on_the_first_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    def broken(*args: object, **kwargs: object) -> None:
        raise yaml.YAMLError("the parser gave up")

    monkeypatch.setattr(loading, "_EventLoader", broken)  # the parser
    assert refusal("a: 1\n") == ("Y002", "not valid YAML: the parser gave up", (1, 1), None)


@pytest.mark.parametrize(
    ("problem", "said", "hint"),
    [
        ("boom", "not valid YAML: boom", None),
        (None, "not valid YAML: not valid YAML", None),
        ("found unexpected end of the stream", "not valid YAML: found unexpected end of the "
         "stream", "a bracket or quote is not closed"),
        ("found unexpected end of stream", "not valid YAML: found unexpected end of stream",
         "a bracket or quote is not closed"),
    ],
)  # fmt: skip
def test_a_marked_parser_error_without_its_marks_is_placed_on_the_first_line(
    monkeypatch: pytest.MonkeyPatch, problem: str | None, said: str, hint: str | None
) -> None:
    """A parser that names no place: the refusal is still one, at 1:1, with the problem."""
    import yaml

    def broken(*args: object, **kwargs: object) -> None:
        raise yaml.MarkedYAMLError(problem=problem)

    monkeypatch.setattr(loading, "_EventLoader", broken)  # the parser
    assert refusal("a: 1\n") == ("Y002", said, (1, 1), hint)


def test_a_control_character_after_a_blank_first_line_is_placed_on_its_own_line() -> None:
    assert refusal("\nab\x01c: 1\n")[:3] == (
        "Y001",
        "control character U+0001 is not allowed",
        (2, 3),
    )


def test_loading_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    load_text("a: 1\n")
    assert gc.isenabled()
    with pytest.raises(LoadError):
        load_text("a: [\n")
    assert gc.isenabled()
    gc.disable()
    try:
        load_text("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_invisible_character_in_a_value_is_found_without_a_backslash() -> None:
    loaded = load_text("province: Lạng\u00adSơn\n")
    assert [(p.code, p.mark.line, p.mark.column) for p in loaded.problems] == [("Y006", 1, 11)]


def test_a_file_of_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"a: 1\n")
    assert read(plan, Limits(max_bytes=5)).data == b"a: 1\n"
    assert refused_read(plan, Limits(max_bytes=4)) == (
        "Y005",
        "the file is larger than 4 bytes",
        Mark(1, 1),
        "a plan is a few kilobytes; raise the limit with --max-bytes if this is intended",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_that_cannot_be_opened_says_why(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"a: 1\n")
    plan.chmod(0)
    assert refused_read(plan) == (
        "Y001",
        "cannot read the file: Permission denied",
        Mark(1, 1),
        None,
    )


def test_a_file_that_is_gone_says_why(tmp_path: Path) -> None:
    assert refused_read(tmp_path / "gone.yaml") == (
        "Y001",
        "cannot read the file: No such file or directory",
        Mark(1, 1),
        None,
    )
