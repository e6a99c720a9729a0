"""Extract every document of a folder, in parallel (``pns-extract batch``).

Each document runs in its own worker process and writes its own output, so one failing
or crashing document never stops the others: every outcome is collected in a
``BatchResult`` and the caller decides the exit code (``ExitCode.PARTIAL`` on any failure).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .contract import ExtractOptions
from .errors import ExitCode, InputUnreadableError, OutputError, PnsExtractError
from .inputs import input_files, output_names
from .limits import check_regular_file
from .model import Document
from .processes import DOCUMENT_WORKER_MB, init_worker, worker_count
from .writers import EXTENSIONS, Format, dump, write_atomic

Extractor = Callable[[Path, ExtractOptions], Document]
Progress = Callable[["BatchItem", int, int], None]


@dataclass(frozen=True)
class BatchItem:
    source: str  # input file name, relative to the input folder
    output: str | None  # output file name, relative to the output folder; None on failure
    status: Literal["ok", "failed"]
    exit_code: int  # what `pns-extract FILE` would have exited with
    message: str | None = None
    themes: int = 0
    objectives: int = 0
    warnings: int = 0
    seconds: float = 0.0


@dataclass
class BatchResult:
    items: list[BatchItem] = field(default_factory=list)

    @property
    def succeeded(self) -> list[BatchItem]:
        return [item for item in self.items if item.status == "ok"]

    @property
    def failed(self) -> list[BatchItem]:
        return [item for item in self.items if item.status == "failed"]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.PARTIAL if self.failed else ExitCode.OK

    def rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """Summary table rows: file, status, themes, objectives, warnings, output or error."""
        return [
            (
                item.source,
                item.status,
                str(item.themes) if item.status == "ok" else "",
                str(item.objectives) if item.status == "ok" else "",
                str(item.warnings) if item.status == "ok" else "",
                item.output if item.status == "ok" else f"[{item.exit_code}] {item.message}",
            )
            for item in self.items
        ]


def default_extractor(path: Path, options: ExtractOptions) -> Document:
    from .pipeline import extract  # imported in the worker: spaCy loads there, not in the parent

    return extract(path, options).document


def _work(path: Path, target: Path, fmt: Format, options: ExtractOptions, extractor: Extractor) -> BatchItem:
    start = time.monotonic()
    try:
        document = extractor(path, options)
        write_atomic(target, dump(document, fmt), protect=(path,))
    except PnsExtractError as error:
        return BatchItem(path.name, None, "failed", int(error.exit_code), error.message)
    except Exception as error:  # a bug on one document must not hide the others' results
        return BatchItem(path.name, None, "failed", int(ExitCode.INTERNAL), f"internal error: {error!r}")
    return BatchItem(
        path.name,
        target.name,
        "ok",
        int(ExitCode.OK),
        None,
        themes=len(document.themes),
        objectives=sum(len(theme.objectives) for theme in document.themes),
        warnings=len(document.warnings),
        seconds=round(time.monotonic() - start, 2),
    )


def _crashed(path: Path) -> BatchItem:
    return BatchItem(
        path.name, None, "failed", int(ExitCode.INTERNAL), "the worker process died (crash or out of memory)"
    )


def run_batch(
    in_dir: Path,
    out_dir: Path,
    jobs: int = 0,
    fmt: Format = "json",
    progress: Progress | None = None,
    *,
    options: ExtractOptions | None = None,
    extractor: Extractor = default_extractor,
) -> BatchResult:
    """Extract every ``*.txt`` / ``*.pdf`` of ``in_dir`` into ``out_dir/<name>.<fmt>``.

    ``jobs``: worker processes (0: one per core; 1: in this process). ``options`` is passed
    to ``pipeline.extract`` (with one OCR process per document when documents run in
    parallel: the pool already uses the cores); ``extractor`` replaces it (a picklable
    function, for tests).
    ``progress(item, done, total)`` is called in this process after each document.
    Items come back in input order whatever the completion order."""
    paths = input_files(in_dir)
    if not paths:
        raise InputUnreadableError(f"{in_dir}: no .txt or .pdf file to extract")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot create the output folder ({error.strerror})") from None
    names = output_names(paths)
    targets = {path: out_dir / f"{names[path]}.{EXTENSIONS[fmt]}" for path in paths}
    total = len(paths)
    results: dict[Path, BatchItem] = {}

    def record(path: Path, item: BatchItem) -> None:
        results[path] = item
        if progress is not None:
            progress(item, len(results), total)

    # a FIFO, a device (or a link to one) or a file over the byte limit is skipped with its reason
    # here, never handed to a worker where it could block or fill the memory
    options = options or ExtractOptions()
    for path in list(paths):
        try:
            check_regular_file(path, options.ingest.max_bytes)
        except PnsExtractError as error:
            record(path, BatchItem(path.name, None, "failed", int(error.exit_code), f"skipped: {error.message}"))
            paths.remove(path)

    workers = worker_count(jobs, DOCUMENT_WORKER_MB, len(paths))
    if workers > 1:
        options = replace(options, ingest=replace(options.ingest, jobs=1))
    if workers <= 1:
        for path in paths:
            record(path, _work(path, targets[path], fmt, options, extractor))
    else:
        crashed = _run_pool(paths, workers, targets, fmt, options, extractor, record)
        # A dead worker breaks the whole pool: retry those documents one per pool, so only
        # the one that really crashes is reported as failed.
        for path in crashed:
            again = _run_pool([path], 1, targets, fmt, options, extractor, record)
            if again:
                record(path, _crashed(path))
    return BatchResult([results[path] for path in sorted(results, key=lambda path: path.name)])


def _run_pool(
    paths: list[Path],
    workers: int,
    targets: dict[Path, Path],
    fmt: Format,
    options: ExtractOptions,
    extractor: Extractor,
    record: Callable[[Path, BatchItem], None],
) -> list[Path]:
    """Run ``paths`` in a fresh pool; returns the paths whose worker died."""
    crashed: list[Path] = []
    # spawn: forking a parent that runs a progress-bar thread can deadlock.
    context = multiprocessing.get_context("spawn")
    # workers die with this process (even SIGKILLed) and leave Ctrl-C and SIGTERM to it
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=init_worker, initargs=(os.getpid(),)
    )
    try:
        futures: dict[Future[BatchItem], Path] = {
            pool.submit(_work, path, targets[path], fmt, options, extractor): path for path in paths
        }
        for future in as_completed(futures):
            path = futures[future]
            try:
                record(path, future.result())
            except BrokenProcessPool:
                crashed.append(path)
            except Exception as error:  # e.g. options that cannot be sent to a worker
                record(path, BatchItem(path.name, None, "failed", int(ExitCode.INTERNAL), repr(error)))
    except BaseException:  # interrupted: stop the workers now rather than wait for their documents
        _kill_workers(pool)
        raise
    pool.shutdown(wait=True)
    return sorted(crashed, key=lambda path: path.name)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
