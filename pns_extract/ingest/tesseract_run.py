"""One Tesseract run on one page image, and its failure named for what it was; the installed
Tesseract's languages and version.

The image goes to Tesseract on its standard input and the TSV comes back on its standard
output (other work on the page runs while Tesseract reads it: ``meanwhile``): no temporary file
exists, so an interrupt or a SIGKILL to the process group leaves
no page image behind. A failure says what happened: a timeout, a crash by a signal, an exit
status with Tesseract's last message, or output that is not Tesseract's TSV.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import string
import subprocess
import time
from collections.abc import Callable
from typing import Any

from ..errors import OcrFailedError
from ..processes import child_setup, in_worker
from .deadline_pipes import write_all

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t"
# The command run (found on PATH). Tesseract is run directly, not through pytesseract, whose
# import alone takes 0.4 s in each page worker where pandas is installed (it imports pandas).
TESSERACT = "tesseract"
_LANGUAGE = re.compile(r"^[a-z_]+$")


def tesseract_languages(command: str) -> set[str]:
    """The language data installed (``tesseract --list-langs``); OSError when it cannot run,
    RuntimeError when it fails."""
    done = subprocess.run([command, "--list-langs"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    if done.returncode not in (0, 1):  # Tesseract 3 exits 1 after listing them
        raise RuntimeError(f"tesseract --list-langs exited with status {done.returncode}")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    return {line.strip() for line in lines if _LANGUAGE.match(line.strip())}


def tesseract_version(command: str) -> str:
    """The version as pytesseract reported it for the OCR cache's keys (``5.3.0``): the first
    number of ``tesseract --version``, normalised the way ``packaging`` writes versions."""
    output = subprocess.run(
        [command, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=True
    ).stdout.decode("utf-8", "replace")
    return normalise_version(output.lstrip(string.printable[10:]).partition(" ")[0])


def normalise_version(text: str) -> str:
    """A version as ``packaging`` writes it (``5.3.0`` for ``5.3.0-1-g2a3b``), or as it is."""
    text = text.partition("-")[0]
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:  # packaging comes with spaCy; without it, the version as printed
        return text.strip()
    try:
        return str(Version(text))
    except InvalidVersion:
        return text.strip()


def run_tesseract(
    command: str,
    image: bytes,
    lang: str,
    psm: int,
    dpi: int,
    timeout: float,
    meanwhile: Callable[[], None] | None = None,
) -> str:
    """Tesseract's TSV for ``image`` (encoded bytes); raises ``OcrFailedError`` with the cause.
    ``meanwhile()`` runs once Tesseract has the whole image, while it reads the page."""
    args = [command, "stdin", "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi), "tsv"]
    deadline = time.monotonic() + timeout
    # the image goes through a pipe of our own: the whole of it, then end of file, before
    # ``meanwhile`` (Tesseract reads its input whole before it starts on the page)
    read_end, write_end = os.pipe()
    try:
        process = subprocess.Popen(
            args,
            stdin=read_end,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **engine_process(),
        )
    except OSError as error:
        os.close(write_end)
        raise OcrFailedError(f"Tesseract cannot be started ({error.strerror})") from None
    finally:
        os.close(read_end)
    try:
        _feed(write_end, image, deadline)
        if meanwhile is not None:
            meanwhile()
        output, errors = process.communicate(timeout=max(deadline - time.monotonic(), 0.001))
    except subprocess.TimeoutExpired:
        stop(process)
        raise timed_out(timeout) from None
    except BaseException:  # an interrupt, or ``meanwhile`` failed: the child goes with us
        stop(process)
        raise
    if process.returncode != 0:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailedError(ended(process.returncode, message[-1] if message else "no message"))
    text = output.decode("utf-8", "replace")
    if not text.strip():
        raise OcrFailedError("Tesseract exited without output")
    if not text.startswith(TSV_HEADER):
        raise OcrFailedError("Tesseract's output is malformed (not its TSV)")
    return text


def engine_process() -> dict[str, Any]:
    """How an engine's process is started, the command's and the resident one's alike."""
    return {
        "env": {**os.environ, "OMP_THREAD_LIMIT": "1"},  # one thread per process, one process per core
        "preexec_fn": child_setup if in_worker() else None,  # only in single-threaded workers
    }


def timed_out(timeout: float) -> OcrFailedError:
    return OcrFailedError(f"OCR timed out after {timeout:g} s")


def ended(returncode: int, last: str | None = None) -> str:
    """What an engine's exit says: a crash by a signal, or a failure with its last message."""
    if returncode < 0:
        return f"Tesseract crashed ({signal_name(-returncode)})"
    return f"Tesseract failed (exit status {returncode}{f': {last}' if last else ''})"


def _feed(descriptor: int, data: bytes, deadline: float) -> None:
    """Write ``data`` to the pipe and close it, by ``deadline`` (``TimeoutExpired`` after it). A
    reader that is gone (Tesseract died) ends the writing: its exit status will say why."""
    try:
        write_all(descriptor, data, deadline)
    except BrokenPipeError:
        pass
    finally:
        os.close(descriptor)


def stop(process: subprocess.Popen) -> None:
    """Kill the engine and reap it, without waiting on pipes that something it started may hold."""
    with contextlib.suppress(OSError):
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        with contextlib.suppress(OSError):
            if stream is not None:
                stream.close()


def signal_name(number: int) -> str:
    try:
        return f"killed by {signal.Signals(number).name}"
    except ValueError:
        return f"killed by signal {number}"
