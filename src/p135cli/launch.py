"""The `p135` program (and `python -m p135cli`): how a run starts, before the command line.

Start-up is most of checking one plan, so three things are done here, each measured by
`make bench`:

- the garbage collector is off while p135 imports typer, pydantic and the models (many
  objects, no garbage), and what they made is frozen out of every later collection, the one
  at exit included;
- pydantic's plugin finder, which reads every installed package's metadata, is not imported
  while plugins are off, as p135 keeps them (PYDANTIC_DISABLE_PLUGINS);
- `p135 validate` with only paths and options that are switches or take one word read as
  typer reads it (`quick`) runs without building typer's command; any other command line,
  or anything unusual in one, goes through typer. Both read it by the one declaration of
  validate's options (`running.Validation`) into that record and call `running.validate`,
  and a test runs such command lines both ways.

Importing `p135cli.cli` as a library changes none of this.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from p135cli.running import Option, Validation

NO_PLUGINS = "__all__"


def _names() -> dict[str, tuple[str, Option, bool]]:
    """Each name of a validate option: its field, its declaration and, for a switch, the value
    that name sets (`--strict` True, `--no-strict` False)."""
    from p135cli.running import OPTIONS

    named: dict[str, tuple[str, Option, bool]] = {}
    for field, declared in OPTIONS.items():
        for names in declared.names:
            on, _, off = names.partition("/")
            named[on] = (field, declared, True)
            if off:
                named[off] = (field, declared, False)
    return named


def quick(argv: Sequence[str]) -> Validation | None:
    """The record of a `validate` command line of paths and options that need no more than
    their declaration to read, or None: then typer reads it, and says what is wrong with it if
    anything is."""
    if len(argv) < 2 or argv[0] != "validate" or os.environ.get("_P135_COMPLETE"):
        return None
    from p135cli.running import Validation

    named = _names()
    given: dict[str, Any] = {}
    paths: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word not in named:
            if word.startswith("-") or not word.strip():
                return None
            paths.append(word)
            continue
        field, declared, on = named[word]
        if declared.switch:
            given[field] = on
        elif declared.read is None:  # a path or text: typer's to read
            return None
        else:
            try:
                given[field] = declared.read(next(words))
            except (StopIteration, ValueError):  # typer reads it, and says what is wrong
                return None
    return Validation(paths=paths, **given) if paths else None


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


def _validate(given: Validation) -> None:
    from p135cli import running

    running.prepare_streams()
    try:
        running.validate(given)
    except KeyboardInterrupt:
        sys.stderr.write("p135: interrupted\n")
        sys.exit(130)


def main() -> None:
    gc.disable()
    try:
        _skip_plugin_finder()
        given = quick(sys.argv[1:])  # the record is imported here, with collection off
        if given is None:
            from p135cli.cli import main as run
    finally:
        gc.freeze()
        # Collect rarely: a run makes little cyclic garbage, and each command imports more.
        gc.set_threshold(20_000, 20, 100)
        gc.enable()
    try:
        if given is None:
            run()
        else:
            _validate(given)
    finally:
        gc.freeze()  # the collection at exit then has nothing to look through
