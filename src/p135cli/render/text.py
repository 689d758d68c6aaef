"""`--format text`: a report a planner reads at a glance.

Lines are built as styled segments and wrapped at the width (`text_width`: COLUMNS, else the
terminal's, else 80) between words, never within one (a syllable, a figure, a pointer): a
file's or a finding's line continues under what follows its place, any other two columns deeper
than itself; a word wider than a line is folded, but a place (`path:line:column`) keeps a line
of its own, whole. On a terminal they are printed with rich; in a pipe or a CI log (no colour)
they are written as they are, so rich is not even imported there.

File names and messages (which quote plan text) are shown through `printable`: a control
character in either is written as its escape (`\\x1b`), never sent to the terminal. Segments
are rich `Text`, never markup, so `[` in a name is just a bracket.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from typing import TextIO

from p135cli.findings import FileResult, Finding, RunResult, Severity
from p135cli.i18n import N_, Signed, _, _n, shown
from p135cli.render import Detail, is_history, is_inference, offer
from p135cli.render.escape import printable

Segment = tuple[str, str]  # (text, rich style)
Line = list[Segment]

DEFAULT_WIDTH = 80
"""The width where nothing says another (a pipe or a file without COLUMNS): what `diff` writes,
what an 80-column terminal or a CI log shows whole."""
NARROWEST = 20
"""The narrowest width honoured (a smaller COLUMNS or terminal is read as this)."""
HANGING = 2
"""How much deeper than its line a wrapped line's continuation is indented."""
BESIDE = 30
"""The fewest columns a line that begins with a place keeps beside it for its continuation."""
KEEP = "\u2063"
"""Joins the words of p135's own text that a line never breaks between (`C101 date-is-real`,
`4 acknowledged`); written as a space. Plan text never holds it: `printable` escapes it (a
no-break space, which plan text may hold, would not do)."""
WHOLE = "\u2060"
"""Begins a place (`path:line:column`), which is never folded: wider than a line, it has a line
of its own, whole, so that an editor or a terminal still finds it. Written as nothing; plan
text never holds it (`printable` escapes it)."""


def kept(text: str) -> str:
    """`text` as one word: wrapping never breaks it (folded only if wider than a line)."""
    return text.replace(" ", KEEP)


def place(text: str) -> str:
    """A file's name or a place in it (`path:line:column`): one word, never folded."""
    return WHOLE + kept(text)


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


ROLES = (N_("sum"), N_("part"), N_("alternative"), N_("first"), N_("other date"))
"""The roles of related places (JSON keeps them as these English keys); text translates them."""


def _errors(count: int) -> str:
    return _n("{count} error", "{count} errors", count)


def _warnings(count: int) -> str:
    return _n("{count} warning", "{count} warnings", count)


def _header(result: FileResult) -> Line:
    errors, warnings, acknowledged = result.counts()
    inferred = sum(1 for finding in result.findings if is_inference(finding))
    changed = sum(1 for finding in result.findings if is_history(finding))
    line: Line = [(place(printable(result.path)), "bold"), ("  ", "")]
    status = (f"✗ {_errors(errors)}", "bold red") if errors else (_("✓ valid"), "bold green")
    line.append((kept(status[0]), status[1]))
    extra = [_warnings(warnings)] if warnings else []
    extra += [_("{count} acknowledged").format(count=acknowledged)] if acknowledged else []
    extra += [_("{count} inferred").format(count=inferred)] if inferred else []
    extra += [_n("{count} place changed since", "{count} places changed since", changed)] * (
        changed > 0
    )
    if extra:
        line.append((", " + ", ".join(kept(item) for item in extra), "dim"))
    return line


def _where(path: str, finding: Finding) -> str:
    location = finding.location
    path = printable(path)
    return f"{path}:{location.line}:{location.column}" if location else path


