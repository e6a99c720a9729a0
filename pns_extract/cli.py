"""Command line: a thin layer over the library. The only module that imports
typer and rich, and the only place that turns errors into exit codes.

Data goes to stdout or ``-o``; summaries, warnings, progress and errors go to stderr."""

from __future__ import annotations

import functools
import inspect
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from . import __version__, interrupts, safe_output
from .errors import ExitCode, LimitExceededError, PnsExtractError
from .flags import ALL_FLAGS, INGEST_FLAGS, Flag
from .flags import FLAGS as _FLAGS  # the name the tests read
from .safe_output import is_stdout, printable  # "-" or /dev/stdout; the one terminal escaper

if TYPE_CHECKING:
    from .contract import ExtractOptions
    from .launch import PlainExtract
    from .summary import Summary


class DefaultCommandGroup(TyperGroup):
    """``pns-extract plan.pdf`` is ``pns-extract extract plan.pdf``: a first argument that names
    none of the group's commands or options goes to the default command (shell completion too)."""

    default_command = "extract"

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in self._own_options(ctx):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def _own_options(self, ctx: typer.Context) -> set[str]:
        return {name for param in self.get_params(ctx) for name in (*param.opts, *param.secondary_opts)}


app = typer.Typer(
    cls=DefaultCommandGroup,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn Belgium's Plan national de sécurité (PNS) into validated structured data.",
)
err = Console(stderr=True)
STDIN = safe_output.STDIN


class OutputFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    markdown = "markdown"  # the plan as a readable document
    html = "html"


