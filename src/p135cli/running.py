"""What the commands run, without the command line: typer is imported only to read one.

`p135 validate` is declared here once, as a record of its options (`Validation`): each
field's names on the command line, its default and how a word given to it is read. typer
(`p135cli.cli_validate`) reads a command line into it by that declaration, and so does
`p135cli.launch` for a plain one (paths, switches, a choice or a number) without building
typer's command, a sixth of a start; both hand the record to `validate` here, so they cannot
differ.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from p135cli.formats import SUFFIXES, VALIDATE, Formats
from p135cli.i18n import NumberStyle, _, detect, speak

if TYPE_CHECKING:
    from p135cli.cache import Cache
    from p135cli.config import Found
    from p135cli.findings import RunResult
    from p135cli.places import OwnList
    from p135cli.render import Detail
    from p135cli.settings import Limits, Settings


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


def say(message: str) -> None:
    """One line on stderr; a path or plan text in it is shown escaped, never acted on."""
    from p135cli.render.escape import printable

    sys.stderr.write(f"p135: {printable(message)}\n")


def fail(message: str, code: int) -> NoReturn:
    say(message)
    raise SystemExit(code)


@contextlib.contextmanager
def guard(debug: bool) -> Iterator[None]:
    """No traceback reaches a user unless they ask for it with --debug; every figure is
    added, multiplied and divided in a decimal context that is exact for them and never raises."""
    from decimal import localcontext

    from p135cli.arithmetic import SAFE

    try:
        with localcontext(SAFE):
            yield
    except KeyboardInterrupt:
        fail(_("interrupted"), 130)
    except BrokenPipeError:
        raise
    except Exception as exc:
        if debug:
            raise
        what = f"{exc.__class__.__name__}: {exc}"
        fail(_("internal error: {what} (run again with --debug)").format(what=what), 2)


class Color(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def color_of(color: Color | str | None, no_color: bool = False) -> Color:
    """--color, with --no-color read as `--color never`; both, disagreeing, are refused."""
    chosen = Color(color) if color is not None else None
    if no_color and chosen not in (None, Color.NEVER):
        fail(_("--color {color} and --no-color contradict each other: give one").format(
            color=chosen), 2)  # fmt: skip
    return Color.NEVER if no_color else chosen or Color.AUTO


def use_color(color: Color | str | None = None, no_color: bool = False) -> bool:
    """Colour on standard output? An explicit --color always or never decides; otherwise a
    non-empty NO_COLOR turns it off (no-color.org), then a non-empty FORCE_COLOR turns it on
    (force-color.org), then it is on only on a terminal."""
    chosen = color_of(color, no_color)
    if chosen is not Color.AUTO:
        return chosen is Color.ALWAYS
    if os.environ.get("NO_COLOR", ""):
        return False
    if os.environ.get("FORCE_COLOR", ""):
        return True
    return sys.stdout.isatty()


def tolerance_of(text: str | None) -> Decimal:
    """--tolerance, read as a plan's plain figures are: Decimal() alone would read `١` as 1,
    and `1_0`, `1e-3` and `Infinity` besides."""
    from p135cli.numbers import NumberError, parse_option_number

    try:
        value = parse_option_number(text or "0")
    except NumberError as error:
        fail(_("--tolerance: {reason}").format(reason=error.text.render()), 2)
    if value < 0:
        fail(_("--tolerance must be zero or more, not '{text}'").format(text=text), 2)
    return value


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Speed(NamedTuple):
    """How a run may go faster without changing what it finds: workers and a cache."""

    jobs: int | None = None  # None: one per core
    cache: Path | None = None  # None: no cache


def cache_folder(given: str | None) -> Path | None:
    """--cache-dir, else P135_CACHE_DIR, else .p135_cache in the project's root (where the
    configuration is read: `config.project_root`), else, outside every project, the user's
    own cache folder: never a folder above the root, which is someone else's. None when
    P135_NO_CACHE is set."""
    if os.environ.get("P135_NO_CACHE", "") not in ("", "0"):
        return None
    named = given if given is not None else os.environ.get("P135_CACHE_DIR")
    if named is not None and not named.strip():  # an unset CI variable: not "this folder"
        fail(_("an empty cache folder was given: name one, or give --no-cache"), 2)
    if named is not None:
        return Path(named)
    from p135cli.cache import FOLDER, user_folder
    from p135cli.config import project_root

    root = project_root(Path.cwd())
    if root is not None:
        return root / FOLDER

    return user_folder() / "cache"


def _cache(folder: Path, found: Found, limits: Limits) -> Cache | None:
    """The cache in `folder`, unless others could change what it holds (said once)."""
    from p135cli.cache import Cache, fingerprint, untrusted, user_secret

    reason = untrusted(folder)
    if reason is not None:
        say(_(reason).format(folder=folder))
        return None
    return Cache(folder, fingerprint(found.settings, limits), user_secret())


STDIN = Path("-")


def read_stdin(folder: str | Path, stdin_name: str | None, most: int) -> Path:
    """Standard input, at most `most` bytes, written to a private file in `folder` named as
    `stdin_name` names it (its name only: `../x` or `/etc/x` stays in the folder), so that it
    is read and checked as any other file is."""
    own = Path(stdin_name or "-").name
    path = Path(folder) / (own if own not in ("", ".", "..", "-") else "stdin.yaml")
    path.write_bytes(sys.stdin.buffer.read(most))
    return path


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Inputs(NamedTuple):
    """The files a command reads, standard input (`-`) among them as a private file."""

    paths: list[Path]
    stdin: Path | None
    named: str
    """What findings and views call standard input: --stdin-filename, else `-`."""

    def label(self, path: Path | str) -> str:
        """How a file is named to the user: standard input by its given name."""
        return self.named if self.stdin is not None and Path(path) == self.stdin else str(path)


@contextlib.contextmanager
def inputs(
    given: Sequence[Path | str], stdin_name: str | None, most: int, *, once: bool = False
) -> Iterator[Inputs]:
    """The paths with `-` read from standard input into a private temporary file (removed
    after); `once`: at most one of them may be `-` (standard input is read once)."""
    paths = [Path(path) for path in given]
    if once and paths.count(STDIN) > 1:
        fail(_("standard input (-) can be only one of the files"), 2)
    if STDIN not in paths:
        yield Inputs(paths, None, stdin_name or "-")
        return
    import tempfile  # only for standard input: a run of files does not pay for it

    with tempfile.TemporaryDirectory(prefix="p135-") as folder:
        stdin = read_stdin(folder, stdin_name, most)
        yield Inputs([stdin if p == STDIN else p for p in paths], stdin, stdin_name or "-")


def checked(
    paths: list[Path],
    found: Found,
    limits: Limits,
    exclude: Sequence[str],
    stdin_name: str | None,
    speed: Speed | None = None,
    against: str | None = None,
) -> RunResult:
    """Check the paths; `-` is one plan read from standard input, named `stdin_name` in
    findings (it is written to a private temporary file, so it is checked like any other).
    With `against`, each file is also compared with its version at that git revision (what
    standard input gave, at the path `stdin_name` names)."""
    from p135cli.checking import UsageProblem, check_paths, jobs_default

    with inputs(paths, stdin_name, limits.max_bytes + 1) as given_inputs:
        given, stdin = given_inputs.paths, given_inputs.stdin
        speed = speed or Speed()
        cache = None
        if speed.cache is not None:
            cache = _cache(speed.cache, found, limits)
        jobs = speed.jobs or jobs_default()
        try:
            edits = None
            if against is not None:
                from p135cli.against import Against

                read = (str(stdin), stdin_name) if stdin is not None else None
                edits = Against(against, read)
            run = check_paths(
                given, found.settings, limits, exclude, cache=cache, jobs=jobs, against=edits
            )
        except UsageProblem as problem:
            fail(str(problem), 2)
        from dataclasses import replace

        files = [
            replace(result, path=given_inputs.named)
            if stdin is not None and result.path.startswith(str(stdin.parent))
            else result
            for result in run.files
        ]  # what standard input gave, named as the user named it
        return replace(run, files=files, config=found.summary())


def report_run(
    run: RunResult, format: str, detail: Detail, output: Path | None, *, force: bool, color: bool
) -> None:
    """The report to standard output, or written whole to `output`."""
    import io

    from p135cli.render import renderer

    if output is None:
        renderer(format)(run, sys.stdout, color=color, detail=detail)
        return
    buffer = io.StringIO()
    renderer(format)(run, buffer, color=False, detail=detail)
    write(output, buffer.getvalue(), force=force, inputs=[Path(f.path) for f in run.files])


def format_of(output: Path | None, given: str | None, formats: Formats) -> str:
    """The format to write: --format, else the output file's extension, else the default; a
    --format that contradicts the extension is refused, so `-o r.xlsx -f text` cannot write box
    drawing into a file Excel refuses."""
    implied = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if given is None:
        if output is None or implied in formats:
            return implied or formats.default
        message = _("cannot tell the format of {path} from its extension: give --format")
        fail(message.format(path=output), 2)
    if implied is not None and implied != given:
        message = _("--format {given} contradicts {path}, which names {implied}")
        fail(message.format(given=given, path=output, implied=implied), 2)
    return given


def paths_of(given: list[str]) -> list[Path]:
    """The paths as given; an empty one (an unset CI variable) is refused, where a Path would
    silently read it as the current folder."""
    if any(not text.strip() for text in given):
        fail(_("an empty path was given"), 2)
    return [Path(text) for text in given]


def speak_as(lang: Lang | None, style: NumberStyle | None, configured: str | None = None) -> None:
    """Speak --lang, else the configuration's lang, else P135_LANG or the locale; write every
    figure in --number-style, else in its own plan's style."""
    speak(lang.value if lang else detect(configured), style)


