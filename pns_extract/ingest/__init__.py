"""Ingestion: any input file -> ``SourceDocument`` (pages of lines with provenance)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..contract import IngestOptions, PageRange, Progress
from ..errors import InputNotFoundError, InputUnreadableError
from .lines import Line, Page, SourceDocument
from .text import read_text

__all__ = ["IngestOptions", "Line", "Page", "SourceDocument", "load_source", "select_pages"]


def load_source(path: Path, options: IngestOptions | None = None, progress: Progress | None = None) -> SourceDocument:
    """Read ``path`` (PDF or OCR text), only ``options.pages`` when set. ``progress(done, total)``
    is called per page for PDFs."""
    options = options or IngestOptions()
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise InputUnreadableError(f"{path}: is a folder, not a file (use `pns-extract batch` for folders)")
    if not os.access(path, os.R_OK):
        raise InputUnreadableError(f"{path}: permission denied")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if head.lstrip().startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        from .pdf import read_pdf  # pdfplumber is imported only for PDFs

        return read_pdf(path, options, progress=progress)  # reads only the selected pages
    source = read_text(path)
    return select_pages(source, options.pages) if options.pages else source


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
