"""Command line: a thin layer over the library. The only module that imports
typer and rich, and the only place that turns errors into exit codes.

Data goes to stdout or ``-o``; summaries, progress and errors go to stderr."""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from . import __version__, interrupts, safe_output
from .errors import ExitCode, OutputError, PnsExtractError
from .limits import MAX_BYTES, MAX_LINES

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn Belgium's Plan national de sécurité (PNS) into validated structured data.",
)
err = Console(stderr=True)
COMMANDS = {"extract", "text", "diff", "batch", "validate", "check", "schema"}


class OcrMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class OutputFormat(StrEnum):
    json = "json"
    yaml = "yaml"


class DiffFormat(StrEnum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    html = "html"


# Options shared by the commands that read a source document.
OcrOpt = Annotated[OcrMode, typer.Option("--ocr", help="OCR scanned pages: auto (pages without text), always, never.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Tesseract language(s).")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=0, help="OCR processes (0: one per core).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the OCR page cache.")]
PasswordOpt = Annotated[str | None, typer.Option("--password", help="Password of an encrypted PDF.")]
MaxPagesOpt = Annotated[int, typer.Option("--max-pages", min=1, help="Refuse documents with more pages.")]
MaxPixelsOpt = Annotated[
    int, typer.Option("--max-image-pixels", min=1, help="Refuse to OCR a page image larger than this.")
]
OcrTimeoutOpt = Annotated[float, typer.Option("--ocr-timeout", min=1, help="Seconds allowed to OCR one page.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this (bytes).")]
MaxLinesOpt = Annotated[int, typer.Option("--max-lines", min=1, help="Refuse documents with more lines.")]
NoRepairOpt = Annotated[bool, typer.Option("--no-repair", help="Skip the French OCR repair stage.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of unexpected errors.")]


def _ingest_options(
    ocr: OcrMode,
    lang: str,
    jobs: int,
    no_cache: bool,
    password: str | None,
    max_pages: int,
    max_image_pixels: int = 60_000_000,
    ocr_timeout: float = 120.0,
    max_bytes: int = MAX_BYTES,
    max_lines: int = MAX_LINES,
):
    from .ingest import IngestOptions

    return IngestOptions(
        ocr=ocr.value,
        lang=lang,
        jobs=jobs,
        use_cache=not no_cache,
        password=password,
        max_pages=max_pages,
        max_image_pixels=max_image_pixels,
        ocr_timeout=ocr_timeout,
        max_bytes=max_bytes,
        max_lines=max_lines,
    )


@contextmanager
def _page_progress(enabled: bool):
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


def _check_output(output: Path | None, inputs: tuple[Path, ...]) -> None:
    """Refuse before any work: an output that is an input, or in a folder that does not exist,
    or that is not a regular file (a device or a FIFO is never replaced)."""
    if safe_output.is_stdout(output):
        return
    safe_output.check_output_target(output)
    for source in inputs:
        if source.exists() and output.exists() and os.path.samefile(source, output):
            raise OutputError(f"{output}: refusing to overwrite the input file")
        if source.resolve() == output.resolve():
            raise OutputError(f"{output}: refusing to overwrite the input file")
    if not output.resolve().parent.is_dir():
        raise OutputError(f"{output}: the folder {output.resolve().parent} does not exist")
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name")


def _emit(text: str, output: Path | None, inputs: tuple[Path, ...]) -> None:
    from .writers import write_atomic

    if safe_output.is_stdout(output):
        safe_output.write_stdout(text)
    else:
        write_atomic(output, text, protect=inputs)


