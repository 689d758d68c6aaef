"""The `p135` program (and `python -m p135cli`): how a run starts, before the command line.

Importing typer, pydantic and the models makes many objects and no garbage, so the garbage
collector is off while they are imported (tens of milliseconds of each start, measured by
`make bench`), and what they made is frozen out of every later collection, the one at exit
included. Importing `p135cli.cli` as a library changes nothing of this.
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.disable()
    try:
        from p135cli.cli import main as run
    finally:
        gc.freeze()
        # Collect rarely: a run makes little cyclic garbage, and each command imports more.
        gc.set_threshold(20_000, 20, 100)
        gc.enable()
    try:
        run()
    finally:
        gc.freeze()  # the collection at exit then has nothing to look through
