"""The typesetter: a manuscript (``plan.Plan``) set in a ``Style`` into a PDF with fpdf2.

Two passes: ``Layout`` breaks the blocks into lines and places them in frames (pages, or columns),
with footnotes at the bottom of the frame that calls them, headings kept with what follows and
themes starting a page when the style says so; ``paint`` then draws every page with its running
header and footer (the total page count is known by then, for ``12/47``).

Every line is drawn word by word at computed positions (each word with its space glyph), so justified
and ragged lines alike give pdfplumber ordinary words; characters a face lacks (``▪``, ``◦``, ``►``)
are drawn in DejaVu Sans, as a typesetting system's fallback would.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

from .plan import CALL_CLOSE, CALL_OPEN, Block, Plan
from .style import FACES, FALLBACK, TITLE, Style, font_path

FIXED_DATE = dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.UTC)
PAGE_W, PAGE_H = 595.28, 841.89
GUTTER = 18.0
ASCENT = 0.78  # baseline below a line's top, in type sizes
SUPER = (0.62, 0.38)  # superscript size and rise, relative to the text size
_CALL = re.compile(f"{CALL_OPEN}(\\d+){CALL_CLOSE}")


@dataclass(frozen=True)
class Frag:
    text: str
    bold: bool = False
    italic: bool = False
    size: float = 9.5
    rise: float = 0.0


Word = tuple[Frag, ...]


@dataclass
class Op:
    """One drawing operation of a page."""

    kind: str  # text | rule | box
    x: float
    y: float  # text: baseline; rule/box: top
    text: str = ""
    bold: bool = False
    italic: bool = False
    size: float = 0.0
    stretch: float = 100.0
    x2: float = 0.0
    y2: float = 0.0


@dataclass
class Para:
    """A block ready for placing: its lines of words, and how it sits."""

    lines: list[tuple[list[Word], bool]]  # words, and whether the line is justified
    size: float
    indent: float = 0.0  # left indent of every line (after the marker of an item)
    marker: Word | None = None  # bullet or pictogram drawn before the first line
    drawn_marker: bool = False  # the marker is a filled square drawn in vector, not text
    before: float = 0.0
    after: float = 0.0
    keep_with_next: bool = False
    new_page: bool = False
    notes: list[list[int]] = field(default_factory=list)  # footnotes called on each line
    tab: float | None = None  # glossary: x offset of the expansion (the first word sits before it)


@dataclass
class Frame:
    page: int
    x: float
    width: float
    top: float
    bottom: float
    y: float
    notes: list[int] = field(default_factory=list)
    notes_height: float = 0.0


@cache
def _cmap(relative: str) -> frozenset[int]:
    return frozenset(TTFont(str(font_path(relative)), lazy=True).getBestCmap())


class Typesetter:
    def __init__(self, style: Style, plan: Plan) -> None:
        self.style = style
        self.plan = plan
        self.pdf = FPDF(format="A4", unit="pt")
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_title(TITLE)
        self.pdf.set_author("pns-extract house styles (typeset from the OCR text)")
        self.pdf.set_auto_page_break(False)
        _, regular, bold, italic = FACES[style.face]
        self.files = {(False, False): regular, (True, False): bold, (False, True): italic, (True, True): bold}
        self.pdf.add_font("body", "", str(font_path(regular)))
        self.pdf.add_font("body", "B", str(font_path(bold)))
        self.pdf.add_font("body", "I", str(font_path(italic)))
        self.pdf.add_font("fallback", "", str(font_path(FALLBACK[0])))
        self.pdf.add_font("fallback", "B", str(font_path(FALLBACK[1])))
        left, right, top, bottom = style.margins
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.measure = (PAGE_W - left - right - GUTTER * (style.columns - 1)) / style.columns
        self.pages: list[list[Op]] = []
        self.frames: list[Frame] = []
        self._widths: dict[tuple[str, bool, bool, float], float] = {}

    # --- measuring ---------------------------------------------------------------------------

    def runs(self, frag: Frag) -> list[tuple[str, bool]]:
        """The fragment's text split into runs the face can draw (False) and fallback runs (True)."""
        covered = _cmap(self.files[(frag.bold, frag.italic)])
        out: list[tuple[str, bool]] = []
        for ch in frag.text:
            fallback = ord(ch) not in covered and not ch.isspace()
            if out and out[-1][1] == fallback:
                out[-1] = (out[-1][0] + ch, fallback)
            else:
                out.append((ch, fallback))
        return out

    def width(self, frag: Frag) -> float:
        key = (frag.text, frag.bold, frag.italic, frag.size)
        if key not in self._widths:
            total = 0.0
            for text, fallback in self.runs(frag):
                self._set_font(frag, fallback)
                total += self.pdf.get_string_width(text)
            self._widths[key] = total
        return self._widths[key]

    def word_width(self, word: Word) -> float:
        return sum(self.width(f) for f in word)

    def space(self, size: float, bold: bool = False) -> float:
        return self.width(Frag(" ", bold, False, size))

    def _set_font(self, frag: Frag, fallback: bool) -> None:
        if fallback:
            self.pdf.set_font("fallback", "B" if frag.bold else "", frag.size)
        else:
            self.pdf.set_font("body", "B" if frag.bold else ("I" if frag.italic else ""), frag.size)

    # --- words and lines -----------------------------------------------------------------------

    def words(self, text: str, size: float, bold: bool = False, italic: bool = False) -> tuple[list[Word], list[int]]:
        """Words of ``text`` with its footnote calls as superscripts glued to the word before; and
        the footnotes called."""
        out: list[Word] = []
        called: list[int] = []
        for token in text.split():
            frags: list[Frag] = []
            position = 0
            for match in _CALL.finditer(token):
                if match.start() > position:
                    frags.append(Frag(token[position : match.start()], bold, italic, size))
                number = int(match.group(1))
                if number in self.plan.footnotes:
                    called.append(number)
                    frags.append(Frag(str(number), False, False, size * SUPER[0], size * SUPER[1]))
                position = match.end()
            if position < len(token):
                frags.append(Frag(token[position:], bold, italic, size))
            if frags:
                out.append(tuple(frags))
        return out, called

    def break_words(self, words: list[Word], width: float, size: float, justify: bool) -> list[tuple[list[Word], bool]]:
        """Greedy line breaking; every line but the last is justified when the style justifies."""
        lines: list[list[Word]] = [[]]
        used = 0.0
        space = self.space(size)
        for word in words:
            w = self.word_width(word)
            if lines[-1] and used + space + w > width:
                lines.append([word])
                used = w
            else:
                used += (space if lines[-1] else 0.0) + w
                lines[-1].append(word)
        return [(line, justify and i < len(lines) - 1) for i, line in enumerate(lines) if line]

    def set_lines(self, texts: list[str], size: float, width: float, bold: bool = False, italic: bool = False):
        """A block's text lines as set lines: reflowed to the measure, or the text's own breaks kept
        (a line too wide wraps, as a typesetter would); and the footnotes called on each line."""
        style = self.style
        out: list[tuple[list[Word], bool]] = []
        notes: list[list[int]] = []
        if style.reflow:
            words, _ = self.words(join_lines(texts), size, bold, italic)
            for line in self.break_words(words, width, size, style.justify):
                out.append(line)
                notes.append([n for w in line[0] for f in w if f.rise for n in [int(f.text)]])
            return out, notes
        for index, text in enumerate(texts):
            words, _ = self.words(text, size, bold, italic)
            natural = sum(self.word_width(w) for w in words) + self.space(size) * max(len(words) - 1, 0)
            last = index == len(texts) - 1
            broken = self.break_words(words, width, size, False) if natural > width else [(words, False)]
            for i, (line_words, _) in enumerate(broken):
                full = i < len(broken) - 1 or (not last and natural >= 0.85 * width)
                out.append((line_words, style.justify and full))
                notes.append([n for w in line_words for f in w if f.rise for n in [int(f.text)]])
        return out, notes

    # --- blocks -> paragraphs -------------------------------------------------------------------

    def paragraphs(self) -> list[Para]:
        out: list[Para] = []
        previous: Block | None = None
        for block in self.plan.blocks:
            out.extend(self.para(block, previous))
            previous = block
        return out

    def para(self, block: Block, previous: Block | None) -> list[Para]:
        s = self.style
        body = s.body_size
        pitch = body * s.leading
        gap = pitch * s.paragraph_gap
        width = self.measure
        if block.role == "heading":
            level = block.level or 1
            size = body * s.heading_sizes[level - 1]
            bold = s.heading_bold[level - 1]
            title = block.title or block.lines[0]
            if block.number is None:  # preamble, chapter: set as printed
                texts = [block.lines[0]]
            else:
                if s.theme_caps == "all" or (s.theme_caps == "top" and level == 1):
                    title = title.upper()
                number = _numbered(block.number, s.numbering)
                texts = [number, title] if s.number_own_line and level < 3 else [f"{number} {title}"]
            new_page = level == 1 and (block.number is None or s.new_page != "none")
            new_page = new_page or (level == 2 and s.new_page == "all")
            lines: list = []
            for text in texts:
                lines.extend(self.break_words(self.words(text, size, bold)[0], width, size, False))
            return [Para(lines, size, before=pitch * 1.2, after=pitch * 0.4, keep_with_next=True, new_page=new_page)]
        if block.role == "part":
            size = body * (1.15 if s.part_style == "bold-large" else 1.0)
            bold, italic = s.part_style != "italic", s.part_style == "italic"
            para = Para(
                self.break_words(self.words(block.lines[0], size, bold, italic)[0], width, size, False),
                size,
                before=pitch * 0.9,
                after=pitch * 0.3,
                keep_with_next=True,
            )
            if s.pictogram != "none":
                para.marker = (Frag("►", False, False, size),) if s.pictogram == "glyph" else (Frag("", size=size),)
                para.drawn_marker = s.pictogram == "drawn"
                para.indent = size * 1.4
                para.lines = self.break_words(
                    self.words(block.lines[0], size, bold, italic)[0], width - para.indent, size, False
                )
            return [para]
        if block.role == "group":
            bold, italic = s.group_style == "bold", s.group_style == "italic"
            lines = self.break_words(self.words(block.lines[0], body, bold, italic)[0], width, body, False)
            return [Para(lines, body, before=gap, after=gap * 0.5, keep_with_next=True)]
        if block.role == "objective_title":
            size = body * (s.heading_sizes[1] if s.objective_title == "heading" else 1.0)
            bold = s.objective_title != "body"
            text = f"{block.number}. {block.lines[0]}"
            lines = self.break_words(self.words(text, size, bold)[0], width, size, False)
            return [Para(lines, size, before=gap, after=gap * 0.5 if bold else 0.0, keep_with_next=True)]
        if block.role == "glossary":
            acronym, expansion = block.lines
            tab = 70.0 if s.glossary == "tabbed" else None
            first = self.words(acronym, body, s.glossary == "tabbed")[0]
            rest = self.words(expansion, body)[0]
            if tab is None:
                lines = self.break_words(first + rest, width, body, False)
                return [Para(lines, body, before=pitch * 0.15)]
            lines = self.break_words(rest, width - tab, body, False)
            lines[0] = (first + lines[0][0], False)
            return [Para(lines, body, tab=tab, before=pitch * 0.15)]
        if block.role == "signature":
            lines = self.break_words(
                self.words(block.lines[0], body, previous is None or previous.role != "signature")[0],
                width,
                body,
                False,
            )
            return [Para(lines, body, before=gap if previous is None or previous.role != "signature" else 0.0)]
        # paragraph or list item
        item = block.role == "item"
        indent = body * (1.4 * block.level) if item else 0.0
        lines, notes = self.set_lines(block.lines, body, width - indent)
        para = Para(lines, body, indent=indent, notes=notes)
        para.before = pitch * s.item_gap if item and previous is not None and previous.role == "item" else gap
        if item:
            glyph = s.bullet if block.level == 1 else ("–" if s.bullet != "–" else "◦")
            para.marker = (Frag(glyph, False, False, body),)
        return [para]

    # --- placing -------------------------------------------------------------------------------

    def new_page(self) -> None:
        self.pages.append([])
        page = len(self.pages) - 1
        for column in range(self.style.columns):
            x = self.left + column * (self.measure + GUTTER)
            self.frames.append(Frame(page, x, self.measure, self.top, PAGE_H - self.bottom, self.top))

    def layout(self) -> None:
        paras = self.paragraphs()
        self.new_page()
        frame = self.frames[-self.style.columns]
        for index, para in enumerate(paras):
            pitch = para.size * self.style.leading
            if para.new_page and self.pages[-1]:
                self.new_page()
                frame = self.frames[-self.style.columns]
            if frame.y > frame.top:
                frame.y += para.before
            if para.keep_with_next:
                following = paras[index + 1] if index + 1 < len(paras) else None
                need = pitch * len(para.lines) + (
                    following.before + following.size * self.style.leading * 2 if following else 0
                )
                if frame.y + need > frame.bottom - frame.notes_height and frame.y > frame.top:
                    frame = self.advance(frame)
            for number, (words, justified) in enumerate(para.lines):
                called = para.notes[number] if number < len(para.notes) else []
                extra = self.notes_height(frame, called)
                if frame.y + pitch > frame.bottom - frame.notes_height - extra and frame.y > frame.top:
                    frame = self.advance(frame)
                    extra = self.notes_height(frame, called)
                self.draw_line(frame, para, number, words, justified)
                frame.y += pitch
                if called:
                    frame.notes.extend(called)
                    frame.notes_height += extra
            frame.y += para.after
        for f in self.frames:
            self.draw_notes(f)

    def advance(self, frame: Frame) -> Frame:
        """The next column, or the first column of a new page."""
        index = self.frames.index(frame)
        if index + 1 == len(self.frames):
            self.new_page()
        return self.frames[index + 1]

    def notes_height(self, frame: Frame, numbers: list[int]) -> float:
        if not numbers:
            return 0.0
        size = self.style.body_size * self.style.note_size
        lines = sum(len(self.note_lines(n, frame.width)) for n in numbers)
        return lines * size * 1.2 + (0.0 if frame.notes else size * 2.0)

    def note_lines(self, number: int, width: float) -> list[tuple[list[Word], bool]]:
        size = self.style.body_size * self.style.note_size
        words = self.words(self.plan.footnotes[number].text, size)[0]
        return self.break_words(words, width - size * 1.6, size, self.style.justify)

    def draw_notes(self, frame: Frame) -> None:
        if not frame.notes:
            return
        s = self.style
        size = s.body_size * s.note_size
        ops = self.pages[frame.page]
        y = frame.bottom - frame.notes_height + size * 0.6
        if s.note_rule:
            ops.append(Op("rule", frame.x, y, x2=frame.x + min(140.0, frame.width * 0.4), y2=y))
        y += size * 1.4
        for number in frame.notes:
            mark = (
                Frag(str(number), False, False, size * SUPER[0], size * SUPER[1])
                if s.note_number == "superscript"
                else Frag(str(number), size=size)
            )
            self.draw_word(ops, frame.x, y - mark.rise, (mark,))
            for words, justified in self.note_lines(number, frame.width):
                self.draw_words(ops, frame.x + size * 1.6, y, words, frame.width - size * 1.6, justified, size)
                y += size * 1.2

    def draw_line(self, frame: Frame, para: Para, number: int, words: list[Word], justified: bool) -> None:
        ops = self.pages[frame.page]
        baseline = frame.y + para.size * ASCENT
        x = frame.x + para.indent
        if number == 0 and para.marker is not None:
            if para.drawn_marker:
                side = para.size * 0.6
                ops.append(Op("box", frame.x, baseline - side, x2=frame.x + side, y2=baseline))
            else:
                self.draw_word(ops, frame.x + para.indent - para.size * 1.2, baseline, para.marker)
        width = frame.width - para.indent
        if para.tab is not None and number == 0:
            self.draw_word(ops, x, baseline, words[0])
            words, x, width = words[1:], x + para.tab, width - para.tab
        elif para.tab is not None:
            x, width = x + para.tab, width - para.tab
        self.draw_words(ops, x, baseline, words, width, justified, para.size)

    def draw_words(
        self, ops: list[Op], x: float, baseline: float, words: list[Word], width: float, justified: bool, size: float
    ) -> None:
        widths = [self.word_width(w) for w in words]
        space = self.space(size)
        natural = sum(widths) + space * max(len(words) - 1, 0)
        stretch = 100.0
        gap = space
        if natural > width:  # a kept line slightly too wide: condensed, as typesetters do
            stretch = 100.0 * width / natural
        elif justified and len(words) > 1:
            gap = (width - sum(widths)) / (len(words) - 1)
        for i, (word, w) in enumerate(zip(words, widths, strict=True)):
            last = i == len(words) - 1
            self.draw_word(
                ops, x, baseline, word if last else (*word, Frag(" ", word[-1].bold, word[-1].italic, size)), stretch
            )
            x += (w + gap) * stretch / 100.0

    def draw_word(self, ops: list[Op], x: float, baseline: float, word: Word, stretch: float = 100.0) -> None:
        for frag in word:
            for text, fallback in self.runs(frag):
                op = Op("text", x, baseline - frag.rise, text, frag.bold, frag.italic, frag.size, stretch)
                op.x2 = 1.0 if fallback else 0.0
                ops.append(op)
                self._set_font(frag, fallback)
                x += self.pdf.get_string_width(text) * stretch / 100.0

    # --- painting ------------------------------------------------------------------------------

    def paint(self, out: Path) -> None:
        total = len(self.pages)
        pdf = self.pdf
        for index, ops in enumerate(self.pages):
            pdf.add_page()
            for op in ops:
                if op.kind == "text":
                    frag = Frag(op.text, op.bold, op.italic, op.size)
                    self._set_font(frag, op.x2 == 1.0)
                    if op.stretch != 100.0:
                        pdf.set_stretching(op.stretch)
                    pdf.text(op.x, op.y, op.text)
                    if op.stretch != 100.0:
                        pdf.set_stretching(100)
                elif op.kind == "rule":
                    pdf.set_line_width(0.5)
                    pdf.line(op.x, op.y, op.x2, op.y2)
                else:
                    pdf.rect(op.x, op.y, op.x2 - op.x, op.y2 - op.y, style="F")
            self.furniture(index + 1, total)
        out.write_bytes(bytes(pdf.output()))

    def furniture(self, page: int, total: int) -> None:
        s, pdf = self.style, self.pdf
        size = max(7.0, s.body_size * 0.8)
        if s.header != "none":
            pdf.set_font("body", "I", size)
            y = self.top - size * 2.2
            pdf.text(PAGE_W - self.right - pdf.get_string_width(TITLE), y, TITLE)
            if s.header == "title-rule":
                pdf.set_line_width(0.4)
                pdf.line(self.left, y + size * 0.5, PAGE_W - self.right, y + size * 0.5)
        if s.footer == "none":
            return
        label = page + s.page_offset
        text = {
            "12": f"{label}",
            "12/47": f"{label}/{total + s.page_offset}",
            "- 12 -": f"- {label} -",
            "Page 12": f"Page {label}",
            "title - 12": f"{TITLE} - {label}",
        }[s.footer]
        pdf.set_font("body", "", size)
        w = pdf.get_string_width(text)
        align = s.footer_align if s.footer_align != "outer" else ("right" if page % 2 else "left")
        x = {"center": (PAGE_W - w) / 2, "right": PAGE_W - self.right - w, "left": self.left}[align]
        pdf.text(x, PAGE_H - self.bottom / 2, text)


