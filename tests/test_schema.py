"""The published JSON Schemas: generated from the models, documented, committed up to date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fixtures_dataset import sample_document
from jsonschema import Draft202012Validator

from pns_extract.schema import (
    DIFF_SCHEMA,
    DOCUMENT_SCHEMA,
    check_schemas,
    document_schema,
    schema_texts,
    write_schemas,
)
from pns_extract.writers import to_data

ROOT = Path(__file__).resolve().parent.parent


def _properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = [("Document", name, body) for name, body in schema["properties"].items()]
    for model, definition in schema.get("$defs", {}).items():
        found += [(model, name, body) for name, body in definition.get("properties", {}).items()]
    return found


def test_committed_schemas_are_up_to_date() -> None:
    problems = check_schemas(ROOT / "schemas")
    assert problems == [], "schemas/ is stale, run `make schemas`:\n" + "\n".join(problems)


def test_document_schema_is_valid_and_every_field_is_described() -> None:
    schema = document_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] and schema["description"]
    undocumented = [
        f"{model}.{name}" for model, name, body in _properties(schema) if not body.get("description")
    ]
    assert undocumented == []
    assert schema["additionalProperties"] is False


def test_a_document_validates_against_its_schema() -> None:
    validator = Draft202012Validator(document_schema())
    data = to_data(sample_document())
    assert list(validator.iter_errors(data)) == []
    data["themes"][0]["objectives"][0]["actor"] = "regional"
    assert [e.validator for e in validator.iter_errors(data)] == ["enum"]


def test_generation_is_stable_and_writes_every_schema(tmp_path: Path) -> None:
    assert schema_texts() == schema_texts()
    written = write_schemas(tmp_path / "schemas")
    names = {path.name for path in written}
    assert DOCUMENT_SCHEMA in names
    assert DIFF_SCHEMA in names
    assert check_schemas(tmp_path / "schemas") == []
    text = (tmp_path / "schemas" / DOCUMENT_SCHEMA).read_text(encoding="utf-8")
    assert text.endswith("}\n") and json.loads(text)["$id"] == DOCUMENT_SCHEMA


def test_check_flags_stale_missing_and_extra_schemas(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    write_schemas(folder)
    (folder / DOCUMENT_SCHEMA).write_text("{}\n", encoding="utf-8")
    (folder / "old.schema.json").write_text("{}\n", encoding="utf-8")
    problems = check_schemas(folder)
    assert f"stale: {folder / DOCUMENT_SCHEMA}" in problems
    assert f"extra: {folder / 'old.schema.json'}" in problems
    assert check_schemas(tmp_path / "nowhere")[0].startswith("missing: ")
