"""Whole-extraction cache: a re-run on the same input, with the same options and the same code,
returns the stored document instead of reading, repairing and parsing the plan again.

The key covers the input's bytes and file name, every option, the tool version and a digest
of the package's own source, so a change to any of them is a cache miss. Only complete (ok)
results are stored, atomically: the document as its JSON output, and the summary the CLI
reports (``summary.py``), so that ``cached_output`` can answer a re-run of the command without
loading pydantic, the readers or spaCy (this module imports none of them).

A cache is outside the input's control but not beyond damage or tampering, so an entry is
trusted only when it proves itself: it carries the input's hash, a digest of the options, the
tool version and code digest, and one checksum over all of that, the document and the summary.
``load`` also validates the document against the model. An entry that does not parse, does not
match or was altered is removed and the document is extracted again; it is never returned and
never blamed on the input (with ``--verbose`` the CLI shows a notice). ``cached_output`` only
reads: an entry it cannot use is left for ``load`` to judge, remove and report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .contract import ExtractOptions
from .errors import PnsExtractError
from .limits import check_regular_file
from .storage import cache_dir, code_digest, discard_entry, file_sha256, write_entry
from .summary import Summary
from .writers import Format, yaml_text

if TYPE_CHECKING:
    from .model import Document

FORMAT = 3


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


def _checksum(entry: dict[str, Any]) -> str:
    """Over the meta, the document and the summary together: none can be swapped for another's."""
    sealed = {name: entry.get(name) for name in ("meta", "document", "summary")}
    return hashlib.sha256(json.dumps(sealed, sort_keys=True).encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class _Entry:
    document: str  # the JSON output (writers.dump_json), byte for byte
    summary: Summary


def _stored(key: ResultKey) -> _Entry | None:
    """The entry stored for ``key``, None when there is none; ValueError (or TypeError, KeyError)
    when it does not verify."""
    try:
        raw = _entry(key).read_bytes()
    except OSError:
        return None
    return _verified(raw, key)


def _verified(raw: bytes, key: ResultKey) -> _Entry:
    entry: Any = json.loads(raw)
    if not isinstance(entry, dict) or entry.get("meta") != key.meta:
        raise ValueError("made from another input, other options or another version")
    text = entry.get("document")
    if not isinstance(text, str) or entry.get("checksum") != _checksum(entry):
        raise ValueError("its content does not match its checksum")
    return _Entry(document=text, summary=Summary.from_data(entry.get("summary")))


def load(key: ResultKey) -> Document | None:
    """The stored document for ``key``, or None (missing, or discarded because it does not verify)."""
    from .model import Document

    try:
        entry = _stored(key)
        if entry is None:
            return None
        document = Document.model_validate_json(entry.document)
        if document.source.sha256 != key.meta["input_sha256"]:
            raise ValueError("it holds another document")
        return document
    except (ValueError, TypeError, KeyError) as error:
        discard_entry(_entry(key), "result cache", error, "extracting again")
        return None


@dataclass(frozen=True)
class CachedOutput:
    """A stored extraction as the CLI writes and reports it."""

    text: str  # the document in the format asked for
    summary: Summary


def cached_output(path: Path, options: ExtractOptions, fmt: Format) -> CachedOutput | None:
    """The output of ``path`` in ``fmt`` (JSON or YAML, the formats written from plain data) and its
    summary, from the cache, without loading the models; None when there is none to use. It is
    the same text ``writers.dump`` gives for the document ``load`` returns: the JSON stored as
    written, the YAML made from the same data. An entry that does not verify is left alone here
    (None): the extraction that follows meets it in ``load``, which reports and removes it."""
    if fmt not in ("json", "yaml") or not options.ingest.use_cache or not path.is_file():
        return None
    try:
        key = result_key(path, options)
    except PnsExtractError:  # the extraction reports it
        return None
    try:
        entry = _stored(key)
        if entry is None:
            return None
        data = json.loads(entry.document)
        # the types are the model's to check (``load``); here only that the entry holds a
        # document of this input, made by this version
        source = data.get("source") if isinstance(data, dict) else None
        if not isinstance(source, dict) or source.get("sha256") != key.meta["input_sha256"]:
            return None
        if data.get("tool_version") != __version__:
            return None
    except (ValueError, TypeError, KeyError):
        return None
    text = entry.document if fmt == "json" else yaml_text(data)
    return CachedOutput(text=text, summary=entry.summary)


def store(key: ResultKey, document: Document) -> None:
    from .summary import summarize
    from .writers import dump_json

    path = _entry(key)
    summary = summarize(document).to_data()
    entry: dict[str, Any] = {"meta": key.meta, "document": dump_json(document), "summary": summary}
    entry["checksum"] = _checksum(entry)
    write_entry(path, json.dumps(entry, ensure_ascii=False))
