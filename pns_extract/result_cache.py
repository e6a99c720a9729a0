"""Whole-extraction cache: a re-run on the same input, with the same options and the same code,
returns the stored document instead of reading, repairing and parsing the plan again.

The key covers the input's bytes and file name, every option, the tool version and a digest
of the package's own source, so a change to any of them is a cache miss. Only complete (ok)
results are stored; entries are written atomically and a damaged one is simply recomputed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import cache
from pathlib import Path

from . import __version__
from .contract import ExtractOptions
from .errors import OutputError
from .model import Document
from .storage import cache_dir, file_sha256
from .writers import write_atomic

FORMAT = 1


@cache
def code_digest() -> str:
    """SHA-256 over the package's Python sources: any code change invalidates stored results."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def result_key(path: Path, options: ExtractOptions) -> str:
    settings = json.dumps(dataclasses.asdict(options), sort_keys=True)
    meta = f"{file_sha256(path)}\0{path.name}\0{settings}\0{__version__}\0{code_digest()}\0format={FORMAT}"
    return hashlib.sha256(meta.encode()).hexdigest()


def _entry(key: str) -> Path:
    return cache_dir("results") / key[:2] / f"{key}.json"


def load(key: str) -> Document | None:
    try:
        return Document.model_validate_json(_entry(key).read_bytes())
    except (OSError, ValueError):
        return None  # missing or damaged: extract again


def store(key: str, document: Document) -> None:
    path = _entry(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, document.model_dump_json())
    except (OSError, OutputError):
        pass  # a cache that cannot be written only costs speed
