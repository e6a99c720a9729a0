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

from .lines import LayoutHint, Method, Typography


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool | None = None
    weight: float | None = None  # OCR: stroke thickness / em, measured on the image (bold is thicker)


@dataclass(slots=True)
class TextLine:
    words: list[Word]
    top: float
    bottom: float
    size: float = 0.0
    hint: LayoutHint | None = None
    text: str = ""
    bold: bool | None = None
    calls: list[str] = field(default_factory=list)  # superscript numbers inside the line: note calls
    lead_number: bool = False  # the line starts with a raised number set small: a footnote's own number
    lost_mark: bool = False  # OCR: a small raised mark before it the engine did not read (a note's number)
    colon_doubt: bool = False  # OCR: its final ":" may be a ";" (the glyph's tail measures neither)
    weight: float | None = None  # OCR: the median stroke weight of its words (see ``mark_weights``)
    wraps: bool = False  # it fills its column: the next line's first word would not fit (``mark_wraps``)

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
    gutter: float | None = None  # text layer: the x between its two columns (``columns.reading_order``)


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

    Lines are built from full-size words first; small words (superscript calls and note numbers)
    then join the line they are raised above, so a call set high never becomes a line of its own.
    """
    words = list(words)
    main, small = _split_small(words)
    lines: list[TextLine] = []
    for word in sorted(main, key=lambda w: (round(w.top, 1), w.x0)):
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
            target.top = min(target.top, word.top)
            target.bottom = max(target.bottom, word.bottom)
    for word in small:
        target = _raised_over(lines, word)
        if target is None:
            lines.append(TextLine(words=[word], top=word.top, bottom=word.bottom))
        else:
            target.words.append(word)
    for line in lines:
        finish_line(line)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _split_small(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """Short numbers set clearly smaller than the words beside them (superscripts) vs the rest."""
    main: list[Word] = []
    small: list[Word] = []
    for word in words:
        if not _SUPERSCRIPT_TEXT.fullmatch(word.text):  # only short numbers are compared: fast
            main.append(word)
            continue
        tall = max(
            (
                other.size
                for other in words
                if other.top < word.bottom + 0.3 * other.size
                and word.top < other.bottom
                and other.x0 - 3 * other.size < word.x1
                and word.x0 < other.x1 + 3 * other.size
            ),
            default=0.0,
        )
        if word.size < 0.85 * tall:
            small.append(word)
        else:
            main.append(word)
    return main, small


def _raised_over(lines: list[TextLine], word: Word) -> TextLine | None:
    """The line a small word belongs to: the one whose span its bottom falls in, horizontally
    beside or inside it, the nearest baseline first."""
    best: TextLine | None = None
    best_distance = float("inf")
    for line in lines:
        size = max(w.size for w in line.words)
        if not (line.top - 0.3 * size <= word.bottom <= line.bottom + 0.2 * size):
            continue
        if word.x0 > line.x1 + 2 * size or word.x1 < line.x0 - 2 * size:
            continue
        distance = abs(line.bottom - word.bottom)
        if distance < best_distance:
            best, best_distance = line, distance
    return best


_SUPERSCRIPT_TEXT = re.compile(r"[\d¹²³⁰-⁹]{1,3}[,.;:)]?|[*†‡]")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_UNIT = re.compile(r"(?:^|\d)(?:[kcdm]?m|m[²³])$")  # "m2", "km2": an exponent, not a note call


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.translate(_SUPERSCRIPT_DIGITS))


def _raised_numbers(line: TextLine) -> set[int]:
    """Indexes of the line's words that are numbers set small and raised: note numbers and calls."""
    full = [w for w in line.words if w.size >= 0.85 * line.size]
    if not full or line.size <= 0:
        return set()
    baseline = statistics.median(w.bottom for w in full)
    found = set()
    for index, word in enumerate(line.words):
        if not _digits(word.text) or not _SUPERSCRIPT_TEXT.fullmatch(word.text):
            continue
        if word.size >= 0.85 * line.size or word.bottom > baseline - 0.12 * line.size:
            continue
        if index > 0 and _UNIT.search(line.words[index - 1].text):
            continue
        found.add(index)
    return found


