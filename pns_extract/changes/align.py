"""Alignment of two editions: themes first (title, content, position), then the
elements inside matched themes (text similarity), then leftovers across themes.

Numbers are never trusted on their own: themes are renumbered between editions and
objective or footnote numbers are positions that shift whenever something is inserted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Document, Theme
from .model import ElementKind, Snapshot
from .normalize import bag_similarity, compare, key, similarity, words

# Element matching thresholds (word similarity, 0..1) inside a matched theme. Distinct
# objectives of one theme stay below 0.35 in the 2026-2029 plan while a reworded one
# keeps well above 0.4; distinct action-plan titles can reach 0.8 ("Plan d'action
# Traite/Trafic des êtres humains"), so short titles need more agreement. Across themes
# we ask for more evidence before calling an element "moved".
MATCH_THRESHOLD: dict[str, float] = {
    "objective": 0.4,
    "attention_point": 0.4,
    "footnote": 0.4,
    "action_plan": 0.5,
}
MOVE_THRESHOLD = 0.75
# Theme matching: a renamed theme keeps its content, a renumbered one keeps its title.
THEME_TITLE_THRESHOLD = 0.7
THEME_CONTENT_THRESHOLD = 0.6


@dataclass
class Item:
    """An element of one edition, ready for matching."""

    element: ElementKind
    theme: int  # index of the theme holding it in its edition
    position: int  # order inside its theme and kind
    compared: str  # the text whose similarity decides matching and modification
    snapshot: Snapshot
    container: str = ""  # actor/group or section: a change there is a move
    index_id: str | None = None


def same_container(a: Item, b: Item) -> bool:
    """Same actor, section, or (for groups named by subject) a group label equal up to OCR noise."""
    if a.container == b.container:
        return True
    prefix = "other:"
    both_named = a.container.startswith(prefix) and b.container.startswith(prefix)
    return both_named and compare(a.container[len(prefix) :], b.container[len(prefix) :]).same


@dataclass
class ThemeMatch:
    old: int
    new: int
    title_similarity: float
    content_similarity: float


@dataclass
class Pair:
    old: Item
    new: Item
    similarity: float


@dataclass
class ElementAlignment:
    pairs: list[Pair] = field(default_factory=list)  # same theme pair
    moved: list[Pair] = field(default_factory=list)  # across themes
    removed: list[Item] = field(default_factory=list)
    added: list[Item] = field(default_factory=list)


# --- themes ------------------------------------------------------------------


def theme_content(theme: Theme) -> str:
    parts = [*theme.description, *theme.missions]
    parts += [f"{o.title or ''} {o.text} {' '.join(o.items)}" for o in theme.objectives]
    parts += [f"{p.label or ''} {p.text}" for p in theme.attention_points]
    parts += [p.title for p in theme.action_plans]
    return " ".join(parts)


def align_themes(old: Sequence[Theme], new: Sequence[Theme]) -> list[ThemeMatch]:
    """One-to-one theme matches, best first: title or content must agree; the number
    and the relative position only break ties."""
    old_content = [theme_content(t) for t in old]
    new_content = [theme_content(t) for t in new]
    candidates: list[tuple[float, int, int, float, float]] = []
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            title_sim = similarity(o.title, n.title) if (o.title or n.title) else 0.0
            content_sim = bag_similarity(old_content[i], new_content[j])
            if title_sim < THEME_TITLE_THRESHOLD and content_sim < THEME_CONTENT_THRESHOLD:
                continue
            relative = abs(i / max(len(old), 1) - j / max(len(new), 1))
            score = 0.5 * title_sim + 0.5 * content_sim
            score += 0.05 * (o.number == n.number) + 0.05 * (1 - relative)
            candidates.append((score, i, j, title_sim, content_sim))
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - c[2]), c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    matches: list[ThemeMatch] = []
    for _score, i, j, title_sim, content_sim in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        matches.append(ThemeMatch(i, j, title_sim, content_sim))
    matches.sort(key=lambda m: m.new)
    return matches


def _split_number(theme: Theme) -> tuple[str, str] | None:
    """(parent number, own suffix) from the printed number (``6.1`` -> ``6``, ``.1``), so a
    hand-edited document whose ``parent`` field was not updated is still read right."""
    if "." in theme.number:
        parent, _sep, own = theme.number.rpartition(".")
        return parent, own
    if theme.parent and theme.number.startswith(theme.parent):
        return theme.parent, theme.number[len(theme.parent) :]
    return None


def renumbered_with_parent(old_theme: Theme, new_theme: Theme, old_by_number: dict[str, str]) -> bool:
    """True when a theme's new number only follows its parent's renumbering
    (old ``1.3`` under ``1`` -> new ``2.3`` under ``2``, where old ``1`` became ``2``)."""
    old_split, new_split = _split_number(old_theme), _split_number(new_theme)
    if old_split is None or new_split is None or old_split[0] == new_split[0]:
        return False
    return old_by_number.get(old_split[0]) == new_split[0] and old_split[1] == new_split[1]


def parent_number(theme: Theme) -> str | None:
    split = _split_number(theme)
    return split[0] if split else None


# --- elements ----------------------------------------------------------------


def _objective_text(title: str | None, text: str, items: Sequence[str]) -> str:
    return " ".join(part for part in (title, text, *items) if part)


# What matching needs of one element: the compared text, its snapshot, its container, its index id.
_Parts = tuple[str, Snapshot, str, str | None]


def _objectives(theme: Theme) -> list[_Parts]:
    return [
        (
            _objective_text(o.title, o.text, o.items),
            Snapshot(
                number=str(o.number),
                title=o.title,
                text=" ".join([o.text, *o.items]).strip(),
                theme=theme.number,
                actor=o.actor,
                group=o.group,
                page=o.page,
            ),
            o.actor if o.actor != "other" else f"other:{key(o.group)}",
            None,
        )
        for o in theme.objectives
    ]


def _attention_points(theme: Theme) -> list[_Parts]:
    return [
        (
            f"{a.label or ''} {a.text}",
            Snapshot(number=str(pos), title=a.label, text=a.text, theme=theme.number, section=a.section, page=a.page),
            a.section,
            None,
        )
        for pos, a in enumerate(theme.attention_points, start=1)
    ]


def _action_plans(theme: Theme) -> list[_Parts]:
    return [
        (
            p.title,
            Snapshot(
                number=str(pos), title=p.title, text=p.title, theme=theme.number, index_id=p.index_id, page=p.page
            ),
            "",
            p.index_id,
        )
        for pos, p in enumerate(theme.action_plans, start=1)
    ]


def _footnotes(theme: Theme) -> list[_Parts]:
    return [
        (f.text, Snapshot(number=str(f.number), text=f.text, theme=theme.number, page=f.page), "", None)
        for f in theme.footnotes
    ]


_ELEMENTS: dict[ElementKind, Callable[[Theme], list[_Parts]]] = {
    "objective": _objectives,
    "attention_point": _attention_points,
    "action_plan": _action_plans,
    "footnote": _footnotes,
}


def theme_items(doc: Document, element: ElementKind) -> list[list[Item]]:
    """Per theme, the elements of one kind with their snapshots."""
    parts = _ELEMENTS.get(element, lambda theme: [])
    return [
        [
            Item(element, t_index, pos, compared, snapshot, container=container, index_id=index_id)
            for pos, (compared, snapshot, container, index_id) in enumerate(parts(theme))
        ]
        for t_index, theme in enumerate(doc.themes)
    ]


def _greedy(
    olds: Sequence[Item],
    news: Sequence[Item],
    threshold: float,
    scorer: Callable[[Item, Item], float],
) -> tuple[list[Pair], list[Item], list[Item]]:
    """One-to-one matching, best similarity first; ties go to the closest positions."""
    candidates: list[tuple[float, int, int, float]] = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            if o.index_id and o.index_id == n.index_id:
                sim = max(similarity(o.compared, n.compared), threshold)
                candidates.append((2.0 + sim, i, j, sim))
                continue
            sim = scorer(o, n)
            if sim >= threshold:
                candidates.append((sim + 0.02 * same_container(o, n), i, j, sim))
    candidates.sort(key=lambda c: (-c[0], abs(olds[c[1]].position - news[c[2]].position), c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[Pair] = []
    for _score, i, j, sim in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(Pair(olds[i], news[j], sim))
    removed = [o for i, o in enumerate(olds) if i not in used_old]
    added = [n for j, n in enumerate(news) if j not in used_new]
    return pairs, removed, added


def _text_similarity(o: Item, n: Item) -> float:
    return similarity(o.compared, n.compared)


def _same_theme_similarity(o: Item, n: Item, threshold: float) -> float:
    """Text similarity; inside one theme, an objective or attention point that keeps its
    printed title (``Capacité spécialisée : ...``) is the same element however reworded."""
    sim = similarity(o.compared, n.compared)
    titled = bool(o.snapshot.title and n.snapshot.title and words(o.snapshot.title))
    if sim < threshold and titled and o.element != "action_plan":
        return threshold if compare(o.snapshot.title, n.snapshot.title).same else sim
    return sim


def align_elements(
    old_items: Sequence[Sequence[Item]],
    new_items: Sequence[Sequence[Item]],
    theme_matches: Sequence[ThemeMatch],
) -> ElementAlignment:
    """Match elements inside each matched theme pair, then leftovers across matched
    themes (moves). Elements of unmatched themes are left out: their theme is reported whole."""
    result = ElementAlignment()
    leftover_old: list[Item] = []
    leftover_new: list[Item] = []
    for match in theme_matches:
        olds, news = old_items[match.old], new_items[match.new]
        threshold = MATCH_THRESHOLD[(olds or news)[0].element] if (olds or news) else 1.0
        pairs, removed, added = _greedy(
            olds, news, threshold, lambda o, n, t=threshold: _same_theme_similarity(o, n, t)
        )
        result.pairs.extend(pairs)
        leftover_old.extend(removed)
        leftover_new.extend(added)
    moved, removed, added = _greedy(leftover_old, leftover_new, MOVE_THRESHOLD, _text_similarity)
    result.moved = moved
    result.removed = removed
    result.added = added
    return result


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (earliest on ties)."""
    best: list[int] = [1] * len(values)
    previous: list[int] = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    if not values:
        return set()
    index = max(range(len(values)), key=lambda i: (best[i], -i))
    kept: set[int] = set()
    while index != -1:
        kept.add(index)
        index = previous[index]
    return kept


def reordered(pairs: Sequence[Pair]) -> list[Pair]:
    """Objectives whose place in their group changed beyond what insertions and removals
    explain (a swap, a move to the end): the pairs outside the longest run kept in order."""
    groups: dict[tuple[int, str], list[Pair]] = {}
    for pair in pairs:
        if pair.old.element == "objective" and same_container(pair.old, pair.new):
            groups.setdefault((pair.new.theme, pair.new.container), []).append(pair)
    result: list[Pair] = []
    for group in groups.values():
        group.sort(key=lambda p: p.old.position)
        kept = _longest_increasing([p.new.position for p in group])
        result.extend(p for i, p in enumerate(group) if i not in kept)
    return result
