"""Units: the paragraphs and list items the body is made of, each with the lines
it came from, and the rules that decide when a line continues the one before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal, TypeGuard

from ..ingest.lines import Line
from .patterns import (
    CLOSING,
    FUNCTION_WORDS,
    Marker,
    clean_spaces,
    ends_terminal,
    last_word,
    list_marker,
    quote_left_open,
    split_label,
    starts_lowercase,
    starts_uppercase,
    unbalanced,
)


@dataclass(slots=True)
class Unit:
    lines: list[Line]
    marker: Marker | None = None
    number: int | None = None  # printed number, or a lone number read just before
    consumed: list[Line] = field(default_factory=list)  # extra lines (lone numbers) it accounts for

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def line_numbers(self) -> list[int]:
        return [line.number for line in [*self.lines, *self.consumed]]

    def raw_lines(self) -> list[str]:
        texts = [line.text.strip() for line in self.lines]
        if self.marker is not None:
            texts[0] = self.marker.rest.strip()
        return texts

    @property
    def text(self) -> str:
        return join_lines(self.raw_lines())

    @property
    def last_text(self) -> str:
        return self.lines[-1].text.strip()

    def label_and_text(self) -> tuple[str | None, str]:
        """A label before ' : ' at the unit's start (``Capacité spécialisée : renforcer…``), on its
        first line or wrapped over the next by a narrow column (a label is short: ``split_label``
        bounds it); a colon further down belongs to the text."""
        label, rest = split_label(self.text)
        if label is None:
            return None, self.text
        return label, rest


@cache
def _known_word(word: str) -> bool:
    from wordfreq import zipf_frequency  # loaded only when a line ends in a hyphen

    return zipf_frequency(word, "fr") > 1.5


def join_lines(texts: list[str]) -> str:
    """Join wrapped lines. A hyphen at a line end is kept for compounds (``Royaume-Uni``) and
    dropped where it only split a word the French lexicon knows whole."""
    out = ""
    for text in texts:
        if not out:
            out = text
        elif out.endswith("-") and not out.endswith(" -") and text[:1].islower():
            head = out.rsplit(" ", 1)[-1][:-1]
            tail = text.split(" ", 1)[0]
            joined = head + tail.rstrip(".,;:)»")
            out = out[:-1] + text if _known_word(joined.lower()) and not _known_word(head.lower()) else out + text
        else:
            out = f"{out} {text}"
    return clean_spaces(out)


def item_marker(text: str, previous: Unit | None) -> Marker | None:
    """The list marker a line opens with, unless it is a dash that carries on an unfinished
    sentence: an incise set at a line start ("… tout au long de la chaîne —" / "— de la
    prévention à la répression —"), or a title's subtitle after a line the layout filled
    ("Note-cadre de sécurité intégrale 2026-2029" / "— « Sécurité économique »") in a list whose
    items do not open with dashes."""
    marker = list_marker(text)
    if marker is not None and marker.glyph == "»" and previous is not None and quote_left_open(previous.text, "»"):
        return None  # the quotation the line above opened closes here: « VaaS / » (Violence as a service)
    if (
        _dash(marker)
        and previous is not None
        and not ends_terminal(previous.last_text)
        and (starts_lowercase(marker.rest) or (wrapped(previous) and not _dash(previous.marker)))
    ):
        return None
    return marker


def _dash(marker: Marker | None) -> TypeGuard[Marker]:
    """A dash bullet (``-``, ``–``, ``—``)."""
    return marker is not None and marker.kind == "bullet" and marker.glyph in "-–—"


_BRACKETED_ACRONYM = re.compile(r"\([A-ZÀ-Ý0-9][A-ZÀ-Ý0-9&./-]{1,11}\)[.;,]?")


def continues(previous: Unit, text: str) -> bool:
    """After a paragraph break or a page break: does ``text`` carry on ``previous``?"""
    if item_marker(text, previous) is not None:
        return False
    tail = previous.text
    if unbalanced(tail):
        return True
    if tail.endswith((":", ";")):  # a list item or the sentence announcing a list ends here
        return False
    if starts_lowercase(text) or tail.endswith((",", "-", "—", "–")) or text[0] in CLOSING:
        return True
    if _BRACKETED_ACRONYM.fullmatch(text):  # "(PGSP)" alone: the name above's acronym
        return True
    if text[:1].isdigit() and not ends_terminal(tail):  # "…Firearms Directive" / "2021/555, dirigé…"
        return True
    return not ends_terminal(tail) and last_word(tail) in FUNCTION_WORDS


def wrapped(unit: Unit) -> bool:
    """The unit's last line fills its column (the layout's cue): the next line carries it on. A
    line closing a bracket or a quotation has ended a title there, however full it is; one ending
    with a stop, a semicolon or a colon leaves the punctuation to say what comes next."""
    last = unit.last_text.rstrip()
    return bool(unit.lines[-1].wraps) and not last.endswith((")", "»", "]", "”", '"')) and not ends_terminal(last)


def carried_over(unit: Unit, line: Line, text: str) -> bool:
    """A sentence cut by a page break: the unit ends with no punctuation at the page's foot (notes
    and the footer between), so the next page's first line carries it on, capitalised or not
    ("… et Migrant" / "Smuggling (membre actif), …"). Not in lists of plans, whose titles end bare."""
    return line.page != unit.lines[-1].page and not ends_terminal(unit.last_text) and item_marker(text, unit) is None


ListContext = Literal["plans", "list", "objectives"] | None


@dataclass(slots=True)
class UnitReader:
    """Lines -> units, one line at a time: does the line continue the open unit, start a new one,
    or is it a lone list number waiting for its item? ``context`` says what kind of list the
    line stands in (a part of a theme), since that changes where items end."""

    line_width: int = 80  # typical length of a full line, in characters
    unit: Unit | None = None
    gap: bool = False  # a paragraph or page break since the last line
    pending: Line | None = None  # a lone list number, waiting for its item
    pending_number: int = 0

    def mark_break(self) -> None:
        self.gap = True

    def lone_number(self, number: int, line: Line) -> Line | None:
        """Hold a list number printed alone; returns an earlier one no item followed."""
        dropped = self.drop_pending()
        self.pending, self.pending_number = line, number
        return dropped

    def drop_pending(self) -> Line | None:
        dropped, self.pending = self.pending, None
        return dropped

    def add(self, line: Line, text: str, context: ListContext) -> Unit | None:
        """Take a body line; returns the unit it closed, if any."""
        marker = item_marker(text, self.unit)
        unit = self.unit
        if marker is None and unit is not None:
            if not self.gap:
                if wrapped(unit) or (not splits(unit, text, context) and not self.ends_paragraph(unit, text)):
                    unit.lines.append(line)
                    return None
            elif continues(unit, text) or (context != "plans" and carried_over(unit, line, text)):
                unit.lines.append(line)
                self.gap = False
                return None
        closed = self.close()
        self.unit = Unit(lines=[line], marker=marker)
        if marker is not None and marker.kind == "number":
            self.unit.number = int(marker.glyph)
        if self.pending is not None:
            self.unit.number = self.unit.number or self.pending_number
            self.unit.consumed.append(self.pending)
            self.pending = None
        self.gap = False
        return closed

    def close(self) -> Unit | None:
        unit, self.unit = self.unit, None
        return unit

    def ends_paragraph(self, unit: Unit, text: str) -> bool:
        """Layouts without paragraph spacing still end a paragraph with a short line: a sentence
        that stops well before the measure, followed by a capital, starts a new paragraph."""
        last = unit.last_text
        return ends_terminal(last) and len(last) < 0.7 * self.line_width and starts_uppercase(text)


def splits(unit: Unit, text: str, context: ListContext) -> bool:
    """Inside one block, does this line start a new item? In reference lists without bullets
    every line does; in lists an item ending with ';' is followed by a new one."""
    if context == "plans":
        # in a bulleted list a line without a bullet is the item's wrapped end
        bulleted = unit.marker is not None and unit.marker.kind == "bullet"
        return not bulleted and not continues(unit, text)
    if context is not None and starts_uppercase(text):
        last = unit.last_text
        if last.endswith(";"):
            return True
        # a closed sub-list ("o … qualité.") followed by the objective's own closing words
        return context == "objectives" and unit.marker is not None and unit.marker.glyph in "o0" and last.endswith(".")
    return False