def finish_line(line: TextLine) -> None:
    """Order the words, join them with spaces where the gap says so, set size and weight."""
    line.words.sort(key=lambda w: w.x0)
    sizes = [w.size for w in line.words for _ in w.text]
    line.size = statistics.median(sizes) if sizes else 0.0
    raised = _raised_numbers(line)
    line.lead_number = 0 in raised and len(line.words) > 1
    line.calls = [_digits(line.words[i].text) for i in sorted(raised) if i > 0 or not line.lead_number]
    parts: list[str] = []
    previous: Word | None = None
    for index, word in enumerate(line.words):
        if previous is not None:
            gap = word.x0 - previous.x1
            # a footnote's number set as a superscript at the line start is followed by a space,
            # as in the text format ("1 L'article ..."); a call inside the text is glued to its
            # word, as OCR reads it ("humains1"), so both paths give the same text
            leading = index == 1 and line.lead_number
            glued = index in raised
            # a call ends its word: what follows it is a new word unless it is punctuation, even
            # where the typesetter left only a thin space after the small digits
            after_call = index - 1 in raised and index - 1 > 0 and word.text[:1] not in ",.;:)]»!?"
            spaced = gap > 0.12 * max(line.size, 1e-6) or (after_call and gap > 0.03 * line.size)
            parts.append(" " if leading or (spaced and not glued) else "")
        parts.append(word.text)
        previous = word
    text = clean_text("".join(parts)).strip()
    if text and text[0] in BULLETS:
        text = "• " + text[1:].lstrip()
    line.text = re.sub(r"\s+", " ", text)
    weights = [w.bold for w in line.words if w.text.strip()]
    line.bold = None if any(b is None for b in weights) else bool(weights) and all(weights)
    strokes = [w.weight for w in line.words if w.weight is not None]
    line.weight = statistics.median(strokes) if strokes else None


# ------------------------------------------------------------ page analysis


