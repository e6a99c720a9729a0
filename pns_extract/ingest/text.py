"""The OCR text format: UTF-8 lines; a line starting with one space, or a form
feed, starts a new page. Lines end with LF, CRLF or a lone CR (old Mac files), mixed or not."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import limits
from ..errors import InputUnreadableError
from .lines import Line, Page, SourceDocument


def split_pages(text: str) -> list[Page]:
    pages: list[Page] = []
    current: Page | None = None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):
        new_page = False
        if "\f" in raw:
            new_page = True
            raw = raw.replace("\f", "")
        elif raw.startswith(" ") and not raw.startswith("  "):
            new_page = True
        if raw.startswith(" ") and not raw.startswith("  "):
            raw = raw[1:]
        if current is None or new_page:
            current = Page(number=len(pages) + 1)
            pages.append(current)
        current.lines.append(Line(page=current.number, number=number, text=raw.rstrip()))
    # a trailing newline, or a page break with nothing after it, is not a page
    while pages and not any(line.text.strip() for line in pages[-1].lines):
        pages.pop()
    return pages


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputUnreadableError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark: still text
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputUnreadableError(f"{name}: damaged UTF-16 text; give the plan as UTF-8") from None
    if b"\x00" in data:
        raise InputUnreadableError(f"{name}: not a text file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputUnreadableError(
            f"{name}: not valid UTF-8 text (byte {error.start}); give the plan as a UTF-8 .txt or a PDF"
        ) from None
    if not text.strip():
        raise InputUnreadableError(f"{name}: the file is empty")
    return text


def source_from_text(text: str, name: str = "inline.txt") -> SourceDocument:
    """A source document from text already in memory (tests, other tools)."""
    return SourceDocument(
        file=name,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        kind="text",
        pages=split_pages(text),
    )


def read_text(path: Path, max_bytes: int = limits.MAX_BYTES, max_lines: int = limits.MAX_LINES) -> SourceDocument:
    data = limits.read_bounded(path, max_bytes)
    # counted on the bytes, before the text and its lines are built in memory
    breaks = max(data.count(b"\n"), data.count(b"\r"))
    if breaks > max_lines:
        limits.check_lines(path.name, breaks, 0, max_lines)
    source = source_from_text(decode(data, path.name), path.name)
    source.sha256 = hashlib.sha256(data).hexdigest()
    return source
