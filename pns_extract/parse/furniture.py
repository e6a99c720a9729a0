"""First pass over the lines: what is not body text.

Running footers and page numbers, pictogram noise, footnotes at page bottoms
and the abbreviation list are taken out here, so the structural pass sees only
the body. Nothing is dropped: furniture and noise go to ``residue``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..ingest.lines import Line
from ..model import GlossaryEntry, Notice, Residue
from .patterns import clean_spaces, fold, glossary_heading, is_noise, list_marker

_TITLE = re.compile(r"plan national de securite\s*(\d{4})\s*[-–—]+\s*(\d{4})")
_FOOTER = re.compile(r"^(?P<title>.{6,}?)\s*[-–—|:·•]\s*(?P<page>\d{1,3})$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(\d{1,3})(?:\s*/\s*\d{1,3})?$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(?P<number>\d{1,2})\s*(?P<text>[^\d\s.)].*|\d[A-Za-zÀ-ÿ].*)$")
_GLOSSARY_LINE = re.compile(r"^(?P<acronym>[A-Za-z][\w&/.\-]{0,11})\s*(?:[:–—]\s*|\s+)(?P<expansion>\S.*)$")


@dataclass(slots=True)
class RawFootnote:
    printed: str
    text: str
    page: int
    line: int


@dataclass(slots=True)
class Prepared:
    body: list[Line]  # body lines in reading order; "" marks a paragraph break
    residue: list[Residue] = field(default_factory=list)
    footnotes: list[RawFootnote] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    glossary_start: int | None = None  # line number where the abbreviation list begins
    page_labels: dict[str, str] = field(default_factory=dict)
    placed: set[int] = field(default_factory=set)  # line numbers placed in an element here
    footer_lines: set[int] = field(default_factory=set)


def running_title(lines: list[Line]) -> str | None:
    counts = Counter(
        f"{match.group(1)}-{match.group(2)}" for line in lines if (match := _TITLE.search(fold(line.text)))
    )
    return counts.most_common(1)[0][0] if counts else None


def _footer_key(text: str) -> str | None:
    match = _FOOTER.match(fold(text))
    return re.sub(r"\d", "#", match.group("title")) if match else None


def find_furniture(lines: list[Line]) -> set[int]:
    """Running footers/headers: a line of the document's title with a page number, a line that
    repeats on several pages once digits are masked, or a bare page number at a page's edge."""
    furniture = {line.number for line in lines if line.hint == "furniture"}
    keys = Counter(key for line in lines if (key := _footer_key(line.text)))
    for line in lines:
        key = _footer_key(line.text)
        if key and (keys[key] >= 2 or _TITLE.search(key.replace("#", "0"))):
            furniture.add(line.number)
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.text.strip():
            by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        for edge in (page_lines[0], page_lines[-1]):
            if _PAGE_NUMBER.match(edge.text.strip()) and not edge.text.strip().endswith("."):
                furniture.add(edge.number)
    return furniture


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _numbered_note(line: Line) -> bool:
    """A footnote starts with its number (no dot: ``1. …`` is a list item)."""
    text = line.text.strip()
    if not _FOOTNOTE.match(text) or re.match(r"^\d{1,2}[.)]", text):
        return False
    # with font sizes (PDF text layer), a note is set small; body-size numbered blocks are lists
    return line.hint == "footnote" or line.method != "pdf"


def _list_item(block: list[Line]) -> bool:
    """French list items end with ';' (the last with '.'), notes with a full stop."""
    return block[0].hint != "footnote" and block[-1].text.rstrip().endswith(";")


