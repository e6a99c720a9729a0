"""What each line of the corpus text is, as the text path reads it: the typesetter's manuscript.

The house-style generator sets the corpus in other layouts. It must know which lines are theme
headings, parts, actor groups, objective titles, list items, footnotes, glossary entries or
furniture — and it takes that from the text-path extraction of the corpus (``document.headings``
with their line numbers and roles, ``residue`` for furniture and noise, the footnotes, objectives
and glossary for their texts), plus the text's blank lines for paragraphs. It never guesses roles
with the parser's own cues, so a layout the parser misreads is the parser's fault, not the
manuscript's.

What the generator does clean is the corpus's own OCR noise, as a typesetter of this text would:
pictograms read as ``»``/``¥``/``%`` before part titles, bullets read as ``e``/``¢``/``-``, list numbers
split from their item onto a line of their own, footnote calls read as ``?``/``*``/``®``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "corpus" / "pns-2026-2029.ocr.txt"

Role = Literal[
    "heading",  # preamble, chapter, theme, chapter section: ``level`` says which
    "part",  # Objectifs stratégiques, Points d'attention…, Plans d'action…
    "group",  # Pour la Police Fédérale :
    "objective_title",  # an objective's title set on a line of its own
    "paragraph",
    "item",  # a bulleted list item (``level`` 1 or 2)
    "signature",
    "glossary",
]

# OCR noise of this corpus, cleaned for typesetting only (never used to decide a role)
_BULLET = re.compile(r"^(?:[e¢•*=]|-|–)\s+(?=\S)")
_SUB_BULLET = re.compile(r"^o\s+(?=\S)")
_LONE_NUMBER = re.compile(r"^\d{1,2}[.)]?$")
_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s*")
_CALL = re.compile(r"(?<=[A-Za-zÀ-ÿ])([?*®]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=[\s,.;:)»]|$)")
CALL_OPEN, CALL_CLOSE = "\ue000", "\ue001"  # private-use marks around a footnote call in block text
_MARKER = re.compile(r"^(?:\d{1,2}[.)]\s+|\d{1,2}\s+(?=[A-ZÀ-Ý]))")


@dataclass
class Block:
    """One typeset unit: a heading, a paragraph (its text lines kept), a list item, a glossary entry."""

    role: Role
    lines: list[str]
    page: int  # the text page it comes from
    level: int = 0  # headings: 1 top (preamble, chapter, theme), 2 sub-theme, 3 numbered point; items: 1-2
    number: str | None = None  # headings and objective titles: the number as printed ("1.1", "8")
    title: str | None = None  # headings: the title without its number


@dataclass
class Footnote:
    number: int
    text: str
    page: int


@dataclass
class Plan:
    """The corpus as a manuscript: blocks in reading order, footnotes by number."""

    blocks: list[Block]
    footnotes: dict[int, Footnote]
    pages: int
    document: dict  # the text-path extraction it was read from (model_dump): the reference to score against

    def excerpt(self, first: int, last: int) -> Plan:
        """The blocks and notes of text pages ``first..last`` (a block belongs to the page it starts on)."""
        blocks = [b for b in self.blocks if first <= b.page <= last]
        notes = {n: f for n, f in self.footnotes.items() if first <= f.page <= last}
        return Plan(blocks, notes, last - first + 1, self.document)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\W+", " ", text).strip()


def load_plan(corpus: Path = CORPUS) -> Plan:
    """Extract the corpus through the text path (no cache, no enrichment) and read its roles."""
    from pns_extract.ingest import IngestOptions, load_source
    from pns_extract.parse import parse_document
    from pns_extract.repair import repair_source

    # the stages one by one: the roles refer to the repaired lines, which the pipeline does not return
    source = repair_source(load_source(corpus, IngestOptions(use_cache=False))).source
    document = parse_document(source)
    return build_plan(document.model_dump(), [(ln.page, ln.number, ln.text) for ln in source.lines()])


def _strip_pictogram(text: str) -> str:
    """``» Objectifs stratégiques`` / ``Y Objectifs…`` -> ``Objectifs stratégiques``."""
    tokens = text.split()
    while len(tokens) > 1 and (len(tokens[0]) == 1 or not any(ch.isalnum() for ch in tokens[0])):
        tokens.pop(0)
    return " ".join(tokens)


def build_plan(document: dict, lines: list[tuple[int, int, str]]) -> Plan:
    """``document``: the text-path extraction (model_dump); ``lines``: (page, number, text) of the
    repaired source, the lines the extraction's line numbers refer to."""
    headings = {h["line"]: h for h in document["headings"]}
    dropped = {r["line"] for r in document["residue"] if r["kind"] in ("furniture", "noise")}
    themes = list(document["themes"])
    sections = [s for c in document["chapters"] for s in c["sections"]]
    notes = [
        Footnote(n["number"], n["text"], n["page"])
        for owner in [*themes, *document["chapters"]]
        for n in owner["footnotes"]
    ]
    notes.sort(key=lambda n: n.number)
    note_lines = _note_lines(notes, lines, dropped | set(headings))
    glossary_lines = _glossary_lines(document["glossary"], lines, dropped | set(headings) | note_lines)
    titles = _objective_title_lines(themes, lines, dropped | set(headings) | note_lines)
    starts = _element_starts(document)

    blocks: list[Block] = []
    theme_iter = iter(themes)
    section_iter = iter(sections)
    glossary_done = False
    pending_number: str | None = None
    open_block: Block | None = None  # the paragraph or item a following line may continue
    blank = False  # a blank line since the open block's last line

    for page, number, raw in lines:
        text = raw.strip()
        if not text:
            blank = True
            continue
        if number in dropped or number in note_lines:
            continue
        if number in glossary_lines:
            if not glossary_done:
                glossary_done = True
                for entry in document["glossary"]:
                    blocks.append(Block("glossary", [entry["acronym"], entry["expansion"]], entry["page"]))
            open_block = None
            continue
        heading = headings.get(number)
        if heading is not None:
            blocks.append(_heading_block(heading, text, page, theme_iter, section_iter))
            open_block = None
            continue
        if _LONE_NUMBER.match(text):  # a list number the OCR set apart from its item
            pending_number = text.rstrip(".)")
            continue
        if number in titles:
            title, obj_number = titles[number]
            blocks.append(Block("objective_title", [title], page, number=str(obj_number)))
            open_block = None
            pending_number = None
            continue
        level, body = _item(text)
        if pending_number is not None and body[:1].isupper():
            body, level = f"{pending_number}. {body}", 0
        pending_number = None  # before a lowercase line it was no item number: dropped
        starts_unit = level > 0 or bool(_MARKER.match(body)) or _starts_element(body, starts)
        # a blank line splits paragraphs, except inside a sentence (OCR blank lines: "qu'il" / "est…")
        split = blank and not (body[:1].islower() and not open_block_ends(open_block))
        # after a list item's last sentence, a capitalised line is the text that follows the list
        split = split or (
            open_block is not None and open_block.role == "item" and body[:1].isupper() and open_block_ends(open_block)
        )
        blank = False
        if open_block is not None and not starts_unit and not split:
            open_block.lines.append(body)
            continue
        open_block = Block("item" if level else "paragraph", [body], page, level=level)
        blocks.append(open_block)

    _restore_numbers(blocks, themes)
    _place_calls(blocks, notes)
    return Plan(blocks, {n.number: n for n in notes}, max((p for p, _, _ in lines), default=0), document)


