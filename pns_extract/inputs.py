"""Which files are documents, and what their outputs are called: one rule for ``batch``, the
dataset and several inputs given to ``extract``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import InputNotFoundError, InputUnreadableError

INPUT_SUFFIXES = (".txt", ".pdf")
# A second suffix naming how the text was made ("plan.ocr.txt") is not part of the document's name.
PROCESSING_TAGS = (".ocr", ".text")


def input_files(in_dir: Path) -> list[Path]:
    """The documents of a folder (not recursive): ``*.txt`` and ``*.pdf``, hidden files skipped,
    sorted by name."""
    if not in_dir.exists():
        raise InputNotFoundError(f"{in_dir}: no such folder")
    if not in_dir.is_dir():
        raise InputUnreadableError(f"{in_dir}: not a folder")
    return sorted(
        (
            path
            for path in in_dir.iterdir()
            if path.suffix.lower() in INPUT_SUFFIXES and not path.name.startswith(".") and not path.is_dir()
        ),
        key=lambda path: path.name,
    )


def _base_name(path: Path) -> str:
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for tag in PROCESSING_TAGS:
        if stem.lower().endswith(tag) and len(stem) > len(tag):
            return stem[: -len(tag)]
    return stem


def output_names(paths: Iterable[Path]) -> dict[Path, str]:
    """A distinct output name per input: ``plan.ocr.txt`` -> ``plan``; when two inputs would
    share a name (``plan.txt`` and ``plan.pdf``), both keep their whole file name (``plan-txt``)."""
    paths = list(paths)
    bases = {path: _base_name(path) for path in paths}
    counts: dict[str, int] = {}
    for base in bases.values():
        counts[base] = counts.get(base, 0) + 1
    return {path: base if counts[base] == 1 else path.name.replace(".", "-") for path, base in bases.items()}