class DiffFormat(StrEnum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    html = "html"


VerboseOpt = Annotated[
    bool,
    typer.Option("--verbose", "-v", help="Show tracebacks of unexpected errors and notices (a cache entry discarded)."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary, warnings or progress on stderr.")]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help=f"Exit {int(ExitCode.WARNINGS)} when a document carries warnings.")
]


def _param(flag: Flag) -> inspect.Parameter:
    """The typer option of an extraction flag; its ``check`` (if any) runs while parsing, so a
    malformed value is a usage error (exit 2)."""
    option = typer.Option(*flag.decls, help=flag.help, min=flag.min, callback=_checked(flag.check))
    kind = inspect.Parameter.KEYWORD_ONLY
    return inspect.Parameter(flag.name, kind, annotation=Annotated[flag.kind, option], default=flag.default)


def _checked(check: Callable[[str], object] | None) -> Callable[[Any], Any] | None:
    if check is None:
        return None

    def callback(value: Any) -> Any:
        if value is not None:
            try:
                check(value)
            except ValueError as error:
                raise typer.BadParameter(str(error)) from None
        return value

    return callback


Command = TypeVar("Command", bound=Callable[..., None])


def extraction_options(*names: str) -> Callable[[Command], Command]:
    """Give a command the extraction options ``names`` (of ``_FLAGS``) and hand it one
    ``ExtractOptions`` as its ``options`` parameter, built by ``contract.build_options``."""

    def decorate(command: Command) -> Command:
        flags = [_FLAGS[name] for name in names]
        # the command's own parameters, annotations evaluated (they are strings here: `from
        # __future__ import annotations`). ``options`` is left out: its type is imported only for
        # type checkers, so that `pns-extract --help` does not load pydantic.
        own = [
            p.replace(annotation=eval(p.annotation, command.__globals__))
            for p in inspect.signature(command).parameters.values()
            if p.name != "options"
        ]
        params = [*own, *(_param(flag) for flag in flags)]

        @functools.wraps(command)
        def wrapper(**values: Any) -> None:
            from .contract import build_options

            settings = {flag.setting: flag.convert(values.pop(flag.name)) for flag in flags}
            command(**values, options=build_options(**settings))

        wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}  # typer reads them too
        return wrapper  # type: ignore[return-value]

    return decorate


@contextmanager
def _page_progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar over pages on stderr, shown only when stderr is a terminal."""
    if not enabled or not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("pages", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _emit(text: str, output: Path | None, inputs: tuple[Path, ...]) -> None:
    from .writers import emit

    emit(text, output, protect=inputs)


def _summary(summary: Summary) -> None:
    # titles come from the input: shown as Text (no markup) with control characters escaped
    table = Table(title=Text(printable(summary.title)), title_justify="left")
    table.add_column("theme", no_wrap=True, min_width=5)
    table.add_column("title", no_wrap=True, max_width=24, overflow="ellipsis")
    for column in ("fed", "loc", "oth", "att", "plan", "fn", "page"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    for row in summary.themes:
        table.add_row(
            Text(printable(row.number)),
            Text(printable(row.title)),
            str(row.federal),
            str(row.local),
            str(row.other),
            str(row.attention_points),
            str(row.action_plans),
            str(row.footnotes),
            str(row.page),
        )
    err.print(table)
    share = 100 * summary.placed / summary.lines if summary.lines else 100.0
    err.print(
        f"{len(summary.themes)} themes, {summary.objectives} objectives, "
        f"{summary.glossary_entries} glossary entries; {summary.placed}/{summary.lines} lines placed "
        f"({share:.1f}%), {summary.residue} in residue, {summary.warnings} warnings",
        soft_wrap=True,
    )


def _print_warnings(summary: Summary) -> None:
    """Every warning on stderr, grouped by kind, each with its page and line."""
    for line in summary.warning_lines:
        _note(line)  # messages quote the input


def _written(output: Path | None) -> str:
    return "stdout" if is_stdout(output) else str(output)


def _into_folder(inputs: list[Path], output: Path | None) -> bool:
    """Several inputs, or ``-o`` an existing folder: one file per input in that folder."""
    return not is_stdout(output) and (len(inputs) > 1 or bool(output and output.is_dir()))


def _check_outputs(inputs: list[Path], output: Path | None, *, into_folder: bool) -> None:
    if len(inputs) > 1 and is_stdout(output):
        raise typer.BadParameter("several inputs are written into a folder: give -o FOLDER", param_hint="'-o'")
    if sum(str(path) == STDIN for path in inputs) > 1:
        raise typer.BadParameter("'-' (stdin) can be given once", param_hint="'INPUT...'")
    safe_output.check_output(output, tuple(inputs), folder=into_folder)


def _outputs(inputs: list[Path], output: Path | None, fmt: str, *, into_folder: bool) -> list[Path | None]:
    """Where each input's document goes. One input: ``-o FILE``, stdout, or ``-o`` an existing
    folder. Several inputs: ``-o`` names a folder (created if missing), each document written
    there as ``<name>.<format>``, named as ``batch`` names them (stdin as ``stdin``)."""
    from .inputs import output_names
    from .writers import EXTENSIONS

    if not into_folder:
        return [output]
    assert output is not None
    output.mkdir(exist_ok=True)
    named = [Path("stdin.txt") if str(path) == STDIN else path for path in inputs]
    names = output_names(named)
    return [output / f"{names[path]}.{EXTENSIONS[fmt]}" for path in named]


@app.command()
@extraction_options(*ALL_FLAGS)
def extract(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT",
            help="The plan(s): PDF (text layer or scan) or OCR .txt; '-' reads stdin. Several: -o FOLDER.",
        ),
    ],
    options: ExtractOptions,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file (.json, .yaml, .yml), '-' for stdout, or a folder."),
    ] = None,
    format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from -o, else json)."),
    ] = None,
    quiet: QuietOpt = False,
    strict: StrictOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Extract the structured plan. Example: pns-extract plan.pdf -o plan.json"""
    from .writers import format_for

    into_folder = _into_folder(inputs, output)
    _check_outputs(inputs, output, into_folder=into_folder)
    chosen = format.value if format else None
    named = output if output is not None and not into_folder and not is_stdout(output) else Path("-.json")
    fmt = format_for(named, chosen)
    targets = _outputs(inputs, output, fmt, into_folder=into_folder)
    if len(inputs) == 1:
        code = _extract_one(inputs[0], targets[0], fmt, options, quiet=quiet, strict=strict)
    else:
        codes = set()
        for source, target in zip(inputs, targets, strict=True):
            try:
                codes.add(_extract_one(source, target, fmt, options, quiet=quiet, strict=strict))
            except PnsExtractError as error:  # one failing input does not stop the others
                _fail(f"error: {error.message}")
                codes.add(ExitCode.PARTIAL)
        code = next((c for c in (ExitCode.PARTIAL, ExitCode.WARNINGS) if c in codes), ExitCode.OK)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


def _extract_one(
    source: Path, target: Path | None, fmt: str, options: ExtractOptions, *, quiet: bool, strict: bool
) -> ExitCode:
    """Extract one input, write it, report on stderr; the exit code its warnings call for."""
    from .api import extraction
    from .summary import summarize
    from .writers import dump

    with _page_progress(not quiet) as progress:
        if str(source) == STDIN:
            result = extraction(_read_stdin(options), options, name="stdin", progress=progress)
        else:
            result = extraction(source, options, progress=progress)
    _emit(dump(result.document, fmt), target, (source,))
    summary = summarize(result.document)
    report(summary, target, quiet=quiet, partial=result.status == "partial")
    return summary.exit_code(strict=strict)


def extract_plain(request: PlainExtract) -> int:
    """A plain ``extract`` of one file read by ``launch.py`` (as typer would have read it): what
    the command does with it, without typer's reading of the arguments (which loads pydantic)."""
    code = _extract_one(
        request.input, request.output, request.format, request.options, quiet=request.quiet, strict=request.strict
    )
    return int(code)


def report(summary: Summary, target: Path | None, *, quiet: bool, partial: bool = False) -> None:
    """What ``extract`` says on stderr once a document is written (also for a re-run answered
    from the result cache by ``launch.py``): the summary, the warnings and where it went."""
    if not quiet:
        _summary(summary)
        _print_warnings(summary)
    if partial:  # said even with --quiet: the output lacks part of the plan
        err.print("[yellow]partial result: see the document's warnings[/]")
    if not quiet:
        _note(f"written to {_written(target)}")


@app.command()
@extraction_options(*INGEST_FLAGS, "no_repair")
def text(
    input: Annotated[Path, typer.Argument(help="The plan: a PDF or an OCR .txt file; '-' reads stdin.")],
    options: ExtractOptions,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file; '-' for stdout.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="List every change on stderr.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Print the (repaired) text in reading order, with a repair report on stderr.
    Example: pns-extract text plan.txt --explain > repaired.txt"""
    from .api import source_path
    from .ingest import load_source

    safe_output.check_output(output, (input,))
    data = _read_stdin(options) if str(input) == STDIN else input
    with source_path(data, "stdin") as path:
        source = load_source(path, options.ingest)
    if options.repair:
        from .repair import repair_source

        result = repair_source(source)
        source = result.source
        table = Table(title="repairs by rule", title_justify="left")
        table.add_column("rule")
        table.add_column("count", justify="right")
        for rule, count in sorted(result.counts.items()):
            table.add_row(rule, str(count))
        err.print(table)
        if explain:
            for change in result.changes:
                _note(f"p{change.page} l{change.line} [{change.rule}] {change.before!r} -> {change.after!r}")
    # in the OCR-text format, so the output can be read back: the text input line for line (a
    # page starts with one space), a PDF's pages separated by form feeds
    lines = []
    for number, page in enumerate(source.pages):
        mark = " " if source.kind == "text" else ("\f" if number else "")
        for index, line in enumerate(page.lines):
            lines.append((mark if index == 0 else "") + line.text)
    _emit("\n".join(lines) + "\n", output, (input,))


@app.command()
def schema(
    folder: Annotated[Path, typer.Argument(help="Folder to write the JSON Schemas to.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas generated from the models. Example: pns-extract schema schemas/"""
    from .schema import write_schemas

    for path in write_schemas(folder):
        _note(f"wrote {path}")


@app.command()
@extraction_options(*INGEST_FLAGS, "no_repair", "no_enrich")
def diff(
    old: Annotated[Path, typer.Argument(help="OLD edition: a pns-extract JSON/YAML output, or a .txt/.pdf source.")],
    new: Annotated[Path, typer.Argument(help="NEW edition: same kinds.")],
    options: ExtractOptions,
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="rich (terminal), json, markdown, html.")
    ] = DiffFormat.rich,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file; '-' for stdout.")] = None,
    verbose: VerboseOpt = False,
) -> None:
    """Compare two editions, like diff(1): exit 0 same, 1 different, 2 trouble.
    Example: pns-extract diff old.json corpus/pns-2026-2029.ocr.txt --format html -o changes.html"""
    from .changes import diff_documents, diff_view, load_document, render

    safe_output.check_output(output, (old, new))
    result = diff_documents(load_document(old, options), load_document(new, options))
    if format is DiffFormat.rich and is_stdout(output):
        with safe_output.stdout_errors():
            print_diff(diff_view(result), Console(soft_wrap=True))
    elif format is DiffFormat.rich:
        _emit(diff_text(diff_view(result)), output, (old, new))
    else:
        _emit(render(result, format.value), output, (old, new))
    raise typer.Exit(int(ExitCode.OK if result.summary.identical else ExitCode.DIFFERENT))


