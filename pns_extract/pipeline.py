"""The extraction driver: the stages declared as data, run in order by one runner.

    path -> ingest -> SourceDocument -> repair -> SourceDocument -> parse -> Document
         -> enrich -> Document -> validate -> Document

Each stage is a function ``stage(value, run) -> value`` (``contract.StageRun``): it transforms
the value and records what else it learns in the ``Run`` (failed pages, warnings, a partial
result). The runner skips the stages the options switch off and times the others. Around the
runner, ``extract`` returns a stored result when the input, the options and the code are
unchanged (``result_cache``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import result_cache
from .contract import ExtractOptions, IngestOptions, Progress, Run, SpareCpu, Stage
from .errors import NotAPnsError, OcrFailedError
from .ingest import SourceDocument, load_source
from .processes import THREAD_PRIORITY, lower_thread_priority

if TYPE_CHECKING:
    # loaded by the stages that need them: a scan's page workers start before pydantic and the
    # parser load (the NLP warm-up thread loads them beside the pages)
    from .model import Document

__all__ = ["STAGES", "ExtractOptions", "ExtractionResult", "IngestOptions", "extract", "run_stages"]


@dataclass
class ExtractionResult:
    document: Document
    status: Literal["ok", "partial"]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, "cache", "nlp" (Run.timings)


# ------------------------------------------------------------------ the stages


def ingest(path: Path, run: Run) -> SourceDocument:
    """Read the pages; a page whose OCR failed stops the run here unless ``allow_partial``."""
    # The lexicon and spaCy load on a thread beside the page workers, started as the PDF reader
    # reports what they leave (``SpareCpu``): at once beside text-layer pages; beside OCR, at the
    # lowest priority from the first page on (it then runs in whatever Tesseract leaves idle,
    # and takes a whole core the moment a worker has no page left), or where a thread's priority
    # cannot be lowered, only when a core frees. The stage's time includes the wait for the
    # thread after the pages ("nlp" in the timings).
    options = run.options
    warm_up = _WarmUp(repair=options.repair, enrich=options.enrich)
    source = load_source(path, options.ingest, progress=run.progress, on_spare_cpu=warm_up.offer)
    warm_up.start()
    waiting = time.perf_counter()
    warm_up.join()
    if options.repair or options.enrich:
        run.timings["nlp"] = time.perf_counter() - waiting
    run.failed_pages.extend(source.failures)
    if source.failures:
        if not options.allow_partial:
            pages = ", ".join(str(failure.page) for failure in source.failures)
            first = source.failures[0]
            raise OcrFailedError(
                f"{run.name}: OCR failed on page(s) {pages} (page {first.page}: {first.reason}); "
                "use --allow-partial to write the rest"
            )
        run.partial = True
    return source


def repair(source: SourceDocument, run: Run) -> SourceDocument:
    from .repair import repair_source  # loads the lexicon and spaCy only when repairing

    return repair_source(source).source


def parse(source: SourceDocument, run: Run) -> Document:
    """Structure the text; a text without any theme is not a plan, unless ``allow_partial``."""
    from .model import Notice
    from .parse import parse_document

    document = parse_document(source)
    if not document.themes:
        if not run.options.allow_partial:
            raise NotAPnsError(
                f"{run.name}: no PNS structure found (no numbered themes); use --allow-partial to write what was found"
            )
        run.partial = True
        run.warnings.append(Notice(kind="structure", message="no PNS structure found: no numbered themes"))
    return document


def enrich(document: Document, run: Run) -> Document:
    from .enrich import enrich as enrich_document  # spaCy is loaded only for enrichment
    from .nlp import load_french

    # enrichment needs only spaCy's tokenizer: reuse the model repair already loaded
    return enrich_document(document, nlp=load_french() if run.options.repair else None)


def validate(document: Document, run: Run) -> Document:
    """File the run's own warnings, then check the assembled tree against the model before
    anyone writes it."""
    from .model import Document

    data = document.model_dump()
    data["warnings"].extend(notice.model_dump() for notice in run.warnings)
    return Document.model_validate(data)


# The pipeline, as data: order, names, and which option switches a stage off.
STAGES: tuple[Stage[Any, Any], ...] = (
    Stage("ingest", ingest),
    Stage("repair", repair, enabled=attrgetter("repair")),
    Stage("parse", parse),
    Stage("enrich", enrich, enabled=attrgetter("enrich")),
    Stage("validate", validate),
)


# ------------------------------------------------------------------ the runner


def run_stages(stages: Sequence[Stage[Any, Any]], value: Any, run: Run) -> Any:
    """Pass ``value`` through the enabled ``stages`` in order, timing each one into ``run``.
    (The values differ from stage to stage, hence ``Any`` here and only here.)"""
    for stage in stages:
        if not stage.enabled(run.options):
            continue
        started = time.perf_counter()
        value = stage.run(value, run)
        run.timings[stage.name] = time.perf_counter() - started
    return value


def extract(
    path: Path | str,
    options: ExtractOptions | None = None,
    progress: Progress | None = None,
    *,
    stages: Sequence[Stage[Any, Any]] = STAGES,
) -> ExtractionResult:
    """Extract the structured plan from a PDF or an OCR text file.

    Raises a ``PnsExtractError`` subclass (each carries its exit code) on bad input,
    ``OcrFailedError`` when a page's OCR failed and ``NotAPnsError`` when no theme is found,
    both unless ``allow_partial`` is set (the result's status is then ``partial``)."""
    path = Path(path)
    options = options or ExtractOptions()
    run = Run(options=options, name=path.name, progress=progress)
    started = time.perf_counter()
    key = result_cache.result_key(path, options) if options.ingest.use_cache and path.is_file() else None
    if key is not None and (cached := result_cache.load(key)) is not None:
        run.timings["cache"] = time.perf_counter() - started
        return ExtractionResult(document=cached, status="ok", timings=dict(run.timings))
    document = run_stages(stages, path, run)
    if key is not None and run.status == "ok":
        result_cache.store(key, document)
    return ExtractionResult(document=document, status=run.status, timings=dict(run.timings))


class _WarmUp:
    """Loads, on a background thread, once: the models and the parser (pydantic builds the
    models' validators: 0.1-0.2 s), then the lexicon and spaCy's French pipeline when the run
    repairs or enriches. Started after the page workers are forked (a fork must not copy a
    thread that holds an import lock)."""

    def __init__(self, *, repair: bool, enrich: bool) -> None:
        self._thread = threading.Thread(target=self._load, args=(repair, enrich), name="nlp-warm-up", daemon=True)
        self._started = False
        self._low_priority = False

    def _load(self, repair: bool, enrich: bool) -> None:
        if self._low_priority:
            lower_thread_priority()
        try:
            from . import model, parse  # noqa: F401  (the ingest stage loaded neither)

            if repair:
                from .nlp import load_french
                from .repair.lexicon import load_lexicon

                load_lexicon()
                load_french()  # enrichment reuses repair's model
            elif enrich:
                from .enrich import load_model

                load_model()
        except Exception:  # the stage itself will meet the same problem and report it
            return

    def offer(self, spare: SpareCpu) -> None:
        """Start on what the page workers leave: a core at once; idle moments at low priority."""
        if spare is SpareCpu.IDLE_MOMENTS:
            if not THREAD_PRIORITY or self._started:
                return
            self._low_priority = True
        self.start()

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def join(self) -> None:
        self._thread.join()
