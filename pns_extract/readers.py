"""Reading outputs back: the JSON or YAML that ``pns-extract`` wrote, as data or as a
validated ``Document`` (the library's ``load``, ``validate`` and ``diff`` read them this way).

Such a file may come from anyone, so it is read as untrusted (``untrusted.py``: size, depth
and integer limits, no YAML aliases) and a document is checked against the published schema
before the model sees it: the model alone would accept a page given as ``"3"``, which
``validate`` refuses, and ``diff`` must not call such a file identical to a valid one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import untrusted
from .errors import InvalidDocumentError
from .model import Document


def load_data(path: Path) -> Any:
    """The parsed content of a JSON or YAML file (chosen by extension, JSON by default).

    Raises ``InputNotFoundError``, ``InputUnreadableError`` (not a regular file, not UTF-8, not
    JSON/YAML, with line and column) or ``LimitExceededError`` (too large or too deep)."""
    return untrusted.load_data(path)


def read_document(path: Path) -> Document:
    """A ``pns-extract`` JSON/YAML output, validated against the schema and the model.

    Raises ``InputNotFoundError`` / ``InputUnreadableError`` / ``LimitExceededError`` when the
    file cannot be read or parsed, ``InvalidDocumentError`` when it is not a valid document
    (first problem named)."""
    from .validate import validate_data  # validate reads files through this module

    data = load_data(path)
    if not isinstance(data, dict):
        raise InvalidDocumentError(f"{path}: not a pns-extract document (top level is not an object)")
    errors = validate_data(data, "document")
    if errors:
        raise InvalidDocumentError(
            f"{path}: not a valid pns-extract document ({len(errors)} problem(s); first at {errors[0]})"
        )
    try:
        return Document.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidDocumentError(
            f"{path}: not a valid pns-extract document ({error.error_count()} problem(s); "
            f"first at {where or 'top level'}: {first['msg']})"
        ) from None
