"""Reading outputs back: the JSON or YAML that ``pns-extract`` wrote, as data or as a
validated ``Document`` (the library's ``load``, ``validate`` and ``diff`` read them this way)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import InputNotFoundError, InputUnreadableError, InvalidDocumentError
from .model import Document


def load_data(path: Path) -> Any:
    """The parsed content of a JSON or YAML file (chosen by extension, JSON by default)."""
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise InputUnreadableError(f"{path}: is a folder, not a file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputUnreadableError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InputUnreadableError(f"{path}: cannot read ({error.strerror})") from None
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            problem = getattr(error, "problem", None) or str(error)
            raise InputUnreadableError(f"{path}: {where}invalid YAML ({problem})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputUnreadableError(
            f"{path}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg})"
        ) from None



def read_document(path: Path) -> Document:
    """A ``pns-extract`` JSON/YAML output, validated against the model.

    Raises ``InputNotFoundError`` / ``InputUnreadableError`` when the file cannot be read or
    parsed, ``InvalidDocumentError`` when it is not a valid document (first problem named)."""
    data = load_data(path)
    if not isinstance(data, dict):
        raise InvalidDocumentError(f"{path}: not a pns-extract document (top level is not an object)")
    try:
        return Document.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidDocumentError(
            f"{path}: not a valid pns-extract document ({error.error_count()} problem(s); "
            f"first at {where or 'top level'}: {first['msg']})"
        ) from None
