"""JSON Schemas generated from the pydantic models (``schemas/*.schema.json``).

The committed files are checked against a fresh generation by the test suite and by
``make dataset-check``, so a model change without ``make schemas`` fails CI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .changes.model import DocumentDiff
from .errors import OutputError
from .model import SCHEMA_VERSION, Document
from .writers import write_atomic

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DOCUMENT_SCHEMA = "document.schema.json"
DIFF_SCHEMA = "diff.schema.json"


def _schema_for(model: type[BaseModel], file_name: str, title: str, description: str) -> dict[str, Any]:
    generated = model.model_json_schema(mode="serialization")
    generated.pop("description", None)  # the class docstring is written for developers
    # Only the documentation keys are added; the body stays pydantic's output.
    return {
        "$schema": DIALECT,
        "$id": file_name,
        "title": title,
        "description": description,
        "x-schema-version": SCHEMA_VERSION,
        **{key: value for key, value in generated.items() if key != "title"},
    }


def document_schema() -> dict[str, Any]:
    """The schema every ``pns-extract`` JSON/YAML document output satisfies."""
    return _schema_for(
        Document,
        DOCUMENT_SCHEMA,
        "pns-extract document",
        "Belgium's Plan national de sécurité as structured data (the JSON or YAML output of "
        "`pns-extract`): chapters, themes, strategic objectives, attention points, cited action "
        "plans, footnotes, glossary and enrichments, each element with its page.",
    )


def diff_schema() -> dict[str, Any]:
    """The schema of ``pns-extract diff`` outputs."""
    return _schema_for(
        DocumentDiff,
        DIFF_SCHEMA,
        "pns-extract diff",
        "Differences between two editions of the plan (the output of `pns-extract diff`).",
    )


def schema_texts() -> dict[str, str]:
    """File name -> JSON text of every published schema."""
    schemas = {DOCUMENT_SCHEMA: document_schema(), DIFF_SCHEMA: diff_schema()}
    return {name: json.dumps(body, ensure_ascii=False, indent=2) + "\n" for name, body in schemas.items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into ``folder`` (created if needed); returns the paths written.
    Raises ``OutputError`` when the folder is a file or cannot be created or written."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is not a folder; give the folder to write the schemas into")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create the folder ({error.strerror})") from None
    written = []
    for name, text in schema_texts().items():
        write_atomic(folder / name, text)
        written.append(folder / name)
    return written


def check_schemas(folder: Path) -> list[str]:
    """Problems with the committed schemas: ``stale: X``, ``missing: X``, ``extra: X``."""
    expected = schema_texts()
    problems = []
    for name, text in expected.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"missing: {path}")
        elif path.read_bytes() != text.encode("utf-8"):
            problems.append(f"stale: {path}")
    if folder.is_dir():
        problems.extend(f"extra: {path}" for path in sorted(folder.glob("*.schema.json")) if path.name not in expected)
    return problems
