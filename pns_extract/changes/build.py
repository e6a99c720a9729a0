"""Turn an alignment into the list of change records and their summary."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Document, GlossaryEntry, Theme
from .align import (
    ElementAlignment,
    Pair,
    ThemeMatch,
    align_elements,
    align_themes,
    parent_number,
    renumbered_with_parent,
    reordered,
    same_container,
    theme_items,
)
from .model import (
    CHANGE_KINDS,
    ELEMENT_KINDS,
    Change,
    ChangeKind,
    Counts,
    DiffSummary,
    DocumentDiff,
    EditionInfo,
    ElementKind,
    Renumbering,
    Snapshot,
)
from .normalize import compare, key, same_word, similarity

# A theme description is long running text whose paragraphing depends on the input
# path; a rewording is reported once at least this many words differ (a lone OCR
# misreading of one word is not).
DESCRIPTION_MIN_CHANGED_WORDS = 2
_ELEMENT_ORDER = {kind: rank for rank, kind in enumerate(ELEMENT_KINDS)}
_KIND_ORDER = {"renumbered": 0, "modified": 1, "moved": 2, "removed": 3, "added": 4}


def _theme_snapshot(theme: Theme) -> Snapshot:
    return Snapshot(
        number=theme.number,
        title=theme.title,
        text=" ".join([*theme.description, *theme.missions]) or None,
        theme=theme.number,
        page=theme.page,
    )


def _theme_contents(theme: Theme) -> dict[str, int]:
    counts = {
        "objective": len(theme.objectives),
        "attention_point": len(theme.attention_points),
        "action_plan": len(theme.action_plans),
        "footnote": len(theme.footnotes),
    }
    return {kind: count for kind, count in counts.items() if count}


def _theme_note(contents: dict[str, int]) -> str | None:
    listed = [f"{n} {kind.replace('_', ' ')}{'s' if n > 1 else ''}" for kind, n in contents.items()]
    return "with " + ", ".join(listed) if listed else None


class _Collector:
    """Change records with a sort key that follows NEW's document order."""

    def __init__(self) -> None:
        self.rows: list[tuple[tuple[float, int, int, int], Change]] = []

    def add(self, order: float, position: int, change: Change) -> None:
        sort_key = (order, _ELEMENT_ORDER[change.element], _KIND_ORDER[change.kind], position)
        self.rows.append((sort_key, change))

    def changes(self) -> list[Change]:
        return [change for _key, change in sorted(self.rows, key=lambda row: row[0])]


def _old_theme_order(old_count: int, matches: Sequence[ThemeMatch]) -> list[float]:
    """A place in NEW's order for every OLD theme: matched ones at their partner,
    unmatched ones just after the partner of the closest matched theme before them."""
    partner = {m.old: m.new for m in matches}
    orders: list[float] = []
    last = -1.0
    for i in range(old_count):
        if i in partner:
            last = float(partner[i])
            orders.append(last)
        else:
            orders.append(last + 0.5 + i / (1000 * max(old_count, 1)))
    return orders


def _themes(old: Document, new: Document, matches: Sequence[ThemeMatch], out: _Collector) -> None:
    old_by_number = {old.themes[m.old].number: new.themes[m.new].number for m in matches}
    implied: dict[str, list[Renumbering]] = {}
    for m in matches:
        o, n = old.themes[m.old], new.themes[m.new]
        if o.number != n.number and renumbered_with_parent(o, n, old_by_number):
            implied.setdefault(parent_number(o) or "", []).append(Renumbering(old=o.number, new=n.number))
    for m in matches:
        o, n = old.themes[m.old], new.themes[m.new]
        if o.number != n.number and not renumbered_with_parent(o, n, old_by_number):
            children = implied.get(o.number, [])
            note = None
            if children:
                note = "sub-themes renumbered with it: " + ", ".join(f"{r.old} → {r.new}" for r in children)
            change = Change(
                kind="renumbered",
                element="theme",
                theme=n.number,
                old=_theme_snapshot(o),
                new=_theme_snapshot(n),
                fields=["number"],
                also_renumbered=children,
                note=note,
            )
            out.add(m.new, 0, change)
        fields = []
        title_diff = compare(o.title, n.title)
        if not title_diff.same:
            fields.append("title")
        old_text = " ".join([*o.description, *o.missions])
        new_text = " ".join([*n.description, *n.missions])
        text_diff = compare(old_text, new_text)
        if text_diff.changed_words >= DESCRIPTION_MIN_CHANGED_WORDS:
            fields.append("text")
        if fields:
            out.add(
                m.new,
                0,
                Change(
                    kind="modified",
                    element="theme",
                    theme=n.number,
                    old=_theme_snapshot(o),
                    new=_theme_snapshot(n),
                    fields=fields,
                    similarity=round(title_diff.similarity if "title" in fields else text_diff.similarity, 3),
                ),
            )
    matched_old = {m.old for m in matches}
    matched_new = {m.new for m in matches}
    old_order = _old_theme_order(len(old.themes), matches)
    for i, theme in enumerate(old.themes):
        if i not in matched_old:
            out.add(
                old_order[i],
                0,
                Change(
                    kind="removed",
                    element="theme",
                    theme=theme.number,
                    old=_theme_snapshot(theme),
                    new=None,
                    note=_theme_note(_theme_contents(theme)),
                    contents=_theme_contents(theme),
                ),
            )
    for j, theme in enumerate(new.themes):
        if j not in matched_new:
            out.add(
                j,
                0,
                Change(
                    kind="added",
                    element="theme",
                    theme=theme.number,
                    old=None,
                    new=_theme_snapshot(theme),
                    note=_theme_note(_theme_contents(theme)),
                    contents=_theme_contents(theme),
                ),
            )


