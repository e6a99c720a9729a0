"""What a scanned page's image says beyond the OCR engine's words: the stroke weight of each word
(bold type is thicker), the small raised marks the engine left unread (footnote numbers), and a
column of labels its layout analysis skipped. One home for the pixel measures; the engine's words
stay in :mod:`.ocr`."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .ocr import OcrEngine, OcrPage, OcrWord, em_height, page_skew, word_baseline, words_by_line


class PagePixels:
    """A page image decoded once: its grey levels and its ink (True where darker than Otsu's
    threshold). ``load`` decodes; an OCR engine calls it while it reads the page itself
    (``OcrEngine.recognize``'s ``meanwhile``), so the worker decodes while it would otherwise
    wait, not after the engine is done."""

    def __init__(self, image: bytes) -> None:
        self._image = image
        self._grey: Any = None
        self._ink: Any = None

    def load(self) -> None:
        if self._grey is None:
            self._grey = _grey(self._image)
            self._ink = _ink(self._grey)

    @property
    def grey(self) -> Any:
        self.load()
        return self._grey

    @property
    def ink(self) -> Any:
        self.load()
        return self._ink


def measure_page(pixels: PagePixels, page: OcrPage, engine: OcrEngine, dpi: int) -> OcrPage:
    """What the page image says beyond the engine's words: a column of labels it skipped (read
    again on its own), the words' stroke weights and the raised marks it did not read."""
    page = recover_skipped_labels(pixels.grey, pixels.ink, page, engine, dpi)
    return replace(page, weights=tuple(stroke_weights(pixels.ink, page)), marks=raised_marks(pixels.ink, page))


def _grey(image: bytes) -> Any:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        return picture.convert("L")


def _ink(grey: Any) -> Any:
    import numpy as np

    histogram = grey.histogram()  # 256 counts, as np.bincount(pixels, minlength=256) gives them
    return np.asarray(grey) < _otsu(histogram)


# A tabbed list (a glossary's acronyms before their expansions) whose label column the engine's
# layout analysis dropped part-way: lines that start well right of the page's text, with ink
# before them as wide as a short word, three or more in a column
LABEL_GAP = 2.0  # ems between the page's left text edge and such a line's start
LABEL_INK = 1.0  # ems of ink, at the least, before the line
LABEL_RUN = 3


def recover_skipped_labels(grey: Any, ink: Any, page: OcrPage, engine: OcrEngine, dpi: int) -> OcrPage:
    """The labels of a tabbed list that the engine left unread, read again as one block and put
    back at the start of the lines they stand beside (as engine words of those lines)."""
    import io

    import numpy as np

    lines = _line_boxes(page)
    if len(lines) < LABEL_RUN:
        return page
    margin = float(np.percentile([box[0] for box in lines.values()], 5))
    bare = {
        key: box
        for key, box in lines.items()
        if box[0] - margin > LABEL_GAP * box[4] and _ink_before(ink, page, key, box, margin)
    }
    if len(bare) < LABEL_RUN:
        return page
    em = float(np.median([box[4] for box in bare.values()]))
    left = max(int(margin - 0.5 * em), 0)
    right = int(min(box[0] for box in bare.values()) - 0.3 * em)
    top = max(int(min(box[1] for box in bare.values()) - 0.3 * em), 0)
    bottom = min(int(max(box[2] for box in bare.values()) + 0.3 * em), ink.shape[0])
    if right - left < LABEL_INK * em:
        return page
    buffer = io.BytesIO()
    grey.crop((left, top, right, bottom)).save(buffer, format="PNG")
    read = engine.recognize_block(buffer.getvalue(), dpi, (right - left, bottom - top))
    by_key: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in read.words:
        middle = top + word.top + word.height / 2
        key, box = min(bare.items(), key=lambda item: abs((item[1][1] + item[1][2]) / 2 - middle))
        if box[1] - 0.3 * box[4] <= middle <= box[2] + 0.3 * box[4]:
            by_key.setdefault(key, []).append(replace(word, left=word.left + left, top=word.top + top, line=key))
    # labels only: what a picture beside the text would give is no label
    recovered = [w for words in by_key.values() if _label(" ".join(w.text for w in words)) for w in words]
    return replace(page, words=(*page.words, *recovered)) if recovered else page


