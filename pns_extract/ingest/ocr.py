"""OCR engines: a small interface, and Tesseract behind it.

The engine receives a page image (encoded bytes, as stored in the PDF or
rendered) and returns positioned words in pixels. Tesseract runs with one
thread (``OMP_THREAD_LIMIT=1``); parallelism comes from one process per core,
which on small machines is several times faster than Tesseract's own threads.
"""

from __future__ import annotations

import itertools
import re
import shutil
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import OcrFailedError, OcrUnavailableError
from .layout import TextLine, Word, finish_line

# Debian/Ubuntu package names; other systems: see docs/ingestion.md
INSTALL_HINT = "sudo apt-get install tesseract-ocr tesseract-ocr-{lang}"


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # (block, paragraph, line) as numbered by the engine


@dataclass(frozen=True, slots=True)
class OcrPage:
    width: int  # pixels
    height: int
    words: tuple[OcrWord, ...]
    # each word's stroke weight measured on the image (``stroke_weights``); () until measured
    weights: tuple[float | None, ...] = ()


class OcrEngine(Protocol):
    """What the PDF reader needs from an OCR engine."""

    lang: str

    def check(self) -> None:
        """Raise ``OcrUnavailableError`` when the engine or its language data is missing."""

    def settings_key(self) -> str:
        """Everything but the image that changes the output (version, language, settings)."""

    def recognize(self, image: bytes, suffix: str, dpi: int, size: tuple[int, int]) -> OcrPage:
        """OCR one page image (encoded bytes, e.g. ``.jpg`` or ``.png``)."""


class TesseractEngine:
    """The ``tesseract`` command (``tesseract_run.TESSERACT``), its TSV output, one thread per process."""

    def __init__(self, lang: str = "fra", timeout: float = 120.0, psm: int = 3) -> None:
        from . import tesseract_run

        self.lang = lang
        self.timeout = timeout
        self.psm = psm
        self.command = tesseract_run.TESSERACT
        self._version: str | None = None

    def check(self) -> None:
        from .tesseract_run import tesseract_languages

        if shutil.which(self.command) is None:
            raise OcrUnavailableError(
                "this PDF needs OCR but Tesseract is not installed; install it with: "
                + INSTALL_HINT.format(lang=self.lang.split("+")[0])
            )
        try:
            languages = tesseract_languages(self.command)
        except Exception as error:  # a broken install: report it like a missing one
            raise OcrUnavailableError(
                f"Tesseract does not run ({error}); reinstall it with: " + INSTALL_HINT.format(lang=self.lang)
            ) from None
        for lang in self.lang.split("+"):
            if lang not in languages:
                raise OcrUnavailableError(
                    f"Tesseract has no '{lang}' language data; install it with: "
                    f"sudo apt-get install tesseract-ocr-{lang}"
                )

    def version(self) -> str:
        if self._version is None:
            from .tesseract_run import tesseract_version

            self._version = tesseract_version(self.command)
        return self._version

    def settings_key(self) -> str:
        return f"tesseract={self.version()};lang={self.lang};psm={self.psm};oem=default"

    def recognize(self, image: bytes, suffix: str, dpi: int, size: tuple[int, int]) -> OcrPage:
        from .tesseract_run import run_tesseract

        # the image goes to Tesseract's stdin as the bytes we have: no re-encoding, no temporary file
        tsv = run_tesseract(self.command, image, self.lang, self.psm, dpi, self.timeout)
        try:
            return parse_tsv(tsv, size)
        except ValueError as error:
            raise OcrFailedError(f"Tesseract's output is malformed ({error})") from None


