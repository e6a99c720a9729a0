"""Interrupts: Ctrl-C (SIGINT), SIGTERM and SIGHUP end a run the same way.

The CLI turns SIGTERM and SIGHUP into an ``Interrupted`` exception, a ``KeyboardInterrupt``,
so the same unwinding runs for all three: pools terminate their workers, temporary files are
removed by their ``finally`` blocks, and the CLI prints one line and exits 128 + the signal
number (130, 143, 129). Workers leave the signals to their parent: they ignore SIGINT (the
terminal sends it to the whole process group) and die quietly on SIGTERM, so no worker prints
a traceback.
"""

from __future__ import annotations

import signal
from types import FrameType

_FORWARDED = (signal.SIGTERM, getattr(signal, "SIGHUP", None))


class Interrupted(KeyboardInterrupt):
    """A termination signal, raised in the main thread where the signal arrived."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, frame: FrameType | None) -> None:
    # One unwinding is enough: a second signal must not interrupt the cleanup of the first.
    for sig in _FORWARDED:
        if sig is not None:
            signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


def install() -> None:
    """In the main process: SIGTERM and SIGHUP raise ``Interrupted`` (SIGINT already raises)."""
    for sig in _FORWARDED:
        if sig is not None:
            signal.signal(sig, _raise)


def exit_code(interrupt: BaseException) -> int:
    """128 + the signal number, as a shell reports a process ended by that signal."""
    return 128 + getattr(interrupt, "signum", signal.SIGINT)


def worker_signals() -> None:
    """In a worker: the parent decides; SIGINT is ignored, SIGTERM and SIGHUP end it silently."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in _FORWARDED:
        if sig is not None:
            signal.signal(sig, signal.SIG_DFL)
