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


def _pages(element: object, field: str, count: int, default: int) -> list[int]:
    """Per-paragraph pages when the model carries them (``description_pages`` ...), else the
    element's first page for every paragraph."""
    pages = getattr(element, field, None)
    if isinstance(pages, list) and len(pages) == count:
        return pages
    return [default] * count


def theme_passages(theme: Theme) -> Iterator[Passage]:
    number = theme.number

    def at(page: int, kind: str, text: str | None) -> Iterator[Passage]:
        if text and text.strip():
            yield Passage(number, number, page, kind, text)

    # Without per-paragraph pages, the theme's first page is the best we know.
    for page, paragraph in zip(
        _pages(theme, "description_pages", len(theme.description), theme.page), theme.description, strict=True
    ):
        yield from at(page, "description", paragraph)
    for page, mission in zip(
        _pages(theme, "missions_pages", len(theme.missions), theme.page), theme.missions, strict=True
    ):
        yield from at(page, "mission", mission)
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
        pages = _pages(chapter, "paragraph_pages", len(chapter.paragraphs), chapter.page)
        for page, paragraph in zip(pages, chapter.paragraphs, strict=True):
            if paragraph.strip():
                yield Passage(where, None, page, "chapter", paragraph)
        for section in chapter.sections:
            if section.title and section.title.strip():
                yield Passage(where, None, section.page, "section", section.title)
            pages = _pages(section, "paragraph_pages", len(section.paragraphs), section.page)
            for page, paragraph in zip(pages, section.paragraphs, strict=True):
                if paragraph.strip():
                    yield Passage(where, None, page, "section", paragraph)


def passages(document: Document) -> Iterator[Passage]:
    """Every passage of text in document order: preamble, chapters, with the themes
    (chapter 2 in the PNS) placed after the chapters that precede them."""
    info = document.document
    pages = _pages(info, "preamble_pages", len(info.preamble), info.preamble_page or 1)
    for page, paragraph in zip(pages, info.preamble, strict=True):
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
