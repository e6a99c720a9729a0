"""The extraction driver: one named value per stage, top to bottom.

path -> SourceDocument (ingest) -> SourceDocument (repair) -> Document (parse)
     -> Document (enrich) -> validated Document
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import result_cache
from .errors import NotAPnsError, OcrFailedError
from .ingest import IngestOptions, load_source
from .model import Document, Notice
from .parse import parse_document

if TYPE_CHECKING:
    from .repair import RepairResult

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    repair: bool = True
    enrich: bool = True
    allow_partial: bool = False


@dataclass
class ExtractionResult:
    document: Document
    status: Literal["ok", "partial"]
    repair: RepairResult | None = None
    timings: dict[str, float] = field(default_factory=dict)


def extract(path: Path, options: ExtractOptions | None = None, progress: Progress | None = None) -> ExtractionResult:
    """Extract the structured plan from a PDF or an OCR text file.

    Raises a ``PnsExtractError`` subclass (each carries its exit code) on bad input, and
    ``NotAPnsError`` when no theme is found unless ``allow_partial`` is set."""
    options = options or ExtractOptions()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    key = None
    if options.ingest.use_cache and path.is_file():
        key = result_cache.result_key(path, options)
        if (cached := result_cache.load(key)) is not None:
            timings["cache"] = time.perf_counter() - clock
            return ExtractionResult(document=cached, status="ok", timings=timings)

    # Load the NLP resources on a thread while the pages are read: the main process only waits
    # for its page workers then. Started after the first page, once the workers are forked.
    warm_up = _WarmUp(repair=options.repair) if options.repair or options.enrich else None

    def on_page(done: int, total: int) -> None:
        if warm_up is not None:
            warm_up.start()
        if progress is not None:
            progress(done, total)

    source = load_source(path, options.ingest, progress=on_page)
    if warm_up is not None:
        warm_up.start()
        warm_up.join()
    timings["ingest"], clock = time.perf_counter() - clock, time.perf_counter()

    repair_result = None
    if options.repair:
        from .repair import repair_source  # loads the lexicon and spaCy only when repairing

        repair_result = repair_source(source)
        source = repair_result.source
        timings["repair"], clock = time.perf_counter() - clock, time.perf_counter()

    document = parse_document(source)
    timings["parse"], clock = time.perf_counter() - clock, time.perf_counter()

    status: Literal["ok", "partial"] = "ok"
    if source.failed_pages:
        if not options.allow_partial:
            pages = ", ".join(str(page) for page in source.failed_pages)
            first = next(w for w in source.warnings if w.kind == "page-failed")
            raise OcrFailedError(
                f"{path.name}: OCR failed on page(s) {pages} (page {first.page}: {first.message}); "
                "use --allow-partial to write the rest"
            )
        status = "partial"
    if not document.themes:
        if not options.allow_partial:
            raise NotAPnsError(
                f"{path.name}: no PNS structure found (no numbered themes); use --allow-partial to write what was found"
            )
        status = "partial"
        document.warnings.append(Notice(kind="structure", message="no PNS structure found: no numbered themes"))

    if options.enrich:
        from .enrich import enrich  # spaCy is loaded only for enrichment
        from .nlp import load_french

        # enrichment needs only spaCy's tokenizer: reuse the model repair already loaded
        document = enrich(document, nlp=load_french() if options.repair else None)
        timings["enrich"], clock = time.perf_counter() - clock, time.perf_counter()

    # Validate the assembled tree against the model before anyone writes it.
    document = Document.model_validate(document.model_dump())
    timings["validate"] = time.perf_counter() - clock
    if key is not None and status == "ok":
        result_cache.store(key, document)
    return ExtractionResult(document=document, status=status, repair=repair_result, timings=timings)


class _WarmUp:
    """Loads the lexicon and spaCy's French pipeline on a background thread, once."""

    def __init__(self, *, repair: bool) -> None:
        self._thread = threading.Thread(target=self._load, args=(repair,), name="nlp-warm-up", daemon=True)
        self._started = False

    @staticmethod
    def _load(repair: bool) -> None:
        try:
            if repair:
                from .nlp import load_french
                from .repair.lexicon import load_lexicon

                load_lexicon()
                load_french()  # enrichment reuses repair's model
            else:
                from .enrich import load_model

                load_model()
        except Exception:  # the stage itself will meet the same problem and report it
            return

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def join(self) -> None:
        self._thread.join()
