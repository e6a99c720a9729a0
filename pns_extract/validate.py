"""Check a JSON or YAML output against the published schema (``pns-extract validate``).

Errors are plain strings that start with a JSON-pointer location (``/themes/3/page``),
sorted by location, so a reader can find the faulty element in the file at once.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .readers import load_data
from .schema import diff_schema, document_schema
from .untrusted import text_problems

Kind = Literal["auto", "document", "diff"]

_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    type(None): "null",
}


def pointer(parts: Iterable[Any]) -> str:
    """JSON pointer (RFC 6901) of a path: ``['themes', 3, 'page']`` -> ``/themes/3/page``."""
    escaped = [str(part).replace("~", "~0").replace("/", "~1") for part in parts]
    return "/" + "/".join(escaped) if escaped else "/"


def _type_name(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, dict | list) else _type_name(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(value: Any) -> str:
    """``string "abc"``, ``integer 12``, or just ``array`` / ``object``."""
    kind = _type_name(value)
    return kind if isinstance(value, dict | list) else f"{kind} {_short(value)}"


def _message(error: ValidationError) -> str:
    # ``anyOf`` is how pydantic spells "optional": say which types were expected.
    if error.validator == "anyOf" and error.context and all(e.validator == "type" for e in error.context):
        expected = " or ".join(str(e.validator_value) for e in error.context)
        return f"expected {expected}, got {_describe(error.instance)}"
    if error.validator == "type":
        return f"expected {error.validator_value}, got {_describe(error.instance)}"
    if error.validator == "enum":
        allowed = ", ".join(json.dumps(v, ensure_ascii=False) for v in error.validator_value)
        return f"{_short(error.instance)} is not one of {allowed}"
    return error.message


def _schema_errors(data: Any, schema: dict[str, Any]) -> Iterator[tuple[str, str]]:
    validator = Draft202012Validator(schema)
    for error in validator.iter_errors(data):
        yield pointer(error.absolute_path), _message(error)


def _integrity_errors(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Cross-references the schema cannot express: unique ids, links to the plan index."""
    seen: Counter[str] = Counter()
    first: dict[str, str] = {}
    for location, item in _objects_with_ids(data, []):
        seen[item] += 1
        if seen[item] == 1:
            first[item] = location
        else:
            yield location, f"duplicate id {item!r} (first at {first[item]})"
    index_ids = {entry.get("id") for entry in data.get("action_plan_index") or [] if isinstance(entry, dict)}
    if index_ids:
        for t, theme in enumerate(data.get("themes") or []):
            for p, ref in enumerate(theme.get("action_plans") or []):
                if ref.get("index_id") is not None and ref["index_id"] not in index_ids:
                    yield (
                        pointer(["themes", t, "action_plans", p, "index_id"]),
                        f"{ref['index_id']!r} is not an id of action_plan_index",
                    )


def _objects_with_ids(value: Any, path: list[Any]) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield pointer([*path, "id"]), value["id"]
        for key, child in value.items():
            yield from _objects_with_ids(child, [*path, key])
    elif isinstance(value, list):
        for position, child in enumerate(value):
            yield from _objects_with_ids(child, [*path, position])


def detect_kind(data: Any) -> Literal["document", "diff"]:
    """``diff`` for a ``pns-extract diff`` output, else ``document``."""
    if isinstance(data, dict) and "changes" in data and "themes" not in data:
        return "diff"
    return "document"


def validate_data(data: Any, kind: Kind = "auto") -> list[str]:
    """Errors of already-parsed data, each ``"<pointer>: <message>"``; empty when valid."""
    chosen = detect_kind(data) if kind == "auto" else kind
    schema = document_schema() if chosen == "document" else diff_schema()
    # strings that are not valid Unicode and keys that are not strings: no schema can say it
    text = [(pointer(path), message) for path, message in text_problems(data)]
    if text:
        return [f"{location}: {message}" for location, message in text]
    errors = sorted(set(_schema_errors(data, schema)), key=_order)
    if not errors and chosen == "document":
        errors = list(_integrity_errors(data))
    return [f"{location}: {message}" for location, message in errors]


def _order(error: tuple[str, str]) -> tuple[list[Any], str]:
    # Numeric path parts sort as numbers, so /themes/10 comes after /themes/9.
    parts = [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in error[0].split("/")]
    return parts, error[1]


def validate_file(path: Path, kind: Kind = "auto") -> list[str]:
    """Errors of a JSON/YAML output file against its schema; empty when valid.

    Raises ``InputNotFoundError`` / ``InputUnreadableError`` when the file cannot be read or
    parsed (the message carries the line and column of a syntax error)."""
    return validate_data(load_data(path), kind)
