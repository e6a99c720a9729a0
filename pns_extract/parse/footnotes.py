"""Footnotes: found at page bottoms, numbered in document order, tied to their calls.

One home for everything about notes in the parser:

- **Recognition** (`find_footnotes`, `collect_footnotes`): the blocks at the very bottom of a page
  (or above a running footer) that begin with a bare number. With a text layer, ingestion has
  already marked small type at the page bottom (``hint="footnote"``) and put a paragraph break
  before each note; without sizes (OCR text), a numbered bottom block is a note unless the plan's
  list conventions say it is a list (announced by a colon, items ending with ``;``, or continuing
  a numbered list of the body).
- **Calls** (`find_calls`): a superscript number the text layer shows (``Line.calls``), a
  superscript digit in the text (``humains¹``), or the note's number glued to a word as OCR reads
  it (``humains1``, ``TVA8``) on the note's page.
- **Numbering and filing** (`attach_footnotes`): notes are numbered in document order (OCR misreads
  some numbers), each is filed with the part of the plan its call stands in, or else the part it
  is printed in; a note without a call and a call without a note are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..ingest.lines import Line
from ..model import Chapter, Footnote, FootnoteRef, Notice, Theme
from .patterns import clean_spaces, list_marker

_FOOTNOTE = re.compile(r"^(?P<number>\d{1,2})\s*(?P<text>[^\d\s.)].*|\d[A-Za-zÀ-ÿ].*)$")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN = re.compile(r"(?<=\S)[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}")


@dataclass(slots=True)
class RawFootnote:
    printed: str  # the number as printed (or misread); "0" when OCR lost it (see ``lost``)
    text: str
    page: int
    line: int  # source line of the note's first line
    # OCR lost the number (it is numbered in sequence); "0" stands in ``printed``, a number no note
    # has, so code that reads ``printed`` as an int keeps working
    lost: bool = False


# ----------------------------------------------------------------- recognition


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


def _unread_number(line: Line) -> bool:
    """A small-type line of a scan with a raised mark before it: a note whose number OCR dropped."""
    return line.lost_mark and line.hint == "footnote"


def _list_item(block: list[Line]) -> bool:
    """French list items end with ';' (the last with '.'), notes with a full stop."""
    return block[0].hint != "footnote" and block[-1].text.rstrip().endswith(";")


def find_footnotes(segment: list[Line]) -> list[list[Line]]:
    """The notes of one page bottom (``segment``: a page, or the part of it above a running footer).

    Footnotes are the blocks at the very bottom that start with a bare number, or on a scan with a
    raised mark OCR could not read. Small-type lines without a number continue the note above them;
    on a scan, above any numbered note, they are a note whose number OCR lost. A run of numbered
    blocks announced by a colon, ending in ';', or continuing a numbered list of the body is a list,
    unless the layout set it in small type."""
    blocks = _blocks(segment)
    notes: list[list[Line]] = []
    tail: list[Line] = []  # small-type lines waiting for the numbered start of their note
    first = len(blocks)  # index of the first block of the notes
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if (_numbered_note(block[0]) or _unread_number(block[0])) and not _list_item(block):
            notes.insert(0, block + tail)
            tail = []
            first = index
        elif all(line.hint == "footnote" for line in block):
            tail = block + tail
            tail_first = index
        else:
            break
    if tail and all(line.method == "ocr" for line in tail):
        # small type at a scan's page bottom, above any numbered note: a note whose number OCR lost
        notes.insert(0, tail)
        first = tail_first
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


def collect_footnotes(lines: list[Line], page_ends: set[int]) -> tuple[list[RawFootnote], set[int]]:
    """Every note of the body, in order, and the source lines they take.

    A page bottom is the end of a physical page, a running footer inside an OCR'd page (its line
    number in ``page_ends``: the footer line itself is blank in ``lines``), or the end of notes the
    layout marked at a column's bottom when the next column's text follows them."""
    segments: list[list[Line]] = [[]]
    last_note: Line | None = None  # the last small-type note line seen, when text follows it
    for i, line in enumerate(lines):
        if i and line.page != lines[i - 1].page:
            segments.append([])
        elif last_note is not None and line.text.strip() and line.hint != "footnote":
            segments.append([])  # notes at a column's bottom, the next column's text after them
        if line.text.strip():
            last_note = line if line.hint == "footnote" else None
        segments[-1].append(line)
        if line.number in page_ends:
            segments.append([])
    notes: list[RawFootnote] = []
    taken: set[int] = set()
    for segment in segments:
        for block in find_footnotes(segment):
            match = re.match(r"^(\d{1,2})(?!\d)\s*(.*)$", block[0].text.strip())
            # a note whose number OCR lost has none: it is numbered in sequence
            # a lost number may have left a sign where it stood ("‘l'article", "*Le hawala")
            lost_text = re.sub(r"^[‘’'`´*°^¹²³•]+\s*", "", block[0].text.strip())
            printed, first = (match.group(1), match.group(2)) if match else ("0", lost_text)
            text = clean_spaces(" ".join([first, *(line.text for line in block[1:])]))
            notes.append(RawFootnote(printed, text, block[0].page, block[0].number, lost=match is None))
            taken.update(line.number for line in block)
    return notes, taken


# ----------------------------------------------------------------------- calls


def shown_calls(line: Line) -> list[str]:
    """Calls the line shows for certain: superscripts of the text layer, superscript digits."""
    found = list(line.calls)
    found += [match.group().translate(_SUPERSCRIPTS) for match in _SUPERSCRIPT_RUN.finditer(line.text)]
    return found


def _glued(number: str) -> re.Pattern[str]:
    """The number glued to the end of a word or a closing sign, as OCR reads a superscript."""
    return re.compile(rf"[A-Za-zÀ-ÿ»)\]’](?:{re.escape(number)})(?!\d)")


def find_calls(note: RawFootnote, number: int, body: list[Line], *, shown: bool = False) -> list[FootnoteRef]:
    """Body lines on the note's page that call it (by its printed or its sequence number); when
    its page has none, the page before (a note pushed over a page break).

    ``shown``: the text layer sets its calls as superscripts; then a text-layer line calls a note
    only by a superscript, and a number glued to a word there ("EC3", "G7") is no call."""
    keys = {str(number)} if note.lost else {note.printed, str(number)}
    patterns = [_glued(key) for key in keys]

    def calls(line: Line) -> bool:
        if keys & set(shown_calls(line)):
            return True
        return not (shown and line.method == "pdf") and any(p.search(line.text) for p in patterns)

    for page in (note.page, note.page - 1):
        refs = [
            FootnoteRef(page=line.page, line=line.number)
            for line in body
            if line.page == page and line.text.strip() and calls(line)
        ]
        if refs:
            return refs
    return []


# ---------------------------------------------------------- numbering, filing


def attach_footnotes(
    raw_notes: list[RawFootnote],
    body_lines: list[Line],
    owner_of: Callable[[int], Theme | Chapter | None],
    *,
    unowned: list[str] | None = None,
) -> list[Notice]:
    """Number the notes in document order, record their calls, and file each with its owner.

    ``owner_of(line_number)`` is the theme or chapter a source line stands in. A note is filed with
    the owner of its calls when they agree, else with the owner of the place it is printed; a note
    with no owner goes, with its printed number, to ``unowned`` (the preamble's paragraphs) when
    given. Returns the warnings: renumbered notes, notes without a call, calls without a note."""
    notes = sorted(raw_notes, key=lambda n: n.line)
    numbers, warnings = number_notes(notes)
    shown = any(line.calls for line in body_lines)
    refs = [find_calls(note, number, body_lines, shown=shown) for note, number in zip(notes, numbers, strict=True)]
    _calls_read_as_signs(notes, refs, body_lines)
    called: set[tuple[int, str]] = set()  # (page, number) of every call matched to a note
    for note, number, note_refs in zip(notes, numbers, refs, strict=True):
        called.update((ref.page, key) for ref in note_refs for key in (note.printed, str(number)))
        if not note_refs:
            warnings.append(
                Notice(
                    kind="footnote",
                    message=f"footnote {number}: no call found in the text",
                    page=note.page,
                    line=note.line,
                )
            )
        footnote = Footnote(
            number=number,
            printed_number=note.printed if not note.lost and number != int(note.printed) else None,
            text=note.text,
            page=note.page,
            refs=note_refs,
        )
        owners: list[Theme | Chapter] = []
        for ref in note_refs:
            candidate = owner_of(ref.line)
            if candidate is not None and all(candidate is not known for known in owners):
                owners.append(candidate)
        owner = owners[0] if len(owners) == 1 else owner_of(note.line)
        if owner is not None:
            owner.footnotes.append(footnote)
        elif unowned is not None:
            unowned.append(note.text if note.lost else f"{note.printed} {note.text}")
    for line in body_lines:
        for call in shown_calls(line):
            if (line.page, call) not in called:
                warnings.append(
                    Notice(
                        kind="footnote",
                        message=f"call {call} has no footnote on its page",
                        page=line.page,
                        line=line.number,
                    )
                )
    return warnings


def number_notes(notes: list[RawFootnote]) -> tuple[list[int], list[Notice]]:
    """Sequence numbers of notes in document order: the printed number unless it goes back (OCR
    misreads some), then the next in sequence, with a warning."""
    numbers: list[int] = []
    warnings: list[Notice] = []
    expected = 1
    for note in notes:
        printed = None if note.lost else int(note.printed)
        number = printed if printed is not None and printed >= expected else expected
        if number != printed:
            shown = f"printed as {printed}" if printed is not None else "without a readable number"
            warnings.append(
                Notice(
                    kind="footnote",
                    message=f"footnote {shown}, numbered {number} in sequence",
                    page=note.page,
                    line=note.line,
                )
            )
        numbers.append(number)
        expected = number + 1
    return numbers, warnings


# OCR reads a superscript call as a sign glued to its word ("hawaladars?", "humains!", "TVA*"): in French
# "?" and "!" follow a space, so such a sign glued to a word and followed by lowercase ends nothing;
# "*" and "®" glued to a word end nothing either, so they may stand before a full stop
_SIGN_CALL = re.compile(r"(?<=[A-Za-zÀ-ÿ])(?:[?!](?=\s*[a-zà-ÿ,;:)]|\s*$)|[*®](?=[\s.,;:)]|$))")


def _calls_read_as_signs(notes: list[RawFootnote], refs: list[list[FootnoteRef]], body: list[Line]) -> None:
    """Notes without a call, and calls read as signs on their page (OCR and text lines only): when
    there are as many of each, the n-th sign calls the n-th note."""
    by_page: dict[int, list[int]] = {}
    for index, note in enumerate(notes):
        if not refs[index]:
            by_page.setdefault(note.page, []).append(index)
    for page, waiting in by_page.items():
        signs = [
            FootnoteRef(page=line.page, line=line.number)
            for line in body
            if line.page == page and line.method != "pdf"
            for _ in _SIGN_CALL.finditer(line.text)
        ]
        if len(signs) == len(waiting):
            for index, ref in zip(waiting, signs, strict=True):
                refs[index] = [ref]