_LABEL = re.compile(r"[\w&./'’-]{1,10}(?: [\w&./'’-]{1,6})?")


def _label(text: str) -> bool:
    """An acronym or a short label: a word or two, a letter in them, a dozen characters at most."""
    return len(text) <= 14 and bool(_LABEL.fullmatch(text)) and any(ch.isalpha() for ch in text)


def _line_boxes(page: OcrPage) -> dict[tuple[int, int, int], tuple[float, float, float, float, float]]:
    """Per engine line: left, top, bottom, right and em, in pixels."""

    return {
        key: (
            min(w.left for w in words),
            min(w.top for w in words),
            max(w.top + w.height for w in words),
            max(w.left + w.width for w in words),
            _line_em(words),
        )
        for key, words in words_by_line(page).items()
        if len(words) >= 2 or len(words[0].text) >= 2  # a lone letter far left may be a speck
    }


def _line_em(words: list[OcrWord]) -> float:
    """An engine line's em in pixels: the median of its words' ems."""
    import numpy as np

    return float(np.median([em_height(w) for w in words]))


def _ink_before(ink: Any, page: OcrPage, key: tuple[int, int, int], box: tuple, margin: float) -> bool:
    """Ink as wide as a short word between the page's left text edge and the line's start, at the
    line's height, where no word of the page stands."""
    import numpy as np

    left, top, bottom, _, em = box
    start, end = max(int(margin - 0.5 * em), 0), int(left - 0.5 * em)
    if end - start < LABEL_INK * em or _other_words_in(page, key, start, top, end, bottom):
        return False
    columns = np.flatnonzero(ink[int(top) : int(bottom), start:end].any(axis=0))
    return len(columns) > 0 and columns[-1] - columns[0] + 1 >= LABEL_INK * em


def _other_words_in(
    page: OcrPage, key: tuple[int, int, int], left: float, top: float, right: float, bottom: float
) -> bool:
    """Does a word of another line than ``key`` overlap the rectangle (pixels)?"""
    return any(
        w.line != key and w.left < right and w.left + w.width > left and w.top < bottom and w.top + w.height > top
        for w in page.words
    )


def stroke_weights(ink: Any, page: OcrPage) -> list[float | None]:
    """Per word, its stroke thickness relative to its em: the typical length of the horizontal ink
    runs inside the word's box (mostly the vertical stems) over the em height. Bold type has stems
    about half as thick again as regular type of the same size; OCR itself does not say which words
    are bold, the page image does. None where a box holds no ink to measure."""
    boxes = [
        ink[max(word.top, 0) : word.top + word.height, max(word.left, 0) : word.left + word.width]
        for word in page.words
    ]
    measured = [
        index for index, (word, box) in enumerate(zip(page.words, boxes, strict=True)) if box.size and word.height > 0
    ]
    runs = _median_runs([boxes[index] for index in measured])
    weights: list[float | None] = [None] * len(page.words)
    for index, run in zip(measured, runs, strict=True):
        weights[index] = run / em_height(page.words[index])
    return [w if w else None for w in weights]


# where a note's number set as a superscript hangs before its first line, in ems of the line:
# left of the first word by up to two ems, its foot a quarter em or more above the baseline
MARK_REACH = 2.2
MARK_RISE = 0.2
NOTE_SIZE = 0.92  # lines at least this large, relative to the page's typical line, are no notes


