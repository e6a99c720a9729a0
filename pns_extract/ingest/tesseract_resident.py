"""A resident Tesseract for the pages of one process (``tesseract_server``): started on the first
page the process reads, fed one page after another, its failures named as the command's are
(``tesseract_run``).

The server is a child of the process that reads the pages: a page worker's dies with the worker
(``child_setup``), and the end of its input ends it. Where it cannot run (no libtesseract, a
library that is not the ``tesseract`` command's version), ``run`` returns None and the caller runs
the command, for this page and the process's next ones.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, cast

from ..errors import OcrFailedError
from .deadline_pipes import read_exactly, write_all
from .tesseract_run import ended, engine_process, normalise_version, stop, timed_out
from .tesseract_server import READY, REPLY, REQUEST, TSV_HEADER

SERVER = str(Path(__file__).with_name("tesseract_server.py"))
log = logging.getLogger(__name__)


class ResidentTesseract:
    """One server for ``lang``, owned by the process that started it."""

    def __init__(self, lang: str, version: str) -> None:
        self.lang = lang
        self.version = version  # the command's (the OCR cache's keys name it): the library must match
        self.available = True
        self._process: subprocess.Popen[bytes] | None = None
        self._owner = os.getpid()

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process is not None else None

    def run(
        self, image: bytes, psm: int, dpi: int, timeout: float, meanwhile: Callable[[], None] | None = None
    ) -> str | None:
        """Tesseract's TSV for ``image``, or None when the server cannot run here (then nothing
        ran: ``meanwhile`` neither). Raises ``OcrFailedError`` with the cause, as ``run_tesseract``."""
        if os.getpid() != self._owner:  # inherited through a fork: the server is the parent's
            self._process, self._owner = None, os.getpid()
        if not self.available:
            return None
        deadline = time.monotonic() + timeout
        try:
            process = self._process or self._start(deadline)
            if process is None:
                return None
            requests, replies = _pipes(process)
            write_all(requests.fileno(), REQUEST.pack(psm, dpi, len(image)), deadline)
            write_all(requests.fileno(), image, deadline)
            if meanwhile is not None:
                meanwhile()
            status, text = _read_reply(replies.fileno(), deadline)
        except subprocess.TimeoutExpired:
            self.close(kill=True)
            raise timed_out(timeout) from None
        except (EOFError, BrokenPipeError):
            raise OcrFailedError(self._ended()) from None
        except BaseException:  # an interrupt, or ``meanwhile`` failed: the server goes with us
            self.close(kill=True)
            raise
        if status != READY:
            raise OcrFailedError(f"Tesseract cannot read the page image ({text})")
        if not text.startswith(TSV_HEADER):
            raise OcrFailedError("Tesseract's output is malformed (not its TSV)")
        return text

    def close(self, *, kill: bool = False) -> None:
        """End the server: at the end of its input, or at once (``kill``)."""
        process, self._process = self._process, None
        if process is None:
            return
        if kill:
            stop(process)
            return
        requests, replies = _pipes(process)
        with contextlib.suppress(OSError):
            requests.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            stop(process)
        replies.close()

    def _start(self, deadline: float) -> subprocess.Popen[bytes] | None:
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-S", SERVER, self.lang],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # Tesseract's notes on each page; failures come as replies
                **engine_process(),
            )
        except OSError:
            self.available = False
            return None
        self._process = process
        try:
            status, text = _read_reply(_pipes(process)[1].fileno(), deadline)
        except EOFError:
            status, text = -1, "it did not start"
        if status == READY and normalise_version(text) != self.version:
            status, text = -1, f"libtesseract {text} is not the tesseract command's {self.version}"
        if status != READY:
            self.available = False  # no library or no language data here, or another Tesseract
            self.close(kill=True)
            log.info("the resident Tesseract cannot run (%s): the tesseract command reads the pages", text)
            return None
        return process

    def _ended(self) -> str:
        """Why the server stopped answering; the next page starts another."""
        process, self._process = self._process, None
        if process is None:
            return "Tesseract ended"
        stop(process)
        return ended(process.returncode)


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    """The server's input and output (``_start`` opens both as pipes)."""
    return cast("IO[bytes]", process.stdin), cast("IO[bytes]", process.stdout)


def _read_reply(descriptor: int, deadline: float) -> tuple[int, str]:
    """A reply: status and text (``EOFError`` when the server is gone, ``TimeoutExpired``)."""
    status, length = REPLY.unpack(read_exactly(descriptor, REPLY.size, deadline))
    return status, read_exactly(descriptor, length, deadline).decode("utf-8", "replace")