def _numbered(number: str, numbering: str) -> str:
    """A heading number in the style's punctuation: top-level numbers and points ("1", "8") and
    dotted sub-theme numbers ("1.1") each have their form."""
    top, sub = {
        "1.1": ("{}.", "{}"),  # the corpus: "1. Criminalité organisée", "1.1 Trafic de drogue"
        "1.1.": ("{}.", "{}."),
        "1.1 –": ("{} –", "{} –"),
        "1 1.1": ("{}", "{}"),  # LaTeX's: "1 Criminalité organisée", "1.1 Trafic de drogue"
    }[numbering]
    return (sub if "." in number else top).format(number)


def join_lines(texts: list[str]) -> str:
    """The text's lines joined for reflowing; a hyphen at a line end is dropped where it only split
    a word (both halves lowercase and the joined word known to French)."""
    out = ""
    for text in texts:
        if (
            out.endswith("-")
            and text[:1].islower()
            and _word_known(out.rsplit(" ", 1)[-1][:-1] + text.split(" ", 1)[0])
        ):
            out = out[:-1] + text
        else:
            out = f"{out} {text}" if out else text
    return out


@cache
def _word_known(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.strip(".,;:()«»").lower(), "fr") > 1.5


def typeset(style: Style, plan: Plan, out: Path) -> int:
    """Set ``plan`` in ``style`` into ``out``; returns the number of pages."""
    setter = Typesetter(style, plan)
    setter.layout()
    setter.paint(out)
    return len(setter.pages)
