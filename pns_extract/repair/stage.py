"""Public entry points of the repair stage: between ingestion and parsing, line for line."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..ingest.lines import Line, Page, SourceDocument
from .context import Replacement, plain_decisions, tagged_decisions
from .lexicon import load_lexicon
from .typography import fix_ranges, range_style
from .words import repair_words

RULES = (
    "accent",
    "capital",
    "ligature",
    "confusion",
    "elision",
    "space",
    "dash",
    "a/à",
    "ou/où",
    "des/dès",
    "la/là",
)
_WORD_A = re.compile(r"(?<![\w'’-])([aA])(?![\w'’-])")
_WORD_A_GRAVE = re.compile(r"(?<![\w'’-])([àÀ])(?![\w'’-])")
_WORD_OU_GRAVE = re.compile(r"(?<![\w'’-])où(?![\w'’-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Change:
    page: int
    line: int  # Line.number: for the text path, the input file's line number
    before: str
    after: str
    rule: str


@dataclass(slots=True)
class RepairResult:
    source: SourceDocument
    changes: list[Change] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _apply(text: str, replacements: list[Replacement]) -> str:
    for start, end, new, _ in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _accents_survive(texts: list[str]) -> tuple[bool, bool]:
    """Did this source keep the grave accents of à and où (a clean text layer, a careful OCR)?
    Then every a and ou in it is already right and the context stage must not second-guess it."""
    joined = "\n".join(texts)
    a_plain = len(_WORD_A.findall(joined))
    a_grave = len(_WORD_A_GRAVE.findall(joined))
    return a_grave > 0.2 * (a_plain + a_grave), bool(_WORD_OU_GRAVE.search(joined))


def repair_lines(
    texts: list[str], *, nlp: bool = True, groups: list[str] | None = None
) -> tuple[list[str], list[list[tuple[str, str, str]]]]:
    """Repair a sequence of lines (document order, '' for a paragraph break).

    ``groups`` names where each line comes from (e.g. its ingestion method): whether à/où
    survived is judged per group, so a PDF mixing a clean text layer and OCR'd pages gets the
    context stage on its OCR'd pages only. Returns the repaired lines and, per line, the
    (before, after, rule) edits."""
    lex = load_lexicon()
    repaired: list[str] = []
    edits: list[list[tuple[str, str, str]]] = []
    style = range_style(texts)
    for text in texts:
        new, line_edits = repair_words(text, lex)
        # a repair can unlock another in the same line (a glued word split, then its neighbour
        # is seen as French): repeat until nothing changes, so a second run changes nothing
        for _ in range(3):
            if new == text:
                break
            again, more = repair_words(new, lex)
            if again == new:
                break
            new, line_edits = again, [*line_edits, *more]
        new, dash_edits = fix_ranges(new, style)
        line_edits += dash_edits
        repaired.append(new)
        edits.append(list(line_edits))
    groups = groups or [""] * len(texts)
    survive = {
        group: _accents_survive([t for t, g in zip(texts, groups, strict=True) if g == group]) for group in set(groups)
    }
    tagged: list[list[Replacement]] = [[] for _ in texts]
    if nlp and not all(keep_a and keep_ou for keep_a, keep_ou in survive.values()):
        from ..nlp import load_french

        tagged = tagged_decisions(repaired, load_french())
    for index, text in enumerate(repaired):
        keep_a, keep_ou = survive[groups[index]]
        following = repaired[index + 1] if index + 1 < len(repaired) else ""
        replacements = plain_decisions(text, following)
        replacements += [r for r in tagged[index] if not ((r[3] == "a/à" and keep_a) or (r[3] == "ou/où" and keep_ou))]
        if replacements:
            for start, end, new, rule in sorted(replacements):
                edits[index].append((text[start:end], new, rule))
            repaired[index] = _apply(text, replacements)
    return repaired, edits


def repair_source(source: SourceDocument, *, nlp: bool = True) -> RepairResult:
    """A new ``SourceDocument`` whose lines carry repaired text (page, number, method and layout
    hints unchanged), with every change and per-rule counts."""
    lines = source.lines()
    repaired, edits = repair_lines([line.text for line in lines], nlp=nlp, groups=[line.method for line in lines])
    by_number: dict[int, str] = {}
    changes: list[Change] = []
    for line, text, line_edits in zip(lines, repaired, edits, strict=True):
        by_number[id(line)] = text
        changes.extend(Change(line.page, line.number, before, after, rule) for before, after, rule in line_edits)
    pages = [
        Page(
            number=page.number,
            lines=[_with_text(line, by_number[id(line)]) for line in page.lines],
            method=page.method,
            label=page.label,
        )
        for page in source.pages
    ]
    counts = Counter(change.rule for change in changes)
    result = replace(source, pages=pages, warnings=list(source.warnings), ocr_pages=list(source.ocr_pages))
    return RepairResult(result, changes, {rule: counts[rule] for rule in RULES if counts[rule]})


def _with_text(line: Line, text: str) -> Line:
    return line if text == line.text else replace(line, text=text)


def repair_text(text: str, *, nlp: bool = True) -> str:
    """Repair plain text line for line: same number of lines, same line breaks."""
    lines = text.split("\n")
    repaired, _ = repair_lines(lines, nlp=nlp)
    return "\n".join(repaired)


def format_report(result: RepairResult, *, explain: bool = False) -> str:
    """The repair report for stderr: per-rule counts, and with ``explain`` every change as
    ``page N line M: before -> after (rule)`` so a reader can check each correction."""
    total = sum(result.counts.values())
    lines = [f"repair: {total} change{'s' if total != 1 else ''}"]
    lines += [f"  {rule:9} {count}" for rule, count in result.counts.items()]
    if explain:
        lines += [f"page {c.page} line {c.line}: {c.before} -> {c.after} ({c.rule})" for c in result.changes]
    return "\n".join(lines)
