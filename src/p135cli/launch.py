"""The `p135` program (and `python -m p135cli`): how a run starts, before the command line.

Start-up is most of checking one plan, so three things are done here, each measured by
`make bench`:

- the garbage collector is off while p135 imports typer, pydantic and the models (many
  objects, no garbage), and what they made is frozen out of every later collection, the one
  at exit included;
- pydantic's plugin finder, which reads every installed package's metadata, is not imported
  while plugins are off, as p135 keeps them (PYDANTIC_DISABLE_PLUGINS);
- `p135 validate` with only paths and the common options (`quick`) runs without building
  typer's command; any other command line, or anything unusual in one, goes through typer.
  Both call `running.validate`, and a test runs each such command line both ways.

Importing `p135cli.cli` as a library changes none of this.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Iterable, Sequence
from typing import Any

NO_PLUGINS = "__all__"
FLAGS = {
    "--strict": "strict",
    "-q": "quiet",
    "--quiet": "quiet",
    "--no-cache": "no_cache",
    "--show-acknowledged": "show_acknowledged",
    "--no-color": "no_color",
    "--with-folder": "with_folder",
}
FORMATS = frozenset({"text", "json", "github", "sarif", "junit"})
COLORS = frozenset({"auto", "always", "never"})
CHOICES = {"--format": ("format", FORMATS), "-f": ("format", FORMATS), "--color": ("color", COLORS)}
"""Options that take one of a few words: anything else is typer's to read and refuse."""


def quick(argv: Sequence[str]) -> dict[str, Any] | None:
    """The options of a `validate` command line that needs no more than this to read, or
    None: then typer reads it, and says what is wrong with it if anything is."""
    if len(argv) < 2 or argv[0] != "validate" or os.environ.get("_P135_COMPLETE"):
        return None
    options: dict[str, Any] = {}
    paths: list[str] = []
    given = iter(argv[1:])
    for arg in given:
        if arg in FLAGS:
            options[FLAGS[arg]] = True
        elif arg in CHOICES:
            name, words = CHOICES[arg]
            value = next(given, None)
            if value not in words:
                return None
            options[name] = value
        elif arg in ("--jobs", "-j"):
            value = next(given, "")
            if not (value.isascii() and value.isdigit() and len(value) < 5 and int(value) >= 1):
                return None  # typer reads it, and says what is wrong with it
            options["jobs"] = int(value)
        elif arg.startswith("-") or not arg.strip():
            return None
        else:
            paths.append(arg)
    return {"paths": paths, **options} if paths else None


def _no_plugins() -> Iterable[object]:
    return ()


def _skip_plugin_finder() -> None:
    """Stand in for `pydantic.plugin._loader` while plugins are off: it would import
    importlib.metadata, about 15 ms, to find none. A user who sets PYDANTIC_DISABLE_PLUGINS
    otherwise gets pydantic's own finder."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", NO_PLUGINS)
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] != NO_PLUGINS:
        return
    finder = types.ModuleType("pydantic.plugin._loader")
    finder.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules.setdefault("pydantic.plugin._loader", finder)


def _validate(options: dict[str, Any]) -> None:
    from p135cli import running

    if "format" in options:
        options = {**options, "format": running.Format(options["format"])}
    if "color" in options:
        options = {**options, "color": running.Color(options["color"])}
    given = running.Validation(**options)
    running.prepare_streams()
    try:
        running.validate(given)
    except KeyboardInterrupt:
        sys.stderr.write("p135: interrupted\n")
        sys.exit(130)


def main() -> None:
    options = quick(sys.argv[1:])
    gc.disable()
    try:
        _skip_plugin_finder()
        if options is None:
            from p135cli.cli import main as run
        else:
            from p135cli import running  # noqa: F401 - imported here, with collection off
    finally:
        gc.freeze()
        # Collect rarely: a run makes little cyclic garbage, and each command imports more.
        gc.set_threshold(20_000, 20, 100)
        gc.enable()
    try:
        if options is None:
            run()
        else:
            _validate(options)
    finally:
        gc.freeze()  # the collection at exit then has nothing to look through
