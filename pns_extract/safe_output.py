"""Output that cannot hurt: where data may be written, how stdout failures are reported, and
text made safe to show on a terminal.

- ``-o`` writes only onto a regular file or a new path: a device, a FIFO or a socket is
  refused before any work (a rename over ``/dev/null`` would replace the device node);
  ``/dev/stdout`` and friends mean stdout.
- Every stdout failure (a full device, a closed stdout, a reader that went away) becomes an
  ``OutputError`` with one line, never a traceback.
- Text from the input (titles, file names, error messages quoting them) is shown with its
  control characters escaped: an ESC sequence in a title must not drive the terminal.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import OutputError
from .limits import file_kind

STDIN = "-"  # the input read from stdin
STDOUT_NAMES = {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}

# C0 and C1 controls, DEL, lone surrogates, and the Unicode controls that reorder or hide text
# on a terminal (bidi overrides and isolates, line and paragraph separators, zero-width no-break).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_ESCAPED_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

Model = TypeVar("Model")


def printable(text: str) -> str:
    """``text`` with every control character escaped (``\\x1b``, ``\\u202e``, ``\\n``)."""
    return _UNSAFE.sub(lambda match: _escape(match.group(0)), text)


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable_data(value: Any) -> Any:
    """Every string in nested dicts and lists made ``printable``."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(key): printable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(item) for item in value]
    return value


def printable_model(model: Model) -> Model:
    """A copy of a pydantic model for display, every string ``printable``."""
    return type(model).model_validate(printable_data(model.model_dump()))  # type: ignore[attr-defined]


def valid_unicode(text: str) -> str:
    """A file name as valid Unicode: bytes that were not UTF-8 (Python keeps them as lone
    surrogates) become U+FFFD, so the name can be written in JSON, YAML and hashed."""
    if not _SURROGATE.search(text):
        return text
    text = _NOT_ESCAPED_BYTE.sub("\ufffd", text)  # surrogates that stand for no byte
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# ------------------------------------------------------------------ output targets


def is_stdout(output: Path | str | None) -> bool:
    return output is None or str(output) in STDOUT_NAMES


def check_output_target(path: Path) -> None:
    """Refuse an output path that exists and is not a regular file (it is left untouched)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"{printable(str(path))}: cannot write there ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{printable(str(path))}: is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"{printable(str(path))}: is {file_kind(info.st_mode)}; -o writes only to a regular file or a new path"
        )


# ------------------------------------------------------------------ standard streams

_CLOSED: set[int] = set()


def guard_standard_streams() -> None:
    """Put /dev/null on a standard descriptor the caller closed (``>&-``), remembering it.

    Otherwise the next file opened would get descriptor 1, and data meant for stdout, or a
    child's output, would land in it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            _CLOSED.add(fd)


def stdout_closed() -> bool:
    return 1 in _CLOSED or sys.stdout is None


def _silence_stdout() -> None:
    """After a broken pipe, point fd 1 at /dev/null so the interpreter's final flush is quiet."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


@contextmanager
def stdout_errors() -> Iterator[None]:
    """Turn a failure to write stdout into an ``OutputError`` with one line."""
    if stdout_closed():
        raise OutputError("stdout is closed; give an output file with -o")
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise OutputError("stdout was closed by its reader (broken pipe)") from None
    except OSError as error:
        _silence_stdout()
        if error.errno == errno.EPIPE:
            raise OutputError("stdout was closed by its reader (broken pipe)") from None
        raise OutputError(f"cannot write to stdout ({error.strerror or error})") from None
    except ValueError:  # "I/O operation on closed file"
        raise OutputError("stdout is closed; give an output file with -o") from None


def write_stdout(text: str) -> None:
    with stdout_errors():
        sys.stdout.write(text)


def check_output(output: Path | None, inputs: tuple[Path, ...], *, folder: bool = False) -> None:
    """Refuse before any work: an output that is an input, or in a folder that does not exist,
    or that is not a regular file (a device or a FIFO is never replaced).
    ``folder``: the output is a folder to write into (created if missing)."""
    if is_stdout(output):
        return
    assert output is not None
    if not folder:
        check_output_target(output)
    for source in inputs:
        if str(source) == STDIN:
            continue
        if source.exists() and output.exists() and os.path.samefile(source, output):
            raise OutputError(f"{output}: refusing to overwrite the input file")
        if source.resolve() == output.resolve():
            raise OutputError(f"{output}: refusing to overwrite the input file")
    if not output.resolve().parent.is_dir():
        raise OutputError(f"{output}: the folder {output.resolve().parent} does not exist")
    if folder and output.exists() and not output.is_dir():
        raise OutputError(f"{output}: not a folder; several inputs are written into a folder")
    if not folder and output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name")
