"""Plan text is untrusted: it arrives by e-mail and in pull requests. These functions show it in
each output as the text it is, never as something the output reads as syntax: a terminal
escape, a rich markup tag, a JSON string that is not UTF-8, a markdown heading or link, a
mermaid statement, or a spreadsheet formula.

Each takes one piece of plan text (a name, a title, a file name), never a whole line that p135
composed, so p135's own line breaks and markup stay what they are.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from p135cli.i18n import _

_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Control (C0, DEL, C1), format (bidi controls, zero-width), lone surrogate (a file name that
is not UTF-8) and line or paragraph separator: characters a terminal acts on or hides."""

_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")
_BEYOND_ASCII = re.compile(r"[^\x00-\x7e]")


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with every control, format, separator or lone surrogate character written as
    its escape (`\\n`, `\\x1b`, `\\u202e`, `\\udcff`): a terminal shows it, never acts on it."""
    return _NOT_PLAIN_ASCII.sub(lambda m: _escaped(m[0]) if _hidden(m[0]) else m[0], text)


def one_line(text: str) -> str:
    """`text` on one line: each line break (CR, LF, CRLF, NEL, U+2028, U+2029) a space."""
    return re.sub(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]", " ", text)


# --- long text in a view ---------------------------------------------------------------------

SHOWN = 1000
"""The most characters of one piece of plan text a view shows (a table cell, a label, a line):
the rest is cut, saying how much, so a view's output stays proportional to its plan however
long a name is. JSON, CSV and xlsx are data and keep every text whole."""


def cut(text: str, limit: int = SHOWN) -> str:
    """`text` whole if it has at most `limit` characters; else its first ones (never splitting
    a letter from its marks), then `…` and how many characters were left out."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and unicodedata.combining(text[end]):
        end -= 1
    more = _("… ({count} more characters)").format(count=len(text) - end)
    return text[:end] + more


def view_text(text: str) -> str:
    """Plan text in a text view or picture: `printable`, and `cut` when long."""
    return printable(cut(text))


def view_markdown(text: str) -> str:
    """Plan text in a markdown view: `markdown`, and `cut` when long."""
    return markdown(cut(text))


def view_mermaid(text: str) -> str:
    """Plan text in a mermaid chart: `mermaid`, and `cut` when long."""
    return mermaid(cut(text))


# --- JSON -------------------------------------------------------------------------------------


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _json_hidden(match: re.Match[str]) -> str:
    return _json_escape(match[0]) if _hidden(match[0]) else match[0]


def json_text(data: object) -> str:
    """`data` as JSON text that is always valid UTF-8 and safe on a terminal: readable letters
    stay as they are, while control, format and separator characters and lone surrogates (a
    file name that is not UTF-8) are written as `\\uXXXX` escapes. Read back, every string is
    exactly the one given. It is `json.dumps(data, ensure_ascii=False, indent=2)` byte for
    byte, so escaped, written by `_json_value` (json's own indenting encoder is pure Python
    and several times slower)."""
    return _json_value(data, "")


def write_json(stream: TextIO, data: dict[str, object]) -> None:
    """`json_text(data)` and a line break written to `stream` piece by piece, so that a value
    given as an iterator (`Streamed`) is encoded an item at a time, never held whole."""
    stream.write("{")
    for number, (key, value) in enumerate(data.items()):
        stream.write(f"{',' if number else ''}\n  {_json_string(key)}: ")
        if isinstance(value, Streamed):
            _write_items(stream, value)
        else:
            stream.write(_json_value(value, "  "))
    stream.write("\n}\n" if data else "}\n")


class Streamed:
    """A list `write_json` writes an item at a time, as `items` yields them."""

    def __init__(self, items: Iterable[object]) -> None:
        self.items = items


def _write_items(stream: TextIO, streamed: Streamed) -> None:
    separator = "[\n    "
    for item in streamed.items:
        stream.write(separator + _json_value(item, "    "))
        separator = ",\n    "
    stream.write("[]" if separator == "[\n    " else "\n  ]")


_encode_string = json.encoder.encode_basestring  # json's C function where it has it


def _json_string(text: str) -> str:
    encoded = _encode_string(text)
    # A printable string holds no control, format, separator or surrogate character: most
    # strings skip the search for them.
    return encoded if text.isprintable() else _BEYOND_ASCII.sub(_json_hidden, encoded)


_KEYS: dict[str, str] = {}


def _json_key(key: str) -> str:
    """A key as JSON: the few keys of p135's outputs are encoded once a run."""
    known = _KEYS.get(key)
    if known is None:
        known = _json_string(key)
        if len(_KEYS) < 4096:  # a plan's own keys (a map of names) must not grow it unbounded
            _KEYS[key] = known
    return known


def _json_value(value: object, indent: str) -> str:
    """`value` as `json_text` writes it, its lines after the first indented by `indent`."""
    write = _SCALARS.get(type(value))
    return write(value) if write is not None else _json_other(value, indent)


