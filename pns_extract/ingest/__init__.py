"""Ingestion: any input file -> ``SourceDocument`` (pages of lines with provenance)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import InputNotFoundError, InputUnreadableError
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


def load_source(
    path: Path, options: IngestOptions | None = None, progress: Callable[[int, int], None] | None = None
) -> SourceDocument:
    """Read ``path`` (PDF or OCR text). ``progress(done, total)`` is called per page for PDFs."""
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

        return read_pdf(path, options, progress=progress)
    return read_text(path)
