"""The published dataset (``make dataset``): every corpus document as JSON and YAML, CSV
tables over all documents, a Frictionless ``datapackage.json`` and a report per document.

Layout of the output folder::

    <name>.json  <name>.yaml                       one pair per document
    tables/<table>.csv  tables/<table>.parquet     see tables.TABLE_SPECS; parquet.py
    datapackage.json                               describes the tables and documents
    report/<name>.md  report/<name>.html  report/<name>.objectives.svg

Which documents: the text files (``*.txt``) of the corpus folder. The PDFs there are a typeset
rendering and a scan of the same text, made to test the PDF and OCR paths: their rows would
duplicate the plan's in every table, and OCR output depends on the Tesseract build, so a
dataset built from a scan could not be byte-identical on another machine. ``include_pdf=True``
adds PDFs read from their text layer only (OCR off); a PDF that would need OCR is then skipped
and reported, never silently dropped.

Everything is computed in memory first (``dataset_files``), so ``check_dataset`` compares the
committed bytes against a fresh regeneration without touching the folder. The Parquet tables
are compared by content (rows and column types read back), not bytes: their bytes name the
pyarrow version that wrote them (see ``parquet.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .contract import ExtractOptions
from .datapackage import dump_descriptor, table_path
from .errors import OutputError, PnsExtractError
from .inputs import input_files, output_names
from .model import Document
from .parquet import matches, to_parquet
from .report import build_report
from .tables import Row, document_rows, to_csv
from .writers import dump_json, dump_yaml, write_atomic

DATAPACKAGE = "datapackage.json"
# Only files of these kinds are managed (written, compared, removed when obsolete).
MANAGED_SUFFIXES = (".json", ".yaml", ".csv", ".parquet", ".md", ".html", ".svg")

Extractor = Callable[[Path], Document]


@dataclass
class DatasetFiles:
    files: dict[str, str] = field(default_factory=dict)  # relative POSIX path -> text
    parquet: dict[str, tuple[str, list[Row]]] = field(default_factory=dict)  # relative path -> (table, rows)
    documents: list[str] = field(default_factory=list)  # output names, in corpus order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


@dataclass
class DatasetResult:
    written: list[str]
    removed: list[str]
    documents: list[str]
    skipped: list[tuple[str, str]]


def extract_for_dataset(path: Path) -> Document:
    """The corpus extraction: the pipeline's defaults, OCR disabled for PDFs (see module doc)."""
    from .pipeline import extract

    options = ExtractOptions()
    if path.suffix.lower() == ".pdf":
        options = replace(options, ingest=replace(options.ingest, ocr="never"))
    return extract(path, options).document


def corpus_documents(corpus_dir: Path, include_pdf: bool = False) -> list[Path]:
    """The corpus files the dataset is built from, sorted by name."""
    return [path for path in input_files(corpus_dir) if include_pdf or path.suffix.lower() != ".pdf"]


def dataset_files(corpus_dir: Path, extractor: Extractor | None = None, *, include_pdf: bool = False) -> DatasetFiles:
    """Every file of the dataset, in memory. Raises when a text document fails; skips a PDF
    whose text layer is missing (it would need OCR)."""
    extract = extractor or extract_for_dataset
    paths = corpus_documents(corpus_dir, include_pdf)
    names = output_names(paths)
    result = DatasetFiles()
    documents: list[tuple[str, Document]] = []
    for path in paths:
        is_pdf = path.suffix.lower() == ".pdf"
        try:
            doc = extract(path)
        except PnsExtractError as error:
            if not is_pdf:
                raise
            result.skipped.append((path.name, f"no usable text layer without OCR: {error.message}"))
            continue
        if is_pdf and doc.source.ocr_pages:
            result.skipped.append((path.name, f"pages {doc.source.ocr_pages} need OCR"))
            continue
        documents.append((names[path], doc))
    per_document: dict[str, dict[str, str]] = {}
    for name, doc in documents:
        result.documents.append(name)
        per_document[name] = {f"{name}.json": dump_json(doc), f"{name}.yaml": dump_yaml(doc)}
        result.files.update(per_document[name])
        report = build_report(name, doc)
        result.files[f"report/{name}.md"] = report.markdown
        result.files[f"report/{name}.html"] = report.html
        result.files[f"report/{name}.objectives.svg"] = report.svg
    rows = document_rows(documents)
    tables = {table: to_csv(table, table_rows) for table, table_rows in rows.items()}
    for table, text in tables.items():
        result.files[table_path(table)] = text
        result.parquet[table_path(table, "parquet")] = (table, rows[table])
    result.files[DATAPACKAGE] = dump_descriptor(tables, per_document)
    return result


def _managed_files(out_dir: Path) -> list[str]:
    """Files already in ``out_dir`` that the dataset owns (hidden files and other kinds ignored)."""
    if not out_dir.is_dir():
        return []
    return sorted(
        path.relative_to(out_dir).as_posix()
        for path in out_dir.rglob("*")
        if path.is_file()
        and path.suffix.lower() in MANAGED_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(out_dir).parts)
    )


def build_dataset(
    corpus_dir: Path, out_dir: Path, extractor: Extractor | None = None, *, include_pdf: bool = False
) -> DatasetResult:
    """Regenerate ``out_dir`` from ``corpus_dir``; files the dataset no longer produces are removed."""
    generated = dataset_files(corpus_dir, extractor, include_pdf=include_pdf)
    written = []
    for relative, text in sorted(generated.files.items()):
        target = out_dir / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{target.parent}: cannot create ({error.strerror})") from None
        old = target.read_bytes() if target.is_file() else None
        if old != text.encode("utf-8"):  # unchanged files keep their mtime (make stays quiet)
            write_atomic(target, text)
            written.append(relative)
    for relative, (table, rows) in sorted(generated.parquet.items()):
        target = out_dir / relative
        if not (target.is_file() and matches(target, table, rows)):
            write_atomic(target, to_parquet(table, rows))
            written.append(relative)
    expected = set(generated.files) | set(generated.parquet)
    removed = [relative for relative in _managed_files(out_dir) if relative not in expected]
    for relative in removed:
        (out_dir / relative).unlink()
    return DatasetResult(written, removed, generated.documents, generated.skipped)


def compare(
    expected: dict[str, str], out_dir: Path, parquet: dict[str, tuple[str, list[Row]]] | None = None
) -> list[str]:
    """``missing: X`` / ``stale: X`` / ``extra: X`` for each difference, sorted by path. Text files
    must match byte for byte, the ``parquet`` tables by content."""
    parquet = parquet or {}
    problems = []
    present = set(_managed_files(out_dir))
    for relative in sorted({*expected, *parquet}):
        path = out_dir / relative
        if not path.is_file():
            problems.append(f"missing: {path.as_posix()}")
        elif relative in parquet:
            if not matches(path, *parquet[relative]):
                problems.append(f"stale: {path.as_posix()}")
        elif path.read_bytes() != expected[relative].encode("utf-8"):
            problems.append(f"stale: {path.as_posix()}")
    problems.extend(f"extra: {(out_dir / r).as_posix()}" for r in sorted(present - set(expected) - set(parquet)))
    return problems


def check_dataset(
    corpus_dir: Path, out_dir: Path, extractor: Extractor | None = None, *, include_pdf: bool = False
) -> list[str]:
    """Differences between ``out_dir`` and a fresh regeneration from ``corpus_dir``; empty when
    up to date. Nothing is written."""
    generated = dataset_files(corpus_dir, extractor, include_pdf=include_pdf)
    return compare(generated.files, out_dir, generated.parquet)