def find_footnotes(segment: list[Line]) -> list[list[Line]]:
    """Footnotes are the blocks at the very bottom of a page that start with a bare number.
    Small-type lines without a number continue the note above them. A run of numbered blocks
    announced by a colon, ending in ';', or continuing a numbered list of the body is a list."""
    blocks = _blocks(segment)
    notes: list[list[Line]] = []
    tail: list[Line] = []  # small-type lines waiting for the numbered start of their note
    first = len(blocks)  # index of the first block of the notes
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if _numbered_note(block[0]) and not _list_item(block):
            notes.insert(0, block + tail)
            tail = []
            first = index
        elif all(line.hint == "footnote" for line in block):
            tail = block + tail
        else:
            break
    if not notes:
        return []
    body = blocks[:first]
    if not body:
        return []  # a page of nothing but numbered blocks is a list
    previous = body[-1]
    if notes[0][0].hint != "footnote":
        first_number = int(re.match(r"\d+", notes[0][0].text.strip()).group())
        marker = list_marker(previous[0].text.strip())
        if previous[-1].text.rstrip().endswith(":") or (
            marker and marker.glyph.isdigit() and int(marker.glyph) == first_number - 1
        ):
            return []
    return notes


def glossary_line(text: str) -> tuple[str, str] | None:
    match = _GLOSSARY_LINE.match(text.strip())
    if not match:
        return None
    acronym = match.group("acronym")
    if sum(ch.isupper() for ch in acronym) < 2 or not match.group("expansion")[0].isupper():
        return None
    return acronym, clean_spaces(match.group("expansion"))


GLOSSARY_GAP = 6  # odd lines (a note, page noise, a hand annotation) the glossary may hold in one place
GLOSSARY_RESUME = 3  # entries in a row before such a gap: the glossary goes on there
GLOSSARY_ODD = 3  # consecutive lines that are not entries: odd lines, not doubtful entries
GLOSSARY_STRAY_WINDOW = 40  # lines before the glossary searched for entries it lost
GLOSSARY_STRAY = 3  # entry-shaped lines there: say so


def find_glossary(lines: list[Line]) -> int | None:
    """Index (into ``lines``) where the abbreviation list starts: after a 'Glossaire' heading, or
    the longest run of 'ACRONYM Expansion' lines that reaches the end of the document. The run
    goes on past one or two lines that are not entries, and past a few odd lines (up to
    ``GLOSSARY_GAP``) when entries resume right before them: four stray lines must not cut
    the glossary in two and leave its first half in the last chapter's paragraphs."""
    texts = [(i, line) for i, line in enumerate(lines) if line.text.strip()]
    for i, line in texts:
        if glossary_heading(line.text):
            return i
    shaped = [position for position, (_, line) in enumerate(texts) if glossary_line(line.text)]
    if not shaped or len(texts) - 1 - shaped[-1] > 2:
        return None
    first = len(shaped) - 1
    while first > 0:
        gap = shaped[first] - shaped[first - 1] - 1
        resumed = (
            first >= GLOSSARY_RESUME and shaped[first - 1] - shaped[first - GLOSSARY_RESUME] == GLOSSARY_RESUME - 1
        )
        if gap <= 2 or (gap <= GLOSSARY_GAP and resumed):
            first -= 1
        else:
            break
    if len(shaped) - first < 5:
        return None
    return texts[shaped[first]][0]


def stray_glossary_lines(lines: list[Line], start: int) -> list[Line]:
    """Entry-shaped lines just before the glossary found at ``start``: entries it may have lost."""
    before = [line for line in lines[:start] if line.text.strip()][-GLOSSARY_STRAY_WINDOW:]
    return [line for line in before if glossary_line(line.text)]


def parse_glossary(lines: list[Line]) -> tuple[list[GlossaryEntry], list[Notice], list[Line]]:
    """Entries, warnings, and the odd lines (runs of ``GLOSSARY_ODD`` or more lines that are
    neither entries nor continuations: they belong in residue, not in an entry)."""
    entries: list[GlossaryEntry] = []
    warnings: list[Notice] = []
    odd = _odd_glossary_lines(lines)
    for line in lines:
        text = line.text.strip()
        if not text or glossary_heading(text) or line.number in odd:
            continue
        if parsed := glossary_line(text):
            entries.append(GlossaryEntry(acronym=parsed[0], expansion=parsed[1], page=line.page))
        elif entries and text[0].islower():
            entries[-1].expansion = clean_spaces(f"{entries[-1].expansion} {text}")
        else:
            acronym, _, expansion = text.partition(" ")
            entries.append(GlossaryEntry(acronym=acronym, expansion=clean_spaces(expansion), page=line.page))
            warnings.append(
                Notice(
                    kind="glossary",
                    message=f"glossary entry {text!r} has a doubtful acronym",
                    page=line.page,
                    line=line.number,
                )
            )
    kept = [line for line in lines if line.number in odd]
    if kept:
        warnings.append(
            Notice(
                kind="glossary",
                message=f"{len(kept)} line(s) inside the glossary are not entries: kept in residue",
                page=kept[0].page,
                line=kept[0].number,
            )
        )
    return entries, warnings, kept


