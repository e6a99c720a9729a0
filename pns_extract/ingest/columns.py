"""Columns: a page's words in reading order when the page is set in two columns.

Grouping words into lines by height first, then splitting at a gap, only works when the two
columns share one baseline grid; a heading set larger in one column shifts the grid, and the two
columns' lines then interleave. The gutter is found from the words themselves instead: a
vertical band in the middle of the page that no body word crosses, with text on both sides.
Words that cross it (a full-width title, a running header, a wide footnote) make full-width
lines, which separate stretches of columns; inside a stretch the left column is read before the
right one.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from .layout import PageLayout, TextLine, Word, group_words

# at most this share of the page's lines may cross the gutter (full-width titles, furniture, notes)
MAX_CROSSING_SHARE = 0.2
# each column holds at least this share of the page's text, and is at least this share of the other's width
MIN_COLUMN_SHARE = 0.05
MIN_MEASURE_RATIO = 0.6
# two-column pages that must agree on a gutter before a page's short column is parted at it
DOCUMENT_PAGES = 3


def reading_order(words: list[Word], width: float) -> tuple[list[TextLine], float | None]:
    """The page's lines in reading order, column by column where the page has two columns, and
    the gutter's x (None for one column)."""
    gutter, lines = _gutter(words, width)
    if gutter is None:
        # the lines the gutter was looked for in, when they hold every word: grouped once
        return (lines if lines is not None else group_words(words)), None
    return split_at(words, gutter), gutter


