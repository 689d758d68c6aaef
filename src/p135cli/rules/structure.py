"""Codes for problems of the file itself: reading, YAML, and the plan schema.

These have no check function: the loader and the schema mapping raise them. They are rules
all the same, with a code, a name and a page that `p135 explain` prints.
"""

from __future__ import annotations

from typing import Any

from p135cli.rules.base import Rule

_TEXT = {"text": "{text}"}

UNREADABLE = Rule[Any](
    "Y001",
    "file-unreadable",
    "The file can be read, is UTF-8 and holds no control characters",
    "file",
    _TEXT,
    doc="""A plan is a UTF-8 text file (a byte-order mark and CRLF line ends are fine).

Passing: a file saved as UTF-8 by any editor.

Failing: the same file saved as Windows-1258, TCVN3, Latin-1 or UTF-16, a NUL byte, a control
character pasted from a word processor, a folder, or a file without read permission.""",
)
SYNTAX = Rule[Any](
    "Y002",
    "yaml-syntax",
    "The file is valid YAML",
    "file",
    _TEXT,
    doc="""The file parses as YAML. The message names the line and column the parser stopped at.

Passing:

    province: Quảng Ninh

Failing: a tab used for indentation, an unclosed bracket or quote.

    sources: {central: {amount: "67,422"}""",
)
DUPLICATE_KEY = Rule[Any](
    "Y003",
    "duplicate-key",
    "No key appears twice in one mapping",
    "file",
    _TEXT,
    doc="""A key written twice would silently drop one value. Keys are compared after Unicode
NFC normalisation, so `Đồng` typed with a combining accent is the same key as `Đồng`.

Passing:

    years: {2017: ..., 2018: ...}

Failing:

    years: {2017: ..., 2017: ...}""",
)
UNSUPPORTED = Rule[Any](
    "Y004",
    "yaml-feature-refused",
    "The file uses no anchors, aliases, tags or second documents",
    "file",
    _TEXT,
    doc="""Plans are plain data. Anchors and aliases (`&a`, `*a`, `<<: *a`) hide what a value is
and allow alias bombs; tags (`!!python/object`) can construct objects; a second document
(`---`) would be ignored by other tools. All are refused.

Passing:

    total: {amount: "1.342,439", source: "4.1"}

Failing:

    total: &t {amount: "1.342,439", source: "4.1"}""",
)
LIMIT = Rule[Any](
    "Y005",
    "limit-exceeded",
    "The file stays within the size, depth and node limits",
    "file",
    _TEXT,
    doc="""Limits protect CI from hostile files: size (2 MB), nesting depth (64) and number of
values (200,000) by default. A real plan is a few kilobytes and a few levels deep.

Passing: any real plan.

Failing: a file nested 30,000 levels deep, or one of 50 MB.""",
)
SUSPICIOUS_CHARACTER = Rule[Any](
    "Y006",
    "suspicious-character",
    "Text holds no look-alike letters, zero-width or non-breaking spaces",
    "file",
    _TEXT,
    doc="""Text pasted from Word, Excel or a web page can carry characters that look like others
or cannot be seen: Ð (U+00D0, Icelandic) for Đ (U+0110), zero-width spaces, non-breaking
spaces. Names with them look right but never match, so they are refused with the place and
the character to write instead.

Passing:

    communes: [{name: Đồng Lâm, district: Hoành Bồ}]

Failing (the first letter is U+00D0):

    communes: [{name: Ðồng Lâm, district: Hoành Bồ}]""",
)
NOT_A_PLAN = Rule[Any](
    "S000",
    "not-a-plan",
    "The file holds a mapping of plan keys",
    "schema",
    _TEXT,
    doc="""The top of a plan is a mapping (`province: ...`, `funding: ...`).

Passing:

    province: Quảng Ninh

Failing: an empty file, a file of comments only, or a list or a single value at the top.""",
)
UNKNOWN_KEY = Rule[Any](
    "S001",
    "unknown-key",
    "Every key is one the plan schema knows",
    "schema",
    _TEXT,
    doc="""Extra keys are refused, so a misspelt key is caught; the message suggests the closest
valid key.

Passing:

    total: {amount: "1.342,439", source: "4.1"}

Failing (`soruce`, did you mean `source`?):

    total: {amount: "1.342,439", soruce: "4.1"}""",
)
MISSING_KEY = Rule[Any](
    "S002",
    "missing-key",
    "Every required key is present",
    "schema",
    _TEXT,
    doc="""Required keys must be written; every stated figure needs the clause it comes from.

Passing:

    total: {amount: "1.342,439", source: "4.1"}

Failing:

    total: {amount: "1.342,439"}""",
)
INVALID_VALUE = Rule[Any](
    "S003",
    "invalid-value",
    "Every value has the type and form its key requires",
    "schema",
    _TEXT,
    doc="""Numbers are exact decimals: plain (`1342.439`) or quoted in the document's own form
(`"1.342,439"`, read in the plan's `number_style`). YAML 1.1 forms are refused where a number is
expected: `010` (octal), `1_000`, `1:20` (sexagesimal), `.nan`, `.inf`, `1e3`, `yes`/`no`.
Where text is expected, they stay text. Years are four digits; dates are day/month/year.

Passing:

    amount: "1.342,439"

Failing:

    amount: 1_342.439""",
)

STRUCTURE_RULES: tuple[Rule[Any], ...] = (
    UNREADABLE,
    SYNTAX,
    DUPLICATE_KEY,
    UNSUPPORTED,
    LIMIT,
    SUSPICIOUS_CHARACTER,
    NOT_A_PLAN,
    UNKNOWN_KEY,
    MISSING_KEY,
    INVALID_VALUE,
)
