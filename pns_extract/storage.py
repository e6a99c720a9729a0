"""Where pns-extract keeps its caches, and the file hash their keys start from.

One root, ``$PNS_EXTRACT_CACHE``, else ``$XDG_CACHE_HOME/pns-extract``, else
``~/.cache/pns-extract``; each cache has its folder below it (``ocr/`` for page images,
``results/`` for whole extractions).
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path


def cache_root() -> Path:
    explicit = os.environ.get("PNS_EXTRACT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pns-extract"


def cache_dir(kind: str) -> Path:
    """The folder of one cache (``"ocr"``, ``"results"``) below the root."""
    return cache_root() / kind


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (inputs can be large scans)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """SHA-256 over the package's Python sources: any code change invalidates what the caches
    stored from this code (whole results, the prepared lexicon)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


# ------------------------------------------------------------------ sealed entries
# A cache file that proves what it holds: a checksum line over the rest, the key it was made
# for, then the payload. The machine-wide caches (compiled patterns, the prepared lexicon) keep
# their payloads this way.


def read_sealed(path: Path, key: str) -> bytes | None:
    """The payload stored at ``path`` for ``key``; None when there is no entry. Raises
    ``ValueError`` when the file is not an intact entry for this key (damaged, truncated, made
    for another key): the caller discards it and makes the payload again."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    checksum, _, rest = raw.partition(b"\n")
    if hashlib.sha256(rest).hexdigest().encode() != checksum:
        raise ValueError("its content does not match its checksum")
    stored_key, _, payload = rest.partition(b"\n")
    if stored_key != key.encode():
        raise ValueError("made from other data or by another version")
    return payload


def write_sealed(path: Path, key: str, payload: bytes) -> None:
    """Store ``payload`` for ``key`` at ``path`` (``write_entry``)."""
    rest = key.encode() + b"\n" + payload
    write_entry(path, hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest)


def discard_entry(path: Path, cache: str, why: object, then: str) -> None:
    """Remove a cache file that does not verify, with a notice (the CLI shows it with
    ``--verbose``): ``cache`` names the cache, ``then`` what is done instead."""
    import logging  # here: a re-run answered from the result cache never needs it

    logging.getLogger(__name__).warning("%s: entry %s discarded (%s); %s", cache, path.name, why, then)
    path.unlink(missing_ok=True)


def write_entry(path: Path, content: str | bytes) -> None:
    """Write one cache file, atomically, its folder made if needed. A cache that cannot be written
    (read-only, full) only costs speed: the failure is ignored, and no temporary file is left."""
    from .errors import OutputError
    from .writers import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content)
    except (OSError, OutputError):
        pass