START_KEY = 40  # folded characters that identify where an element's text begins


def _element_starts(document: dict) -> set[str]:
    """How every paragraph-like element of the extraction begins (folded): objectives, their items,
    their groups' intros, attention points, action plans, descriptions, missions, chapter paragraphs. A line that begins
    one starts a new unit even where the text has no blank line before it (a list set line by line)."""
    texts: list[str] = list(document["document"]["preamble"])
    for theme in document["themes"]:
        texts += theme["description"] + theme["missions"]
        texts += [group["intro"] for group in theme["objective_groups"] if group["intro"]]
        texts += [p["title"] for p in theme["action_plans"]]
        texts += [" ".join(filter(None, [a["label"], a["text"]])) for a in theme["attention_points"]]
        for objective in theme["objectives"]:
            texts += [" ".join(filter(None, [objective["title"], objective["text"]])), *objective["items"]]
    for chapter in document["chapters"]:
        texts += chapter["paragraphs"] + [p for s in chapter["sections"] for p in s["paragraphs"]]
    return {fold(text)[:START_KEY] for text in texts if text}


def _starts_element(line: str, starts: set[str]) -> bool:
    key = fold(_MARKER.sub("", line))
    if len(key) >= START_KEY:
        return key[:START_KEY] in starts
    return key in starts  # a short line: the whole of a short element


def open_block_ends(block: Block | None) -> bool:
    return block is None or block.lines[-1].rstrip().endswith((".", ";", ":", "!", "?"))


def _heading_block(heading: dict, text: str, page: int, themes, sections) -> Block:
    role = heading["role"]
    if role == "part":
        return Block("part", [_strip_pictogram(text)], page)
    if role == "group":
        return Block("group", [text], page)
    if role == "signatures":
        return Block("signature", [text], page)
    if role == "theme":
        theme = next(themes)
        printed = _NUMBER.match(_strip_pictogram(text))
        number = printed.group(1) if printed else theme["number"]
        # "1.1" under theme 1 is a sub-theme; "1." under 8 (its points) a numbered point
        level = 1 if theme["parent"] is None else (2 if number == theme["number"] else 3)
        return Block("heading", [text], page, level=level, number=number, title=theme["title"])
    if role == "section":
        section = next(sections)
        return Block("heading", [text], page, level=3, number=section["number"], title=section["title"])
    return Block("heading", [text], page, level=1, title=text)  # preamble, chapter