def raised_marks(ink: Any, page: OcrPage) -> tuple[tuple[int, int, int], ...]:
    """The lines (engine numbers) set smaller than the page's text with a small raised mark just
    before their first word that the engine did not read as a word: a footnote's superscript number
    hung in the margin, which Tesseract drops below about 300 dpi. The mark must stand alone (no
    word of another line there, nothing on the baseline beside it) and look like a small character,
    not a speck."""
    import numpy as np

    by_line = words_by_line(page)
    ems = {key: _line_em(words) for key, words in by_line.items()}
    text_em = float(np.median(list(ems.values()))) if ems else 0.0
    skew = page_skew(page)
    found = []
    for key, words in by_line.items():
        em = ems[key]
        if em >= NOTE_SIZE * text_em:
            continue  # notes are set smaller than the text
        first = min(words, key=lambda w: w.left)
        # the baseline where the line starts: a skewed scan's long line slopes by an em or more
        baseline = float(np.median([word_baseline(w) - skew * (w.left + w.width / 2 - first.left) for w in words]))
        left, right = int(first.left - MARK_REACH * em), int(first.left - 0.08 * em)
        top, foot = int(baseline - 1.1 * em), int(baseline - MARK_RISE * em)
        if left < 0 or top < 0 or right - left < 2 or _other_words_in(page, key, left, top, right, baseline):
            continue
        region = ink[top:foot, left:right]
        beside = ink[foot : int(baseline + 0.05 * em), left:right]
        if beside.any() or not region.any():
            continue
        rows, columns = np.nonzero(region)
        height, width = rows.max() - rows.min() + 1, columns.max() - columns.min() + 1
        if len(rows) >= 5 and 0.15 * em <= height <= 0.7 * em and width <= 0.7 * em and columns.min() > 0:
            found.append(key)
    return tuple(found)


def _otsu(counts: list[int]) -> int:
    """The grey level that best separates ink from paper (Otsu's method), from the image's
    histogram (the count of pixels at each of the 256 levels)."""
    import numpy as np

    histogram = np.asarray(counts, dtype=float)
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    total_mean = mean[-1]
    background = weight[-1] - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * weight[-1]) ** 2 / (weight * background)
    between = np.nan_to_num(between)
    return int(np.argmax(between)) + 1


def _median_runs(boxes: list[Any]) -> list[float]:
    """Per binary box, the median length of its horizontal runs of ink (0 when there is none), in
    one pass over all the boxes: no dozen numpy calls per word (a page has hundreds of words).

    Each box's rows are framed by a blank column on both sides and all the framed rows laid end
    to end in one array, so a run starts where a pixel turns to ink and ends where it turns back,
    never across rows; the runs are found once, each assigned to the box it starts in, then
    sorted by (box, length) so that each box's median is read at the middle of its group (the
    mean of the two middle lengths for an even count, as ``np.median`` gives it)."""
    import numpy as np

    if not boxes:
        return []
    sizes = np.array([box.shape[0] * (box.shape[1] + 2) for box in boxes], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    framed = np.zeros(int(offsets[-1]), dtype=np.int8)
    for box, start, size in zip(boxes, offsets[:-1].tolist(), sizes.tolist(), strict=True):
        framed[start : start + size].reshape(box.shape[0], box.shape[1] + 2)[:, 1:-1] = box
    edges = np.diff(framed)
    starts = np.flatnonzero(edges == 1)
    lengths = np.flatnonzero(edges == -1) - starts
    owners = np.searchsorted(offsets, starts, side="right") - 1
    counts = np.bincount(owners, minlength=len(boxes))
    ordered = lengths[np.lexsort((lengths, owners))]
    firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    medians = [0.0] * len(boxes)
    for index in np.flatnonzero(counts).tolist():
        count, first = int(counts[index]), int(firsts[index])
        middle = first + count // 2
        if count % 2:
            medians[index] = float(ordered[middle])
        else:
            medians[index] = float((ordered[middle - 1] + ordered[middle]) / 2)
    return medians
