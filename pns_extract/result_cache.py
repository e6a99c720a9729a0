"""Whole-extraction cache: a re-run on the same input, with the same options and the same code,
returns the stored document instead of reading, repairing and parsing the plan again.

The key covers the input's bytes and file name, every option, the tool version and a digest
of the package's own source, so a change to any of them is a cache miss. Only complete (ok)
results are stored, atomically.

A cache is outside the input's control but not beyond damage or tampering, so an entry is
trusted only when it proves itself: it carries the input's hash, a digest of the options, the
tool version and code digest, and a checksum of the document it holds. An entry that does not
parse, does not match or was altered is removed and the document is extracted again; it is
never returned and never blamed on the input (with ``--verbose`` the CLI shows a notice).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .contract import ExtractOptions
from .errors import OutputError
from .limits import check_regular_file
from .model import Document
from .storage import cache_dir, file_sha256
from .writers import write_atomic

FORMAT = 2
log = logging.getLogger(__name__)


@cache
def code_digest() -> str:
    """SHA-256 over the package's Python sources: any code change invalidates stored results."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class ResultKey:
    """Where an entry is stored (``digest``) and what it must prove it was made from (``meta``)."""

    digest: str
    meta: dict[str, str]

    def __hash__(self) -> int:  # the digest covers the meta: keys can be set members
        return hash(self.digest)


def result_key(path: Path, options: ExtractOptions) -> ResultKey:
    """The key of ``path`` extracted with ``options``. The input is checked against the byte
    limit first: it is hashed whole."""
    check_regular_file(path, options.ingest.max_bytes)
    settings = json.dumps(dataclasses.asdict(options), sort_keys=True)
    meta = {
        "format": str(FORMAT),
        "input_sha256": file_sha256(path),
        # the name as bytes: a name that is not UTF-8 is still a key (and no password is stored)
        "file_name_sha256": hashlib.sha256(os.fsencode(path.name)).hexdigest(),
        "options_sha256": hashlib.sha256(settings.encode("utf-8", "surrogateescape")).hexdigest(),
        "tool_version": __version__,
        "code_digest": code_digest(),
    }
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode()).hexdigest()
    return ResultKey(digest=digest, meta=meta)


def _entry(key: ResultKey) -> Path:
    return cache_dir("results") / key.digest[:2] / f"{key.digest}.json"


def _checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(key: ResultKey) -> Document | None:
    """The stored document for ``key``, or None (missing, or discarded because it does not verify)."""
    path = _entry(key)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        return _verified(raw, key)
    except (ValueError, TypeError, KeyError) as error:
        log.warning("result cache: entry %s discarded (%s); extracting again", path.name, error)
        path.unlink(missing_ok=True)
        return None


def _verified(raw: bytes, key: ResultKey) -> Document:
    entry: Any = json.loads(raw)
    if not isinstance(entry, dict) or entry.get("meta") != key.meta:
        raise ValueError("made from another input, other options or another version")
    text = entry.get("document")
    if not isinstance(text, str) or entry.get("checksum") != _checksum(text):
        raise ValueError("its content does not match its checksum")
    document = Document.model_validate_json(text)
    if document.source.sha256 != key.meta["input_sha256"]:
        raise ValueError("it holds another document")
    return document


def store(key: ResultKey, document: Document) -> None:
    path = _entry(key)
    text = document.model_dump_json()
    entry = {"meta": key.meta, "checksum": _checksum(text), "document": text}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(entry, ensure_ascii=False))
    except (OSError, OutputError):
        pass  # a cache that cannot be written only costs speed
