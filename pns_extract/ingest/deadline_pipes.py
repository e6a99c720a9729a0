"""Reading and writing a pipe by a deadline: an engine that stops reading or answering makes
``subprocess.TimeoutExpired``, never a hang (the page's OCR timeout)."""

from __future__ import annotations

import os
import selectors
import subprocess
import time

CHUNK = 1 << 16  # bytes per write: a pipe's buffer


def write_all(descriptor: int, data: bytes, deadline: float) -> None:
    """Write the whole of ``data`` by ``deadline`` (the descriptor is made non-blocking)."""
    view = memoryview(data)
    os.set_blocking(descriptor, False)
    with selectors.DefaultSelector() as selector:
        selector.register(descriptor, selectors.EVENT_WRITE)
        while view:
            _wait(selector, deadline)
            view = view[os.write(descriptor, view[:CHUNK]) :]


def read_exactly(descriptor: int, size: int, deadline: float) -> bytes:
    """``size`` bytes by ``deadline``; ``EOFError`` when the writer is gone before."""
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(descriptor, selectors.EVENT_READ)
        while size:
            _wait(selector, deadline)
            chunk = os.read(descriptor, min(size, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            size -= len(chunk)
    return b"".join(chunks)


def _wait(selector: selectors.BaseSelector, deadline: float) -> None:
    """Until the pipe is ready, or ``TimeoutExpired`` at ``deadline``."""
    remaining = deadline - time.monotonic()
    if remaining <= 0 or not selector.select(remaining):
        raise subprocess.TimeoutExpired("tesseract", remaining)
