"""First pass over the lines: what is not body text.

Running footers and page numbers, pictogram noise, footnotes at page bottoms
(found by ``footnotes``) and the abbreviation list are taken out here, so the
structural pass sees only the body. Nothing is dropped: furniture and noise go
to ``residue``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..ingest.layout import PAGE_NUMBER
from ..ingest.lines import Line
from ..model import GlossaryEntry, Notice, Residue
from .footnotes import RawFootnote, collect_footnotes
from .patterns import clean_spaces, closes_quote, ends_terminal, fold, glossary_heading, is_noise

_TITLE = re.compile(r"plan national de securite\s*(\d{4})\s*[-–—]+\s*(\d{4})")
_FOOTER = re.compile(r"^(?P<title>.{6,}?)\s*[-–—|:·•]\s*(?P<page>\d{1,3})$")
_GLOSSARY_LINE = re.compile(r"^(?P<acronym>[A-Za-z][\w&/.\-]{0,11})\s*(?:[:–—]\s*|\s+)(?P<expansion>\S.*)$")


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


def _edges(lines: list[Line]) -> list[tuple[Line, Line]]:
    """The first and last non-empty line of each page."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.text.strip():
            by_page.setdefault(line.page, []).append(line)
    return [(page_lines[0], page_lines[-1]) for page_lines in by_page.values()]


def lone_page_number(text: str) -> str | None:
    """The number of a line that is only a page number, in any usual format ("12", "- 12 -", "12/47",
    "Page 12", "p. 12"); "12." is a list number, not a page number."""
    text = text.strip()
    if not PAGE_NUMBER.fullmatch(text) or text.endswith("."):
        return None
    return re.search(r"\d+", text).group()


def find_furniture(lines: list[Line]) -> set[int]:
    """Running footers/headers: a line of the document's title with a page number, a line at a page's
    edge that repeats on many pages once digits are masked, or a page number alone at a page's edge."""
    furniture = {line.number for line in lines if line.hint == "furniture"}
    keys = Counter(key for line in lines if (key := _footer_key(line.text)))
    for line in lines:
        key = _footer_key(line.text)
        if key and (keys[key] >= 2 or _TITLE.search(key.replace("#", "0"))):
            furniture.add(line.number)
    edges = _edges(lines)
    # a running header or footer without a page number: the same text at the same edge of many pages
    # (and, where the input says where lines stand, at the same height: a list's last title that
    # happens to end a few pages stands wherever its column ends)
    repeats: dict[tuple[int, str], list[Line]] = defaultdict(list)
    for pair in edges:
        for where, line in enumerate(pair):
            repeats[(where, _masked(line.text))].append(line)
    enough = max(3, 0.4 * len(edges))  # most pages: a part title opening a few pages is no header
    for pair in edges:
        for where, edge in enumerate(pair):
            if (
                lone_page_number(edge.text) is not None
                or _same_place(edge, repeats[(where, _masked(edge.text))]) >= enough
            ):
                furniture.add(edge.number)
    return furniture


def _same_place(line: Line, repeats: list[Line]) -> int:
    """How many of ``repeats`` stand where ``line`` stands on its page (all of them for lines
    without a position: plain text)."""
    if line.top is None:
        return len(repeats)
    tolerance = 1.5 * (line.font_size or 10.0)  # a scan's skew moves a footer by a point or two
    return sum(1 for other in repeats if other.top is None or abs(other.top - line.top) <= tolerance)


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text))


def page_labels(lines: list[Line], furniture: set[int]) -> dict[str, str]:
    """Printed page numbers read off the furniture: a running footer (a title and a number), or a page
    number alone. Lone numbers must follow the physical pages at about one offset
    (a page of the input may hold two printed pages): a stray number elsewhere is not a label."""
    titled: dict[int, str] = {}
    lone: dict[int, int] = {}
    for line in lines:
        if line.number not in furniture or line.page in titled or line.page in lone:
            continue
        match = _FOOTER.match(fold(line.text))
        if match:
            titled[line.page] = match.group("page")
        elif (number := lone_page_number(line.text)) is not None:
            lone[line.page] = int(number)
    labels = {str(page): number for page, number in titled.items()}
    offsets = Counter(number - page for page, number in lone.items())
    if offsets:
        offset = offsets.most_common(1)[0][0]
        for page, number in lone.items():
            if str(page) not in labels and offset <= number - page <= offset + 2:
                labels[str(page)] = str(number)
    return labels


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
GLOSSARY_PHRASE_CHARS = 90  # an expansion without its acronym is a short phrase, not a paragraph's line
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
    if not shaped or not _glossary_end([line for _, line in texts[shaped[-1] + 1 :]]):
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


