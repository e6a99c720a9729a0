"""The value every ingestion path produces: pages of lines with provenance.

Conventions shared by all paths (text, PDF text layer, OCR):
- ``Line.text`` has no trailing newline; an empty string marks a paragraph
  break, exactly as a blank line does in the text format. PDF and OCR paths
  emit one where the vertical gap between two lines says a paragraph ends.
- ``hint`` carries a layout cue when the path has one (font size, weight,
  position); the text path never sets it and the parser falls back on the
  text's own conventions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..contract import PageFailure
from ..model import Notice

Method = Literal["text", "pdf", "ocr"]
LayoutHint = Literal["heading", "footnote", "furniture"]


@dataclass(frozen=True, slots=True)
class Line:
    page: int  # physical page, 1-based
    number: int  # 1-based position among all the source's lines (text: the file's line number)
    text: str
    method: Method = "text"
    hint: LayoutHint | None = None
    bold: bool | None = None
    font_size: float | None = None


@dataclass(slots=True)
class Page:
    number: int  # physical page, 1-based
    lines: list[Line] = field(default_factory=list)
    method: Method = "text"
    label: str | None = None  # page number as printed, when the page shows one


@dataclass(slots=True)
class SourceDocument:
    """Everything ingestion learned about one input file."""

    file: str  # base name only: outputs carry no absolute paths
    sha256: str
    kind: Literal["text", "pdf"]
    pages: list[Page]
    ocr_pages: list[int] = field(default_factory=list)
    failures: list[PageFailure] = field(default_factory=list)  # pages whose OCR failed: no text from them
    warnings: list[Notice] = field(default_factory=list)

    @property
    def failed_pages(self) -> list[int]:
        return [failure.page for failure in self.failures]

    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]
