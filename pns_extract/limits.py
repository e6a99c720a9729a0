"""Resource limits on untrusted input, checked before the work they protect.

Every input kind is bounded: the bytes read (``--max-bytes``, text and PDF alike), the lines
and the length of one line, the decompressed size of a PDF stream (see
``ingest/stream_guard.py``) and the memory of a page worker. An input must be a regular file:
a FIFO or a device is refused before it is opened for reading, so ``/dev/zero`` or a pipe
never block or fill the memory. The README's "Limits" table lists these defaults.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputNotFoundError, InputUnreadableError, LimitExceededError

MAX_BYTES = 200 * 1024 * 1024  # an input file; the plan is ~1 MB as text, ~5 MB as a scan
MAX_LINES = 200_000  # lines of a document (the plan has ~2,000)
MAX_LINE_CHARS = 100_000  # one line; a paragraph exported on one line is a few thousand
MAX_STREAM_BYTES = 64 * 1024 * 1024  # one decompressed PDF content stream, form or font
MAX_PAGE_MEMORY = 1536 * 1024 * 1024  # address space a page worker may add while reading a page
MAX_DATA_BYTES = 64 * 1024 * 1024  # a JSON/YAML file read by `validate` or `diff`
MAX_DATA_DEPTH = 64  # nesting of a JSON/YAML file (a document nests 6 deep)
MAX_INT_DIGITS = 20  # digits of one integer in a JSON/YAML file (pages, counts: a few)

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words (``a FIFO (named pipe)``)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_regular_file(path: Path, max_bytes: int = MAX_BYTES) -> os.stat_result:
    """Refuse, without opening it, anything but a regular file of at most ``max_bytes``.

    A symbolic link is followed (a link to ``/dev/zero`` is a character device)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputNotFoundError(f"{path}: no such file") from None
    except OSError as error:
        raise InputUnreadableError(f"{path}: cannot read ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputUnreadableError(f"{path}: is a folder, not a file (use `pns-extract batch` for folders)")
    if not stat.S_ISREG(info.st_mode):
        raise InputUnreadableError(f"{path}: is {file_kind(info.st_mode)}, not a regular file")
    if info.st_size > max_bytes:
        raise LimitExceededError(f"{path}: {info.st_size} bytes, more than the limit of {max_bytes} (see --max-bytes)")
    return info


def open_input(path: Path, max_bytes: int = MAX_BYTES) -> BinaryIO:
    """Open a regular input file for reading, checked again on the open descriptor.

    ``O_NONBLOCK`` keeps ``open`` from waiting on a FIFO put in the file's place after the check."""
    check_regular_file(path, max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputUnreadableError(f"{path}: cannot read ({error.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputUnreadableError(f"{path}: is {file_kind(info.st_mode)}, not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, never more than ``max_bytes``: a file that grows past the
    limit while it is read (or a size the kernel reports as 0, as in /proc) is refused too."""
    with open_input(path, max_bytes) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise LimitExceededError(f"{path}: more than the limit of {max_bytes} bytes (see --max-bytes)")
    return data


def check_lines(name: str, lines: int, longest: int, max_lines: int = MAX_LINES) -> None:
    """Refuse a document with more lines than ``max_lines`` or a line longer than ``MAX_LINE_CHARS``."""
    if lines > max_lines:
        raise LimitExceededError(f"{name}: {lines} lines, more than the limit of {max_lines} (see --max-lines)")
    if longest > MAX_LINE_CHARS:
        raise LimitExceededError(f"{name}: a line of {longest} characters, more than the limit of {MAX_LINE_CHARS}")