def _finding(path: str, finding: Finding) -> list[Line]:
    label = _("acknowledged") if finding.acknowledged else finding.severity.label
    style = "dim" if finding.acknowledged else _STYLE[finding.severity]
    code = kept(f"{finding.code} {finding.rule}")
    lines: list[Line] = [
        [
            ("  ", ""),
            (place(_where(path, finding)), "bold"),
            ("  ", ""),
            (kept(label), style),
            ("  ", ""),
            (code, "cyan"),
        ],
        [("    " + printable(finding.message), "")],
    ]
    expected, actual, difference = finding.expected, finding.actual, finding.difference
    if expected is not None and actual is not None and difference is not None:
        compared = _("expected {expected}, found {actual}, difference {difference}").format(
            expected=shown(expected, finding.style),
            actual=shown(actual, finding.style),
            difference=shown(Signed(difference), finding.style),
        )
        lines.append([("    " + compared, "dim")])
    if finding.hint:
        hint = _("hint: {hint}").format(hint=printable(finding.hint_text or ""))
        lines.append([("    " + hint, "green")])
    entry = offer(finding)
    if entry:  # only a document's own error is acknowledged: a typing slip is corrected
        pairs = printable(entry).replace(": ", ":" + KEEP)  # a key stays with its value
        # A pointer is copied into the plan: wider than a line, it keeps a line of its own.
        pairs = pairs.replace("pointer:", WHOLE + "pointer:")
        offered = _("if the document itself says so, acknowledge: {entry}").format(entry=pairs)
        lines.append([("    " + offered, "dim")])
    if finding.reason:
        reason = _("acknowledged: {reason}").format(reason=printable(finding.reason))
        lines.append([("    " + reason, "dim")])
    for item in finding.related:
        where = f"{printable(item.path or path)}:{item.location.line}:{item.location.column}"
        lines.append([(f"    {_(item.role)}: {place(where)}", "dim")])
    return lines


def _listed(finding: Finding, detail: Detail) -> bool:
    if finding.acknowledged or is_inference(finding) or is_history(finding):
        return detail is Detail.ALL
    return finding.severity is Severity.ERROR or detail is not Detail.QUIET


def report_lines(run: RunResult, detail: Detail = Detail.NORMAL) -> list[Line]:
    """A line a file (quiet: a line a file with errors), what needs a look under it, and
    the summary."""
    lines: list[Line] = []
    for result in run.files:
        if detail is Detail.QUIET and not result.counts()[0]:
            continue  # before its findings are looked at: they may be read from the cache
        listed = [finding for finding in result.findings if _listed(finding, detail)]
        lines.append(_header(result))
        for finding in listed:
            lines.extend(_finding(result.path, finding))
    errors, warnings, acknowledged = run.totals()
    summary = _("{files} checked: {errors}, {warnings}, {acknowledged} acknowledged").format(
        files=_n("{count} file", "{count} files", len(run.files)),
        errors=_errors(errors),
        warnings=_warnings(warnings),
        acknowledged=acknowledged,
    )
    summary = ", ".join(kept(clause) for clause in summary.split(", "))  # `7 acknowledged`
    if run.config.get("file"):
        used = place(printable(str(run.config["file"])))
        summary += " " + _("(configuration: {file})").format(file=used)
    lines.append([(summary, "bold green" if run.ok else "bold red")])
    return lines


# --- wrapping at the width ------------------------------------------------------------------


def text_width(stream: TextIO | None = None) -> int:
    """The width text is wrapped at: COLUMNS when it is set (piped output honours it too); else
    the terminal's, when `stream` is one; else DEFAULT_WIDTH. Never below NARROWEST."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdecimal() and int(columns) > 0:  # 0 says nothing, as for `less` and `ls`
        return max(int(columns), NARROWEST)
    if stream is not None and hasattr(stream, "isatty") and stream.isatty():
        try:
            return max(os.get_terminal_size(stream.fileno()).columns, NARROWEST)
        except (OSError, ValueError):  # a terminal that gives no size: as a pipe
            pass
    return DEFAULT_WIDTH


def columns_of(text: str) -> int:
    """How many columns `text` takes on a terminal: a combining mark none, a wide letter two."""
    if text.isascii():
        return len(text)
    return sum(map(_char_columns, text))


@functools.lru_cache(maxsize=4096)  # a run's text holds few distinct letters, many times over
def _char_columns(char: str) -> int:
    if char == KEEP:  # written as a space
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


_SPACES = re.compile(r"( +)")

Word = list[Segment]
"""A word's fragments, each in its own style (`✗` and `1` of `✗ 1 error` are two words)."""


