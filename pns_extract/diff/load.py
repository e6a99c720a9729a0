"""Read one side of a diff: our JSON/YAML output, or a source document extracted on the fly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..errors import ExitCode, NotAPnsError, PnsExtractError
from ..model import Document

if TYPE_CHECKING:
    from ..pipeline import ExtractOptions

SOURCE_SUFFIXES = {".txt", ".pdf"}
DATA_SUFFIXES = {".json", ".yaml", ".yml"}


class DiffInputError(PnsExtractError):
    """A side of the diff could not be read; ``diff`` exits with 2 like diff(1)."""

    exit_code = ExitCode.TROUBLE


def _read_data(path: Path) -> Any:
    """An untrusted JSON/YAML file, read within limits and checked against the published schema
    as strictly as ``pns-extract validate`` does (a page given as ``"3"`` is refused by both)."""
    from ..untrusted import load_data
    from ..validate import validate_data

    try:
        data = load_data(path)
    except PnsExtractError as error:
        raise DiffInputError(error.message) from None
    if not isinstance(data, dict):
        raise DiffInputError(f"{path}: not a pns-extract document (top level is not an object)")
    errors = validate_data(data, "document")
    if errors:
        raise DiffInputError(
            f"{path}: not a valid pns-extract document ({len(errors)} problem(s); first at {errors[0]})"
        )
    return data


def load_document(path: Path, options: ExtractOptions | None = None) -> Document:
    """An edition to compare: a pns-extract JSON/YAML output (validated against the
    model), or a .txt/.pdf source run through the extraction pipeline with ``options``."""
    path = Path(path)
    if not path.exists():
        raise DiffInputError(f"{path}: no such file")
    if path.is_dir():
        raise DiffInputError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix in SOURCE_SUFFIXES:
        from ..pipeline import extract  # lazy: spaCy and PDF readers are heavy

        try:
            return extract(path, options).document
        except NotAPnsError as error:
            raise DiffInputError(f"{path}: no PNS structure found (no numbered themes)") from error
        except PnsExtractError as error:
            message = error.message if path.name in error.message else f"{path}: {error.message}"
            raise DiffInputError(message) from error
    if suffix not in DATA_SUFFIXES:
        raise DiffInputError(f"{path}: expected a .json/.yaml output of pns-extract or a .txt/.pdf source")
    data = _read_data(path)
    if not isinstance(data, dict):
        raise DiffInputError(f"{path}: not a pns-extract document (top level is not an object)")
    try:
        return Document.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise DiffInputError(
            f"{path}: not a valid pns-extract document ({error.error_count()} problem(s); "
            f"first at {where or 'top level'}: {first['msg']})"
        ) from None
