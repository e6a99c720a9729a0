"""The library API, exported at the top level of the package: ``extract``, ``diff``, ``load``.

The CLI runs the same functions. Everything else (pydantic models, pdfplumber, spaCy,
Tesseract) loads only when a function needs it, so ``import pns_extract`` stays cheap.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

if TYPE_CHECKING:
    from .changes.model import DocumentDiff
    from .contract import ExtractOptions, ExtractSettings, Progress
    from .model import Document
    from .pipeline import ExtractionResult

Source = Path | str | bytes


def extract(source: Source, *, name: str | None = None, **options: Unpack[ExtractSettings]) -> Document:
    """Extract the structured plan from a PDF (text layer or scan) or an OCR text file.

    ``source`` is a path (``Path`` or ``str``) or the file's contents (``bytes``, PDF or text);
    ``name`` is the file name recorded in ``document.source.file`` for bytes (default
    ``input.pdf`` / ``input.txt``). ``options`` are the extraction options of the CLI, by their
    field names: ``ocr="auto"|"always"|"never"``, ``lang``, ``jobs``, ``use_cache``,
    ``password``, ``pages="13-21"``, ``max_pages``, ``max_image_pixels``, ``ocr_timeout``,
    ``max_bytes``, ``max_lines``, ``max_stream_bytes``, ``max_page_memory``, ``repair``,
    ``enrich``, ``allow_partial``.

    Raises a ``pns_extract.errors.PnsExtractError`` subclass on bad input (each carries the
    CLI's exit code), e.g. ``NotAPnsError`` when no theme is found, unless
    ``allow_partial=True``.

    >>> document = extract("plan.pdf", pages="13-21", enrich=False)  # doctest: +SKIP
    >>> [theme.number for theme in document.themes]  # doctest: +SKIP
    """
    from .contract import build_options

    return extraction(source, build_options(**options), name=name).document


def extraction(
    source: Source, options: ExtractOptions | None = None, *, name: str | None = None, progress: Progress | None = None
) -> ExtractionResult:
    """``extract`` with the run's status (``ok`` / ``partial``) and per-stage timings, from
    options already built; ``progress(done, total)`` is called per page of a PDF."""
    from .pipeline import extract as run_pipeline

    with source_path(source, name) as path:
        return run_pipeline(path, options, progress)


def load(path: Path | str) -> Document:
    """Read a JSON or YAML output of ``pns-extract`` back, validated against the model.

    Raises ``InputNotFoundError``, ``InputUnreadableError`` (not JSON/YAML, with line and
    column) or ``InvalidDocumentError`` (not a valid document, first problem named)."""
    from .readers import read_document

    return read_document(Path(path))


def diff(old: Document | Path | str, new: Document | Path | str, **options: Unpack[ExtractSettings]) -> DocumentDiff:
    """Compare two editions of the plan. Each is a ``Document``, a path to a ``pns-extract``
    JSON/YAML output, or a path to a source (.pdf/.txt) extracted with ``options``.

    ``result.summary.identical`` says whether they are the same; ``result.changes`` lists the
    differences (added, removed, modified, moved, renumbered elements)."""
    from .changes import diff_documents, load_document
    from .contract import build_options
    from .model import Document

    settings = build_options(**options)
    sides = [side if isinstance(side, Document) else load_document(Path(side), settings) for side in (old, new)]
    return diff_documents(sides[0], sides[1])


@contextmanager
def source_path(source: Source, name: str | None = None) -> Iterator[Path]:
    """A path for the pipeline: ``source`` itself, or bytes written to a private temporary
    folder as ``name`` (default ``input``; ``.pdf`` or ``.txt`` added after the content when it
    has no suffix), removed afterwards. The readers and the page workers open files by name."""
    if not isinstance(source, bytes):
        yield Path(source)
        return
    suffix = ".pdf" if source.lstrip()[:1024].startswith(b"%PDF") else ".txt"
    file_name = Path(name or "input").name
    if not Path(file_name).suffix:
        file_name += suffix
    with tempfile.TemporaryDirectory(prefix="pns-extract-") as folder:
        path = Path(folder) / file_name
        path.write_bytes(source)
        yield path
