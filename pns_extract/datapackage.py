"""A Frictionless Data Package descriptor (``datapackage.json``) for the dataset.

Written by hand from ``tables.TABLE_SPECS`` so the column types, descriptions and keys have a
single source (the Frictionless library would only re-derive them). Resource sizes and hashes
make the descriptor change whenever a table does; nothing in it depends on the time or the
machine. The Parquet copies are listed without size and hash: their bytes depend on the pyarrow
version (``parquet.py``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from . import __version__
from .parquet import MEDIA_TYPE as PARQUET_MEDIA_TYPE
from .tables import TABLE_SPECS, Column, TableSpec

# The data: CC0, as the Belgian federal open-data strategy recommends for public-sector data; the
# plan itself is an official act of the federal authority (docs/dataset.md, "Licence").
LICENSES = [
    {
        "name": "CC0-1.0",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/",
        "title": "Creative Commons Zero v1.0 Universal",
    }
]
SOURCES = [
    {
        "title": "Plan national de sécurité (Police Intégrée, Belgium), published by the Ministers of the "
        "Interior and of Justice",
    }
]

CSV_DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


def _field(column: Column) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "boolean":
        entry["trueValues"] = ["true"]
        entry["falseValues"] = ["false"]
    if column.required:
        entry["constraints"] = {"required": True}
    return entry


def _resource_name(table: str, fmt: str = "csv") -> str:
    # Frictionless resource names use dashes; the CSV keeps the table's name, other formats a suffix.
    name = table.replace("_", "-")
    return name if fmt == "csv" else f"{name}-{fmt}"


def _schema(spec: TableSpec) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in spec.columns],
        "missingValues": [""],
    }
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": _resource_name(fk.table), "fields": list(fk.reference)},
            }
            for fk in spec.foreign_keys
        ]
    return schema


def _digest(text: str) -> dict[str, Any]:
    data = text.encode("utf-8")
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def table_path(name: str, fmt: str = "csv") -> str:
    return f"tables/{name}.{fmt}"


def descriptor(tables: Mapping[str, str], documents: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """The descriptor for ``tables`` (table name -> CSV text) and optionally the per-document
    files (``{path: text}`` under each document name), listed as JSON/YAML resources."""
    resources: list[dict[str, Any]] = []
    for spec in TABLE_SPECS:
        resources.append(
            {
                "name": _resource_name(spec.name),
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
    for spec in TABLE_SPECS:
        resources.append(
            {
                "name": _resource_name(spec.name, "parquet"),
                "title": f"{spec.title} (Parquet)",
                "description": f"The rows of {table_path(spec.name)} with their types (cells exactly as the "
                "document has them, without the CSV's spreadsheet neutralisation).",
                "profile": "data-resource",
                "path": table_path(spec.name, "parquet"),
                "format": "parquet",
                "mediatype": PARQUET_MEDIA_TYPE,
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
    return {
        "profile": "data-package",
        "name": "pns-extract-dataset",
        "title": "Plan national de sécurité — structured data",
        "description": (
            "Themes, strategic objectives, attention points, cited action plans, glossary and legal "
            "references extracted from Belgium's Plan national de sécurité by pns-extract."
        ),
        "version": __version__,
        "licenses": LICENSES,
        "sources": SOURCES,
        "keywords": ["police", "Belgium", "security plan", "PNS"],
        "resources": resources,
    }


def dump_descriptor(tables: Mapping[str, str], documents: Mapping[str, Mapping[str, str]] | None = None) -> str:
    return json.dumps(descriptor(tables, documents), ensure_ascii=False, indent=2) + "\n"
