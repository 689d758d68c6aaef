"""PyYAML's words for a file it cannot parse, in the run's language.

PyYAML (its C parser libyaml, or its pure-Python one) says what stopped it in English: "did not
find expected ',' or ']'", "mapping values are not allowed here". A Vietnamese message would
carry that English inside it, so each problem p135 can meet is a msgid here, written as the
parser writes it (the English output is the parser's own words) and translated in the
catalogue. A problem not listed stays in the parser's words.

Each pattern matches the whole of one problem; what varies (the token found) is kept as it
is, as an argument. Braces in the parser's words are doubled: a msgid is a format template.
"""

from __future__ import annotations

import functools
import re

from p135cli.i18n import N_, Message

FOUND = r"(?P<found>.+)"
"""What the pure-Python parser found instead (`'<stream end>'`, `':'`), quoted by it."""

_WORDS: tuple[tuple[str, str], ...] = (
    # libyaml (the C parser p135 uses when it is installed)
    (r"did not find expected ',' or '\]'", N_("did not find expected ',' or ']'")),
    (r"did not find expected ',' or '\}'", N_("did not find expected ',' or '}}'")),
    (r"did not find expected key", N_("did not find expected key")),
    (r"did not find expected node content", N_("did not find expected node content")),
    (r"did not find expected '-' indicator", N_("did not find expected '-' indicator")),
    (
        r"did not find expected comment or line break",
        N_("did not find expected comment or line break"),
    ),
    (r"did not find expected <document start>", N_("did not find expected <document start>")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
    (
        r"mapping values are not allowed in this context",
        N_("mapping values are not allowed in this context"),
    ),
    (
        r"mapping keys are not allowed in this context",
        N_("mapping keys are not allowed in this context"),
    ),
    (
        r"block sequence entries are not allowed in this context",
        N_("block sequence entries are not allowed in this context"),
    ),
    (
        r"found character that cannot start any token",
        N_("found character that cannot start any token"),
    ),
    (
        r"found a tab character that violates indentation",
        N_("found a tab character that violates indentation"),
    ),
    (
        r"found a tab character where an indentation space is expected",
        N_("found a tab character where an indentation space is expected"),
    ),
    (r"found unexpected end of stream", N_("found unexpected end of stream")),
    (r"found unexpected ':'", N_("found unexpected ':'")),
    (r"found unknown escape character", N_("found unknown escape character")),
    (r"found unexpected document indicator", N_("found unexpected document indicator")),
    (r"found undefined tag handle", N_("found undefined tag handle")),
    # the pure-Python parser (PyYAML without libyaml)
    (r"expected ',' or '\]', but got " + FOUND, N_("expected ',' or ']', but got {found}")),
    (r"expected ',' or '\}', but got " + FOUND, N_("expected ',' or '}}', but got {found}")),
    (r"expected <block end>, but found " + FOUND, N_("expected <block end>, but found {found}")),
    (
        r"expected the node content, but found " + FOUND,
        N_("expected the node content, but found {found}"),
    ),
    (
        r"expected a comment or a line break, but found " + FOUND,
        N_("expected a comment or a line break, but found {found}"),
    ),
    (
        r"found character " + FOUND + " that cannot start any token",
        N_("found character {found} that cannot start any token"),
    ),
    (
        r"found unknown escape character " + FOUND,
        N_("found unknown escape character {found}"),
    ),
    (
        r"invalid indentation or unclosed '\[' or '\{'",
        N_("invalid indentation or unclosed '[' or '{{'"),
    ),
    (r"found unexpected document separator", N_("found unexpected document separator")),
    (r"mapping values are not allowed here", N_("mapping values are not allowed here")),
    (r"mapping keys are not allowed here", N_("mapping keys are not allowed here")),
    (r"sequence entries are not allowed here", N_("sequence entries are not allowed here")),
    # what it was reading when it stopped (the context, in parentheses after the problem)
    (r"while parsing a block mapping", N_("while parsing a block mapping")),
    (r"while parsing a block collection", N_("while parsing a block collection")),
    (r"while parsing a block node", N_("while parsing a block node")),
    (r"while parsing a flow mapping", N_("while parsing a flow mapping")),
    (r"while parsing a flow sequence", N_("while parsing a flow sequence")),
    (r"while parsing a flow node", N_("while parsing a flow node")),
    (r"while parsing a node", N_("while parsing a node")),
    (r"while scanning a simple key", N_("while scanning a simple key")),
    (r"while scanning a quoted scalar", N_("while scanning a quoted scalar")),
    (r"while parsing a quoted scalar", N_("while parsing a quoted scalar")),
    (r"while scanning a double-quoted scalar", N_("while scanning a double-quoted scalar")),
    (r"while scanning a block scalar", N_("while scanning a block scalar")),
    (r"while scanning a plain scalar", N_("while scanning a plain scalar")),
    (r"while scanning for the next token", N_("while scanning for the next token")),
)


@functools.cache
def words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each pattern compiled, and its msgid: compiled when a file first fails to parse, not on
    every start (fifty patterns cost more than a millisecond)."""
    return tuple((re.compile(pattern), msgid) for pattern, msgid in _WORDS)


def in_words(text: str) -> Message | str:
    """The parser's `text` as a message the catalogue translates, or as it is when unknown."""
    for pattern, msgid in words():
        matched = pattern.fullmatch(text)
        if matched is not None:
            return Message(msgid, matched.groupdict())
    return text