def parse_tsv(tsv: str, size: tuple[int, int]) -> OcrPage:
    """Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        if not text:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        words.append(OcrWord(text, left, top, width, height, (int(cells[2]), int(cells[3]), int(cells[4]))))
    return OcrPage(width=size[0], height=size[1], words=tuple(words))


# Heights of a word's box relative to the font's em, by which letter shapes it contains.
_ASCENDERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜbdfhklt0123456789àâäçéèêëîïôöùûüœ'’«»?!()[]/%&")
_DESCENDERS = set("gjpqyçJQ,;()[]/")


def _em_height(word: OcrWord) -> float:
    chars = set(word.text)
    up = bool(chars & _ASCENDERS)
    down = bool(chars & _DESCENDERS)
    factor = 0.95 if up and down else 0.72 if up else 0.68 if down else 0.5
    return word.height / factor


_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})?)[,;:](?=\s+[A-ZÀ-Ý])")


# a heading's leading "1" read as a letter: "L6. CORRUPTION", "l.3 Traite", "I1 Trafic"
_LETTER_ONE = re.compile(r"^[lLI|](?=[.,]?\d{1,2}\.?\s|[.,]\d)")


def fix_heading_number(text: str) -> str:
    """A heading's number read with a comma or colon for its full stop ("9, Partenariats"), or
    with its leading 1 read as a letter ("L6. CORRUPTION" for "1.6. CORRUPTION")."""
    text = _HEADING_NUMBER.sub(r"\1.", text)
    if match := _LETTER_ONE.match(text):
        rest = text[match.end() :]
        text = "1" + (rest if rest[:1] in ".," else "." + rest)
    return text


# "m" is how Tesseract reads a small filled square: no French line opens with "m" and a capital
# a bullet with a speck beside it reads "*_", glued to its word or not
_OCR_BULLET = re.compile(r"^(?:[+*·°•▪■►®©]_\s*|[+*·°•▪■►®©_]\s+|[eo¢m]\s+(?=[A-ZÀ-Ý]))(?=\S)")
_ITEM = re.compile(r"^(?:•|\d{1,2}[.)])\s")


def fix_bullet(text: str) -> str:
    """List bullets come out of OCR as ``+``, ``*``, ``°``, ``e``...: make them ``•``."""
    return _OCR_BULLET.sub("• ", text)


def fix_item_ends(parts: list[tuple[str, Any]]) -> None:
    """A list item ends with ``;`` before the next item; OCR often reads that ``;`` as ``:``.

    ``parts`` are the OCR'd lines in order, ``""`` between paragraphs (furniture and footnotes left
    out, so the rule also works across page breaks). A paragraph that ends with ``:`` keeps it
    when it introduces something: a list of another kind, a lowercase continuation, or when it is
    a one-line lead-in (``Pour la Police Locale :``). It becomes ``;`` when it is an item followed
    by an item of the same list, or a paragraph of several lines followed by a new capitalised
    paragraph without a list marker (the next objective or point)."""
    starts = [i for i, (text, _) in enumerate(parts) if text and (i == 0 or not parts[i - 1][0])]
    for here, after in itertools.pairwise(starts):
        end = after - 1
        while end > here and not parts[end][0]:
            end -= 1
        text, line = parts[end]
        if not text.endswith(" :"):
            continue
        marker = _ITEM.match(parts[here][0])
        following = _ITEM.match(parts[after][0])
        if marker and following:
            same_list = marker.group(0)[0].isdigit() == following.group(0)[0].isdigit()
        else:
            next_text = parts[after][0]
            same_list = (
                following is None
                and end > here  # several lines: an item's text, not a lead-in
                and next_text[:1].isupper()
            )
        if same_list:
            parts[end] = (text[:-1] + ";", line)
            if line is not None:
                line.text = parts[end][0]


# ------------------------------------------------------------------ weight


def stroke_weights(image: bytes, page: OcrPage) -> list[float | None]:
    """Per word, its stroke thickness relative to its em: the typical length of the horizontal ink
    runs inside the word's box (mostly the vertical stems) over the em height. Bold type has stems
    about half as thick again as regular type of the same size; OCR itself does not say which words
    are bold, the page image does. None where a box holds no ink to measure."""
    import io

    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        grey = picture.convert("L")
        histogram = grey.histogram()  # 256 counts, as np.bincount(pixels, minlength=256) gives them
        pixels = np.asarray(grey)
    ink = pixels < _otsu(histogram)
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
        weights[index] = run / _em_height(page.words[index])
    return [w if w else None for w in weights]


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
    """``_median_run`` of every box, in one pass over all of them: the same values, without a
    dozen numpy calls per word (a page has hundreds of words).

    The framed rows of all the boxes are laid end to end in one array (each box's rows as
    ``_median_run`` frames them); the runs are found once, each assigned to the box it starts
    in, then sorted by (box, length) so that each box's median is read at the middle of its
    group (the mean of the two middle lengths for an even count, as ``np.median`` gives it)."""
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


def _median_run(box: Any) -> float:
    """Median length of the horizontal runs of ink in a binary box (0 when there is none).

    Each row framed by a blank column on both sides, the rows laid end to end: a run starts where
    a pixel turns to ink and ends where it turns back, and since the frame ends every run in its
    own row, the differences of those flat positions are the runs' lengths, in order."""
    import numpy as np

    rows, columns = box.shape
    framed = np.zeros((rows, columns + 2), dtype=np.int8)
    framed[:, 1:-1] = box
    edges = np.diff(framed, axis=1).ravel()
    starts = np.flatnonzero(edges == 1)
    if not len(starts):
        return 0.0
    return float(np.median(np.flatnonzero(edges == -1) - starts))


