"""A Frictionless Data Package descriptor (``datapackage.json``) for the dataset.

Written by hand from ``tables.TABLE_SPECS`` so the column types and descriptions have a
single source. Resource sizes and hashes make the descriptor change whenever a table does;
nothing in it depends on the time or the machine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from . import __version__
from .tables import TABLE_SPECS, TableSpec

CSV_DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


def _field(column: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "boolean":
        entry["trueValues"] = ["true"]
        entry["falseValues"] = ["false"]
    if column.required:
        entry["constraints"] = {"required": True}
    return entry


def _schema(spec: TableSpec) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in spec.columns],
        "missingValues": [""],
    }
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.reference)}}
            for fk in spec.foreign_keys
        ]
    return schema


def _digest(text: str) -> dict[str, Any]:
    data = text.encode("utf-8")
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def table_path(name: str) -> str:
    return f"tables/{name}.csv"


def descriptor(tables: Mapping[str, str], documents: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """The descriptor for ``tables`` (table name -> CSV text) and optionally the per-document
    files (``{path: text}`` under each document name), listed as JSON/YAML resources."""
    resources: list[dict[str, Any]] = []
    for spec in TABLE_SPECS:
        resources.append(
            {
                "name": spec.name.replace("_", "-"),
                "title": spec.title,
                "description": spec.description,
                "profile": "tabular-data-resource",
                "path": table_path(spec.name),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **_digest(tables[spec.name]),
                "dialect": CSV_DIALECT,
                "schema": _schema(spec),
            }
        )
    for name, files in (documents or {}).items():
        for path, text in files.items():
            fmt = path.rsplit(".", 1)[-1]
            resources.append(
                {
                    "name": f"{name}-{fmt}".lower(),
                    "title": f"{name} ({fmt.upper()})",
                    "description": "The whole structured document; see schemas/document.schema.json.",
                    "profile": "data-resource",
                    "path": path,
                    "format": fmt,
                    "mediatype": "application/json" if fmt == "json" else "application/yaml",
                    "encoding": "utf-8",
                    **_digest(text),
                }
            )
    # Frictionless requires foreign keys to point at resource names, which use dashes.
    for resource in resources:
        for fk in resource.get("schema", {}).get("foreignKeys", []):
            fk["reference"]["resource"] = fk["reference"]["resource"].replace("_", "-")
    return {
        "profile": "data-package",
        "name": "pns-extract-dataset",
        "title": "Plan national de sécurité — structured data",
        "description": (
            "Themes, strategic objectives, attention points, cited action plans, glossary and legal "
            "references extracted from Belgium's Plan national de sécurité by pns-extract."
        ),
        "version": __version__,
        "sources": [{"title": "Plan national de sécurité (Police Intégrée, Belgium)"}],
        "keywords": ["police", "Belgium", "security plan", "PNS"],
        "resources": resources,
    }


def dump_descriptor(tables: Mapping[str, str], documents: Mapping[str, Mapping[str, str]] | None = None) -> str:
    return json.dumps(descriptor(tables, documents), ensure_ascii=False, indent=2) + "\n"