def _odd_glossary_lines(lines: list[Line]) -> set[int]:
    odd: set[int] = set()
    run: list[Line] = []
    for line in [*lines, None]:
        text = line.text.strip() if line is not None else ""
        if line is not None and not text:
            continue
        other = line is not None and not glossary_heading(text) and not glossary_line(text) and not text[0].islower()
        if other:
            run.append(line)
            continue
        if len(run) >= GLOSSARY_ODD:
            odd.update(item.number for item in run)
        run = []
    return odd


def prepare(lines: list[Line]) -> tuple[Prepared, list[Notice]]:
    warnings: list[Notice] = []
    furniture = find_furniture(lines)
    prepared = Prepared(body=[])
    title = running_title(lines)
    if title:
        for line in lines:
            if line.number in furniture and (match := _FOOTER.match(fold(line.text))):
                prepared.page_labels[str(line.page)] = match.group("page")
    kept: list[Line] = []
    for line in lines:
        text = line.text.strip()
        if line.number in furniture:
            prepared.residue.append(Residue(page=line.page, line=line.number, text=text, kind="furniture"))
            prepared.footer_lines.add(line.number)
            kept.append(Line(page=line.page, number=line.number, text="", method=line.method))
        elif text and is_noise(text):
            prepared.residue.append(Residue(page=line.page, line=line.number, text=text, kind="noise"))
        else:
            kept.append(line)

    glossary_at = find_glossary(kept)
    body_lines = kept if glossary_at is None else kept[:glossary_at]
    if glossary_at is not None:
        prepared.glossary_start = kept[glossary_at].number
        prepared.glossary, glossary_warnings, odd = parse_glossary(kept[glossary_at:])
        warnings.extend(glossary_warnings)
        odd_numbers = {line.number for line in odd}
        prepared.residue.extend(Residue(page=x.page, line=x.number, text=x.text.strip(), kind="unplaced") for x in odd)
        prepared.placed.update(line.number for line in kept[glossary_at:] if line.text.strip())
        prepared.placed.difference_update(odd_numbers)
        if len(stray := stray_glossary_lines(kept, glossary_at)) >= GLOSSARY_STRAY:
            warnings.append(
                Notice(
                    kind="glossary",
                    message=f"{len(stray)} line(s) shaped like glossary entries are left before the glossary",
                    page=stray[0].page,
                    line=stray[0].number,
                )
            )

    # Page bottoms: the end of a physical page, or a running footer inside an OCR'd page.
    segments: list[list[Line]] = [[]]
    for i, line in enumerate(body_lines):
        if i and line.page != body_lines[i - 1].page:
            segments.append([])
        segments[-1].append(line)
        if line.number in prepared.footer_lines:
            segments.append([])
    note_lines: set[int] = set()
    for segment in segments:
        for block in find_footnotes(segment):
            match = re.match(r"^(\d{1,2})\s*(.*)$", block[0].text.strip())
            printed, first = match.group(1), match.group(2)
            text = clean_spaces(" ".join([first, *(line.text for line in block[1:])]))
            prepared.footnotes.append(RawFootnote(printed, text, block[0].page, block[0].number))
            note_lines.update(line.number for line in block)
    prepared.placed.update(note_lines)
    prepared.body = [line for line in body_lines if line.number not in note_lines]
    return prepared, warnings
