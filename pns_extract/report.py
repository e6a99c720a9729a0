"""A report to look at: the plan's outline, a chart of objectives per theme and actor, and
a matrix of themes x cited action plans, as Markdown (+ the chart as an SVG file) and as
one self-contained HTML page (inline CSS and SVG, no script, no external asset).

Nothing here depends on the time or the machine: the same document gives the same bytes.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from html import escape
from typing import Literal

from .model import Actor, Document, Theme, count_by_actor, slug

ACTORS: tuple[tuple[Actor, str, str], ...] = (  # actor, name in the report, colour
    ("federal", "Police Fédérale", "#1f4e9a"),
    ("local", "Police Locale", "#d9730d"),
    ("other", "Autre", "#8a8a8a"),
)

CHART_TITLE = "Objectifs stratégiques par thème et par acteur"

# Chart geometry, in SVG user units.
LABEL_WIDTH = 380
BAR_WIDTH = 440
ROW_HEIGHT = 22
TOP = 46
VALUE_MARGIN = 40


@dataclass(frozen=True)
class MatrixRow:
    key: str
    title: str
    themes: frozenset[str]  # theme ids citing the plan


@dataclass(frozen=True)
class ReportFiles:
    markdown: str
    html: str
    svg: str


def _counts(theme: Theme) -> dict[Actor, int]:
    return count_by_actor(theme.objectives)


def _theme_label(theme: Theme, limit: int = 52) -> str:
    label = f"{theme.number} {theme.title or ''}".strip()
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _depth(theme: Theme) -> int:
    return theme.number.count(".")


# --- chart -----------------------------------------------------------------


def objectives_svg(doc: Document, element_id: str = "objectives-chart") -> str:
    """Horizontal stacked bars: one row per theme, one segment per actor."""
    themes = doc.themes
    largest = max((len(t.objectives) for t in themes), default=0) or 1
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_MARGIN
    height = TOP + ROW_HEIGHT * max(len(themes), 1) + 10
    scale = BAR_WIDTH / largest
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{element_id}" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{CHART_TITLE}" font-family="sans-serif" font-size="12">',
        f"<title>{CHART_TITLE}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    x = LABEL_WIDTH
    for actor, name, colour in ACTORS:
        parts.append(f'<rect x="{x}" y="10" width="14" height="14" fill="{colour}" class="legend-{actor}"/>')
        parts.append(f'<text x="{x + 20}" y="22">{escape(name)}</text>')
        x += 20 + 9 * len(name) + 24
    if not themes:
        parts.append(f'<text x="10" y="{TOP + 15}">Aucun thème.</text>')
    for row, theme in enumerate(themes):
        y = TOP + row * ROW_HEIGHT
        indent = 12 * _depth(theme)
        weight = ' font-weight="bold"' if theme.parent is None else ""
        parts.append(
            f'<text x="{6 + indent}" y="{y + 15}"{weight}>'
            f"<title>{escape(theme.title or theme.number)}</title>"
            f"{escape(_theme_label(theme, 54 - 2 * _depth(theme)))}</text>"
        )
        x = float(LABEL_WIDTH)
        for actor, name, colour in ACTORS:
            count = _counts(theme)[actor]
            if count:
                w = count * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW_HEIGHT - 6}" '
                    f'fill="{colour}" class="bar bar-{actor}">'
                    f"<title>{escape(theme.number)} — {escape(name)} : {count}</title></rect>"
                )
                x += w
        total = len(theme.objectives)
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="#333333">{total}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --- matrix ------------------------------------------------------------------


def plan_matrix(doc: Document) -> list[MatrixRow]:
    """Cited plans (canonical where the index links them) and the themes citing each,
    in order of first citation."""
    titles = {entry.id: entry.title for entry in doc.action_plan_index}
    rows: dict[str, tuple[str, set[str]]] = {}
    for theme in doc.themes:
        for ref in theme.action_plans:
            key = ref.index_id or "ref_" + slug(ref.title)
            title = titles.get(ref.index_id or "", ref.title)
            rows.setdefault(key, (title, set()))[1].add(theme.id)
    return [MatrixRow(key, title, frozenset(ids)) for key, (title, ids) in rows.items()]


def _matrix_themes(doc: Document, rows: list[MatrixRow]) -> list[Theme]:
    citing = set().union(*(row.themes for row in rows)) if rows else set()
    return [theme for theme in doc.themes if theme.id in citing]


# --- outline ------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineItem:
    kind: Literal["chapter", "section", "theme"]
    id: str
    depth: int
    label: str
    page: int
    facts: str = ""


def _chapter_of(doc: Document, page: int) -> str | None:
    """The chapter a page belongs to: the last one starting on or before it."""
    found = None
    for chapter in doc.chapters:
        if chapter.page <= page:
            found = chapter.id
    return found


def outline(doc: Document) -> list[OutlineItem]:
    """Chapters with their sections and themes (placed by page, each list keeping its order)."""
    themes_by_chapter: dict[str | None, list[Theme]] = {}
    for theme in doc.themes:
        themes_by_chapter.setdefault(_chapter_of(doc, theme.page), []).append(theme)
    base = 1 if doc.chapters else 0

    def theme_item(theme: Theme) -> OutlineItem:
        label = f"{theme.number} {theme.title or ''}".strip()
        return OutlineItem("theme", theme.id, base + _depth(theme), label, theme.page, _theme_facts(theme))

    items = [theme_item(theme) for theme in themes_by_chapter.pop(None, [])]
    for chapter in doc.chapters:
        title = f"{chapter.number}. {chapter.title}" if chapter.title else f"Chapitre {chapter.number}"
        items.append(OutlineItem("chapter", chapter.id, 0, title, chapter.page))
        sections = [
            OutlineItem("section", s.id, 1, f"{s.number}. {s.title}" if s.title else f"Section {s.number}", s.page)
            for s in chapter.sections
        ]
        themes = [theme_item(theme) for theme in themes_by_chapter.get(chapter.id, [])]
        items += heapq.merge(sections, themes, key=lambda item: item.page)
    return items


# --- markdown -----------------------------------------------------------------


def _md(text: str | None) -> str:
    # One line, no table-breaking pipe, no tag a Markdown renderer would swallow.
    flat = (text or "").replace("\n", " ").replace("|", "\\|")
    return flat.replace("<", "&lt;").replace(">", "&gt;").strip()


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _summary_rows(doc: Document) -> list[tuple[str, int]]:
    objectives = [o for t in doc.themes for o in t.objectives]
    by_actor = count_by_actor(objectives)
    return [
        ("Chapitres", len(doc.chapters)),
        ("Thèmes", len(doc.themes)),
        ("Objectifs stratégiques", len(objectives)),
        *((f"— {name}", by_actor[actor]) for actor, name, _ in ACTORS),
        ("Points d'attention", sum(len(t.attention_points) for t in doc.themes)),
        ("Plans d'action cités", sum(len(t.action_plans) for t in doc.themes)),
        ("Plans d'action distincts", len(doc.action_plan_index)),
        ("Notes de bas de page", sum(len(t.footnotes) for t in doc.themes)),
        ("Abréviations du glossaire", len(doc.glossary)),
        ("Références juridiques", len(doc.legal_references)),
    ]


def _title(doc: Document) -> str:
    return doc.document.title or "Plan national de sécurité"


def _theme_facts(theme: Theme) -> str:
    counts = _counts(theme)
    bits = []
    if theme.objectives:
        split = ", ".join(f"{counts[a]} {n}" for a, n, _ in ACTORS if counts[a])
        bits.append(f"{_plural(len(theme.objectives), 'objectif', 'objectifs')} ({split})")
    if theme.attention_points:
        bits.append(_plural(len(theme.attention_points), "point d'attention", "points d'attention"))
    if theme.action_plans:
        bits.append(_plural(len(theme.action_plans), "plan cité", "plans cités"))
    return "; ".join(bits)


def to_markdown(name: str, doc: Document, svg_file: str) -> str:
    lines = [f"# {_md(_title(doc))}", ""]
    lines.append(
        f"Source : `{doc.source.file}` ({doc.source.kind}, {doc.source.pages} pages, "
        f"sha256 `{doc.source.sha256[:12]}`) — pns-extract {doc.tool_version}, schéma {doc.schema_version}."
    )
    lines += ["", "## En bref", "", "| Élément | Nombre |", "| --- | ---: |"]
    lines += [f"| {label} | {count} |" for label, count in _summary_rows(doc)]
    lines += ["", "## Plan du document", ""]
    for item in outline(doc):
        label = f"**{_md(item.label)}**" if item.kind == "chapter" else _md(item.label)
        facts = f" — {item.facts}" if item.facts else ""
        lines.append(f"{'  ' * item.depth}- {label} (p. {item.page}){facts}")
    lines += ["", "## Objectifs stratégiques par thème et par acteur", ""]
    lines += [f"![Objectifs stratégiques par thème et par acteur]({svg_file})", ""]
    lines += ["| Thème | " + " | ".join(n for _, n, _ in ACTORS) + " | Total |", "| --- |" + " ---: |" * 4]
    for theme in doc.themes:
        counts = _counts(theme)
        cells = " | ".join(str(counts[a]) for a, _, _ in ACTORS)
        lines.append(f"| {_md(_theme_label(theme))} | {cells} | {len(theme.objectives)} |")
    rows = plan_matrix(doc)
    themes = _matrix_themes(doc, rows)
    lines += ["", "## Thèmes × plans d'action cités", ""]
    if rows:
        lines.append("| Plan d'action | " + " | ".join(_md(t.number) for t in themes) + " |")
        lines.append("| --- |" + " :---: |" * len(themes))
        for row in rows:
            cells = " | ".join("●" if t.id in row.themes else "" for t in themes)
            lines.append(f"| {_md(row.title)} | {cells} |")
    else:
        lines.append("Aucun plan d'action cité.")
    return "\n".join(lines) + "\n"


# --- html -----------------------------------------------------------------------

CSS = """
body { font-family: sans-serif; margin: 2em auto; max-width: 1200px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
td.n { text-align: right; } ul.outline li { margin: 2px 0; } .page { color: #777; }
.facts { color: #555; font-size: 0.9em; }
#plan-matrix thead th { vertical-align: bottom; }
#plan-matrix th.theme { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  font-weight: normal; font-size: 0.85em; }
#plan-matrix td.cell { width: 18px; height: 18px; padding: 0; }
#plan-matrix td.hit { background: #1f4e9a; color: #ffffff; text-align: center; font-size: 0.7em; }
#plan-matrix td.plan { font-size: 0.9em; max-width: 420px; }
#plan-matrix tr:nth-child(even) td.plan { background: #f3f3f3; }
"""


def _html_outline(doc: Document) -> list[str]:
    out = ['<ul class="outline">']
    for item in outline(doc):
        label = escape(item.label)
        if item.kind == "chapter":
            label = f"<strong>{label}</strong>"
        anchor = f' id="{escape(item.id)}"' if item.kind == "theme" else ""
        out.append(
            f'<li style="margin-left: {1.5 * item.depth:.1f}em"{anchor}>{label} '
            f'<span class="page">p. {item.page}</span>'
            + (f' <span class="facts">— {escape(item.facts)}</span>' if item.facts else "")
            + "</li>"
        )
    out.append("</ul>")
    return out


def _html_matrix(doc: Document) -> list[str]:
    rows = plan_matrix(doc)
    if not rows:
        return ['<p id="plan-matrix">Aucun plan d\'action cité.</p>']
    themes = _matrix_themes(doc, rows)
    out = ['<table id="plan-matrix">', "<thead><tr><th>Plan d'action</th>"]
    out += [f'<th class="theme" title="{escape(t.title or "")}">{escape(_theme_label(t, 40))}</th>' for t in themes]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = "".join(
            f'<td class="cell hit" title="{escape(t.number)}">●</td>'
            if t.id in row.themes
            else '<td class="cell"></td>'
            for t in themes
        )
        out.append(f'<tr><td class="plan">{escape(row.title)}</td>{cells}</tr>')
    out.append("</tbody></table>")
    return out


def to_html(doc: Document, svg: str) -> str:
    title = escape(_title(doc))
    out = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f"<p>Source : <code>{escape(doc.source.file)}</code> "
        f"({escape(doc.source.kind)}, {doc.source.pages} pages, "
        f"sha256 <code>{escape(doc.source.sha256[:12])}</code>) — pns-extract {escape(doc.tool_version)}, "
        f"schéma {escape(doc.schema_version)}.</p>",
        "<h2>En bref</h2>",
        '<table id="summary"><tbody>',
    ]
    out += [f'<tr><td>{escape(label)}</td><td class="n">{count}</td></tr>' for label, count in _summary_rows(doc)]
    out += ["</tbody></table>", "<h2>Plan du document</h2>", *_html_outline(doc)]
    out += ["<h2>Objectifs stratégiques par thème et par acteur</h2>", svg.rstrip("\n")]
    out += ["<h2>Thèmes × plans d'action cités</h2>", *_html_matrix(doc)]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def build_report(name: str, doc: Document) -> ReportFiles:
    """Markdown, HTML and the chart's SVG for ``doc``; the Markdown links ``<name>.objectives.svg``."""
    svg = objectives_svg(doc)
    return ReportFiles(
        markdown=to_markdown(name, doc, f"{name}.objectives.svg"),
        html=to_html(doc, svg),
        svg='<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
    )