def _changed_fields(pair: Pair) -> list[str]:
    o, n = pair.old.snapshot, pair.new.snapshot
    fields = []
    if not same_container(pair.old, pair.new):
        fields.append("section" if pair.old.element == "attention_point" else "actor")
    # Where a label ends and the text begins is a reading detail (a bullet glyph can hide
    # the ' : '): the element changed only if title and text together differ.
    if compare(pair.old.compared, pair.new.compared).same:
        return fields
    if not compare(o.title, n.title).same:
        fields.append("title")
    if not compare(o.text, n.text).same:
        fields.append("text")
    return fields


def _elements(
    alignment: ElementAlignment,
    new: Document,
    old_order: Sequence[float],
    new_to_order: dict[int, float],
    old_to_new: dict[int, int],
    out: _Collector,
) -> None:
    def report(pair: Pair, kind: ChangeKind, fields: list[str], note: str | None = None) -> None:
        out.add(
            new_to_order[pair.new.theme],
            pair.new.position,
            Change(
                kind=kind,
                element=pair.new.element,
                theme=new.themes[pair.new.theme].number,
                old=pair.old.snapshot,
                new=pair.new.snapshot,
                fields=fields,
                similarity=round(pair.similarity, 3),
                note=note,
            ),
        )

    for pair in reordered(alignment.pairs):
        report(pair, "renumbered", ["number"], note="reordered within its group")
    for pair in alignment.pairs:
        if fields := _changed_fields(pair):
            report(pair, "modified" if same_container(pair.old, pair.new) else "moved", fields)
    for pair in alignment.moved:
        report(pair, "moved", ["theme", *_changed_fields(pair)])
    for item in alignment.removed:
        partner = old_to_new.get(item.theme)  # always matched: elements of removed themes are not listed
        out.add(
            old_order[item.theme],
            item.position,
            Change(
                kind="removed",
                element=item.element,
                theme=new.themes[partner].number if partner is not None else item.snapshot.theme,
                old=item.snapshot,
                new=None,
            ),
        )
    for item in alignment.added:
        out.add(
            new_to_order[item.theme],
            item.position,
            Change(kind="added", element=item.element, theme=item.snapshot.theme, old=None, new=item.snapshot),
        )


