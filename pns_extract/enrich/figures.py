"""Figures of the resources chapter (chapter 3 in the PNS): budget amounts, staff numbers,
percentages, ratios and dates, each with the sentence it comes from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

from ..model import Figure
from ..textnorm import fold_aligned, squash
from .legal import DATE
from .ncsi import sentences
from .text_index import Passage

FigureKind = Literal["amount", "staff", "percentage", "ratio", "count", "date"]
RESOURCES_CHAPTER = 3
NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = r"(?:milliards?|millions?|milliers?|mia\.?|mio\.?|k)"
_STAFF = (
    r"(?:membres?\s+du\s+personnel|personnes|collaborateurs|collaboratrices|agents|policiers|policieres"
    r"|inspecteurs|enqueteurs|equivalents?\s+temps\s+plein|ETP|FTE|recrues|aspirants|effectifs)"
)
_STAFF_ADJ = r"(?:nouveaux|nouvelles|jeunes|autres)"
PATTERNS: tuple[tuple[FigureKind, re.Pattern[str]], ...] = (
    ("amount", re.compile(rf"(?<![\d,])(?:{NUMBER})\s*(?:{_SCALE}\s*)?(?:d'euros|d'EUR|euros?|EUR|€)", re.I)),
    ("amount", re.compile(rf"(?:€|\bEUR)\s*(?:{NUMBER})(?:\s*{_SCALE}\b)?")),
    ("percentage", re.compile(rf"(?<![\d,])(?:{NUMBER})\s*(?:%|pour\s*cent\b|pourcents?\b)", re.I)),
    ("ratio", re.compile(r"(?<![\d/,.])\d{1,3}\s*/\s*\d{1,3}(?![\d/])")),
    ("staff", re.compile(rf"(?<![\d,])(?:{NUMBER})\s+(?:{_STAFF_ADJ}\s+)?{_STAFF}\b", re.I)),
    ("date", re.compile(rf"\b{DATE}", re.I)),
)


def find_figures(sentence: str) -> Iterator[tuple[FigureKind, str]]:
    """(kind, value as printed) for each figure of ``sentence``; the longest wins on overlap."""
    folded = fold_aligned(sentence)
    spans = sorted(
        ((m.start(), m.end(), kind) for kind, pattern in PATTERNS for m in pattern.finditer(folded)),
        key=lambda span: (span[0], -span[1]),
    )
    end = -1
    for start, stop, kind in spans:
        if start >= end:
            yield kind, squash(sentence[start:stop])
            end = stop


def chapter_figures(passages: Iterable[Passage], chapter: int = RESOURCES_CHAPTER) -> list[Figure]:
    where = f"chapter_{chapter}"
    figures: list[Figure] = []
    for passage in passages:
        if passage.where != where:
            continue
        for sentence in sentences(passage.text):
            for kind, value in find_figures(sentence):
                figures.append(Figure(kind=kind, value=value, sentence=sentence, page=passage.page))
    return figures
