"""Page geometry -> printed lines with layout cues, shared by the PDF text layer and OCR.

Both paths give positioned words; this module turns them into the text-path
conventions: one line per printed line in reading order, an empty line where
the vertical gap says a paragraph ends, and hints from size, weight and
position (``heading``, ``footnote``, ``furniture``). Sizes are in points for
the text layer and in an estimated em for OCR; only ratios within one method
are compared, so the two never need a common unit.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lines import LayoutHint


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool | None = None


@dataclass(slots=True)
class TextLine:
    words: list[Word]
    top: float
    bottom: float
    size: float = 0.0
    hint: LayoutHint | None = None
    text: str = ""
    bold: bool | None = None

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


@dataclass(slots=True)
class PageLayout:
    number: int  # physical, 1-based
    width: float
    height: float
    method: str  # "pdf" | "ocr"
    lines: list[TextLine] = field(default_factory=list)
    label: str | None = None
    error: str | None = None  # why the page could not be read (OCR failure, timeout)


# glyphs that PDF producers use for list bullets (Symbol/Wingdings private-use code points included)
BULLETS = "•●▪■◦‣⁃∙\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8"
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$", re.IGNORECASE)


def is_bold_font(fontname: str) -> bool:
    return bool(_BOLD_NAME.search(fontname or ""))


def clean_text(text: str) -> str:
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


# ---------------------------------------------------------------- grouping


def group_words(words: Iterable[Word]) -> list[TextLine]:
    """Words of one page -> lines, top to bottom; a word joins the line its vertical centre falls in.

    Superscripts (footnote calls) fall inside their line's span, so they stay in it.
    """
    lines: list[TextLine] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        centre = (word.top + word.bottom) / 2
        target = None
        for line in reversed(lines[-3:]):
            if line.top - 0.5 <= centre <= line.bottom + 0.5:
                target = line
                break
        if target is None:
            lines.append(TextLine(words=[word], top=word.top, bottom=word.bottom))
        else:
            target.words.append(word)
            # the line's span follows its main text, not its superscripts
            if word.size >= 0.85 * max(w.size for w in target.words):
                target.top = min(target.top, word.top)
                target.bottom = max(target.bottom, word.bottom)
    for line in lines:
        finish_line(line)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def finish_line(line: TextLine) -> None:
    """Order the words, join them with spaces where the gap says so, set size and weight."""
    line.words.sort(key=lambda w: w.x0)
    sizes = [w.size for w in line.words for _ in w.text]
    line.size = statistics.median(sizes) if sizes else 0.0
    parts: list[str] = []
    previous: Word | None = None
    for word in line.words:
        if previous is not None:
            gap = word.x0 - previous.x1
            # a footnote's number set as a superscript at the line start is followed by a space,
            # as in the text format ("1 L'article ..."); calls inside the text stay glued
            leading_call = len(parts) == 1 and previous.text.isdigit() and previous.size < 0.85 * line.size
            parts.append(" " if gap > 0.12 * max(line.size, 1e-6) or leading_call else "")
        parts.append(word.text)
        previous = word
    text = clean_text("".join(parts)).strip()
    if text and text[0] in BULLETS:
        text = "• " + text[1:].lstrip()
    line.text = re.sub(r"\s+", " ", text)
    weights = [w.bold for w in line.words if w.text.strip()]
    line.bold = None if any(b is None for b in weights) else bool(weights) and all(weights)


# ------------------------------------------------------------ page analysis


def body_size(pages: Iterable[PageLayout]) -> float:
    """The size most characters are set in (the body text), over all pages given."""
    counts: dict[float, int] = defaultdict(int)
    for page in pages:
        for line in page.lines:
            counts[round(line.size * 2) / 2] += len(line.text)
    return max(counts, key=lambda size: (counts[size], -size)) if counts else 0.0


def line_pitch(pages: Iterable[PageLayout], body: float, default: float | None = 1.2) -> float | None:
    """Normal top-to-top distance between consecutive body lines, as a multiple of their size.

    A low quantile, not the median: on pages of short paragraphs (lists, glossaries) most gaps are
    paragraph gaps, and the normal spacing is the tightest common one."""
    ratios = []
    for page in pages:
        for above, below in itertools.pairwise(page.lines):
            if abs(above.size - body) <= 0.15 * body and abs(below.size - body) <= 0.15 * body:
                pitch = below.top - above.top
                if 0.8 * above.size < pitch < 3 * above.size:
                    ratios.append(pitch / above.size)
    if len(ratios) < 3:
        return default
    ratios.sort()
    return ratios[int(0.3 * (len(ratios) - 1))]


def mark_page(page: PageLayout, body: float, small_ratio: float = 0.87, large_ratio: float = 1.18) -> None:
    """Footnotes (small type below the last body line) and headings (larger or bold whole lines).

    ``small_ratio``/``large_ratio``: below/above these fractions of the body size a line is small/large
    type (OCR sizes are estimates from box heights, so the OCR path asks for clearer differences)."""
    if not page.lines or body <= 0:
        return
    # a page set smaller overall (to fit) has its own body size: footnotes are small relative to both
    reference = min(body, body_size([page]) or body)
    small = [line.size < small_ratio * reference for line in page.lines]
    # footnotes: the run of small lines at the page bottom (furniture may still follow them)
    index = len(page.lines) - 1
    while index >= 0 and (small[index] or page.lines[index].hint == "furniture"):
        index -= 1
    lower_half = page.height * 0.45
    for line in page.lines[index + 1 :]:
        if line.hint is None and line.top > lower_half:
            line.hint = "footnote"
    for line in page.lines:
        if (
            line.hint is None
            and line.text
            and (line.size >= large_ratio * body or (line.bold and len(line.text) < 120))
        ):
            line.hint = "heading"


_NUMBER = re.compile(r"\d+")
_LONE_NUMBER = re.compile(r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*/\s*\d+)?", re.IGNORECASE)


def mark_furniture(pages: list[PageLayout]) -> None:
    """Running headers/footers: lines in the top or bottom band of the page, not larger than the
    body text, whose text (digits aside) recurs on other pages; a lone page number counts on its
    own. Sets ``hint="furniture"`` and the page's printed label (the number that changes from
    page to page)."""
    band = 0.11
    bodies = {method: body_size([p for p in pages if p.method == method]) for method in {p.method for p in pages}}
    candidates: dict[str, list[tuple[PageLayout, TextLine]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            if not line.text or line.size > 1.1 * bodies[page.method]:
                continue
            relative = line.top / page.height if page.height else 0.5
            if relative < band or line.bottom / max(page.height, 1e-6) > 1 - band:
                zone = "top" if relative < 0.5 else "bottom"
                key = zone + ":" + _NUMBER.sub("#", line.text.casefold()).strip()
                candidates[key].append((page, line))
    for entries in candidates.values():
        pages_seen = {page.number for page, _ in entries}
        lone_number = bool(_LONE_NUMBER.fullmatch(entries[0][1].text))
        repeated = len(pages_seen) >= 2 and (len(pages) <= 3 or len(pages_seen) >= max(2, len(pages) // 5))
        if not (repeated or lone_number):
            continue
        numbers = [_NUMBER.findall(line.text) for _, line in entries]
        varying = [i for i in range(len(numbers[0])) if len(entries) == 1 or len({n[i] for n in numbers}) > 1]
        for (page, line), values in zip(entries, numbers, strict=True):
            line.hint = "furniture"
            shows_number = len(entries) > 1 or lone_number or line.text.rstrip()[-1:].isdigit()
            if varying and page.label is None and shows_number:
                page.label = values[varying[-1]]


# ----------------------------------------------------------- de-hyphenation


def dehyphenate(lines: list[TextLine]) -> None:
    """A word broken at a line end is put back together on the first line (soft hyphens always;
    a hard hyphen when the joined word is a French word and the hyphenated form is not)."""
    for above, below in itertools.pairwise(lines):
        if not above.text or not below.text or above.hint == "furniture" or below.hint == "furniture":
            continue
        soft = above.text.endswith("\u00ad")
        if not (soft or re.search(r"[a-zà-ÿ]-$", above.text)):
            continue
        match = re.match(r"([a-zà-ÿ][\w’']*)([.,;:!?)»]*)\s*(.*)$", below.text)
        if not match:
            continue
        head = re.search(r"(\w+)[-\u00ad]$", above.text)
        if head is None:
            continue
        if not soft and not _is_split_word(head.group(1), match.group(1)):
            continue
        above.text = above.text[:-1] + match.group(1) + match.group(2)
        below.text = match.group(3)


def _is_split_word(first: str, second: str) -> bool:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return False
    joined = zipf_frequency(first + second, "fr")
    hyphenated = zipf_frequency(f"{first}-{second}", "fr")
    return joined >= 2.0 and joined > hyphenated


# ------------------------------------------------------------- final lines


# a footnote starts with its number (set as a superscript or not), then its text
_FOOTNOTE_START = re.compile(r"^\d{1,3}(?:\s|(?=[A-ZÀ-Ý«“\"'’(]))")


def paragraph_lines(page: PageLayout, body: float, pitch: float) -> list[tuple[str, TextLine | None]]:
    """The page's lines with ``("", None)`` where the gap above a line is larger than normal spacing.

    Spacing follows the document's ``body`` size and ``pitch`` (relative to the size), except on a
    page whose text is set in another size (shrunk to fit, say): there the page's own size counts."""
    page_body = body_size([page])
    if page_body and abs(page_body - body) > 0.1 * body:
        body = page_body  # the pitch is relative to the size: it carries over
    out: list[tuple[str, TextLine | None]] = []
    previous: TextLine | None = None
    for line in page.lines:
        if previous is not None and body > 0:
            # body lines use the body size: OCR size estimates vary from line to line
            size = body if abs(previous.size - body) <= 0.15 * body else previous.size
            extra = (line.top - previous.top) - pitch * size
            new_note = line.hint == "footnote" and previous.hint == "footnote" and _FOOTNOTE_START.match(line.text)
            if (extra > 0.35 * body or new_note) and out and out[-1][1] is not None:
                out.append(("", None))
        if line.text or line.hint is not None:
            out.append((line.text, line))
        previous = line
    return out