@app.command()
@extraction_options(*(name for name in ALL_FLAGS if name != "jobs"))  # --jobs: documents at once here
def batch(
    folder: Annotated[Path, typer.Argument(help="Folder of .txt / .pdf documents (not recursive).")],
    options: ExtractOptions,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write <name>.<format> into.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Documents at once (0: all cores).")] = 0,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.json,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary table; failures only.")] = False,
    strict: StrictOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Extract every document of a folder in parallel. A failing document does not stop the
    others; all failures are listed and the exit code is 13 (with --strict, 14 when none failed
    but a document carries warnings).
    Example: pns-extract batch corpus/ -o out/ -j 2"""
    from .batch import BatchItem, run_batch

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # drawn only on a terminal: elsewhere a live display leaves a stray blank line on stderr
    with Progress(*columns, console=err, transient=True, disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("extracting", total=None)

        def progress(item: BatchItem, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=item.source)

        result = run_batch(folder, output, jobs, fmt.value, progress, options=options)
    if quiet:
        for item in result.failed:
            _fail(f"error: {item.source}: [{item.exit_code}] {item.message}")
    else:
        table = Table("file", "status", "themes", "objectives", "warnings", "output / error")
        for row in result.rows():
            table.add_row(*(Text(printable(cell)) for cell in row), style=None if row[1] == "ok" else "red")
        err.print(table)
        _note(f"{len(result.succeeded)} ok, {len(result.failed)} failed; outputs in {output}")
    if result.failed:
        raise typer.Exit(int(result.exit_code))
    if strict and any(item.warnings for item in result.succeeded):
        raise typer.Exit(int(ExitCode.WARNINGS))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="JSON or YAML outputs (document or diff).")],
) -> None:
    """Check outputs against the published JSON Schema; errors name their JSON pointer.
    Exit code 11 when a file is invalid. Example: pns-extract validate outputs/pns-2026-2029.json"""
    from .validate import validate_file

    invalid = False
    for path in files:
        errors = validate_file(path)
        for message in errors:
            _out(f"{path}:{message}")
        if errors:
            invalid = True
        else:
            _note(f"{path}: valid")
    if invalid:
        raise typer.Exit(int(ExitCode.INVALID_DOCUMENT))


@app.command()
def check(
    outputs: Annotated[Path, typer.Argument(help="The dataset folder to check.")] = Path("outputs"),
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus folder the dataset is built from.")] = Path("corpus"),
    schemas: Annotated[Path, typer.Option("--schemas", help="Folder of the committed JSON Schemas.")] = Path("schemas"),
) -> None:
    """Regenerate the dataset in memory and compare it with OUTPUTS (and the schemas) byte for
    byte. Exit code 12 when anything is stale, missing or extra. Example: pns-extract check outputs/"""
    from .dataset import check_dataset
    from .schema import check_schemas

    problems = check_schemas(schemas) + check_dataset(corpus, outputs)
    for problem in problems:
        _out(problem)
    if problems:
        err.print("the dataset is stale: run `make dataset` and commit the result")
        raise typer.Exit(int(ExitCode.STALE))
    err.print(f"{outputs}/ and {schemas}/ are up to date")


def _version(value: bool) -> None:
    if value:
        print(f"pns-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn Belgium's Plan national de sécurité (PNS) into validated structured data.
    `pns-extract INPUT …` is `pns-extract extract INPUT …`."""