def _acronym_key(acronym: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", key(acronym).upper().replace(" ", ""))


def _glossary_snapshot(entry: GlossaryEntry) -> Snapshot:
    return Snapshot(number=entry.acronym, text=entry.expansion, page=entry.page)


def _glossary(old: Sequence[GlossaryEntry], new: Sequence[GlossaryEntry], out: _Collector) -> None:
    """Entries match by acronym, then (for a misread or changed acronym) by expansion."""
    order = 1e9  # after every theme
    new_by_key: dict[str, list[int]] = {}
    for j, entry in enumerate(new):
        new_by_key.setdefault(_acronym_key(entry.acronym), []).append(j)
    used_new: set[int] = set()
    pairs: list[tuple[int, int]] = []
    left_old: list[int] = []
    for i, entry in enumerate(old):
        options = [j for j in new_by_key.get(_acronym_key(entry.acronym), []) if j not in used_new]
        if options:
            best = max(options, key=lambda j: (similarity(entry.expansion, new[j].expansion), -j))
            used_new.add(best)
            pairs.append((i, best))
        else:
            left_old.append(i)
    left_new = [j for j in range(len(new)) if j not in used_new]
    candidates = sorted(
        ((-similarity(old[i].expansion, new[j].expansion), i, j) for i in left_old for j in left_new),
    )
    taken_old: set[int] = set()
    for neg_sim, i, j in candidates:
        if -neg_sim < 0.75 or i in taken_old or j in used_new:
            continue
        taken_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    for i, j in pairs:
        o, n = old[i], new[j]
        fields = []
        if not same_word(_acronym_key(o.acronym).lower(), _acronym_key(n.acronym).lower()):
            fields.append("number")
        diff = compare(o.expansion, n.expansion)
        if not diff.same:
            fields.append("text")
        if fields:
            out.add(
                order,
                j,
                Change(
                    kind="modified",
                    element="glossary",
                    theme=None,
                    old=_glossary_snapshot(o),
                    new=_glossary_snapshot(n),
                    fields=fields,
                    similarity=round(diff.similarity, 3),
                ),
            )
    for i in left_old:
        if i not in taken_old:
            out.add(
                order,
                i,
                Change(kind="removed", element="glossary", theme=None, old=_glossary_snapshot(old[i]), new=None),
            )
    for j in range(len(new)):
        if j not in used_new:
            out.add(
                order,
                j,
                Change(kind="added", element="glossary", theme=None, old=None, new=_glossary_snapshot(new[j])),
            )


def _edition(doc: Document) -> EditionInfo:
    period = doc.document.period
    return EditionInfo(
        file=doc.source.file,
        title=doc.document.title,
        period=f"{period.start}-{period.end}" if period else None,
        themes=len(doc.themes),
    )


# A cited plan counts as the same plan in the other edition above this title similarity.
PLAN_SAME_THRESHOLD = 0.85


def _cited_plans(doc: Document) -> list[tuple[str, list[str]]]:
    """(display title, spellings) of every plan the edition cites, through the canonical
    index when enrichment ran, else one entry per distinct title."""
    if doc.action_plan_index:
        return [(entry.title, [entry.title, *entry.variants]) for entry in doc.action_plan_index]
    seen: dict[str, str] = {}
    for theme in doc.themes:
        for plan in theme.action_plans:
            seen.setdefault(key(plan.title), plan.title)
    return [(title, [title]) for title in seen.values()]


def _uncited(plans: Sequence[tuple[str, list[str]]], others: Sequence[tuple[str, list[str]]]) -> list[str]:
    other_spellings = [spelling for _title, spellings in others for spelling in spellings]
    result = []
    for title, spellings in plans:
        if not any(similarity(a, b) >= PLAN_SAME_THRESHOLD for a in spellings for b in other_spellings):
            result.append(title)
    return result


def summarize(changes: Sequence[Change], old: Document, new: Document, themes_matched: int) -> DiffSummary:
    by_kind = Counts()
    by_element = {element: Counts() for element in ELEMENT_KINDS}
    for change in changes:
        setattr(by_kind, change.kind, getattr(by_kind, change.kind) + 1)
        counts = by_element[change.element]
        setattr(counts, change.kind, getattr(counts, change.kind) + 1)
    assert set(CHANGE_KINDS) == set(Counts.model_fields)
    return DiffSummary(
        identical=not changes,
        total=len(changes),
        by_kind=by_kind,
        by_element=by_element,
        themes_matched=themes_matched,
        plans_no_longer_cited=_uncited(_cited_plans(old), _cited_plans(new)),
        plans_newly_cited=_uncited(_cited_plans(new), _cited_plans(old)),
        old=_edition(old),
        new=_edition(new),
    )


def diff_documents(old: Document, new: Document) -> DocumentDiff:
    """Compare two editions (OLD first, NEW second) and list what changed."""
    matches = align_themes(old.themes, new.themes)
    out = _Collector()
    _themes(old, new, matches, out)
    old_order = _old_theme_order(len(old.themes), matches)
    new_to_order = {j: float(j) for j in range(len(new.themes))}
    element: ElementKind
    for element in ("objective", "attention_point", "action_plan", "footnote"):
        alignment = align_elements(theme_items(old, element), theme_items(new, element), matches)
        _elements(alignment, new, old_order, new_to_order, {m.old: m.new for m in matches}, out)
    _glossary(old.glossary, new.glossary, out)
    changes = out.changes()
    return DocumentDiff(changes=changes, summary=summarize(changes, old, new, len(matches)))
