"""OCR page cache: results stored per page image in the user's cache directory.

Key: SHA-256 of the page image bytes plus the engine's settings key (Tesseract
version, language, settings). Values are small JSON files; a write goes to a
temporary file first and is renamed into place, so concurrent workers and
interrupted runs never leave a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .ocr import OcrPage, OcrWord

FORMAT = 2  # 2: the words' stroke weights are stored with them


def cache_dir() -> Path:
    """``$PNS_EXTRACT_CACHE``, else ``$XDG_CACHE_HOME/pns-extract/ocr``, else ``~/.cache/pns-extract/ocr``."""
    explicit = os.environ.get("PNS_EXTRACT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pns-extract" / "ocr"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (inputs can be large scans)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def page_key(image: bytes, settings: str) -> str:
    digest = hashlib.sha256(image)
    digest.update(b"\0" + settings.encode() + f"\0format={FORMAT}".encode())
    return digest.hexdigest()


class OcrCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> OcrPage | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return OcrPage(
                width=data["width"],
                height=data["height"],
                words=tuple(OcrWord(w[0], w[1], w[2], w[3], w[4], tuple(w[5])) for w in data["words"]),
                weights=tuple(data.get("weights", ())),
            )
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None  # missing or damaged: OCR again

    def put(self, key: str, page: OcrPage) -> None:
        path = self._path(key)
        data = {
            "width": page.width,
            "height": page.height,
            "words": [[w.text, w.left, w.top, w.width, w.height, list(w.line)] for w in page.words],
            "weights": list(page.weights),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=path.parent, delete=False, suffix=".tmp", encoding="utf-8"
            ) as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(handle.name, path)
        except OSError:
            pass  # a read-only or full cache only costs speed