def document_gutter(pages: list[PageLayout]) -> float | None:
    """The gutter most of a document's two-column pages share (within a fiftieth of the page
    width), or None when too few pages have one to say."""
    found = sorted(page.gutter for page in pages if page.gutter is not None)
    if len(found) < DOCUMENT_PAGES or not pages:
        return None
    middle = found[len(found) // 2]
    close = [x for x in found if abs(x - middle) <= pages[0].width / 50]
    return middle if len(close) >= 0.8 * len(found) else None


def apply_document_gutter(pages: list[PageLayout]) -> None:
    """A page of a two-column document whose second column is too short to be found on its own (a
    theme's last line spilled over) is split at the document's gutter, when no more of its lines
    cross it than a two-column page's full-width titles do: its lines that a baseline shared
    across the gutter joined ("6.2 – Fraude fiscale • Plan Global…") come apart."""
    gutter = document_gutter(pages)
    if gutter is None:
        return
    for page in pages:
        if page.gutter is not None or page.method != "pdf" or not page.lines:
            continue
        crossing = sum(1 for line in page.lines if any(w.x0 < gutter < w.x1 for w in line.words))
        joined = any(
            any(w.x1 <= gutter for w in line.words) and any(w.x0 >= gutter for w in line.words) for line in page.lines
        )
        if joined and crossing <= MAX_CROSSING_SHARE * len(page.lines):
            page.lines = split_at([w for line in page.lines for w in line.words], gutter)
            page.gutter = gutter


def split_at(words: list[Word], gutter: float) -> list[TextLine]:
    """The lines of a page set in two columns parted at ``gutter``: full-width lines in place,
    each stretch between them read left column first."""
    full = [word for word in words if word.x0 < gutter < word.x1]
    left = [word for word in words if word.x1 <= gutter]
    right = [word for word in words if word.x0 >= gutter]
    full_lines = _full_width_lines(group_words(full), left, right, gutter)
    lines: list[TextLine] = []
    bounds = [line.top for line in full_lines]
    for k, separator in enumerate([*full_lines, None]):
        above = bounds[k] if k < len(bounds) else float("inf")
        below = full_lines[k - 1].top if k > 0 else float("-inf")
        for column in (left, right):
            stretch = [word for word in column if below <= _centre(word) < above]
            lines.extend(group_words(stretch))
        if separator is not None:
            lines.append(separator)
    return lines


def find_gutter(words: list[Word], width: float) -> float | None:
    """The x of the gutter between two columns, or None for a one-column page."""
    return _gutter(words, width)[0]


def _gutter(words: list[Word], width: float) -> tuple[float | None, list[TextLine] | None]:
    """The gutter (or None), and the page's lines when they were grouped from all its words."""
    body = [word for word in words if word.text.strip()]
    if len(body) < 40 or width <= 0:
        return None, None
    lines = group_words(body)
    every_word = lines if len(body) == len(words) else None
    gutter = _gutter_in(lines, body, width)
    return gutter, every_word if gutter is None else None


def _gutter_in(lines: list[TextLine], body: list[Word], width: float) -> float | None:
    heights = sorted(word.bottom - word.top for word in body)
    # wider than a word space, even one a justified line stretched: a gutter is an em or more
    min_band = 1.0 * heights[len(heights) // 2]
    # two columns of one measure part at the middle of the text block: among the bands crossed by
    # the fewest lines, the one whose centre is nearest to it (a tabbed list inside a column has an
    # empty band of its own, which may be wider than the gutter)
    middle = (min(word.x0 for word in body) + max(word.x1 for word in body)) / 2
    best: tuple[int, float, float] | None = None  # (lines crossing, band centre's distance to the middle, x)
    step = max(width / 200, 0.5)
    xs = []
    x = 0.3 * width
    while x <= 0.7 * width:
        xs.append(x)
        x += step
    for x, crossing, band in zip(xs, *_bands(xs, lines), strict=True):
        if band is not None and band[1] - band[0] >= min_band:
            candidate = (crossing, abs((band[0] + band[1]) / 2 - middle), x)
            if best is None or candidate < best:
                best = candidate
    if best is None or best[0] > MAX_CROSSING_SHARE * len(lines):
        return None
    x = best[2]
    crossing = {id(line) for line in lines if any(word.x0 < x < word.x1 for word in line.words)}
    edges = [word for line in lines if id(line) not in crossing for word in line.words]
    # the gutter's centre: halfway between the column edges around x
    gutter = (max(w.x1 for w in edges if w.x1 <= x) + min(w.x0 for w in edges if w.x0 >= x)) / 2
    left = [word for word in edges if word.x1 <= gutter]
    right = [word for word in edges if word.x0 >= gutter]
    text = sum(len(word.text) for word in body)
    if min(sum(len(w.text) for w in left), sum(len(w.text) for w in right)) < MIN_COLUMN_SHARE * text:
        return None  # a few stray words beside a block of text: not a column
    # two columns share one measure; a label column (a glossary's acronyms tabbed before their
    # expansions) is much narrower than the text beside it. A column may be short (a theme ending
    # high on its page), so measures are compared, not amounts of text.
    measures = (max(w.x1 for w in left) - min(w.x0 for w in left), max(w.x1 for w in right) - min(w.x0 for w in right))
    if min(measures) < MIN_MEASURE_RATIO * max(measures):
        return None
    return gutter


def _bands(xs: list[float], lines: list[TextLine]) -> tuple[list[int], list[tuple[float, float] | None]]:
    """For each x of ``xs`` (ascending): how many lines cross it (a word with x0 < x < x1), and
    ``_band(x, …)``: the empty band around it in the other lines. Found by bisection in each
    line's sorted word edges, not by every x testing every word (the scan tries 80 xs a page)."""
    if any(math.isnan(v) for line in lines for w in line.words for v in (w.x0, w.x1)):  # no order
        crossing = [{id(line) for line in lines if any(w.x0 < x < w.x1 for w in line.words)} for x in xs]
        bands = [_band(x, found, lines) for x, found in zip(xs, crossing, strict=True)]
        return [len(found) for found in crossing], bands
    crossed: list[set[int]] = [set() for _ in xs]
    for index, line in enumerate(lines):
        for word in line.words:
            for k in range(bisect_right(xs, word.x0), bisect_left(xs, word.x1)):
                crossed[k].add(index)
    rights = [sorted(w.x1 for w in line.words) for line in lines]  # right edges, for the band's left side
    lefts = [sorted(w.x0 for w in line.words) for line in lines]
    bands: list[tuple[float, float] | None] = []
    for x, found in zip(xs, crossed, strict=True):
        left: float | None = None
        right: float | None = None
        for index in range(len(lines)):
            if index in found:
                continue
            ends, starts = rights[index], lefts[index]
            at = bisect_right(ends, x)  # the last right edge <= x
            if at and (left is None or ends[at - 1] > left):
                left = ends[at - 1]
            at = bisect_left(starts, x)  # the first left edge >= x
            if at < len(starts) and (right is None or starts[at] < right):
                right = starts[at]
        bands.append((left, right) if left is not None and right is not None else None)
    return [len(found) for found in crossed], bands


def _band(x: float, crossing: set[int], lines: list[TextLine]) -> tuple[float, float] | None:
    """The empty band around ``x`` in the lines that do not cross it, as (left, right) edges;
    None when one side holds no text."""
    edges = [word for line in lines if id(line) not in crossing for word in line.words]
    left = [word.x1 for word in edges if word.x1 <= x]
    right = [word.x0 for word in edges if word.x0 >= x]
    return (max(left), min(right)) if left and right else None


def _full_width_lines(lines: list[TextLine], left: list[Word], right: list[Word], gutter: float) -> list[TextLine]:
    """Lines crossing the gutter take the column words set beside them on their own height (a
    full-width title's last word may stop short of the gutter)."""
    for line in lines:
        for column in (left, right):
            beside = [word for word in column if line.top - 0.5 <= _centre(word) <= line.bottom + 0.5]
            for word in beside:
                column.remove(word)
                line.words.append(word)
    return sorted(group_words([word for line in lines for word in line.words]), key=lambda line: line.top)


def _centre(word: Word) -> float:
    return (word.top + word.bottom) / 2
