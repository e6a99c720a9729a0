"""Walk a Document as passages of text with their place: the one traversal every
extractor shares, so that "where" means the same thing in every enrichment."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Document, Theme

# Passage kinds; extractors pick what they read (e.g. NCSI ties from prose only).
PROSE_KINDS = frozenset(
    {
        "preamble",
        "chapter",
        "section",
        "description",
        "mission",
        "group",
        "objective",
        "attention",
        "footnote",
    }
)


@dataclass(frozen=True, slots=True)
class Passage:
    where: str  # theme number, 'preamble' or 'chapter_N'
    theme: str | None  # theme number, or None outside themes
    page: int
    kind: str  # preamble, chapter, section, description, mission, group, objective, attention, ...
    text: str


def theme_passages(theme: Theme) -> Iterator[Passage]:
    number = theme.number

    def at(page: int, kind: str, text: str | None) -> Iterator[Passage]:
        if text and text.strip():
            yield Passage(number, number, page, kind, text)

    # Description paragraphs carry no page of their own: the theme's page is the best we know.
    for paragraph in theme.description:
        yield from at(theme.page, "description", paragraph)
    for mission in theme.missions:
        yield from at(theme.page, "mission", mission)
    for group in theme.objective_groups:
        yield from at(group.page, "group", group.intro)
    for objective in theme.objectives:
        yield from at(objective.page, "objective", objective.title)
        yield from at(objective.page, "objective", objective.text)
        for item in objective.items:
            yield from at(objective.page, "objective", item)
    for point in theme.attention_points:
        yield from at(point.page, "attention", f"{point.label} : {point.text}" if point.label else point.text)
    for ref in theme.action_plans:
        yield from at(ref.page, "action_plan", ref.title)
    for note in theme.footnotes:
        yield from at(note.page, "footnote", note.text)


def _chapter_passages(document: Document, number: int) -> Iterator[Passage]:
    for chapter in document.chapters:
        if chapter.number != number:
            continue
        where = f"chapter_{chapter.number}"
        for paragraph in chapter.paragraphs:
            if paragraph.strip():
                yield Passage(where, None, chapter.page, "chapter", paragraph)
        for section in chapter.sections:
            if section.title and section.title.strip():
                yield Passage(where, None, section.page, "section", section.title)
            for paragraph in section.paragraphs:
                if paragraph.strip():
                    yield Passage(where, None, section.page, "section", paragraph)


def passages(document: Document) -> Iterator[Passage]:
    """Every passage of text in document order: preamble, chapters, with the themes
    (chapter 2 in the PNS) placed after the chapters that precede them."""
    info = document.document
    page = info.preamble_page or 1
    for paragraph in info.preamble:
        if paragraph.strip():
            yield Passage("preamble", None, page, "preamble", paragraph)
    numbers = sorted({chapter.number for chapter in document.chapters})
    first_theme_page = min((theme.page for theme in document.themes), default=None)
    before = [n for n in numbers if _starts_before(document, n, first_theme_page)]
    for number in before:
        yield from _chapter_passages(document, number)
    for theme in document.themes:
        yield from theme_passages(theme)
    for number in numbers:
        if number not in before:
            yield from _chapter_passages(document, number)


def _starts_before(document: Document, number: int, page: int | None) -> bool:
    if page is None:
        return True
    return any(c.number == number and c.page <= page for c in document.chapters)