def _baseline(word: OcrWord) -> float:
    """The word's baseline in pixels: its box bottom, raised by the descent when it has descenders."""
    descent = 0.22 * _em_height(word) if set(word.text) & _DESCENDERS else 0.0
    return word.top + word.height - descent


def page_skew(page: OcrPage) -> float:
    """The page's slope (dy/dx) from the baselines of its longer lines; 0 when unknown.

    Scans are rarely straight: without this, a long line's box top sits higher or lower than a short
    line's and the spacing between lines (the paragraph cue) becomes noise."""
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word)
    slopes = []
    for words in by_line.values():
        if len(words) < 5:
            continue
        xs = [w.left + w.width / 2 for w in words]
        ys = [_baseline(w) for w in words]
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        spread = sum((x - mean_x) ** 2 for x in xs)
        if spread > 0:
            slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread)
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def ocr_lines(page: OcrPage, scale: float, weights: list[float | None] | None = None) -> list[TextLine]:
    """Engine words -> lines in the engine's reading order; ``scale`` turns pixels into points;
    ``weights``: each word's stroke weight (``stroke_weights``), when the image was measured.

    Vertical positions are measured on deskewed baselines: a line's ``top`` is its baseline minus
    the cap height and its ``bottom`` the baseline plus the descent."""
    skew = page_skew(page)
    grouped: dict[tuple[int, int, int], list[tuple[Word, float]]] = {}
    for index, word in enumerate(page.words):
        em = _em_height(word) * scale
        centre = word.left + word.width / 2
        baseline = (_baseline(word) - skew * centre) * scale
        grouped.setdefault(word.line, []).append(
            (
                Word(
                    text=word.text,
                    x0=word.left * scale,
                    x1=(word.left + word.width) * scale,
                    top=baseline - 0.72 * em,
                    bottom=baseline + 0.22 * em,
                    size=em,
                    bold=None,
                    weight=weights[index] if weights is not None else None,
                ),
                baseline,
            )
        )
    lines = []
    blocks = []
    for key, entries in grouped.items():
        words = [word for word, _ in entries]
        line = TextLine(words=words, top=0.0, bottom=0.0)
        finish_line(line)  # sets the size: the median em of the line's characters
        line.text = fix_bullet(line.text)
        baseline = sorted(b for _, b in entries)[len(entries) // 2]
        line.top = baseline - 0.72 * line.size
        line.bottom = baseline + 0.22 * line.size
        lines.append(line)
        blocks.append(key[0])
    # Tesseract's order: blocks (columns, notes, footers) in reading order, lines within them
    return _join_label_columns(lines, blocks)


LABEL_MAX_CHARS = 12  # an acronym or a short label, set at a tab before its text


def _join_label_columns(lines: list[TextLine], blocks: list[int]) -> list[TextLine]:
    """Tesseract reads a column of short labels tabbed before their text (a glossary's acronyms) as
    a block of its own, and the text beside it as another: each label goes back onto the line it
    stands beside. A block is a label column when every one of its (three or more) lines is one
    short word; two columns of text never are."""
    by_block: dict[int, list[int]] = {}
    for index, block in enumerate(blocks):
        by_block.setdefault(block, []).append(index)
    labels: set[int] = set()
    for members in by_block.values():
        if len(members) >= 3 and all(_is_label(lines[i]) for i in members):
            labels.update(members)
    if not labels:
        return lines
    joined: set[int] = set()
    for i in sorted(labels):
        label = lines[i]
        centre = (label.top + label.bottom) / 2
        beside = [
            j
            for j, line in enumerate(lines)
            if j not in labels
            and line.words
            and line.x0 > label.x1
            and abs((line.top + line.bottom) / 2 - centre) < 0.5 * max(label.size, line.size)
        ]
        if beside:
            target = lines[min(beside, key=lambda j: lines[j].x0)]
            target.words = [*label.words, *target.words]
            finish_line(target)
            target.text = fix_bullet(target.text)
            joined.add(i)
    return [line for i, line in enumerate(lines) if i not in joined]


def _is_label(line: TextLine) -> bool:
    return len(line.words) == 1 and len(line.text.strip()) <= LABEL_MAX_CHARS
