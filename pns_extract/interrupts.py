"""Interrupts: Ctrl-C (SIGINT), SIGTERM and SIGHUP end a run the same way.

While the CLI runs, these signals raise ``Interrupted`` in the main thread. It derives from
``BaseException`` (like ``KeyboardInterrupt``), so no ``except Exception`` swallows it and every
``finally`` runs: pools terminate their workers, temporary files are removed, and the CLI
prints one line and exits 128 + the signal number (130, 143, 129). Workers leave the signals
to their parent: they ignore SIGINT (the terminal sends it to the whole process group) and
die quietly on SIGTERM, so no worker prints a traceback.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_HANDLED = tuple(sig for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if sig is not None)


class Interrupted(BaseException):
    """A termination signal, raised in the main thread where the signal arrived."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, frame: FrameType | None) -> None:
    # One unwinding is enough: a second signal must not interrupt the cleanup of the first.
    for sig in _HANDLED:
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


@contextmanager
def installed() -> Iterator[None]:
    """While inside: the handled signals raise ``Interrupted``; the previous handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in _HANDLED}
    for sig in _HANDLED:
        signal.signal(sig, _raise)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def exit_code(interrupt: BaseException) -> int:
    """128 + the signal number, as a shell reports a process ended by that signal."""
    return 128 + int(getattr(interrupt, "signum", signal.SIGINT))


def worker_signals() -> None:
    """In a worker: the parent decides; SIGINT is ignored, SIGTERM and SIGHUP end it silently."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in _HANDLED:
        if sig != signal.SIGINT:
            signal.signal(sig, signal.SIG_DFL)