def configuration(
    path: Path | None,
    isolated: bool,
    *,
    tolerance: str | None = None,
    strict: bool = False,
    lang: Lang | None = None,
    style: NumberStyle | None = None,
    units: str | None = None,
    units_date: str | None = None,
) -> Found:
    """The configuration file's settings, with --tolerance, --strict, --lang and --units
    taking precedence; the run speaks the language it settles on."""
    from dataclasses import replace

    from p135cli import config

    speak_as(lang, style)  # until the configuration is read, its own errors need a language
    if path is not None and isolated:
        fail(_("--config and --isolated contradict each other: give one"), 2)
    try:
        found = config.load(Path.cwd(), rule_codes, path=path, isolated=isolated)
    except config.ConfigError as error:
        fail(_("configuration: {error}").format(error=error), 2)
    speak_as(lang, style, found.lang)
    settings = replace(found.settings, strict=strict)
    if tolerance is not None:
        settings = replace(settings, tolerance=tolerance_of(tolerance))
    if units is not None or units_date is not None:
        settings = replace(settings, units=own_units(units, units_date, settings))
    return replace(found, settings=settings)


def rule_codes() -> set[str]:
    """Every rule's code: the rules' registry, imported when a configuration names a rule."""
    from p135cli.rules import BY_CODE

    return set(BY_CODE)


