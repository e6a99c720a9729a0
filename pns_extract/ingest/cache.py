"""OCR page cache: results stored per page image in the user's cache directory
(``storage.cache_dir("ocr")``).

Key: SHA-256 of the page image bytes plus the engine's settings key (Tesseract
version, language, settings). Values are small JSON files written atomically (a
temporary file renamed into place, removed on any error, a full disk included).

An entry is used only when it verifies: it names its own key, carries a checksum of its
words, and every value has the expected type and range. An altered, malformed or emptied
entry is removed and the page is OCR'd again; an empty result is never stored (an engine
that exits 0 without output must not leave a page blank for every later run).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..storage import cache_dir, discard_entry, write_entry
from .ocr import OcrPage, OcrWord

FORMAT = 5  # 3: the words' stroke weights stored with them; 4: the raised marks; 5: skipped labels read


def page_key(image: bytes, settings: str) -> str:
    digest = hashlib.sha256(image)
    digest.update(b"\0" + settings.encode() + f"\0format={FORMAT}".encode())
    return digest.hexdigest()


def _payload(page: OcrPage) -> dict[str, Any]:
    return {
        "width": page.width,
        "height": page.height,
        "words": [[w.text, w.left, w.top, w.width, w.height, list(w.line)] for w in page.words],
        "weights": list(page.weights),
        "marks": [list(key) for key in page.marks],
    }


def _checksum(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _int(value: Any, low: int = 0) -> int:
    if type(value) is not int or value < low:  # bool is an int subclass: refused too
        raise ValueError(f"expected an integer >= {low}, got {value!r}")
    return value


def _word(value: Any) -> OcrWord:
    if not isinstance(value, list) or len(value) != 6 or not isinstance(value[0], str) or not value[0].strip():
        raise ValueError("malformed word")
    line = value[5]
    if not isinstance(line, list) or len(line) != 3:
        raise ValueError("malformed line number")
    return OcrWord(
        value[0], _int(value[1]), _int(value[2]), _int(value[3]), _int(value[4]), tuple(_int(n) for n in line)
    )


def _verified(data: Any, key: str) -> OcrPage:
    if not isinstance(data, dict) or data.get("key") != key or data.get("format") != FORMAT:
        raise ValueError("not the entry of this page")
    payload = data.get("page")
    if not isinstance(payload, dict) or data.get("checksum") != _checksum(payload):
        raise ValueError("its content does not match its checksum")
    words = payload.get("words")
    if not isinstance(words, list) or not words:
        raise ValueError("no words")
    return OcrPage(
        width=_int(payload.get("width"), 1),
        height=_int(payload.get("height"), 1),
        words=tuple(_word(word) for word in words),
        weights=_weights(payload.get("weights", []), len(words)),
        marks=_marks(payload.get("marks", [])),
    )


def _weights(value: Any, count: int) -> tuple[float | None, ...]:
    """Stroke weights: none yet measured, or one number (or null) per word."""
    if not isinstance(value, list) or (value and len(value) != count):
        raise ValueError("malformed stroke weights")
    if any(w is not None and (type(w) not in (int, float) or w < 0) for w in value):
        raise ValueError("malformed stroke weight")
    return tuple(value)


def _marks(value: Any) -> tuple[tuple[int, int, int], ...]:
    """Raised marks: the engine numbers (block, paragraph, line) of the lines they stand before."""
    if not isinstance(value, list) or any(not isinstance(key, list) or len(key) != 3 for key in value):
        raise ValueError("malformed raised marks")
    return tuple(tuple(_int(n) for n in key) for key in value)


class OcrCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir("ocr")

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> OcrPage | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            return _verified(json.loads(raw), key)
        except (ValueError, TypeError, RecursionError) as error:
            discard_entry(path, "OCR cache", error, "the page is OCR'd again")
            return None

    def put(self, key: str, page: OcrPage) -> None:
        if not page.words:
            return  # nothing to save, and an empty page must stay a question for the engine
        payload = _payload(page)
        entry = {"format": FORMAT, "key": key, "checksum": _checksum(payload), "page": payload}
        write_entry(self._path(key), json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
