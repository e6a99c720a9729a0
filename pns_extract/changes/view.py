"""What a diff shows, computed once from a ``DocumentDiff``: headings, counts, one row per change
with its word-level highlights and pages, in French like the plan and the report. The Markdown
and HTML renderers (``render.py``) and the terminal one (in ``cli.py``) only serialise it.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from .model import CHANGE_KINDS, ELEMENT_KINDS, Change, ChangeKind, DocumentDiff, EditionInfo, ElementKind, Snapshot
from .normalize import compare, key

Segment = tuple[Literal["equal", "delete", "insert"], str]
CONTEXT_WORDS = 8  # words kept around a change in the short form of a text

KIND_HEADINGS: dict[ChangeKind, str] = {
    "added": "Ajouts",
    "removed": "Suppressions",
    "modified": "Modifications",
    "renumbered": "Renumérotations",
    "moved": "Déplacements",
}
KIND_COLUMNS: dict[ChangeKind, str] = {
    "added": "ajouté",
    "removed": "supprimé",
    "modified": "modifié",
    "renumbered": "renuméroté",
    "moved": "déplacé",
}
ELEMENT_PLURALS: dict[ElementKind, str] = {
    "theme": "Thèmes",
    "objective": "Objectifs",
    "attention_point": "Points d'attention",
    "action_plan": "Plans d'action",
    "footnote": "Notes de bas de page",
    "glossary": "Glossaire",
}
ELEMENT_NAMES: dict[ElementKind, str] = {
    "theme": "thème",
    "objective": "objectif",
    "attention_point": "point d'attention",
    "action_plan": "plan d'action",
    "footnote": "note",
    "glossary": "glossaire",
}
_CONTENT_NAMES = {
    "objective": ("objectif", "objectifs"),
    "attention_point": ("point d'attention", "points d'attention"),
    "action_plan": ("plan d'action", "plans d'action"),
    "footnote": ("note", "notes"),
}
FIELD_NAMES = {
    "number": "numéro",
    "actor": "acteur",
    "section": "section",
    "title": "titre",
    "text": "texte",
    "theme": "thème",
}
_ACTOR_NAMES = {"federal": "Police Fédérale", "local": "Police Locale"}
_SECTION_NAMES = {"transversal": "transversal", "general": "général", "strategic": "stratégique", "other": "autre"}


# --- word-level differences ---------------------------------------------------


def word_diff(old: str | None, new: str | None) -> list[Segment]:
    """Segments of ``new`` against ``old``: equal runs, deleted and inserted words.
    Words that differ only by OCR noise count as equal (shown as NEW prints them)."""
    a, b = (old or "").split(), (new or "").split()
    matcher = SequenceMatcher(None, [key(w) for w in a], [key(w) for w in b], autojunk=False)
    segments: list[Segment] = []

    def push(tag: Literal["equal", "delete", "insert"], tokens: list[str]) -> None:
        if not tokens:
            return
        if segments and segments[-1][0] == tag:
            segments[-1] = (tag, segments[-1][1] + " " + " ".join(tokens))
        else:
            segments.append((tag, " ".join(tokens)))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and compare(" ".join(a[i1:i2]), " ".join(b[j1:j2])).same):
            push("equal", b[j1:j2])
        else:
            push("delete", a[i1:i2])
            push("insert", b[j1:j2])
    return segments


def shorten(segments: list[Segment], context: int = CONTEXT_WORDS) -> list[Segment]:
    """Equal runs cut to ``context`` words on each side of a change."""
    result: list[Segment] = []
    for index, (tag, text) in enumerate(segments):
        if tag != "equal":
            result.append((tag, text))
            continue
        tokens = text.split()
        keep_head = 0 if index == 0 else context
        keep_tail = 0 if index == len(segments) - 1 else context
        if len(tokens) <= keep_head + keep_tail + 1:
            result.append((tag, text))
            continue
        head, tail = tokens[:keep_head], tokens[len(tokens) - keep_tail :] if keep_tail else []
        result.append((tag, " ".join([*head, "…", *tail])))
    return result


# --- the view ------------------------------------------------------------------------


@dataclass(frozen=True)
class Detail:
    """One field of a change: either ``old → new`` as plain values, or a text with highlights."""

    field: str  # French name of the field
    old: str
    new: str
    segments: tuple[Segment, ...] = ()  # the whole text, word by word (empty for plain values)
    excerpt: tuple[Segment, ...] = ()  # the same, equal runs cut around the changes


@dataclass(frozen=True)
class ChangeRow:
    kind: ChangeKind
    element: str  # French name of the element kind
    where: str  # the theme ("1.4", "5 → 6" when it moved), empty for the glossary
    headline: str  # a one-line name of the element
    pages: str  # "p. 12", "p. 12 → 14"
    details: tuple[Detail, ...] = ()
    body: str = ""  # an added or removed element's text, shortened
    note: str = ""


@dataclass(frozen=True)
class KindSection:
    kind: ChangeKind
    heading: str
    rows: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class CountRow:
    label: str
    values: tuple[int, ...]  # one per CHANGE_KINDS
    total: bool = False


@dataclass(frozen=True)
class EditionView:
    file: str
    title: str
    period: str
    themes: int

    @property
    def line(self) -> str:
        return f"{self.title} ({self.period}, {self.themes} thèmes)"


@dataclass(frozen=True)
class DiffView:
    title: str
    old: EditionView
    new: EditionView
    identical: bool
    status: str  # "Aucune modification (27 thèmes appariés)." or "18 modifications, 27 thèmes appariés."
    kind_columns: tuple[str, ...]
    counts: tuple[CountRow, ...]
    plan_lists: tuple[tuple[str, tuple[str, ...]], ...]
    sections: tuple[KindSection, ...]


def _clip(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _who(snap: Snapshot) -> str:
    if snap.actor == "other" or snap.actor not in _ACTOR_NAMES:
        return snap.group or snap.actor or ""
    return _ACTOR_NAMES[snap.actor]


def headline(element: str, snap: Snapshot | None) -> str:
    """A one-line name for one side of a change."""
    if snap is None:
        return ""
    if element == "theme":
        return f"{snap.number} {snap.title or ''}".strip()
    if element == "objective":
        return f"[{_who(snap)} {snap.number}] {_clip(snap.title or snap.text, 80)}"
    if element == "attention_point":
        section = _SECTION_NAMES.get(snap.section or "", snap.section or "")
        return f"[{section}] {_clip(snap.title or snap.text, 80)}"
    if element == "footnote":
        return f"({snap.number}) {_clip(snap.text, 80)}"
    if element == "glossary":
        return f"{snap.number} — {_clip(snap.text, 80)}"
    return _clip(snap.title or snap.text)


def _where(change: Change) -> str:
    if change.element == "glossary":
        return ""
    old_theme = change.old.theme if change.old else None
    new_theme = change.new.theme if change.new else None
    if change.kind in {"renumbered", "moved"} and old_theme and new_theme and old_theme != new_theme:
        return f"{old_theme} → {new_theme}"
    return change.theme or ""


def _pages(change: Change) -> str:
    old = change.old.page if change.old else None
    new = change.new.page if change.new else None
    if old is not None and new is not None and old != new:
        return f"p. {old} → {new}"
    page = new if new is not None else old
    return f"p. {page}" if page is not None else ""


def _actor(snap: Snapshot) -> str:
    return " ".join(part for part in (_ACTOR_NAMES.get(snap.actor or "", snap.actor), snap.group) if part)


def _details(change: Change) -> tuple[Detail, ...]:
    old, new = change.old, change.new
    if old is None or new is None:
        return ()
    if change.kind == "renumbered":
        return (Detail(FIELD_NAMES["number"], old.number or "", new.number or ""),)
    details = []
    if change.kind == "moved" and old.theme != new.theme:
        details.append(Detail(FIELD_NAMES["theme"], old.theme or "", new.theme or ""))
    plain = {
        "number": (old.number, new.number),
        "actor": (_actor(old), _actor(new)),
        "section": (
            _SECTION_NAMES.get(old.section or "", old.section),
            _SECTION_NAMES.get(new.section or "", new.section),
        ),
    }
    texts = {"title": (old.title, new.title), "text": (old.text, new.text)}
    for field in ("number", "actor", "section", "title", "text"):
        if field not in change.fields:
            continue
        if field in plain:
            before, after = plain[field]
            details.append(Detail(FIELD_NAMES[field], before or "", after or ""))
        else:
            before, after = texts[field]
            segments = word_diff(before, after)
            details.append(
                Detail(FIELD_NAMES[field], before or "", after or "", tuple(segments), tuple(shorten(segments)))
            )
    return tuple(details)


def _note(change: Change) -> str:
    """The change's note in French, from the record's structured fields."""
    if change.also_renumbered:
        moved = ", ".join(f"{r.old} → {r.new}" for r in change.also_renumbered)
        return f"sous-thèmes renumérotés avec lui : {moved}"
    if change.kind == "renumbered" and change.element != "theme":
        return "réordonné dans son groupe"
    if change.contents:
        parts = []
        for kind, count in change.contents.items():
            singular, plural = _CONTENT_NAMES.get(kind, (kind, kind))
            parts.append(f"{count} {singular if count == 1 else plural}")
        return "avec " + ", ".join(parts)
    return change.note or ""  # a note the record gives no structure for: shown as written


def _row(change: Change) -> ChangeRow:
    snap = change.new or change.old
    body = ""
    if change.kind in {"added", "removed"} and snap and snap.text and change.element != "action_plan":
        body = _clip(snap.text, 400)
    return ChangeRow(
        kind=change.kind,
        element=ELEMENT_NAMES[change.element],
        where=_where(change),
        headline=headline(change.element, snap),
        pages=_pages(change),
        details=_details(change),
        body=body,
        note=_note(change),
    )


def _edition(info: EditionInfo, fallback: str) -> EditionView:
    return EditionView(info.file or fallback, info.title or "?", info.period or "période inconnue", info.themes)


def diff_view(diff: DocumentDiff) -> DiffView:
    """Everything a rendering of ``diff`` shows, computed once."""
    s = diff.summary
    old, new = _edition(s.old, "ANCIENNE"), _edition(s.new, "NOUVELLE")
    if s.identical:
        status = f"Aucune modification ({s.themes_matched} thèmes appariés)."
    else:
        status = f"{s.total} modification{'s' if s.total != 1 else ''}, {s.themes_matched} thèmes appariés."
    counts = [
        CountRow(ELEMENT_PLURALS[element], tuple(getattr(s.by_element[element], kind) for kind in CHANGE_KINDS))
        for element in ELEMENT_KINDS
        if element in s.by_element and any(getattr(s.by_element[element], kind) for kind in CHANGE_KINDS)
    ]
    counts.append(CountRow("total", tuple(getattr(s.by_kind, kind) for kind in CHANGE_KINDS), total=True))
    lists = (
        ("Plans d'action qui ne sont plus cités nulle part", tuple(s.plans_no_longer_cited)),
        ("Plans d'action nouvellement cités", tuple(s.plans_newly_cited)),
    )
    sections = []
    for kind in CHANGE_KINDS:
        rows = tuple(_row(change) for change in diff.changes if change.kind == kind)
        if rows:
            sections.append(KindSection(kind, f"{KIND_HEADINGS[kind]} ({len(rows)})", rows))
    return DiffView(
        title=f"Modifications entre {old.file} et {new.file}",
        old=old,
        new=new,
        identical=s.identical,
        status=status,
        kind_columns=tuple(KIND_COLUMNS[kind] for kind in CHANGE_KINDS),
        counts=tuple(counts),
        plan_lists=tuple((caption, plans) for caption, plans in lists if plans),
        sections=tuple(sections),
    )
