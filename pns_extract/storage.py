"""Where pns-extract keeps its caches, and the file hash their keys start from.

One root, ``$PNS_EXTRACT_CACHE``, else ``$XDG_CACHE_HOME/pns-extract``, else
``~/.cache/pns-extract``; each cache has its folder below it (``ocr/`` for page images,
``results/`` for whole extractions).
"""

from __future__ import annotations

import hashlib
import os
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
