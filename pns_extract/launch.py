"""The ``pns-extract`` command's entry point: a plain ``extract`` of one file runs without the
command-line framework; every other command line goes to ``cli.py``.

typer alone loads pydantic to validate its parameters (0.2 s), before any work: a re-run that
the result cache answers would spend most of its time there, and a scan's page workers would
start that much later. So ``plain_extract`` reads the command line first, with the options as
``flags.py`` declares them, and accepts only what it reads exactly as typer would: one input
file (not stdin), ``-o FILE`` or stdout, JSON or YAML, the extraction options each given once
as ``--option VALUE`` or ``--option=VALUE`` with a valid value, ``--quiet``, ``--strict``.
Such a command is answered from the result cache when it can be (the stored output and the
stored summary: ``summary.py``), else extracted here with ``--quiet`` or through
``cli.extract_plain`` (the summary and the progress bar are rich's to draw). Anything else (a
usage error, several inputs, ``--help``, ``--verbose``, another command) runs the whole CLI.
Either way the same bytes are written, the same lines printed and the same exit code returned
(``tests/test_launch.py``).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from .contract import ExtractOptions
    from .writers import Format

COMMANDS = frozenset({"extract", "text", "diff", "batch", "validate", "check", "schema"})
_SWITCHES = {"--quiet": "quiet", "-q": "quiet", "--strict": "strict", "--verbose": "verbose", "-v": "verbose"}
_VALUED = {"--output": "output", "-o": "output", "--format": "format", "-f": "format"}
_INTEGER = re.compile(r"0|[1-9][0-9]*")
_NUMBER = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]+)?")


@dataclass(frozen=True)
class PlainExtract:
    """A plain ``extract`` of one file, as typer would hand it to the command."""

    input: Path
    output: Path | None
    format: Format
    options: ExtractOptions
    quiet: bool
    strict: bool
    verbose: bool


def plain_extract(args: list[str]) -> PlainExtract | None:
    """``args`` read as typer reads them, when they are a plain ``extract`` of one file; else None."""
    from .flags import ALL_FLAGS, FLAGS

    by_decl = {decl: FLAGS[name] for name in ALL_FLAGS for decl in FLAGS[name].decls}
    if args[:1] == ["extract"]:
        args = args[1:]
    elif not args or args[0] in COMMANDS:
        return None
    given: dict[str, Any] = {}
    inputs: list[str] = []
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token in ("", "-", "--"):
            return None  # an empty name, stdin, or the end of options: the CLI's to read
        if not token.startswith("-"):
            inputs.append(token)
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in _SWITCHES or (name in by_decl and by_decl[name].kind is bool):
            if equals:
                return None
            key = _SWITCHES.get(name) or by_decl[name].name
            given[key] = True
            continue
        if name not in _VALUED and name not in by_decl:
            return None  # --help, --version, an unknown or abbreviated option
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        key = _VALUED.get(name) or by_decl[name].name
        if key in given or value == "" or (value.startswith("-") and not (key == "output" and value == "-")):
            return None
        given[key] = value
    if len(inputs) != 1:
        return None
    return _request(Path(inputs[0]), given)


def _request(source: Path, given: dict[str, Any]) -> PlainExtract | None:
    from .contract import build_options
    from .errors import OutputError
    from .flags import ALL_FLAGS, FLAGS
    from .safe_output import is_stdout
    from .writers import format_for

    settings = {}
    for name in ALL_FLAGS:
        flag = FLAGS[name]
        value = _value(flag, given.get(name, flag.default))
        if value is None and name in given:
            return None
        settings[flag.setting] = flag.convert(value)
    output = Path(given["output"]) if "output" in given else None
    if given.get("format", "json") not in ("json", "yaml"):
        return None  # Markdown and HTML are rendered from the model
    if output is not None and not is_stdout(output) and output.is_dir():
        return None  # a folder: the CLI names the file
    try:
        named = output if output is not None and not is_stdout(output) else Path("-.json")
        fmt = format_for(named, given.get("format"))
    except OutputError:
        return None
    if fmt not in ("json", "yaml"):
        return None
    options = build_options(**settings)
    switches = {name: bool(given.get(name)) for name in ("quiet", "strict", "verbose")}
    return PlainExtract(input=source, output=output, format=fmt, options=options, **switches)


def _value(flag: Any, value: Any) -> Any:
    """``value`` as typer gives it to the command, or None when it is one typer could refuse."""
    if not isinstance(value, str) or flag.kind is str:
        return value  # a default, a switch, or a string option
    if flag.kind is int or flag.kind is float:
        if not (_INTEGER if flag.kind is int else _NUMBER).fullmatch(value):
            return None
        number = flag.kind(value)
        return None if flag.min is not None and number < flag.min else number
    if isinstance(flag.kind, type) and issubclass(flag.kind, str):  # an enumeration (--ocr)
        return flag.kind(value) if value in {member.value for member in flag.kind} else None
    if flag.check is not None:  # str | None with a check (--pages)
        try:
            flag.check(value)
        except ValueError:
            return None
    return value


def run(args: list[str]) -> int | None:
    """Run a plain ``extract`` (``plain_extract``) as the CLI runs it, without the CLI's
    framework: the exit code, or None when the whole CLI must run (any other command line, and
    ``--verbose``, whose notices and tracebacks are the CLI's to show).

    A re-run is answered from the result cache (``answer_from_cache``). Otherwise, with
    ``--quiet``, the document is extracted here (``extract_quietly``), so that a scan's page
    workers start before typer, rich and pydantic load; the summary and the progress bar need
    rich, and go to ``cli.extract_plain``, which skips only typer's reading of the arguments."""
    request = plain_extract(args)
    if request is None or request.verbose:
        return None
    import logging

    from . import interrupts, safe_output
    from .errors import PnsExtractError

    safe_output.guard_standard_streams()  # a closed stdout (>&-) must not become the next file opened
    if not logging.getLogger().handlers:  # the PDF libraries' log lines are not ours to print
        logging.getLogger().addHandler(logging.NullHandler())
    try:
        with interrupts.installed():  # Ctrl-C, SIGTERM and SIGHUP unwind as in the CLI
            safe_output.check_output(request.output, (request.input,))
            code = answer_from_cache(request)
            if code is None and request.quiet:
                code = extract_quietly(request)
            elif code is None:
                from .cli import extract_plain

                code = extract_plain(request)
            return code
    except PnsExtractError as error:
        from .cli import report_error

        return report_error(error)
    except (KeyboardInterrupt, interrupts.Interrupted) as stop:
        from .cli import report_interrupt

        return report_interrupt(stop)
    except Exception as error:  # as the CLI: one line, never a traceback
        from .cli import report_unexpected

        return report_unexpected(error)


def answer_from_cache(request: PlainExtract) -> int | None:
    """Write the stored output and report it as the CLI does; the exit code, or None on a miss."""
    from .result_cache import cached_output
    from .writers import emit

    found = cached_output(request.input, request.options, request.format)
    if found is None:
        return None
    emit(found.text, request.output, protect=(request.input,))
    if not request.quiet:
        from .cli import report  # rich draws the summary table

        report(found.summary, request.output, quiet=False)
    return int(found.summary.exit_code(strict=request.strict))


def extract_quietly(request: PlainExtract) -> int:
    """``cli._extract_one`` with ``--quiet``: extract, write, say only a partial result."""
    from .api import extraction
    from .summary import summarize
    from .writers import dump, emit

    result = extraction(request.input, request.options)
    emit(dump(result.document, request.format), request.output, protect=(request.input,))
    summary = summarize(result.document)
    if result.status == "partial":
        from .cli import report

        report(summary, request.output, quiet=True, partial=True)
    return int(summary.exit_code(strict=request.strict))


def finish(code: int) -> NoReturn:
    """Exit without tearing the interpreter down: freeing spaCy's model, the lexicon and every
    module's objects one by one takes 0.3 s after the work is done (a tenth of a text PDF's
    whole run). Nothing is pending by then: the page and batch pools and the temporary folders
    are closed by their ``with`` blocks, and the standard streams are flushed here; if one
    cannot be, Python exits the usual way. An interrupted run exits the usual way too: its pools
    were stopped mid-work, and only the interpreter's exit handlers release their semaphores
    (skipped, the resource tracker would report them as leaked on stderr)."""
    if code > 128:  # 128 + a signal number: interrupted
        sys.exit(code)
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):  # None where the stream was closed before the start
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            sys.exit(code)
    os._exit(code)


def entry() -> NoReturn:
    """The ``pns-extract`` command."""
    code = run(sys.argv[1:])
    if code is None:
        from .cli import main

        code = main()
    finish(code)