def own_units(path: str | None, date: str | None, settings: Settings) -> OwnList | None:
    """--units FILE and --units-date DATE: the user's own list of administrative units; a
    date alone dates the configuration's list afresh. A list p135 cannot read is a usage
    error naming its line (exit 2)."""
    from p135cli.units_file import UnitsError, own_list

    if path is None and settings.units is not None:
        path = settings.units.source
    try:
        return own_list(Path(path) if path else None, date, "--units")
    except UnitsError as error:
        fail(str(error), 2)


def marked(text: str, format: str, command: str) -> str:
    """A view's output as a file carries p135's mark (`output.created_by_p135`), so that the
    next run may replace it: a JSON file's `generator` key, a markdown (or mermaid) file's
    first line, a text file's last line; a CSV file is known by its header line."""
    from p135cli.output import MARKER

    mark = MARKER.decode()
    if format == "json":
        import json

        from p135cli.render.escape import json_text

        return json_text({"generator": mark, **json.loads(text)}) + "\n"
    if format == "markdown":
        return f"<!-- {mark}: p135 {command} -->\n{text}"
    if format == "mermaid":  # a mermaid comment: the file stays a diagram mermaid reads
        return f"%% {mark}: p135 {command}\n{text}"
    if format == "csv":
        return text
    return text + ("" if text.endswith("\n") or not text else "\n") + mark + "\n"


