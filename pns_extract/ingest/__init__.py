"""Ingestion: any input file -> ``SourceDocument`` (pages of lines with provenance)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .. import limits
from ..contract import IngestOptions, PageRange, Progress, SpareCpu
from ..safe_output import valid_unicode
from .lines import Line, Page, SourceDocument
from .text import read_text

__all__ = ["IngestOptions", "Line", "Page", "SourceDocument", "load_source", "select_pages"]


def load_source(
    path: Path,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    *,
    on_spare_cpu: Callable[[SpareCpu], None] | None = None,
) -> SourceDocument:
    """Read ``path`` (PDF or OCR text), only ``options.pages`` when set. ``progress(done, total)``
    is called per page for PDFs; ``on_spare_cpu`` with what the PDF's page workers leave of the
    machine for other work (``pdf.spare_cpu``)."""
    options = options or IngestOptions()
    # a regular file within --max-bytes, checked before anything is read (a FIFO would block)
    with limits.open_input(path, options.max_bytes) as handle:
        head = handle.read(1024)
    if head.lstrip().startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        from .pdf import read_pdf  # pdfplumber is imported only for PDFs

        source = read_pdf(path, options, progress=progress, on_spare_cpu=on_spare_cpu)  # the selected pages
    else:
        source = read_text(path, options.max_bytes, options.max_lines)
    texts = [line.text for page in source.pages for line in page.lines]
    limits.check_lines(path.name, len(texts), max(map(len, texts), default=0), options.max_lines)
    source.file = valid_unicode(source.file)  # a file name that is not UTF-8 must not break the output
    if source.kind == "text" and options.pages:
        source = select_pages(source, options.pages)
    return source


def select_pages(source: SourceDocument, pages: PageRange) -> SourceDocument:
    """The pages of ``source`` that ``pages`` selects, with their own warnings; page and line
    numbers stay those of the whole input."""
    chosen = pages.numbers(len(source.pages), source.file)
    return replace(
        source,
        pages=[page for page in source.pages if page.number in chosen],
        ocr_pages=[number for number in source.ocr_pages if number in chosen],
        failures=[failure for failure in source.failures if failure.page in chosen],
        warnings=[notice for notice in source.warnings if notice.page is None or notice.page in chosen],
    )