def _words(line: Line) -> tuple[str, list[tuple[str, Word]]]:
    """The line's indent, and its words, each with the spaces before it."""
    words: list[tuple[str, Word]] = []
    space, word = "", Word()
    for text, style in line:
        for index, piece in enumerate(_SPACES.split(text)):
            if index % 2:  # the spaces between two words
                if word:
                    words.append((space, word))
                    space, word = "", Word()
                space += piece
            elif piece:
                word.append((piece, style))
    if word:
        words.append((space, word))
    if not words:
        return "", []
    indent, first = words[0]
    return indent, [("", first), *words[1:]]


def _fold(word: Word, room: int) -> list[Word]:
    """A word wider than `room` columns in pieces of at most `room` columns (a letter's marks
    stay with it)."""
    pieces: list[Word] = [[]]
    taken = 0
    for text, style in word:
        for char in text:
            size = _char_columns(char)
            if taken + size > room and taken:
                pieces.append([])
                taken = 0
            current = pieces[-1]
            if current and current[-1][1] == style:
                current[-1] = (current[-1][0] + char, style)
            else:
                current.append((char, style))
            taken += size
    return pieces


def _hanging(indent: str, words: list[tuple[str, Word]], width: int) -> int:
    """Where a continuation starts: under the second word of a line that begins with a place
    (a file's line, a finding's), where that leaves BESIDE columns, so that it reads as the
    same line; else HANGING columns deeper than the line."""
    if len(words) > 1 and words[0][1][0][0].startswith(WHOLE):
        after = len(indent) + sum(columns_of(text) for text, _ in words[0][1]) + len(words[1][0])
        if width - after >= BESIDE:
            return after
    return len(indent) + HANGING


def wrap(line: Line, width: int, *, hanging: int | None = None) -> list[Line]:
    """`line` in lines of at most `width` columns, broken between words only: each
    continuation indented `hanging` columns (default: `_hanging`); a word wider than a whole
    line is folded. An empty line stays one empty line."""
    indent, words = _words(line)
    later = " " * (_hanging(indent, words, width) if hanging is None else hanging)
    lines: list[Line] = []
    current: Line = [(indent, "")] if indent else []
    taken, empty = len(indent), True
    for space, word in words:
        size = sum(columns_of(text) for text, _style in word)
        if not empty and taken + len(space) + size <= width:
            current += [(space, ""), *word]
            taken += len(space) + size
            continue
        if not empty:
            lines.append(current)
            current, taken = [(later, "")], len(later)
        room = max(width - taken, 1)
        folds = size > room and not word[0][0].startswith(WHOLE)
        *whole, last = _fold(word, room) if folds else [word]
        for piece in whole:
            lines.append(current + piece)
            current, taken = [(later, "")], len(later)
        current += last
        taken += sum(columns_of(text) for text, _style in last)
        empty = False
    lines.append(current)
    return [_merged(line) for line in lines]


def _merged(line: Line) -> Line:
    """Neighbouring fragments of one style as one segment (a space between two takes their
    style), each KEEP written as a space, each WHOLE as nothing."""
    merged: Line = []
    for index, (text, style) in enumerate(line):
        after = line[index + 1][1] if index + 1 < len(line) else None
        between = not text.strip() and merged and merged[-1][1] == after
        shown = after if between and after is not None else style  # of the words around it
        if merged and merged[-1][1] == shown:
            merged[-1] = (merged[-1][0] + text, shown)
        else:
            merged.append((text, shown))
    return [(text.replace(KEEP, " ").replace(WHOLE, ""), style) for text, style in merged]


def wrap_text(text: str, width: int, *, hanging: int | None = None) -> list[str]:
    """Plain text wrapped as `wrap` wraps a line."""
    return [
        "".join(piece for piece, _style in line)
        for line in wrap([(text, "")], width, hanging=hanging)
    ]


def render(
    run: RunResult,
    stream: TextIO,
    *,
    color: bool,
    width: int | None = None,
    detail: Detail = Detail.NORMAL,
) -> None:
    width = width or text_width(stream)
    lines = [wrapped for line in report_lines(run, detail) for wrapped in wrap(line, width)]
    if not color:
        stream.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(  # colour was asked for (--color, FORCE_COLOR or a terminal): given
        file=stream,
        highlight=False,
        soft_wrap=True,  # wrapped above, between words: rich neither wraps nor crops
        force_terminal=True,
        no_color=False,
    )
    for line in lines:
        console.print(Text.assemble(*line))