def write(path: Path, data: bytes | str, *, force: bool, inputs: list[Path]) -> None:
    """Write an output file whole, or refuse (exit 2) and write nothing."""
    from p135cli.output import OutputError, write_output

    try:
        write_output(path, data, force=force, inputs=inputs)
    except OutputError as refused:  # refused, or the system's error, as one line
        fail(str(refused), 2)
    except OSError as error:
        fail(
            _("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error), 2
        )
    say(_("wrote {path}").format(path=path))


MOST_BYTES = 1_000_000_000
"""The largest --max-bytes: a file is read whole, and a plan is a few kilobytes."""
MOST_DEPTH = 1_000
"""The deepest --max-depth: the YAML parser (libyaml) refuses deeper nesting itself."""
MOST_NODES = 100_000_000
MOST_DIGITS = 100
MOST_JOBS = 9_999
"""The most --jobs: never more workers start than there is work for."""


class Whole:
    """How a whole-number option is read: the digits 0-9 only, as a plan's figures are (int()
    would read `١`, `1_000` and ` 5 `), from `least` to `most`, so that no limit can be more
    than what reads a file can hold; anything else is a ValueError naming the range (never an
    OverflowError). (This and `Option` are plain classes: making a dataclass takes a
    millisecond of every start, and `p135 validate` makes this module's.)"""

    __slots__ = ("least", "most")

    def __init__(self, least: int, most: int) -> None:
        self.least = least
        self.most = most

    def __call__(self, text: str) -> int:
        if text.isascii() and text.isdigit() and len(text.lstrip("0")) <= 20:  # int() stops
            number = int(text)  # at 4,300 digits, with an error of its own
            if self.least <= number <= self.most:
                return number
        message = _("'{value}': give a whole number from {least} to {most}, in the digits 0-9")
        raise ValueError(message.format(value=text, least=self.least, most=self.most))


class Option:
    """How a field of the options record is given on the command line."""

    __slots__ = ("names", "read", "switch")

    def __init__(
        self, names: tuple[str, ...], switch: bool, read: Callable[[str], Any] | None
    ) -> None:
        self.names = names
        """As typer declares them: `--x/--no-x` is a switch that can be turned back off."""
        self.switch = switch
        """Given alone, it sets its field (True, or False by its `--no-x` name)."""
        self.read = read
        """How the word given to it reads, as typer reads it (one of its choices, a whole
        number, a text taken as it is, whatever it starts with), raising ValueError for one
        typer refuses; None where only typer reads it (a path, a list)."""


def given_as(*names: str, read: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """A field of the options record as the command line gives it (its `Option`)."""
    return {"names": names, "read": read}


@dataclass(frozen=True, kw_only=True)
class Validation:
    """Everything `p135 validate` is given: the one declaration of its options, in the order
    its help lists them, with their names, defaults and readings."""

    paths: Sequence[str]
    format: str | None = field(
        default=None, metadata=given_as("--format", "-f", read=VALIDATE.read)
    )
    strict: bool = field(default=False, metadata=given_as("--strict/--no-strict"))
    quiet: bool = field(default=False, metadata=given_as("--quiet", "-q"))
    output: Path | None = field(default=None, metadata=given_as("--output", "-o"))
    force: bool = field(default=False, metadata=given_as("--force/--no-force"))
    against: str | None = field(default=None, metadata=given_as("--against", read=str))
    stdin_filename: str | None = field(default=None, metadata=given_as("--stdin-filename"))
    show_acknowledged: bool = field(default=False, metadata=given_as("--show-acknowledged"))
    no_color: bool = field(default=False, metadata=given_as("--no-color"))
    color: Color | None = field(default=None, metadata=given_as("--color", read=Color))
    tolerance: str | None = field(default=None, metadata=given_as("--tolerance", read=str))
    max_bytes: int = field(
        default=2_000_000, metadata=given_as("--max-bytes", read=Whole(1, MOST_BYTES))
    )
    max_depth: int = field(default=64, metadata=given_as("--max-depth", read=Whole(1, MOST_DEPTH)))
    max_nodes: int = field(
        default=200_000, metadata=given_as("--max-nodes", read=Whole(1, MOST_NODES))
    )
    max_digits: int = field(
        default=30, metadata=given_as("--max-digits", read=Whole(1, MOST_DIGITS))
    )
    exclude: Sequence[str] = field(default=(), metadata=given_as("--exclude"))
    with_folder: bool = field(default=False, metadata=given_as("--with-folder"))
    jobs: int | None = field(
        default=None, metadata=given_as("--jobs", "-j", read=Whole(1, MOST_JOBS))
    )
    no_cache: bool = field(default=False, metadata=given_as("--no-cache"))
    cache_dir: str | None = field(default=None, metadata=given_as("--cache-dir", read=str))
    config: Path | None = field(default=None, metadata=given_as("--config"))
    isolated: bool = field(default=False, metadata=given_as("--isolated"))
    lang: Lang | None = field(default=None, metadata=given_as("--lang", read=Lang))
    number_style: NumberStyle | None = field(
        default=None, metadata=given_as("--number-style", read=NumberStyle)
    )
    debug: bool = field(default=False, metadata=given_as("--debug/--no-debug"))
    units: str | None = field(default=None, metadata=given_as("--units"))
    units_date: str | None = field(default=None, metadata=given_as("--units-date"))


OPTIONS = {
    each.name: Option(each.metadata["names"], isinstance(each.default, bool), each.metadata["read"])
    for each in fields(Validation)
    if "names" in each.metadata
}
"""The options of `p135 validate` by field, as `Validation` declares them."""
DEFAULT = Validation(paths=())
"""Every option's default."""


def folders_of(paths: list[Path]) -> list[Path]:
    """The folder of each file given (a folder stays itself, standard input stays `-`), once
    each: what a pre-commit hook checks when an edit triggers it. The whole folder, since a
    citation is compared across every plan of a run (C105)."""
    folders: list[Path] = []
    for path in paths:
        folder = path if path == Path("-") or path.is_dir() else path.parent
        if folder not in folders:
            folders.append(folder)
    return folders


def validate(given: Validation) -> NoReturn:
    """Check the plans, report, and exit 0 (no error), 1 (an error) or 2 (usage)."""
    with guard(given.debug):
        from p135cli.render import Detail
        from p135cli.settings import Limits

        found = configuration(
            given.config,
            given.isolated,
            tolerance=given.tolerance,
            strict=given.strict,
            lang=given.lang,
            style=given.number_style,
            units=given.units,
            units_date=given.units_date,
        )
        if given.against is not None:  # the user asked for the edit's checks: D103 an error
            from dataclasses import replace

            from p135cli.rules.amendments import against_settings

            found = replace(found, settings=against_settings(found.settings))
        limits = Limits(given.max_bytes, given.max_depth, given.max_nodes, given.max_digits)
        speed = Speed(given.jobs, None if given.no_cache else cache_folder(given.cache_dir))
        paths = paths_of(list(given.paths))
        if given.with_folder:
            paths = folders_of(paths)
        run = checked(
            paths, found, limits, given.exclude, given.stdin_filename, speed, given.against
        )
        detail = (
            Detail.QUIET
            if given.quiet
            else Detail.ALL
            if given.show_acknowledged
            else Detail.NORMAL
        )
        chosen = format_of(given.output, given.format, VALIDATE)
        color = use_color(given.color, given.no_color)
        report_run(run, chosen, detail, given.output, force=given.force, color=color)
        raise SystemExit(0 if run.ok else 1)


def prepare_streams() -> None:
    """`p135 validate ... | head` ends quietly; a terminal that cannot show Vietnamese gets
    escapes instead of an error."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):
        try:
            "Quảng Ninh ✓ │ █ –".encode(getattr(stream, "encoding", None) or "utf-8")
        except (UnicodeError, LookupError):
            from p135cli.render.escape import ERRORS  # writes `\u1ea3`, which JSON reads back

            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors=ERRORS)  # type: ignore[union-attr]