def _glossary_end(after: list[Line]) -> bool:
    """What follows the last entry can still end the glossary: a line or two, or only short phrases
    that are no sentences (expansions whose acronyms a scan lost: kept as odd lines, with a warning)."""
    return len(after) <= 2 or all(
        len(line.text.strip()) <= GLOSSARY_PHRASE_CHARS and not ends_terminal(line.text) for line in after
    )


def stray_glossary_lines(lines: list[Line], start: int) -> list[Line]:
    """Entry-shaped lines just before the glossary found at ``start``: entries it may have lost."""
    before = [line for line in lines[:start] if line.text.strip()][-GLOSSARY_STRAY_WINDOW:]
    return [line for line in before if glossary_line(line.text)]


def parse_glossary(
    lines: list[Line], furniture: set[int] | None = None
) -> tuple[list[GlossaryEntry], list[Notice], list[Line]]:
    """Entries ``ACRONYM Expansion``, warnings, and the odd lines (runs of ``GLOSSARY_ODD`` or more
    lines that are neither entries nor continuations: they belong in residue, not in an entry).

    A line that is not shaped like an entry continues the entry above when it starts in lowercase,
    or when the line above was full (its next word would not have fitted: an expansion wrapped by a
    narrow column); else it is an entry with a doubtful acronym (a warning). The blank lines left by
    running headers and footers (``furniture``) part nothing."""
    furniture = furniture or set()
    entries: list[GlossaryEntry] = []
    warnings: list[Notice] = []
    odd = _odd_glossary_lines(lines)
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    measure = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    previous = ""  # the line above, when nothing parts it from this one
    for blanks, run in itertools.groupby(lines, key=lambda line: not line.text.strip()):
        if blanks:
            # a header or footer with the spacing around it is a page break, not a paragraph break
            if not any(line.number in furniture for line in run):
                previous = ""
            continue
        for line in run:
            text = line.text.strip()
            if glossary_heading(text) or line.number in odd:
                previous = ""
                continue
            # wrapped: the next word would not have fitted on the line above (characters only
            # approximate widths in proportional type: a margin)
            wrapped = bool(previous) and len(previous) + 1 + len(text.split()[0]) > 0.85 * measure
            _glossary_entry(line, wrapped, entries, warnings)
            previous = text
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


def _glossary_entry(line: Line, wrapped: bool, entries: list[GlossaryEntry], warnings: list[Notice]) -> None:
    """Read one glossary line into ``entries``: an entry, the wrapped end of the one above (in
    lowercase, or not entry-shaped after a full line), or a doubtful entry (a warning)."""
    text = line.text.strip()
    if parsed := glossary_line(text):
        entries.append(GlossaryEntry(acronym=parsed[0], expansion=parsed[1], page=line.page))
    elif entries and (text[0].islower() or wrapped):
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


def _last_text(lines: list[Line]) -> str:
    return next((line.text for line in reversed(lines) if line.text.strip()), "")


def _between_columns(lines: list[Line], index: int, furniture: set[int]) -> bool:
    """A running header read between a page's two columns: the text before it ends the first
    column and the text after it, higher on the same page, carries on in the second."""

    def text_line(positions: range) -> Line | None:
        return next((lines[i] for i in positions if lines[i].text.strip() and lines[i].number not in furniture), None)

    before, after = text_line(range(index - 1, -1, -1)), text_line(range(index + 1, len(lines)))
    if before is None or after is None or before.page != lines[index].page or after.page != before.page:
        return False
    return before.top is not None and after.top is not None and after.top < before.top


def prepare(lines: list[Line]) -> tuple[Prepared, list[Notice]]:
    warnings: list[Notice] = []
    furniture = find_furniture(lines)
    prepared = Prepared(body=[])
    prepared.page_labels = page_labels(lines, furniture)
    kept: list[Line] = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if line.number in furniture:
            prepared.residue.append(Residue(page=line.page, line=line.number, text=text, kind="furniture"))
            prepared.footer_lines.add(line.number)
            if not _between_columns(lines, index, furniture):  # a page's edge ends the paragraph
                kept.append(Line(page=line.page, number=line.number, text="", method=line.method))
        elif text and is_noise(text) and not closes_quote(text, _last_text(kept)):
            prepared.residue.append(Residue(page=line.page, line=line.number, text=text, kind="noise"))
        else:
            kept.append(line)

    glossary_at = find_glossary(kept)
    body_lines = kept if glossary_at is None else kept[:glossary_at]
    if glossary_at is not None:
        prepared.glossary_start = kept[glossary_at].number
        prepared.glossary, glossary_warnings, odd = parse_glossary(kept[glossary_at:], prepared.footer_lines)
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

    prepared.footnotes, note_lines = collect_footnotes(body_lines, prepared.footer_lines)
    prepared.placed.update(note_lines)
    prepared.body = [line for line in body_lines if line.number not in note_lines]
    return prepared, warnings
