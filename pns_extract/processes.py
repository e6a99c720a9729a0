"""Worker processes that stay within the machine and never outlive their parent.

- ``worker_count``: ``--jobs`` capped by the usable cores and by the memory available for
  workers of a given size (``--jobs 1000`` must not start 1000 processes).
- ``init_worker``: run first in every pool worker. The worker asks the kernel to kill it when
  its parent dies (``PR_SET_PDEATHSIG``, Linux; elsewhere a thread polls the parent), so a
  SIGKILLed ``pns-extract`` leaves no worker behind; it leaves the signals to its parent
  (``interrupts.worker_signals``) and may bound its own address space (``RLIMIT_AS``), so a
  page that needs gigabytes fails alone, as a ``MemoryError``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time

from . import interrupts

PAGE_WORKER_MB = 300  # a PDF page worker: pdfplumber, pdfium, one page image, a Tesseract child
DOCUMENT_WORKER_MB = 800  # a batch worker: spaCy's French model, the lexicon and one document
_PR_SET_PDEATHSIG = 1

_IN_WORKER = False


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available_memory_mb() -> int | None:
    """MemAvailable from /proc/meminfo (Linux), None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def worker_count(requested: int, per_worker_mb: int, tasks: int | None = None) -> int:
    """Workers to start: ``requested`` (0: one per core), at most one per usable core, as many as
    the available memory holds, and no more than there are ``tasks``; at least 1."""
    count = min(requested or usable_cores(), usable_cores())
    memory = available_memory_mb()
    if memory is not None:
        count = min(count, memory // per_worker_mb)
    if tasks is not None:
        count = min(count, tasks)
    return max(1, count)


def in_worker() -> bool:
    return _IN_WORKER


def init_worker(parent_pid: int, max_memory: int | None = None) -> None:
    """First thing in a pool worker: die with the parent, leave signals to it, bound memory."""
    global _IN_WORKER
    _IN_WORKER = True
    if not logging.getLogger().handlers:  # a spawned worker: the libraries' log lines stay quiet
        logging.getLogger().addHandler(logging.NullHandler())
    interrupts.worker_signals()
    die_with_parent(parent_pid)
    if max_memory:
        limit_memory(max_memory)


def die_with_parent(parent_pid: int) -> None:
    if not _set_death_signal():
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="watch-parent", daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the death signal was armed
        os._exit(1)


def _set_death_signal() -> bool:
    """PR_SET_PDEATHSIG(SIGKILL): the kernel kills this process when its parent thread ends."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)


def child_setup() -> None:
    """``preexec_fn`` of a worker's own child (Tesseract): it dies with the worker. Only used in a
    worker (a single thread), where running Python between fork and exec is safe."""
    _set_death_signal()


# Linux keeps a nice value per thread: lowering one thread's leaves the rest of the process as it
# is. Elsewhere the same call would lower the whole process.
THREAD_PRIORITY = sys.platform == "linux"


def lower_thread_priority() -> bool:
    """Run the calling thread at the lowest CPU priority (nice 19): it then gets only the time the
    other processes leave idle, and all of a core nobody else wants. Threads it starts inherit
    the priority. False where a thread's priority is not its own (``THREAD_PRIORITY``) or the
    system refuses."""
    if not THREAD_PRIORITY:
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except OSError:
        return False
    return True


def _virtual_size() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def limit_memory(extra: int) -> None:
    """Bound this process's address space to what it has now plus ``extra`` bytes."""
    try:
        import resource
    except ImportError:  # not on this platform
        return
    current = _virtual_size()
    if current is None:
        return
    with contextlib.suppress(ValueError, OSError):
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = current + extra
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
