"""OCR page cache: results stored per page image in the user's cache directory
(``storage.cache_dir("ocr")``).

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

from ..storage import cache_dir
from .ocr import OcrPage, OcrWord

FORMAT = 1


def page_key(image: bytes, settings: str) -> str:
    digest = hashlib.sha256(image)
    digest.update(b"\0" + settings.encode() + f"\0format={FORMAT}".encode())
    return digest.hexdigest()


class OcrCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir("ocr")

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> OcrPage | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return OcrPage(
                width=data["width"],
                height=data["height"],
                words=tuple(OcrWord(w[0], w[1], w[2], w[3], w[4], tuple(w[5])) for w in data["words"]),
            )
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None  # missing or damaged: OCR again

    def put(self, key: str, page: OcrPage) -> None:
        path = self._path(key)
        data = {
            "width": page.width,
            "height": page.height,
            "words": [[w.text, w.left, w.top, w.width, w.height, list(w.line)] for w in page.words],
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