def body_size(pages: Iterable[PageLayout]) -> float:
    """The size most characters are set in (the body text), over all pages given."""
    counts: dict[float, int] = defaultdict(int)
    exact: dict[float, list[tuple[float, int]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            if line.text:
                bin_ = round(line.size * 2) / 2
                counts[bin_] += len(line.text)
                exact[bin_].append((line.size, len(line.text)))
    if not counts:
        return 0.0
    # the commonest half-point bin, then the character-weighted median inside it: the exact size
    # (rounding alone would move 9.25 pt text to 9.0 and blur the comparison with 8.5 pt notes)
    modal = max(counts, key=lambda size: (counts[size], -size))
    return _weighted_median(exact[modal])


def _weighted_median(values: list[tuple[float, int]]) -> float:
    values = sorted(values)
    half = sum(weight for _, weight in values) / 2
    running = 0
    for value, weight in values:
        running += weight
        if running >= half:
            return value
    return values[-1][0]


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


BOLD_WEIGHT = 1.28  # a line whose strokes are this much thicker than the body's is bold


def mark_weights(pages: list[PageLayout], body: float) -> None:
    """OCR'd lines: bold when their strokes are clearly thicker than the body text's, as the text
    layer's font names say for a PDF. Judged only on lines about the body size or larger (blur
    thickens small type's strokes relative to its size). Leaves ``bold`` unknown without weights."""
    body_weights = [
        line.weight
        for page in pages
        for line in page.lines
        if line.weight is not None and abs(line.size - body) <= 0.1 * body
    ]
    if len(body_weights) < 3:
        return
    reference = statistics.median(body_weights)
    for page in pages:
        for line in page.lines:
            if line.weight is not None and line.size >= 0.92 * body:
                line.bold = line.weight >= BOLD_WEIGHT * reference
            elif line.weight is not None:
                line.bold = False


def measure_typography(method: Method, pages: list[PageLayout], body: float, pitch: float) -> Typography:
    """What the document's type measures, for the parser: body size, line pitch, note size, and the
    pages set in another size."""
    notes: dict[float, int] = defaultdict(int)
    for page in pages:
        for line in page.lines:
            if line.hint == "footnote" and line.size:
                notes[round(line.size, 1)] += len(line.text)
    return Typography(
        method=method,
        body_size=round(body, 2),
        line_pitch=round(pitch, 3),
        note_size=max(notes, key=lambda size: (notes[size], -size)) if notes else None,
        page_body_sizes={page.number: round(own, 2) for page in pages if (own := page_body(page, body)) != body},
    )


def mark_page(
    page: PageLayout,
    body: float,
    small_ratio: float = 0.95,
    large_ratio: float = 1.18,
    *,
    lost_numbers: bool = False,
) -> None:
    """Footnotes (small type at the page bottom, from a line that begins with a number) and
    headings (larger or bold whole lines).

    ``small_ratio``/``large_ratio``: below/above these fractions of the body size a line is small/large
    type. Text-layer sizes are exact, so a note one point smaller than the body is told apart; OCR sizes
    are estimates from box heights, so the OCR path asks for clearer differences. ``lost_numbers``
    (OCR): a note's number may be missing (Tesseract reads a column of hanging note numbers as a
    block of its own, or a small raised number as a quote), so clearly small lines at the bottom,
    up to the first numbered note, are notes too."""
    if not page.lines or body <= 0:
        return
    reference = min(body, page_body(page, body))
    for run in _bottom_runs(page, small_ratio * reference):
        # notes begin with their number: small lines above the first numbered one are not notes
        # (a caption, a small table); the notes sit in the lower part of the page
        start = next(
            (i for i, line in enumerate(run) if line.top > 0.45 * page.height and starts_note(line)),
            None,
        )
        if lost_numbers and start is None:
            start = len(run)  # no number read at all: clearly small lines may still be notes
        while (
            lost_numbers
            and start
            and run[start - 1].top > 0.45 * page.height
            and run[start - 1].size < 0.85 * reference
        ):
            start -= 1
        if start == len(run):
            start = None
        if start is not None:
            for line in run[start:]:
                line.hint = "footnote"
    for line in page.lines:
        if (
            line.hint is None
            and line.text
            and (line.size >= large_ratio * body or (line.bold and len(line.text) < 120))
        ):
            line.hint = "heading"


def _bottom_runs(page: PageLayout, small: float) -> list[list[TextLine]]:
    """Runs of small lines that end a column: the reading order goes on after them only at the
    page end, furniture, or a line higher on the page (the next column). One column: the page
    bottom; two columns: the bottom of each."""
    lines = page.lines
    runs: list[list[TextLine]] = []
    index = 0
    while index < len(lines):
        if not (lines[index].hint is None and 0 < lines[index].size < small):
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].hint is None and 0 < lines[end].size < small:
            end += 1
        after = end
        while after < len(lines) and lines[after].hint == "furniture":
            after += 1
        if after == len(lines) or lines[after].top < lines[index].top:
            runs.append(lines[index:end])
        index = end
    return runs


def page_body(page: PageLayout, body: float) -> float:
    """The page's own body size when it is set in another size than the document (shrunk to fit),
    else the document's."""
    own = body_size([page])
    return own if own and abs(own - body) > 0.1 * body else body


def starts_note(line: TextLine) -> bool:
    """A footnote's first line: a raised number set small (read, or a mark the OCR could not read),
    or a bare number followed by the text."""
    return line.lead_number or line.lost_mark or bool(_FOOTNOTE_START.match(line.text))


_NUMBER = re.compile(r"\d+")
# a page number alone, in any usual format: "12", "- 12 -", "12/47", "12 sur 47", "Page 12", "p. 12"
PAGE_NUMBER = re.compile(
    r"(?:(?:page|pag\.|p\.)\s*)?(?:\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])(?:\s*(?:/|sur|de|of)\s*\d{1,4})?",
    re.IGNORECASE,
)


def mark_furniture(pages: list[PageLayout]) -> None:
    """Running headers/footers: lines in the top or bottom band of the page, not larger than the
    body text, whose text (digits aside) recurs on many other pages; a lone page number counts on
    its own. Sets ``hint="furniture"`` and the page's printed label (the number that changes from
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
        lone_number = bool(PAGE_NUMBER.fullmatch(entries[0][1].text))
        # a running header or footer is on most pages; a title that happens to open a column on a
        # few pages (a part title at the top of a page) is not, unless it is set apart in small type
        small = all(line.size < 0.95 * bodies[page.method] for page, line in entries)
        seen = len(pages_seen)
        repeated = seen >= 2 and (
            len(pages) <= 3 or seen >= 0.4 * len(pages) or (small and seen >= max(2, len(pages) // 5))
        )
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


def mark_wraps(page: PageLayout) -> None:
    """Mark the lines that fill their column: the next line's first word (and a space) would not
    have fitted before the column's right edge, so the break may be the layout's, not the text's.
    A line whose next word would have fitted ends there in the text itself (a list item, a title).
    The column's right edge is the furthest any line starting at the same indentation reaches.
    A column's last line is measured against the next column's first word: a title may wrap there."""
    body = [line for line in page.lines if line.words and line.hint not in ("furniture", "footnote")]
    edges = [(line.x0, line.x1) for line in body]  # TextLine.x0/x1 scan the words: measured once
    for k, (line, following) in enumerate(itertools.pairwise(body)):
        size = max(line.size, 1e-6)
        (x0, x1), (next_x0, _) = edges[k], edges[k + 1]
        next_column = following.top < line.top and next_x0 > x1
        if not next_column and (following.top <= line.top or abs(next_x0 - x0) > 3 * size):
            continue  # another block, or lines out of reading order
        right_edge = max(right for left, right in edges if abs(left - x0) <= 3 * size)
        first = min(following.words, key=lambda word: word.x0)
        line.wraps = x1 + 0.25 * size + (first.x1 - first.x0) > right_edge + 0.1 * size


def paragraph_lines(page: PageLayout, body: float, pitch: float) -> list[tuple[str, TextLine | None]]:
    """The page's lines with ``("", None)`` where a paragraph ends: the gap above a line is larger
    than normal spacing, the footnotes begin, or a new note begins.

    Spacing follows the document's ``body`` size and ``pitch`` (relative to the size), except on a
    page whose text is set in another size (shrunk to fit, say): there the page's own size counts."""
    body = page_body(page, body)  # the pitch is relative to the size: it carries over
    out: list[tuple[str, TextLine | None]] = []
    previous: TextLine | None = None
    last_body: TextLine | None = None  # furniture read between two columns says nothing of their spacing
    note_number: int | None = None  # number of the note being read
    for line in page.lines:
        new_note = line.hint == "footnote" and (previous is None or previous.hint != "footnote")
        # the body goes on after notes (the next column): a paragraph boundary, whatever the gap
        notes_end = previous is not None and previous.hint == "footnote" and line.hint != "footnote"
        if previous is not None and previous.hint == "footnote" and line.hint == "footnote":
            new_note = _next_note(previous, line, note_number)
        if new_note:
            note_number = _note_number(line)
        # furniture ends no paragraph of its own (the parser decides what a page edge ends); the
        # body's spacing is measured from body line to body line
        above = None if line.hint == "furniture" else last_body if last_body is not None else previous
        if above is not None and body > 0:
            # body lines use the body size: OCR size estimates vary from line to line
            size = body if abs(above.size - body) <= 0.15 * body else above.size
            extra = (line.top - above.top) - pitch * size
            if (extra > 0.35 * body or new_note or notes_end) and out and out[-1][1] is not None:
                out.append(("", None))
        if line.text or line.hint is not None:
            out.append((line.text, line))
        previous = line
        if line.hint != "furniture":
            last_body = line
    return out


def _note_number(line: TextLine) -> int | None:
    match = re.match(r"\d{1,3}", line.text)
    return int(match.group()) if match else None


def _next_note(previous: TextLine, line: TextLine, current: int | None) -> bool:
    """Inside the notes, does this line begin the next one? Its number is raised, or it follows its
    predecessor's, or the line above ended a sentence. A wrapped line that happens to begin with a
    number ("15 décembre 1980") does neither."""
    if line.lead_number or line.lost_mark:
        return True
    if not _FOOTNOTE_START.match(line.text):
        return False
    number = _note_number(line)
    follows = current is not None and number == current + 1
    return follows or previous.text.rstrip().endswith((".", "!", "?", ")", "»"))
