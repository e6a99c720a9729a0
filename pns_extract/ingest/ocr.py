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
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import OcrFailedError, OcrUnavailableError
from .layout import TextLine, Word, finish_line

if TYPE_CHECKING:
    from .tesseract_resident import ResidentTesseract

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
    # the lines with a small raised mark before them that the engine did not read (``raised_marks``)
    marks: tuple[tuple[int, int, int], ...] = ()


class OcrEngine(Protocol):
    """What the PDF reader needs from an OCR engine."""

    lang: str

    def check(self) -> None:
        """Raise ``OcrUnavailableError`` when the engine or its language data is missing."""

    def settings_key(self) -> str:
        """Everything but the image that changes the output (version, language, settings)."""

    def recognize(
        self, image: bytes, suffix: str, dpi: int, size: tuple[int, int], meanwhile: Callable[[], None] | None = None
    ) -> OcrPage:
        """OCR one page image (encoded bytes, e.g. ``.jpg`` or ``.png``). ``meanwhile()`` is other
        work on the page the caller has: an engine that reads in another process runs it while
        it waits; any engine runs it once, before it returns."""

    def recognize_block(self, image: bytes, dpi: int, size: tuple[int, int]) -> OcrPage:
        """OCR a PNG cut from a page as one block of text, without a layout analysis of its own."""

    def close(self) -> None:
        """Release what the engine keeps between pages in this process (a resident engine)."""


class TesseractEngine:
    """Tesseract, one thread per process, its TSV. A process reads its pages with a resident
    Tesseract (``tesseract_resident``: libtesseract, the language data loaded once) where the
    library runs, else with the ``tesseract`` command (``tesseract_run.TESSERACT``), once per page:
    the same recognition either way."""

    # False: the command for every page (a test's stand-in for Tesseract is a command)
    resident = True

    def __init__(self, lang: str = "fra", timeout: float = 120.0, psm: int = 3) -> None:
        from . import tesseract_run

        self.lang = lang
        self.timeout = timeout
        self.psm = psm
        self.command = tesseract_run.TESSERACT
        self._version: str | None = None
        self._server: ResidentTesseract | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_server": None}  # a server belongs to the process that started it

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

    def recognize(
        self, image: bytes, suffix: str, dpi: int, size: tuple[int, int], meanwhile: Callable[[], None] | None = None
    ) -> OcrPage:
        # the image goes to Tesseract as the bytes we have: no re-encoding, no temporary file
        return self._run(image, self.psm, dpi, size, meanwhile)

    def recognize_block(self, image: bytes, dpi: int, size: tuple[int, int]) -> OcrPage:
        return self._run(image, 6, dpi, size)  # 6: a single uniform block of text

    def close(self) -> None:
        """End this process's resident Tesseract, if it has one."""
        if self._server is not None:
            self._server.close()

    def _run(
        self, image: bytes, psm: int, dpi: int, size: tuple[int, int], meanwhile: Callable[[], None] | None = None
    ) -> OcrPage:
        from .tesseract_run import run_tesseract

        tsv = None
        if self.resident:
            if self._server is None:
                from .tesseract_resident import ResidentTesseract

                self._server = ResidentTesseract(self.lang, self.version())
            tsv = self._server.run(image, psm, dpi, self.timeout, meanwhile)
        if tsv is None:
            tsv = run_tesseract(self.command, image, self.lang, psm, dpi, self.timeout, meanwhile)
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


def em_height(word: OcrWord) -> float:
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
_OCR_BULLET = re.compile(r"^(?:[+*·°•▪■►®©“]_\s*|[+*·°•▪■►®©_]\s+|[eo¢m]\s+(?=[A-ZÀ-Ý]))(?=\S)")


_ITEM = re.compile(r"^(?:•|\d{1,2}[.)])\s")


def fix_bullet(text: str) -> str:
    """List bullets come out of OCR as ``+``, ``*``, ``°``, ``e``...: make them ``•``."""
    return _OCR_BULLET.sub("• ", text)


# a small square or a speck read as an opening quotation mark, before the item's capital
_QUOTE_BULLET = re.compile(r'^[“"]\s?(?=[A-ZÀ-Ý])')
_CLOSING = {"“": "”»", '"': '"”»'}


def fix_quote_bullets(parts: list[tuple[str, Any]]) -> None:
    """A bullet Tesseract reads as an opening quotation mark glued to the item's first word
    (``“Outre la forte association…``) is a bullet when the quotation never closes: not before the
    next line that opens the same way, nor before the paragraph ends. A quotation that does close
    (``“Sécurité intégrale” …``) is left alone. ``parts`` are the OCR'd lines in order, ``""``
    between paragraphs (furniture and footnotes left out: lists run across page breaks)."""
    opening = [i for i, (text, _) in enumerate(parts) if _QUOTE_BULLET.match(text)]
    for here in opening:
        text, line = parts[here]
        closers = _CLOSING[text[0]]
        closed = any(ch in closers for ch in text[1:])
        index = here + 1
        while not closed and index < len(parts) and parts[index][0] and index not in opening:
            closed = any(ch in closers for ch in parts[index][0])
            index += 1
        if closed:
            continue
        fixed = _QUOTE_BULLET.sub("• ", text)
        parts[here] = (fixed, line)
        if line is not None:
            line.text = fixed


