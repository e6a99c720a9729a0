"""The tables as Parquet, for typed loading (``pd.read_parquet``, DuckDB ``FROM 'x.parquet'``):
strings stay strings, integers are int64, booleans bool, nulls null, whatever a reader guesses.

Written with pyarrow (the ``parquet`` extra: ``pip install 'pns-extract[parquet]'``). Cells hold
the document's text exactly (no spreadsheet neutralisation: Parquet is not opened as a
spreadsheet). The bytes carry pyarrow's version (``created_by``), so two pyarrow versions write
different files for the same rows: the dataset check compares the rows and column types read
back (``matches``), never the bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import OutputError
from .tables import TABLES, Row

MEDIA_TYPE = "application/vnd.apache.parquet"
_ARROW_TYPES = {"string": "string", "integer": "int64", "boolean": "bool_"}


def _pyarrow() -> tuple[ModuleType, ModuleType]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise OutputError(
            "writing or checking the Parquet tables needs pyarrow: pip install 'pns-extract[parquet]'"
        ) from None
    return pyarrow, pyarrow.parquet


def arrow_schema(table: str) -> Any:
    pa, _ = _pyarrow()
    spec = TABLES[table]
    return pa.schema(
        [
            pa.field(column.name, getattr(pa, _ARROW_TYPES[column.type])(), nullable=not column.required)
            for column in spec.columns
        ]
    )


def to_parquet(table: str, rows: list[Row]) -> bytes:
    """The rows of ``table`` as one Parquet file (one row group, zstd, no pandas metadata)."""
    pa, pq = _pyarrow()
    schema = arrow_schema(table)
    arrow = pa.Table.from_pylist(rows, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(arrow, buffer, compression="zstd", row_group_size=max(len(rows), 1), store_schema=False)
    return buffer.getvalue()


def matches(path: Path, table: str, rows: list[Row]) -> bool:
    """Whether the Parquet file at ``path`` holds exactly ``rows`` with the table's column types."""
    pa, pq = _pyarrow()
    try:
        found = pq.read_table(path)
    except (OSError, pa.ArrowException):
        return False
    expected = pa.Table.from_pylist(rows, schema=arrow_schema(table))
    return found.schema.remove_metadata().equals(expected.schema) and found.to_pylist() == expected.to_pylist()