def _item(text: str) -> tuple[int, str]:
    if _BULLET.match(text):
        return 1, _BULLET.sub("", text)
    if _SUB_BULLET.match(text):
        return 2, _SUB_BULLET.sub("", text)
    return 0, text


def _note_lines(notes: list[Footnote], lines: list[tuple[int, int, str]], taken: set[int]) -> set[int]:
    """The source lines a footnote's text was read from: lines of its page contained in it."""
    found: set[int] = set()
    for note in notes:
        key = fold(note.text)
        for page, number, text in lines:
            if page != note.page or number in taken or not text.strip():
                continue
            folded = fold(re.sub(r"^\d{1,2}\s*", "", text.strip()))
            if len(folded) >= 12 and folded in key:
                found.add(number)
    return found


def _glossary_lines(entries: list[dict], lines: list[tuple[int, int, str]], taken: set[int]) -> set[int]:
    pages = {e["page"] for e in entries}
    keys = [fold(f"{e['acronym']} {e['expansion']}") for e in entries]
    return {
        number
        for page, number, text in lines
        if page in pages and number not in taken and text.strip() and any(fold(text) in key for key in keys)
    }


def _objective_title_lines(
    themes: list[dict], lines: list[tuple[int, int, str]], taken: set[int]
) -> dict[int, tuple[str, int]]:
    """Line number -> (title, objective number) for objective titles printed on a line of their own."""
    by_page: dict[int, list[tuple[int, str]]] = {}
    for page, number, text in lines:
        # a line ending "Titre :" opens the objective's text, which follows: no title line of its own
        if number not in taken and text.strip() and not text.rstrip().endswith(":"):
            by_page.setdefault(page, []).append((number, text.strip()))
    found: dict[int, tuple[str, int]] = {}
    for theme in themes:
        for objective in theme["objectives"]:
            title = objective["title"]
            if not title:
                continue
            key = fold(title)
            for page in (objective["page"], objective["page"] - 1, objective["page"] + 1):
                hit = next(
                    (n for n, t in by_page.get(page, []) if n not in found and fold(_NUMBER.sub("", t)) == key),
                    None,
                )
                if hit is not None:
                    found[hit] = (title, objective["number"])
                    break
    return found


def _restore_numbers(blocks: list[Block], themes: list[dict]) -> None:
    """An objective whose number the OCR lost gets it back when the other objectives of its group
    are printed with theirs (the published plan numbers them all)."""
    paragraphs = [b for b in blocks if b.role == "paragraph"]
    for theme in themes:
        groups: dict[tuple, list[tuple[dict, Block | None]]] = {}
        for objective in theme["objectives"]:
            key = fold(" ".join(filter(None, [objective["title"], objective["text"]])))[:START_KEY]
            block = next((b for b in paragraphs if fold(_MARKER.sub("", b.lines[0]))[:START_KEY] == key), None)
            groups.setdefault((objective["actor"], objective["group"]), []).append((objective, block))
        for members in groups.values():
            if not any(b is not None and _MARKER.match(b.lines[0]) for _, b in members):
                continue
            for objective, block in members:
                if block is not None and not _MARKER.match(block.lines[0]):
                    block.lines[0] = f"{objective['number']}. {block.lines[0]}"


def call_mark(number: int) -> str:
    """The call of footnote ``number`` inside a block's text, glued to the word before it."""
    return f"{CALL_OPEN}{number}{CALL_CLOSE}"


def _place_calls(blocks: list[Block], notes: list[Footnote]) -> None:
    """Each note's call: the n-th call mark (``?``, ``*``, ``®``, superscript digits glued to a word)
    on the note's page calls the page's n-th note and is replaced by ``call_mark``. A note whose
    call the OCR lost is called from the end of its page's last paragraph."""
    by_page: dict[int, list[Footnote]] = {}
    for note in notes:
        by_page.setdefault(note.page, []).append(note)
    for page, page_notes in by_page.items():
        waiting = list(page_notes)
        body = [b for b in blocks if b.page == page and b.role in ("paragraph", "item", "objective_title")]
        for block in body:
            for index, line in enumerate(block.lines):
                while waiting and (match := _CALL.search(line)):
                    line = line[: match.start()] + call_mark(waiting.pop(0).number) + line[match.end() :]
                block.lines[index] = line
        if waiting and body:
            tail = body[-1].lines[-1]
            marks = "".join(call_mark(note.number) for note in waiting)
            body[-1].lines[-1] = re.sub(r"(\s*[;.,:]*)$", lambda m, marks=marks: marks + m.group(1), tail, count=1)