def word_baseline(word: OcrWord) -> float:
    """The word's baseline in pixels: its box bottom, raised by the descent when it has descenders."""
    descent = 0.22 * em_height(word) if set(word.text) & _DESCENDERS else 0.0
    return word.top + word.height - descent


def words_by_line(page: OcrPage) -> dict[tuple[int, int, int], list[OcrWord]]:
    """The engine's words grouped by the line it put them in, lines in its reading order."""
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in page.words:
        by_line.setdefault(word.line, []).append(word)
    return by_line


def page_skew(page: OcrPage) -> float:
    """The page's slope (dy/dx) from the baselines of its longer lines; 0 when unknown.

    Scans are rarely straight: without this, a long line's box top sits higher or lower than a short
    line's and the spacing between lines (the paragraph cue) becomes noise."""
    slopes = []
    for words in words_by_line(page).values():
        if len(words) < 5:
            continue
        xs = [w.left + w.width / 2 for w in words]
        ys = [word_baseline(w) for w in words]
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
    # per line: each word, its baseline and its box's bottom (deskewed, in points)
    grouped: dict[tuple[int, int, int], list[tuple[Word, float, float]]] = {}
    for index, word in enumerate(page.words):
        em = em_height(word) * scale
        centre = word.left + word.width / 2
        baseline = (word_baseline(word) - skew * centre) * scale
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
                (word.top + word.height - skew * centre) * scale,
            )
        )
    lines = []
    blocks = []
    marks = set(page.marks)
    for key, entries in grouped.items():
        words = [word for word, _, _ in entries]
        line = TextLine(words=words, top=0.0, bottom=0.0)
        finish_line(line)  # sets the size: the median em of the line's characters
        baseline = sorted(b for _, b, _ in entries)[len(entries) // 2]
        if _read_final_colon(line, entries, baseline):
            finish_line(line)
        line.text = fix_bullet(line.text)
        line.lost_mark = key in marks
        line.top = baseline - 0.72 * line.size
        line.bottom = baseline + 0.22 * line.size
        lines.append(line)
        blocks.append(key[0])
    # Tesseract's order: blocks (columns, notes, footers) in reading order, lines within them
    return _join_label_columns(lines, blocks)


# below the baseline, in ems: a colon's dots sit on it (up to 0.02 measured at 150-300 dpi), a
# semicolon's tail reaches 0.06-0.2; a box reaching further holds a speck as well. In between,
# both were measured (0.03-0.05 on one 300-dpi scan): there the list's shape decides (fix_item_ends)
COLON_DESCENT = 0.02
SEMICOLON_DESCENT = (0.05, 0.3)


def _read_final_colon(line: TextLine, entries: list[tuple[Word, float, float]], baseline: float) -> bool:
    """Tesseract often reads a spaced ``;`` as ``:``, and at a line's end the difference decides
    whether a list item ends or announces a sub-list. The glyph's box tells them apart: a final
    ``:`` whose box reaches below the line's baseline has a semicolon's tail, and becomes ``;``
    (returns True: the line's text must be rebuilt); one that reaches a little below is a doubt
    (``line.colon_doubt``)."""
    word, _, bottom = max(entries, key=lambda entry: entry[0].x0)
    if word.text != ":":
        return False
    low, high = SEMICOLON_DESCENT
    descent = bottom - baseline
    if low * line.size < descent < high * line.size:
        word.text = ";"
        return True
    line.colon_doubt = COLON_DESCENT * line.size < descent <= low * line.size
    return False


def fix_item_ends(parts: list[tuple[str, Any]]) -> None:
    """A doubtful final ``:`` (``TextLine.colon_doubt``) is read from the list's shape: it becomes
    ``;`` when its paragraph is an item followed by an item of the same list, or a paragraph of
    several lines followed by a new capitalised paragraph without a list marker (the next
    objective or point); it stays when it introduces something (a list of another kind, a
    lowercase continuation) or ends a one-line lead-in (``Pour la Police Locale :``). ``parts``
    as for :func:`fix_quote_bullets`."""
    starts = [i for i, (text, _) in enumerate(parts) if text and (i == 0 or not parts[i - 1][0])]
    for here, after in itertools.pairwise(starts):
        end = after - 1
        while end > here and not parts[end][0]:
            end -= 1
        text, line = parts[end]
        if line is None or not line.colon_doubt or not text.endswith(" :"):
            continue
        marker = _ITEM.match(parts[here][0])
        following = _ITEM.match(parts[after][0])
        if marker and following:
            same_list = marker.group(0)[0].isdigit() == following.group(0)[0].isdigit()
        else:
            same_list = following is None and end > here and parts[after][0][:1].isupper()
        if same_list:
            parts[end] = (text[:-1] + ";", line)
            line.text = parts[end][0]


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