def main(argv: list[str] | None = None) -> int:
    """Entry point: errors become one line on stderr and a documented exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in args or "-v" in args
    safe_output.guard_standard_streams()  # a closed stdout (>&-) must not become the next file opened
    if not logging.getLogger().handlers:  # the PDF libraries' log lines are not ours to print
        logging.getLogger().addHandler(logging.NullHandler())
    notices = logging.getLogger("pns_extract")
    handler = _NoticeHandler()
    if verbose:  # the library's notices (a cache entry discarded...) go to stderr
        notices.addHandler(handler)
    try:
        with interrupts.installed():  # Ctrl-C, SIGTERM and SIGHUP unwind the same way
            return _run(args, verbose)
    finally:
        notices.removeHandler(handler)


def entry() -> NoReturn:
    """``main``, then exit as the ``pns-extract`` command does (``launch.finish``: without
    tearing the interpreter down). The command itself starts in ``launch.entry``, which answers
    a re-run from the result cache before this module loads."""
    from .launch import finish

    finish(main())


def report_error(error: PnsExtractError) -> int:
    """A library error as one line on stderr; its exit code."""
    _fail(f"error: {error.message}")
    return int(error.exit_code)


def report_interrupt(stop: BaseException) -> int:
    _fail("interrupted")
    return interrupts.exit_code(stop.__cause__ or stop)


def report_unexpected(error: Exception, *, traced: bool = False) -> int:
    """An error nobody expected: one line (unless its traceback was ``traced``, --verbose)."""
    if not traced:
        _fail(f"internal error: {type(error).__name__}: {error} (run with --verbose for details)")
    return int(ExitCode.INTERNAL)


class _NoticeHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _note(f"pns-extract: notice: {record.getMessage()}")


def _run(args: list[str], verbose: bool) -> int:
    from typer.exceptions import TyperException

    try:
        # without standalone mode, click returns (does not raise) the code of typer.Exit
        code = app(args=args or ["--help"], prog_name="pns-extract", standalone_mode=False)
        if isinstance(code, int) and code:
            return code
    except PnsExtractError as error:
        code = report_error(error)
        return int(ExitCode.TROUBLE) if args[:1] == ["diff"] else code
    except typer.Exit as done:
        return int(done.exit_code)
    except (typer.Abort, KeyboardInterrupt, interrupts.Interrupted) as stop:
        return report_interrupt(stop)
    except TyperException as error:  # usage errors from the command-line parser
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        _fail(f"usage error: {message} (see pns-extract --help)")
        return int(ExitCode.TROUBLE)
    except Exception as error:  # the one place an unexpected error is caught: report, don't dump
        if verbose:
            err.print_exception()
        code = report_unexpected(error, traced=verbose)
        return int(ExitCode.TROUBLE) if args[:1] == ["diff"] else code
    return int(ExitCode.OK) if args else int(ExitCode.TROUBLE)


def _fail(message: str) -> None:
    err.print(f"pns-extract: {printable(message)}", markup=False, highlight=False, soft_wrap=True)


def _note(message: str) -> None:
    """A line on stderr whose text may come from the input or a file name."""
    err.print(printable(message), markup=False, highlight=False, soft_wrap=True)


def _out(line: str) -> None:
    """A line of data on stdout; a stdout that fails is an output error (exit 10)."""
    safe_output.write_stdout(printable(line) + "\n")


def _read_stdin(options: ExtractOptions) -> bytes:
    """The document on stdin, never more than ``--max-bytes`` (a pipe has no size to check first)."""
    limit = options.ingest.max_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise LimitExceededError(f"stdin: more than the limit of {limit} bytes (see --max-bytes)")
    return data


# --- the diff in a terminal: rich tables from the one view model of changes/view.py -------------

_KIND_STYLE = {"added": "green", "removed": "red", "modified": "yellow", "renumbered": "cyan", "moved": "magenta"}
# Text from the inputs goes through ``printable`` (safe_output.py), the one escaper of terminal
# output: control characters (ESC...) made visible and inert.


def _rich_segments(segments, plain: bool):
    """Highlighted words; without colours, wdiff-style ``[-old-]`` / ``{+new+}`` markers."""
    text = Text()
    for tag, chunk in segments:
        if text:
            text.append(" ")
        chunk = printable(chunk)
        if tag == "equal":
            text.append(chunk)
        elif tag == "delete":
            text.append(f"[-{chunk}-]" if plain else chunk, style="bold red strike")
        else:
            text.append(f"{{+{chunk}+}}" if plain else chunk, style="bold green underline")
    return text


def _rich_change(row, plain: bool):
    from rich.console import Group

    parts = []
    for detail in row.details:
        if detail.excerpt:
            line = Text.assemble((f"{detail.field} : ", "dim"))
            line.append_text(_rich_segments(detail.excerpt, plain))
            parts.append(line)
        else:
            parts.append(Text(f"{detail.field} : {printable(detail.old)} → {printable(detail.new)}", style="magenta"))
    if row.note:
        parts.append(Text(printable(row.note), style="dim"))
    return Group(*parts) if parts else Text("")


def print_diff(view, console: Console) -> None:
    """The diff's view (``diff.DiffView``) as rich tables: counts per element and kind, then one
    table per kind with word-level highlights."""
    plain = console.no_color or console.color_system is None
    console.print(
        Text.assemble(
            ("ANCIENNE ", "bold red"),
            printable(view.old.line),
            "   ",
            ("NOUVELLE ", "bold green"),
            printable(view.new.line),
        )
    )
    if view.identical:
        console.print(Text(view.status, style="bold green"))
        return
    counts = Table(title=view.status, title_justify="left")
    counts.add_column("élément")
    for kind, column in zip(_KIND_STYLE, view.kind_columns, strict=True):
        counts.add_column(column, justify="right", style=_KIND_STYLE[kind])
    for row in view.counts:
        counts.add_row(
            row.label, *[str(v) if v or row.total else "·" for v in row.values], style="bold" if row.total else None
        )
    console.print(counts)
    for caption, plans in view.plan_lists:
        console.print(Text.assemble((f"{caption} : ", "bold"), printable("; ".join(plans))))
    for section in view.sections:
        table = Table(
            title=section.heading,
            title_style=f"bold {_KIND_STYLE[section.kind]}",
            title_justify="left",
            show_lines=section.kind in {"modified", "moved"},
            expand=True,
        )
        table.add_column("thème", no_wrap=True, min_width=5)
        table.add_column("élément", no_wrap=True, min_width=10)
        table.add_column("quoi", ratio=4)
        table.add_column("page", no_wrap=True)
        table.add_column("modification", ratio=5)
        for row in section.rows:
            table.add_row(
                Text(printable(row.where)),
                row.element,
                Text(printable(row.headline)),
                row.pages,
                _rich_change(row, plain),
            )
        console.print(table)


def diff_text(view, width: int = 120) -> str:
    """The terminal rendering as plain text (no colours: ``[-old-]`` / ``{+new+}``), for a file."""
    import io

    console = Console(record=True, width=width, color_system=None, file=io.StringIO(), highlight=False)
    print_diff(view, console)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


if __name__ == "__main__":
    entry()
