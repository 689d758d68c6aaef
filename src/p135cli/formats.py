"""Every command's output formats: one registry per command, from a format's name to its
renderer.

A command's `--format` choices (and so its help's list, its usage error and its shell
completion), its default, the formats an `-o FILE` extension may choose and the dispatch are
all read from its registry, as check-jsonschema derives its `--output-format` choices from
`REPORTER_BY_NAME`: a format is added with its renderer and one line here.

A renderer is named by where it is, `module:function`, and imported only when its format is
chosen: a view imports what it draws with (the report's charts matplotlib), and `p135
--help` and `p135 validate` must import none of the views. Named, not imported, renderers are out of
import-linter's sight; tests/test_formats.py loads each one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal

SUFFIXES = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
    ".mmd": "mermaid",
    ".sarif": "sarif",
    ".xml": "junit",
    ".svg": "svg",
    ".png": "png",
}
"""The format a file's extension names, the same in every command: `-o r.md -f json` is
refused as a contradiction even where markdown is not one of the command's formats."""


class Renderer:
    """Where one format's renderer is, and which of its command's options it reads. (A plain
    class: making a dataclass takes a millisecond of every start.)"""

    __slots__ = ("takes", "where")

    def __init__(self, where: str, takes: tuple[str, ...] = ()) -> None:
        self.where = where
        """`module:function`, imported when the format is chosen."""
        self.takes = takes
        """The keyword options it reads, of those its command hands every renderer: the text
        views' colour and width, the CSVs' `excel` (written for Excel)."""

    def load(self) -> Callable[..., Any]:
        module, _, name = self.where.partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return function

    def __call__(self, *shown: Any, **options: Any) -> Any:
        """Render `shown` with the options this renderer takes, of those given."""
        return self.load()(*shown, **{name: options[name] for name in self.takes})


class Formats(Mapping[str, Renderer]):
    """One command's formats by name, in the order its help lists them; the first is the
    default. `from_output`: without --format, the `-o` file's extension chooses (validate,
    timeline, report); the other commands write their default whatever the file is called."""

    def __init__(self, renderers: Mapping[str, Renderer], *, from_output: bool = False) -> None:
        self._renderers = dict(renderers)
        self.from_output = from_output

    def __getitem__(self, name: str) -> Renderer:
        return self._renderers[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._renderers)

    def __len__(self) -> int:
        return len(self._renderers)

    @property
    def default(self) -> str:
        return next(iter(self._renderers))

    @property
    def choice(self) -> Any:
        """The names as a type typer reads choices from (a `Literal`)."""
        return Literal[tuple(self._renderers)]

    def read(self, word: str) -> str:
        """A --format word as typer reads it, one of the names exactly; else ValueError."""
        if word not in self._renderers:
            raise ValueError(word)
        return word


VALIDATE = Formats(
    {
        "text": Renderer("p135cli.render.text:render"),
        "json": Renderer("p135cli.render.json_format:render"),
        "github": Renderer("p135cli.render.github:render"),
        "sarif": Renderer("p135cli.render.sarif:render"),
        "junit": Renderer("p135cli.render.junit:render"),
    },
    from_output=True,
)
"""`p135 validate`: each renderer is `p135cli.render.Render`, one module per format."""

TIMELINE = Formats(
    {
        "text": Renderer("p135cli.views.timeline:render_text", takes=("color", "width")),
        "json": Renderer("p135cli.views.timeline:render_json"),
        "markdown": Renderer("p135cli.views.timeline:render_markdown"),
        "mermaid": Renderer("p135cli.views.timeline:render_mermaid", takes=("chart",)),
        "csv": Renderer("p135cli.views.timeline:render_csv", takes=("excel",)),
    },
    from_output=True,
)
"""`p135 timeline`: each renderer writes the timeline to a stream."""

REPORT = Formats(
    {
        "text": Renderer(
            "p135cli.views.report_formats:render_text", takes=("color", "width", "terminal")
        ),
        "markdown": Renderer("p135cli.views.report_formats:render_markdown"),
        "csv": Renderer("p135cli.views.report_formats:render_csv", takes=("excel",)),
        "json": Renderer("p135cli.views.report_formats:render_json"),
        "xlsx": Renderer("p135cli.views.report_formats:render_xlsx", takes=("charts",)),
        "svg": Renderer("p135cli.views.charts:render_svg"),
        "png": Renderer("p135cli.views.charts:render_png"),
    },
    from_output=True,
)
"""`p135 report`: each renderer returns the tables, as text or (xlsx, png) bytes; the
workbook (with `charts`) and the pictures (svg, png) draw charts, from a report built for them
(`Reading(charts=True)`: it keeps each plan's roadmap)."""

PROGRESS = Formats(
    {
        "text": Renderer("p135cli.views.progress:render_text", takes=("color", "width")),
        "json": Renderer("p135cli.views.progress:render_json"),
        "markdown": Renderer("p135cli.views.progress:render_markdown"),
    }
)
"""`p135 progress`: each renderer writes the comparison to a stream."""

DIFF = Formats(
    {
        "text": Renderer("p135cli.views.diff:render_text"),
        "markdown": Renderer("p135cli.views.diff:render_markdown"),
        "json": Renderer("p135cli.views.diff:render_json"),
    }
)
"""`p135 diff`: each renderer writes the compared plans to a stream."""

RULES = Formats(
    {
        "text": Renderer("p135cli.cli_rules:rules_text"),
        "json": Renderer("p135cli.cli_rules:rules_json"),
    }
)
"""`p135 rules`: each renderer returns the list of rules as text."""
