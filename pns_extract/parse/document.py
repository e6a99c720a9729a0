"""The structural pass: body lines -> units -> preamble, chapters, themes.

It reads line by line, opening a unit (paragraph or list item) and deciding at
each line whether it continues the unit, starts a new one, or is a heading.
Closed units are filed by the part of the plan they stand in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

from .. import __version__
from ..ingest.lines import Line, SourceDocument
from ..model import (
    Chapter,
    Coverage,
    Document,
    DocumentInfo,
    Notice,
    Period,
    PrintedHeading,
    Residue,
    Section,
    Signatory,
    Source,
    Theme,
)
from .footnotes import attach_footnotes
from .furniture import Prepared, prepare, running_title
from .numbering import Numbering, decide, find_candidates
from .outline import (
    Outline,
    find_outline,
    heading_at,
    heading_tail,
    part_title_at,
    place_chapters,
    signature_names,
    split_roles,
    standalone,
)
from .patterns import (
    NumberedHeading,
    chapter_marker,
    fold,
    group_heading,
    lone_number,
)
from .quality import assess
from .themes import ThemeBuilder
from .units import ListContext, Unit, UnitReader

Zone = Literal["front", "preamble", "chapter", "themes"]
HeadingRole = Literal["preamble", "chapter", "section", "theme", "part", "group", "signatures"]
THEMES_CHAPTER = 2


Starting = TypeVar("Starting", Chapter, Theme)


@dataclass(slots=True)
class Owners:
    """Where each chapter and theme starts, to tell which one a line (a footnote, its call)
    belongs to."""

    chapter_starts: list[tuple[int, Chapter]] = field(default_factory=list)  # (line number, chapter)
    theme_starts: list[tuple[int, Theme]] = field(default_factory=list)

    def owner_of(self, line_number: int) -> Theme | Chapter | None:
        chapter = _last_started(self.chapter_starts, line_number)
        if chapter is not None and chapter.number == THEMES_CHAPTER:
            return _last_started(self.theme_starts, line_number) or chapter
        return chapter


def _last_started(starts: list[tuple[int, Starting]], line_number: int) -> Starting | None:
    found = None
    for start, item in starts:
        if start <= line_number:
            found = item
    return found


@dataclass(slots=True)
class Walker:
    body: list[Line]
    outline: Outline
    line_width: int
    zone: Zone = "front"
    info: DocumentInfo = field(default_factory=lambda: DocumentInfo(title=None, period=None, language="fr"))
    chapters: list[Chapter] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    owners: Owners = field(default_factory=lambda: Owners())
    numbering: Numbering = field(default_factory=Numbering)
    builder: ThemeBuilder | None = None
    units: UnitReader = field(default_factory=UnitReader)
    placed: set[int] = field(default_factory=set)
    unplaced: list[Residue] = field(default_factory=list)
    roles_for: list[int] = field(default_factory=list)  # signatory indexes waiting for their roles
    headings: list[PrintedHeading] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    skip: set[int] = field(default_factory=set)  # body indexes already consumed (wrapped heading lines)

    # --- main loop ----------------------------------------------------------

    def run(self) -> None:
        implicit = {index: number for number, (index, _, marked) in self.outline.chapters.items() if not marked}
        previous_page = None
        for i, line in enumerate(self.body):
            if i in implicit:
                self.close()
                self.start_chapter(implicit[i], None, line)
            if i in self.skip:
                continue
            text = line.text.strip()
            if line.page != previous_page:
                self.units.mark_break()
                previous_page = line.page
            if not text:
                self.units.mark_break()
                continue
            if role := self.heading(i, line, text):
                self.placed.add(line.number)
                self.headings.append(PrintedHeading(page=line.page, line=line.number, text=text, role=role))
                self.units.mark_break()
                continue
            if (number := lone_number(text)) is not None:
                self.keep_unplaced(self.units.lone_number(number, line))
                continue
            if (closed := self.units.add(line, text, self.list_context())) is not None:
                self.file(closed)
        self.close()
        self.keep_unplaced(self.units.drop_pending())
        if self.builder is not None:
            self.builder.finish()

    def keep_unplaced(self, line: Line | None) -> None:
        """A list number that no item followed: keep it in residue."""
        if line is not None:
            self.unplaced.append(Residue(page=line.page, line=line.number, text=line.text.strip(), kind="unplaced"))

    def list_context(self) -> ListContext:
        """The kind of list a line stands in: where items end depends on it."""
        part = self.builder.part if self.builder is not None and self.zone == "themes" else None
        if part == "plans" or part == "objectives":
            return part
        return "list" if part in ("attention", "missions") else None

    def close(self) -> None:
        if (unit := self.units.close()) is not None:
            self.file(unit)

    def file(self, unit: Unit) -> None:
        """A finished unit goes where the walk stands: a theme, a chapter, the preamble."""
        self.placed.update(unit.line_numbers)
        if self.zone == "themes" and self.builder is not None:
            self.builder.add(unit)
        elif self.zone == "themes" or self.zone == "chapter":
            chapter = self.chapters[-1]
            target = chapter.sections[-1].paragraphs if chapter.sections else chapter.paragraphs
            target.append(unit.text)
        elif self.zone == "preamble":
            self.info.preamble.append(unit.text)
        else:
            self.placed.difference_update(unit.line_numbers)
            for line in [*unit.consumed, *unit.lines]:
                self.keep_unplaced(line)

    # --- headings -----------------------------------------------------------

    def heading(self, i: int, line: Line, text: str) -> HeadingRole | None:
        """If the line is a heading, act on it and say what it opens."""
        if i == self.outline.preamble:
            self.close()
            self.zone = "preamble"
            self.info.preamble_page = line.page
            return "preamble"
        marker = chapter_marker(text)
        if marker and self.outline.chapters.get(marker[0], (None,))[0] == i:
            self.close()
            self.start_chapter(marker[0], marker[1], line)
            return "chapter"
        if i == self.outline.signatures:
            self.close()
            names = signature_names(text)
            self.roles_for = list(range(len(self.info.signatories), len(self.info.signatories) + len(names)))
            self.info.signatories.extend(Signatory(name=name, role=None) for name in names)
            return "signatures"
        if self.roles_for:
            roles = split_roles(text, len(self.roles_for))
            for index, role in zip(self.roles_for, roles, strict=True):
                self.info.signatories[index].role = role
            self.roles_for = []
            return "signatures"
        if self.zone == "themes":
            return self.theme_heading(i, line, text)
        if self.zone == "chapter" and self.section_heading(i, line, text):
            return "section"
        return None

    def theme_heading(self, i: int, line: Line, text: str) -> HeadingRole | None:
        number = self.numbering.themes.get(i)
        if number is not None and (found := heading_at(self.body, i)) is not None:
            heading, end = found
            self.close()
            for j in range(i + 1, end + 1):  # the title below a lone number, or a wrapped title
                self.consume_heading_line(j)
            for j in heading_tail(self.body, end):  # a title the layout wrapped
                heading = replace(heading, title=f"{heading.title} {self.body[j].text.strip()}")
                self.consume_heading_line(j)
            self.start_theme(number, heading, line)
            return "theme"
        builder = self.builder
        if builder is None:
            return None
        if (part := part_title_at(self.body, i)) is not None:
            (kind, section), end = part
            self.close()
            builder.start_part(kind, section)
            for j in range(i + 1, end + 1):  # the end of a title a narrow measure wrapped
                self.consume_heading_line(j, "part")
            return "part"
        group = group_heading(text)
        by_actor = group is not None and fold(group[1]).startswith("pour la police")
        if group is not None and (builder.part == "objectives" or by_actor) and self.after_break(i):
            self.close()
            if builder.part != "objectives":  # its part title is on a page this input lacks
                builder.start_part("objectives")
            builder.start_group(group[0], group[1], line.page)
            return "group"
        return None

    def consume_heading_line(self, j: int, role: HeadingRole = "theme") -> None:
        line = self.body[j]
        self.skip.add(j)
        self.placed.add(line.number)
        self.headings.append(PrintedHeading(page=line.page, line=line.number, text=line.text.strip(), role=role))

    def after_break(self, i: int) -> bool:
        unit = self.units.unit
        return unit is None or self.units.gap or unit.last_text.rstrip().endswith((".", ";", ":"))

    def section_heading(self, i: int, line: Line, text: str) -> bool:
        found = heading_at(self.body, i)
        chapter = self.chapters[-1] if self.chapters else None
        if chapter is None or found is None:
            return False
        heading, end = found
        if heading.minor is not None or not standalone(self.body, i, end) or heading.major != len(chapter.sections) + 1:
            return False
        self.close()
        for j in range(i + 1, end + 1):
            self.consume_heading_line(j, "section")
        chapter.sections.append(
            Section(
                id=f"{chapter.id}__section_{heading.major}",
                number=str(heading.major),
                title=heading.title,
                page=line.page,
                line=line.number,
            )
        )
        return True

    # --- starting parts ---------------------------------------------------

    def start_chapter(self, number: int, title: str | None, line: Line) -> None:
        if self.builder is not None:
            self.builder.finish()
            self.builder = None
        chapter = Chapter(id=f"chapter_{number}", number=number, title=title, page=line.page, line=line.number)
        self.chapters.append(chapter)
        self.owners.chapter_starts.append((line.number, chapter))
        self.zone = "themes" if number == THEMES_CHAPTER else "chapter"
        if self.zone == "themes" and self.outline.inherited_theme is not None and not self.themes:
            major, minor = self.outline.inherited_theme
            number = str(major) if minor is None else f"{major}.{minor}"
            # its title is on a page this input does not have: null, never invented
            self.start_theme(number, NumberedHeading(major, minor, ""), line)
            self.themes[-1].title = None
            # before theme 4, the text may belong to 3 or to the last of 3's sub-themes: say so
            doubt = " or in one of its sub-themes" if minor is None else ""
            self.warnings.append(
                Notice(
                    kind="structure",
                    message=f"theme {number}: the input starts inside it{doubt}; its number is inferred "
                    "from the next theme",
                    page=line.page,
                    line=line.number,
                )
            )

    def start_theme(self, number: str, heading: NumberedHeading, line: Line) -> None:
        if self.builder is not None:
            self.builder.finish()
        parent = number.rsplit(".", 1)[0] if "." in number else None
        theme = Theme(
            id=f"theme_{number}", number=number, parent=parent, title=heading.title, page=line.page, line=line.number
        )
        self.themes.append(theme)
        self.owners.theme_starts.append((line.number, theme))
        self.builder = ThemeBuilder(theme=theme, line_width=self.line_width)


def read_numbering(body: list[Line], outline: Outline) -> Numbering:
    """The themes' numbering over the themes chapter: from the first theme to the next chapter."""
    if outline.first_theme is None:
        return Numbering()
    later = [index for index, _, _ in outline.chapters.values() if index > outline.first_theme]
    stop = min(later, default=len(body))
    candidates, parts = find_candidates(body, outline.first_theme, stop)
    return decide(candidates, parts, first=outline.first_theme)


