"""Ingestion: any input file -> ``SourceDocument`` (pages of lines with provenance)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .. import limits
from ..safe_output import valid_unicode
from .lines import Line, Page, SourceDocument
from .text import read_text

__all__ = ["IngestOptions", "Line", "Page", "SourceDocument", "load_source"]


@dataclass(frozen=True)
class IngestOptions:
    ocr: Literal["auto", "always", "never"] = "auto"
    lang: str = "fra"
    jobs: int = 0  # 0: one per core
    use_cache: bool = True
    password: str | None = None
    max_pages: int = 500
    max_image_pixels: int = 60_000_000
    ocr_timeout: float = 120.0  # seconds per page
    max_bytes: int = limits.MAX_BYTES  # the input file
    max_lines: int = limits.MAX_LINES  # lines of the document
    max_stream_bytes: int = limits.MAX_STREAM_BYTES  # one decompressed PDF stream
    max_page_memory: int = limits.MAX_PAGE_MEMORY  # address space a page worker may add


def load_source(
    path: Path, options: IngestOptions | None = None, progress: Callable[[int, int], None] | None = None
) -> SourceDocument:
    """Read ``path`` (PDF or OCR text). ``progress(done, total)`` is called per page for PDFs."""
    options = options or IngestOptions()
    # a regular file within --max-bytes, checked before anything is read (a FIFO would block)
    with limits.open_input(path, options.max_bytes) as handle:
        head = handle.read(1024)
    if head.lstrip().startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        from .pdf import read_pdf  # pdfplumber is imported only for PDFs

        source = read_pdf(path, options, progress=progress)
    else:
        source = read_text(path, options.max_bytes, options.max_lines)
    texts = [line.text for page in source.pages for line in page.lines]
    limits.check_lines(path.name, len(texts), max(map(len, texts), default=0), options.max_lines)
    source.file = valid_unicode(source.file)  # a file name that is not UTF-8 must not break the output
    return source