_SCALARS: dict[type, Callable[[Any], str]] = {
    type(None): lambda _: "null",
    bool: lambda value: "true" if value else "false",
    str: _json_string,
    int: int.__repr__,
}
"""How each scalar type is written, found by its exact type: hundreds of thousands of values
in a run's JSON, each asked once."""


def _json_other(value: object, indent: str) -> str:
    """A container, or a scalar of a type derived from one (json writes those as their base)."""
    for base in (bool, str, int):  # in this order: a bool is an int
        if isinstance(value, base):
            return _SCALARS[base](value)
    if isinstance(value, dict):
        return _json_dict(value, indent)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = indent + "  "
        listed = [_json_value(item, inner) for item in value]
        return "[\n" + inner + (",\n" + inner).join(listed) + "\n" + indent + "]"
    return _json_dumped(value, indent)


def _json_dict(value: dict[Any, Any], indent: str) -> str:
    if not value:
        return "{}"
    inner = indent + "  "
    parts = []
    for key, item in value.items():
        if not isinstance(key, str):
            return _json_dumped(value, indent)
        write = _SCALARS.get(type(item))
        text = write(item) if write is not None else _json_other(item, inner)
        parts.append(f"{_json_key(key)}: {text}")
    return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "}"


def _json_dumped(value: object, indent: str) -> str:
    """What only json writes (floats, keys that are not text), as json writes it."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    # json escapes C0 in strings, and outside strings JSON text is ASCII: every character
    # matched here is inside a string.
    return _BEYOND_ASCII.sub(_json_hidden, text.replace("\n", "\n" + indent))


# --- terminals that cannot show Vietnamese ----------------------------------------------------

ERRORS = "p135.escape"
"""The codec error handler of a stream whose encoding cannot hold a character: it writes
`\\uXXXX` (`\\ud83d\\ude00` beyond the BMP), which reads the same on a terminal and keeps
JSON output valid JSON (Python's `backslashreplace` writes `\\xe2`, which JSON refuses)."""


def _unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    part = error.object[error.start : error.end]
    return "".join(map(_json_escape, part)), error.end


codecs.register_error(ERRORS, _unencodable)


# --- markdown ---------------------------------------------------------------------------------

_MARKDOWN = {char: "\\" + char for char in "\\`*[]<>#!~$"}
_MARKDOWN["|"] = "&#124;"  # an entity, so a table never splits there, escaped `\|` or not
_AUTOLINK = re.compile(r"(?<=[A-Za-z]):(?=//)|(?<=\b[Ww]{3})\.")


def _markdown_char(text: str, index: int) -> str:
    char = text[index]
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if char == "_":  # between two letters or digits it never emphasises: `escaped_poverty`
        return "_" if before.isalnum() and after.isalnum() else "\\_"
    if char == "&":  # `&amp;`, `&#35;`: an entity would show as another character
        return "\\&" if after.isalnum() or after == "#" else "&"
    return _MARKDOWN.get(char, char)


def markdown(text: str) -> str:
    """Plan text inside a markdown line, table cell or heading: one line, and every character
    markdown (GitHub's included) reads as syntax escaped, so it shows as written and cannot
    start a heading, a list or a code span, close a fence, split a table row, or add a link,
    an image, an entity or HTML."""
    text = printable(one_line(text))
    text = "".join(_markdown_char(text, index) for index in range(len(text)))
    text = _AUTOLINK.sub(lambda m: "\\" + m[0], text)
    # At the start of a line `-`, `+`, `=` and `1.` would start a list or underline a heading.
    if text[:1] in ("-", "+", "="):
        return "\\" + text
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


# --- mermaid ----------------------------------------------------------------------------------

_MERMAID_CODED = frozenset('"#;:[](){}<>`\\|&')


def mermaid(text: str) -> str:
    """Plan text inside a mermaid label or title: one line, hidden characters escaped, and each
    character mermaid reads as syntax (quotes, `#`, `;`, `:`, brackets, `%`, backticks, `<`, `&`)
    written as mermaid's entity code (`#quot;` style: `#34;`), which the chart shows as the
    character. The chart still parses and shows the text as written."""
    text = printable(one_line(text))
    return "".join(
        f"#{ord(char)};" if char in _MERMAID_CODED or _percent_pair(text, index) else char
        for index, char in enumerate(text)
    )


def _percent_pair(text: str, index: int) -> bool:
    """`%%` starts a mermaid comment or directive; a `%` on its own is plain (`90 %`)."""
    return text[index] == "%" and "%" in (text[index - 1 : index] + text[index + 1 : index + 2])


# --- CSV --------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a spreadsheet may read as the start of a formula (OWASP's list, with the full-width
forms some spreadsheets also accept)."""


def csv_text_cell(text: str) -> str:
    """A text cell of a CSV file, neutralised as OWASP advises: one that a spreadsheet could
    read as a formula gets a leading `'`, so it stays text. Only for text: numbers (which may
    be negative) are written as numbers."""
    return "'" + text if text.startswith(_FORMULA_START) else text
