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
from typing import TYPE_CHECKING, Literal

from ..contract import PageFailure

if TYPE_CHECKING:  # the page workers start before pydantic loads (a scan's first page is OCR'd sooner)
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
    calls: tuple[str, ...] = ()  # note calls the layout shows (superscript numbers), as printed
    # OCR: a small raised mark stands before the line that the engine could not read (a note's number)
    lost_mark: bool = False
    # where the line is printed, in points from the page's top-left corner (PDF and OCR alike):
    # indentation and vertical position cues; None for the text format
    x0: float | None = None
    top: float | None = None
    # the line fills its column: the next line's first word would not have fitted after it, so the
    # layout may have wrapped there (None for the text format, which has no measure)
    wraps: bool | None = None


@dataclass(frozen=True, slots=True)
class Typography:
    """The type of one reading method (text layer or OCR) measured over the whole document.

    Sizes are in points for the text layer and in estimated points (box heights) for OCR; compare a
    line's ``font_size`` only with the typography of its own ``method``."""

    method: Method
    body_size: float  # the size most characters are set in
    line_pitch: float  # normal top-to-top distance of body lines, as a multiple of the body size
    note_size: float | None = None  # the commonest size of the footnotes, when there are some
    page_body_sizes: dict[int, float] = field(default_factory=dict)  # pages set in another size (shrunk to fit)

    def relative_size(self, line: Line) -> float | None:
        """The line's size as a fraction of the body size (of its page when that page is set apart)."""
        if line.font_size is None or self.body_size <= 0:
            return None
        return line.font_size / self.page_body_sizes.get(line.page, self.body_size)


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
    # measured type per reading method ("pdf", "ocr"); empty for the text format, which has no sizes
    typography: dict[Method, Typography] = field(default_factory=dict)

    @property
    def failed_pages(self) -> list[int]:
        return [failure.page for failure in self.failures]

    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]