def _summary(document) -> None:
    document = safe_output.printable_model(document)  # titles come from the input: no escape codes
    table = Table(title=Text(document.document.title or document.source.file), title_justify="left")
    table.add_column("theme", no_wrap=True, min_width=5)
    table.add_column("title", no_wrap=True, max_width=24, overflow="ellipsis")
    for column in ("fed", "loc", "oth", "att", "plan", "fn", "page"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    for theme in document.themes:
        actors = Counter(objective.actor for objective in theme.objectives)
        table.add_row(
            Text(theme.number),
            Text(theme.title or ""),
            str(actors["federal"]),
            str(actors["local"]),
            str(actors["other"]),
            str(len(theme.attention_points)),
            str(len(theme.action_plans)),
            str(len(theme.footnotes)),
            str(theme.page),
        )
    err.print(table)
    coverage = document.coverage
    share = 100 * coverage.placed / coverage.lines if coverage.lines else 100.0
    err.print(
        f"{len(document.themes)} themes, {sum(len(t.objectives) for t in document.themes)} objectives, "
        f"{len(document.glossary)} glossary entries; {coverage.placed}/{coverage.lines} lines placed "
        f"({share:.1f}%), {coverage.residue} in residue, {len(document.warnings)} warnings",
        soft_wrap=True,
    )


@app.command()
def extract(
    input: Annotated[Path, typer.Argument(help="The plan: a PDF (text layer or scan) or an OCR .txt file.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file (.json, .yaml, .yml); '-' for stdout.")
    ] = None,
    format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from -o, else json)."),
    ] = None,
    ocr: OcrOpt = OcrMode.auto,
    lang: LangOpt = "fra",
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    password: PasswordOpt = None,
    max_pages: MaxPagesOpt = 500,
    max_image_pixels: MaxPixelsOpt = 60_000_000,
    ocr_timeout: OcrTimeoutOpt = 120.0,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    max_lines: MaxLinesOpt = MAX_LINES,
    no_repair: NoRepairOpt = False,
    no_enrich: Annotated[bool, typer.Option("--no-enrich", help="Skip spaCy enrichment.")] = False,
    allow_partial: Annotated[
        bool, typer.Option("--allow-partial", help="Write what was found even without PNS structure.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Extract the structured plan. Example: pns-extract plan.pdf -o plan.json"""
    from .pipeline import ExtractOptions
    from .pipeline import extract as run_extract
    from .writers import dump, format_for

    _check_output(output, (input,))
    fmt = format_for(output or Path("-.json"), format.value if format else None)
    options = ExtractOptions(
        ingest=_ingest_options(
            ocr, lang, jobs, no_cache, password, max_pages, max_image_pixels, ocr_timeout, max_bytes, max_lines
        ),
        repair=not no_repair,
        enrich=not no_enrich,
        allow_partial=allow_partial,
    )
    with _page_progress(not quiet) as progress:
        result = run_extract(input, options, progress=progress)
    _emit(dump(result.document, fmt), output, (input,))
    if not quiet:
        _summary(result.document)
    if result.status == "partial":
        err.print("[yellow]partial result: see the document's warnings[/]")


@app.command()
def text(
    input: Annotated[Path, typer.Argument(help="The plan: a PDF or an OCR .txt file.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file; '-' for stdout.")] = None,
    no_repair: NoRepairOpt = False,
    explain: Annotated[bool, typer.Option("--explain", help="List every change on stderr.")] = False,
    ocr: OcrOpt = OcrMode.auto,
    lang: LangOpt = "fra",
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    password: PasswordOpt = None,
    max_pages: MaxPagesOpt = 500,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    max_lines: MaxLinesOpt = MAX_LINES,
    verbose: VerboseOpt = False,
) -> None:
    """Print the (repaired) text in reading order, with a repair report on stderr.
    Example: pns-extract text plan.txt --explain > repaired.txt"""
    from .ingest import load_source

    _check_output(output, (input,))
    ingest = _ingest_options(ocr, lang, jobs, no_cache, password, max_pages, max_bytes=max_bytes, max_lines=max_lines)
    source = load_source(input, ingest)
    if not no_repair:
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
                line = f"p{change.page} l{change.line} [{change.rule}] {change.before!r} -> {change.after!r}"
                err.print(safe_output.printable(line), markup=False, highlight=False)
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
def diff(
    old: Annotated[Path, typer.Argument(help="OLD edition: a pns-extract JSON/YAML output, or a .txt/.pdf source.")],
    new: Annotated[Path, typer.Argument(help="NEW edition: same kinds.")],
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="rich (terminal), json, markdown, html.")
    ] = DiffFormat.rich,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file; '-' for stdout.")] = None,
    ocr: OcrOpt = OcrMode.auto,
    lang: LangOpt = "fra",
    jobs: JobsOpt = 0,
    no_cache: NoCacheOpt = False,
    password: PasswordOpt = None,
    max_pages: MaxPagesOpt = 500,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    max_lines: MaxLinesOpt = MAX_LINES,
    no_repair: NoRepairOpt = False,
    no_enrich: Annotated[bool, typer.Option("--no-enrich", help="Skip spaCy enrichment of sources.")] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Compare two editions, like diff(1): exit 0 same, 1 different, 2 trouble.
    Example: pns-extract diff old.json corpus/pns-2026-2029.ocr.txt --format html -o changes.html"""
    from .diff import diff_documents, load_document, render, render_rich
    from .pipeline import ExtractOptions

    _check_output(output, (old, new))
    options = ExtractOptions(
        ingest=_ingest_options(
            ocr, lang, jobs, no_cache, password, max_pages, max_bytes=max_bytes, max_lines=max_lines
        ),
        repair=not no_repair,
        enrich=not no_enrich,
    )
    result = diff_documents(load_document(old, options), load_document(new, options))
    if format is DiffFormat.rich and safe_output.is_stdout(output):
        with safe_output.stdout_errors():  # texts from the inputs shown with escape codes neutralised
            render_rich(safe_output.printable_model(result), Console(soft_wrap=True))
    else:
        _emit(render(result, format.value), output, (old, new))
    raise typer.Exit(int(ExitCode.OK if result.summary.identical else ExitCode.DIFFERENT))


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(help="Folder of .txt / .pdf documents (not recursive).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write <name>.<format> into.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Documents at once (0: all cores).")] = 0,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.json,
    no_repair: NoRepairOpt = False,
) -> None:
    """Extract every document of a folder in parallel. A failing document does not stop the
    others; all failures are listed and the exit code is 13.
    Example: pns-extract batch corpus/ -o out/ -j 2"""
    from .batch import run_batch

    options = None
    if no_repair:
        from .ingest import IngestOptions
        from .pipeline import ExtractOptions

        options = ExtractOptions(ingest=IngestOptions(jobs=1), repair=False)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # drawn only on a terminal: elsewhere a live display leaves a stray blank line on stderr
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("extracting", total=None)

        def progress(item, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=item.source)

        result = run_batch(folder, output, jobs, fmt.value, progress, options=options)
    table = Table("file", "status", "themes", "objectives", "warnings", "output / error")
    for row in result.rows():
        table.add_row(*(Text(safe_output.printable(cell)) for cell in row), style=None if row[1] == "ok" else "red")
    err.print(table)
    err.print(f"{len(result.succeeded)} ok, {len(result.failed)} failed")
    if result.failed:
        raise typer.Exit(int(result.exit_code))


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
    """Turn Belgium's Plan national de sécurité (PNS) into validated structured data."""


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``pns-extract INPUT`` is ``pns-extract extract INPUT``; errors become one line
    on stderr and a documented exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((arg for arg in args if not arg.startswith("-")), None)
    if first is not None and first not in COMMANDS and args[0] not in {"--help", "--version"}:
        args.insert(0, "extract")
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
        _fail(f"error: {error.message}")
        return int(ExitCode.TROUBLE) if args[:1] == ["diff"] else int(error.exit_code)
    except typer.Exit as done:
        return int(done.exit_code)
    except (typer.Abort, KeyboardInterrupt, interrupts.Interrupted) as stop:
        _fail("interrupted")
        return interrupts.exit_code(stop.__cause__ or stop)
    except TyperException as error:  # usage errors from the command-line parser
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        _fail(f"usage error: {message} (see pns-extract --help)")
        return int(ExitCode.TROUBLE)
    except Exception as error:  # the one place an unexpected error is caught: report, don't dump
        if verbose:
            err.print_exception()
        else:
            _fail(f"internal error: {type(error).__name__}: {error} (run with --verbose for details)")
        return int(ExitCode.TROUBLE) if args[:1] == ["diff"] else int(ExitCode.INTERNAL)
    return int(ExitCode.OK) if args else int(ExitCode.TROUBLE)


def _fail(message: str) -> None:
    err.print(f"pns-extract: {safe_output.printable(message)}", markup=False, highlight=False, soft_wrap=True)


def _note(message: str) -> None:
    """A line on stderr whose text may come from a file name."""
    err.print(safe_output.printable(message), markup=False, highlight=False, soft_wrap=True)


def _out(line: str) -> None:
    """A line of data on stdout; a stdout that fails is an output error (exit 10)."""
    safe_output.write_stdout(safe_output.printable(line) + "\n")


if __name__ == "__main__":
    sys.exit(main())
