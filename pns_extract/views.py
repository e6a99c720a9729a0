"""What the report and the whole-document rendering show, computed once from a ``Document``:
a tree of dataclasses that the Markdown, HTML and SVG renderers only serialise.

The outline nests themes and sections under the chapter they are printed in, by page and line
(a chapter can start on the page where the last themes end), and sub-themes under their parent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import ACTORS, Actor, Chapter, Document, Section, Theme, count_by_actor, slug


@dataclass(frozen=True)
class ActorStyle:
    key: Actor
    name: str
    colour: str


_ACTOR_LOOK: dict[Actor, tuple[str, str]] = {
    "federal": ("Police Fédérale", "#1f4e9a"),
    "local": ("Police Locale", "#d9730d"),
    "other": ("Autre", "#8a8a8a"),
}
# In the model's order; an actor added to the model without a look here fails at import.
ACTOR_STYLES: tuple[ActorStyle, ...] = tuple(ActorStyle(actor, *_ACTOR_LOOK[actor]) for actor in ACTORS)


@dataclass(frozen=True)
class ThemeView:
    """One theme with the counts the report shows."""

    id: str
    number: str
    title: str | None
    label: str  # "1.1 Trafic de drogue"
    depth: int  # 0 for a top-level theme, 1 for a sub-theme, ...
    page: int
    objectives: dict[Actor, int]
    total: int
    attention_points: int
    action_plans: int
    facts: str  # "3 objectifs (2 Police Fédérale, 1 Police Locale); 1 point d'attention"


@dataclass(frozen=True)
class OutlineNode:
    kind: Literal["chapter", "section", "theme"]
    id: str
    label: str
    page: int
    theme: ThemeView | None = None
    children: tuple[OutlineNode, ...] = ()


@dataclass(frozen=True)
class MatrixRow:
    key: str  # canonical plan id, or "ref_<slug>" for a citation the index does not link
    title: str
    themes: frozenset[str]  # ids of the themes citing the plan


@dataclass(frozen=True)
class Matrix:
    themes: tuple[ThemeView, ...]  # the columns: themes citing at least one plan, in order
    rows: tuple[MatrixRow, ...]  # the plans, in order of first citation


@dataclass(frozen=True)
class SourceFacts:
    file: str
    kind: str
    pages: int
    sha256: str
    tool_version: str
    schema_version: str


@dataclass(frozen=True)
class ReportView:
    title: str
    source: SourceFacts
    summary: tuple[tuple[str, int], ...]
    outline: tuple[OutlineNode, ...]
    themes: tuple[ThemeView, ...]
    matrix: Matrix

    @property
    def largest(self) -> int:
        return max((theme.total for theme in self.themes), default=0)


# --- small helpers ---------------------------------------------------------------


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def document_title(doc: Document) -> str:
    return doc.document.title or "Plan national de sécurité"


def chapter_label(chapter: Chapter) -> str:
    return f"{chapter.number}. {chapter.title}" if chapter.title else f"Chapitre {chapter.number}"


def section_label(section: Section) -> str:
    return f"{section.number}. {section.title}" if section.title else f"Section {section.number}"


def theme_label(theme: Theme) -> str:
    return f"{theme.number} {theme.title or ''}".strip()


def _facts(counts: dict[Actor, int], theme: Theme) -> str:
    bits = []
    if theme.objectives:
        split = ", ".join(f"{counts[s.key]} {s.name}" for s in ACTOR_STYLES if counts[s.key])
        bits.append(f"{plural(len(theme.objectives), 'objectif', 'objectifs')} ({split})")
    if theme.attention_points:
        bits.append(plural(len(theme.attention_points), "point d'attention", "points d'attention"))
    if theme.action_plans:
        bits.append(plural(len(theme.action_plans), "plan cité", "plans cités"))
    return "; ".join(bits)


def _depths(doc: Document) -> dict[str, int]:
    """Depth of each theme by its parent chain (a parent the document lacks counts as a level)."""
    by_number = {theme.number: theme for theme in doc.themes}
    depths: dict[str, int] = {}

    def depth(theme: Theme, seen: frozenset[str] = frozenset()) -> int:
        if theme.id in depths:
            return depths[theme.id]
        if theme.parent is None:
            return 0
        parent = by_number.get(theme.parent)
        if parent is None or parent.id in seen:
            return 1
        return depth(parent, seen | {theme.id}) + 1

    for theme in doc.themes:
        depths[theme.id] = depth(theme)
    return depths


def theme_views(doc: Document) -> tuple[ThemeView, ...]:
    depths = _depths(doc)
    views = []
    for theme in doc.themes:
        counts = count_by_actor(theme.objectives)
        views.append(
            ThemeView(
                id=theme.id,
                number=theme.number,
                title=theme.title,
                label=theme_label(theme),
                depth=depths[theme.id],
                page=theme.page,
                objectives=counts,
                total=len(theme.objectives),
                attention_points=len(theme.attention_points),
                action_plans=len(theme.action_plans),
                facts=_facts(counts, theme),
            )
        )
    return tuple(views)


# --- outline -------------------------------------------------------------------------


def _position(page: int, line: int | None) -> tuple[int, int]:
    # Without a line (a document written before lines were recorded) a chapter opens its page.
    return (page, line if line is not None else 0)


def outline(doc: Document, themes: tuple[ThemeView, ...] | None = None) -> tuple[OutlineNode, ...]:
    """Chapters holding their sections and themes, sub-themes under their parent; themes printed
    before the first chapter come first. Each element goes to the last chapter that starts before
    it in the text (page, then line), and inside a chapter sections and themes keep text order."""
    views = {view.id: view for view in (themes if themes is not None else theme_views(doc))}
    chapter_starts = [_position(chapter.page, chapter.line) for chapter in doc.chapters]

    def owner(position: tuple[int, int]) -> int | None:
        found = None
        for index, start in enumerate(chapter_starts):
            if start <= position:
                found = index
        return found

    # Sub-themes hang under their parent when the parent is in the same chapter.
    children: dict[str, list[Theme]] = {}
    roots: dict[int | None, list[tuple[tuple[int, int], int, Theme]]] = {}
    by_number = {theme.number: theme for theme in doc.themes}
    for order, theme in enumerate(doc.themes):
        position = _position(theme.page, theme.line)
        chapter = owner(position)
        parent = by_number.get(theme.parent) if theme.parent else None
        if parent is not None and parent is not theme and owner(_position(parent.page, parent.line)) == chapter:
            children.setdefault(parent.id, []).append(theme)
        else:
            roots.setdefault(chapter, []).append((position, order, theme))

    def theme_node(theme: Theme, seen: frozenset[str] = frozenset()) -> OutlineNode:
        view = views[theme.id]
        kids = tuple(
            theme_node(child, seen | {theme.id}) for child in children.get(theme.id, []) if child.id not in seen
        )
        return OutlineNode("theme", theme.id, view.label, theme.page, view, kids)

    nodes = [theme_node(theme) for _, _, theme in roots.get(None, [])]
    for index, chapter in enumerate(doc.chapters):
        items: list[tuple[tuple[int, int], int, OutlineNode]] = [
            (_position(s.page, s.line), order, OutlineNode("section", s.id, section_label(s), s.page))
            for order, s in enumerate(chapter.sections)
        ]
        items += [(position, order, theme_node(theme)) for position, order, theme in roots.get(index, [])]
        # Sections before themes on a tie: a section heading without a line opens its place.
        items.sort(key=lambda item: (item[0], item[2].kind != "section", item[1]))
        nodes.append(
            OutlineNode("chapter", chapter.id, chapter_label(chapter), chapter.page, None, tuple(i[2] for i in items))
        )
    return tuple(nodes)


# --- matrix -------------------------------------------------------------------------


def plan_matrix(doc: Document, themes: tuple[ThemeView, ...] | None = None) -> Matrix:
    """Cited plans (canonical where the index links them) against the themes citing each."""
    titles = {entry.id: entry.title for entry in doc.action_plan_index}
    rows: dict[str, tuple[str, set[str]]] = {}
    for theme in doc.themes:
        for ref in theme.action_plans:
            key = ref.index_id or "ref_" + slug(ref.title)
            title = titles.get(ref.index_id or "", ref.title)
            rows.setdefault(key, (title, set()))[1].add(theme.id)
    citing = {theme_id for _, ids in rows.values() for theme_id in ids}
    columns = tuple(view for view in (themes if themes is not None else theme_views(doc)) if view.id in citing)
    return Matrix(columns, tuple(MatrixRow(key, title, frozenset(ids)) for key, (title, ids) in rows.items()))


# --- the report ----------------------------------------------------------------------


def _summary(doc: Document) -> tuple[tuple[str, int], ...]:
    by_actor = dict.fromkeys(ACTORS, 0)
    for theme in doc.themes:
        for actor, count in count_by_actor(theme.objectives).items():
            by_actor[actor] += count
    return (
        ("Chapitres", len(doc.chapters)),
        ("Thèmes", len(doc.themes)),
        ("Objectifs stratégiques", sum(by_actor.values())),
        *((f"— {style.name}", by_actor[style.key]) for style in ACTOR_STYLES),
        ("Points d'attention", sum(len(t.attention_points) for t in doc.themes)),
        ("Plans d'action cités", sum(len(t.action_plans) for t in doc.themes)),
        ("Plans d'action distincts", len(doc.action_plan_index)),
        ("Notes de bas de page", sum(len(t.footnotes) for t in doc.themes)),
        ("Abréviations du glossaire", len(doc.glossary)),
        ("Références juridiques", len(doc.legal_references)),
    )


def report_view(doc: Document) -> ReportView:
    """Everything the report shows, computed once."""
    themes = theme_views(doc)
    source = doc.source
    return ReportView(
        title=document_title(doc),
        source=SourceFacts(source.file, source.kind, source.pages, source.sha256, doc.tool_version, doc.schema_version),
        summary=_summary(doc),
        outline=outline(doc, themes),
        themes=themes,
        matrix=plan_matrix(doc, themes),
    )