def typical_width(lines: list[Line]) -> int:
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def document_title(lines: list[Line]) -> tuple[str | None, Period | None]:
    years = running_title(lines)
    if years is None:
        return None, None
    start, end = (int(year) for year in years.split("-"))
    return f"Plan national de sécurité {start}-{end}", Period(start=start, end=end)


def parse_document(source: SourceDocument) -> Document:
    """Structure a source document. Never raises on odd text: what cannot be placed goes
    to ``residue`` and ``warnings``."""
    lines = source.lines()
    prepared, warnings = prepare(lines)
    outline = find_outline(prepared.body)
    numbering = read_numbering(prepared.body, outline)
    first = min(numbering.themes, default=None)
    place_chapters(outline, prepared.body, first, numbering.themes.get(first) if first is not None else None)
    walker = Walker(body=prepared.body, outline=outline, numbering=numbering, line_width=typical_width(prepared.body))
    walker.units.line_width = walker.line_width
    walker.run()
    warnings = [
        *source.warnings,
        *warnings,
        *numbering.warnings,
        *walker.warnings,
        *attach_footnotes(prepared.footnotes, prepared.body, walker.owners.owner_of, unowned=walker.info.preamble),
    ]
    title, period = document_title(lines)
    walker.info.title = title
    walker.info.period = period
    residue = sorted([*prepared.residue, *walker.unplaced], key=lambda r: r.line)
    document = Document(
        tool_version=__version__,
        source=Source(
            file=source.file,
            sha256=source.sha256,
            kind=source.kind,
            pages=len(source.pages),
            ocr_pages=source.ocr_pages,
            failed_pages=source.failed_pages,
            page_labels=_labels(source, prepared),
        ),
        document=walker.info,
        chapters=walker.chapters,
        themes=walker.themes,
        glossary=prepared.glossary,
        headings=walker.headings,
        residue=residue,
        coverage=_coverage(lines, prepared, walker, residue),
        warnings=warnings,
    )
    document.quality, doubts = assess(document, numbering.points, numbering.consistent)
    document.warnings.extend(doubts)
    return document


def _labels(source: SourceDocument, prepared: Prepared) -> dict[str, str]:
    labels = {str(page.number): page.label for page in source.pages if page.label}
    labels.update(prepared.page_labels)
    return dict(sorted(labels.items(), key=lambda item: int(item[0])))


def _coverage(lines: list[Line], prepared: Prepared, walker: Walker, residue: list[Residue]) -> Coverage:
    content = {line.number for line in lines if line.text.strip()}
    placed = (walker.placed | prepared.placed) & content
    return Coverage(lines=len(content), placed=len(placed), residue=len({r.line for r in residue} & content))
