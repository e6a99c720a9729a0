"""Read one side of a diff: our JSON/YAML output, or a source document extracted on the fly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExitCode, NotAPnsError, PnsExtractError
from ..model import Document
from ..readers import read_document

if TYPE_CHECKING:
    from ..contract import ExtractOptions

SOURCE_SUFFIXES = {".txt", ".pdf"}
DATA_SUFFIXES = {".json", ".yaml", ".yml"}


class DiffInputError(PnsExtractError):
    """A side of the diff could not be read; ``diff`` exits with 2 like diff(1)."""

    exit_code = ExitCode.TROUBLE


def load_document(path: Path, options: ExtractOptions | None = None) -> Document:
    """An edition to compare: a pns-extract JSON/YAML output (validated against the
    model), or a .txt/.pdf source run through the extraction pipeline with ``options``."""
    path = Path(path)
    if not path.exists():
        raise DiffInputError(f"{path}: no such file")
    if path.is_dir():
        raise DiffInputError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in SOURCE_SUFFIXES | DATA_SUFFIXES:
        raise DiffInputError(f"{path}: expected a .json/.yaml output of pns-extract or a .txt/.pdf source")
    try:
        if suffix in DATA_SUFFIXES:
            return read_document(path)
        from ..pipeline import extract  # lazy: spaCy and PDF readers are heavy

        return extract(path, options).document
    except NotAPnsError as error:
        raise DiffInputError(f"{path}: no PNS structure found (no numbered themes)") from error
    except PnsExtractError as error:
        message = error.message if path.name in error.message else f"{path}: {error.message}"
        raise DiffInputError(message) from error
