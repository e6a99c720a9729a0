"""A report to look at: the plan's outline, a chart of objectives per theme and actor, and
a matrix of themes x cited action plans, as Markdown (+ the chart as an SVG file) and as
one self-contained HTML page (inline CSS and SVG, no script, no external asset).

Everything shown is computed once by ``views.report_view``; the functions here only write it
out. Nothing depends on the time or the machine: the same document gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .markup import anchor, h, html_page, md_code, md_text
from .model import Document
from .views import ACTOR_STYLES, OutlineNode, ReportView, ThemeView, clip, report_view

CHART_TITLE = "Objectifs stratégiques par thème et par acteur"

# Chart geometry, in SVG user units: each theme is a label line with its bar below, so the chart
# stays legible when a phone scales it down to its width.
CHART_WIDTH = 480
MARGIN = 6
TOP = 40
ROW_HEIGHT = 34
BAR_HEIGHT = 12
TOTAL_ROOM = 34  # right of the longest bar, for its total
LABEL_CHARS = 72  # characters of a label that fit the width at 12 units a letter


@dataclass(frozen=True)
class ReportFiles:
    markdown: str
    html: str
    svg: str


# --- chart -----------------------------------------------------------------


def objectives_svg(view: ReportView, element_id: str = "objectives-chart") -> str:
    """Stacked horizontal bars, one per theme, one segment per actor; scales with its container
    (viewBox; the page's stylesheet sets its width to 100%)."""
    themes = view.themes
    bar_room = CHART_WIDTH - 2 * MARGIN - TOTAL_ROOM
    scale = bar_room / (view.largest or 1)
    height = TOP + ROW_HEIGHT * max(len(themes), 1) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{h(element_id)}" class="chart" width="{CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-label="{h(CHART_TITLE)}" font-family="sans-serif" font-size="12">',
        f"<title>{h(CHART_TITLE)}</title>",
        f'<rect x="0" y="0" width="{CHART_WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    x = MARGIN
    for style in ACTOR_STYLES:
        parts.append(f'<rect x="{x}" y="10" width="14" height="14" fill="{style.colour}" class="legend-{style.key}"/>')
        parts.append(f'<text x="{x + 20}" y="22">{h(style.name)}</text>')
        x += 20 + 7 * len(style.name) + 18
    if not themes:
        parts.append(f'<text x="{MARGIN}" y="{TOP + 15}">Aucun thème.</text>')
    for row, theme in enumerate(themes):
        y = TOP + row * ROW_HEIGHT
        indent = 12 * theme.depth
        weight = ' font-weight="bold"' if theme.depth == 0 else ""
        parts.append(
            f'<text x="{MARGIN + indent}" y="{y + 12}"{weight}><title>{h(theme.label)}</title>'
            f"{h(clip(theme.label, LABEL_CHARS - 2 * theme.depth))}</text>"
        )
        x_bar = float(MARGIN + indent)
        for style in ACTOR_STYLES:
            count = theme.objectives[style.key]
            if count:
                width = count * scale
                parts.append(
                    f'<rect x="{x_bar:.1f}" y="{y + 17}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                    f'fill="{style.colour}" class="bar bar-{style.key}">'
                    f"<title>{h(theme.number)} — {h(style.name)} : {count}</title></rect>"
                )
                x_bar += width
        parts.append(f'<text x="{x_bar + 5:.1f}" y="{y + 28}" fill="#333333">{theme.total}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --- markdown -----------------------------------------------------------------


def _source_line(view: ReportView, code: Callable[[str], str], text: Callable[[str], str]) -> str:
    s = view.source
    return (
        f"Source : {code(s.file)} ({text(s.kind)}, {s.pages} pages, sha256 {code(s.sha256[:12])}) — "
        f"pns-extract {text(s.tool_version)}, schéma {text(s.schema_version)}."
    )


def _md_outline(nodes: tuple[OutlineNode, ...], depth: int = 0) -> list[str]:
    lines = []
    for node in nodes:
        if node.kind == "chapter":
            label = f"**{md_text(node.label)}**"
        elif node.kind == "theme":
            label = f"[{md_text(node.label)}](#{anchor(node.id)})"
        else:
            label = md_text(node.label)
        facts = f" — {md_text(node.theme.facts)}" if node.theme and node.theme.facts else ""
        lines.append(f"{'  ' * depth}- {label} (p. {node.page}){facts}")
        lines += _md_outline(node.children, depth + 1)
    return lines


def _md_theme_cell(theme: ThemeView) -> str:
    return f'<a id="{anchor(theme.id)}"></a>{md_text(theme.label)}'


def to_markdown(view: ReportView, svg_file: str) -> str:
    lines = [f"# {md_text(view.title)}", "", _source_line(view, md_code, md_text)]
    lines += ["", "## En bref", "", "| Élément | Nombre |", "| --- | ---: |"]
    lines += [f"| {md_text(label)} | {count} |" for label, count in view.summary]
    lines += ["", "## Plan du document", "", *_md_outline(view.outline)]
    lines += ["", f"## {CHART_TITLE}", "", f"![{CHART_TITLE}]({svg_file})", ""]
    names = " | ".join(style.name for style in ACTOR_STYLES)
    lines += [f"| Thème | {names} | Total | Page |", "| --- |" + " ---: |" * (len(ACTOR_STYLES) + 2)]
    for theme in view.themes:
        cells = " | ".join(str(theme.objectives[style.key]) for style in ACTOR_STYLES)
        lines.append(f"| {_md_theme_cell(theme)} | {cells} | {theme.total} | {theme.page} |")
    matrix = view.matrix
    lines += ["", "## Thèmes × plans d'action cités", ""]
    if matrix.rows:
        lines.append("| Plan d'action | " + " | ".join(md_text(t.number) for t in matrix.themes) + " |")
        lines.append("| --- |" + " :---: |" * len(matrix.themes))
        for row in matrix.rows:
            cells = " | ".join("●" if t.id in row.themes else "" for t in matrix.themes)
            lines.append(f"| {md_text(row.title)} | {cells} |")
    else:
        lines.append("Aucun plan d'action cité.")
    return "\n".join(lines) + "\n"


# --- html -----------------------------------------------------------------------


def _html_outline(nodes: tuple[OutlineNode, ...], top: bool = True) -> list[str]:
    out = ['<ul class="outline">' if top else "<ul>"]
    for node in nodes:
        if node.kind == "chapter":
            label = f'<strong id="{anchor(node.id)}">{h(node.label)}</strong>'
        elif node.kind == "theme":
            label = f'<a href="#{anchor(node.id)}">{h(node.label)}</a>'
        else:
            label = h(node.label)
        facts = f' <span class="facts">— {h(node.theme.facts)}</span>' if node.theme and node.theme.facts else ""
        out.append(f'<li>{label} <span class="page">p. {node.page}</span>{facts}')
        if node.children:
            out += _html_outline(node.children, top=False)
        out.append("</li>")
    out.append("</ul>")
    return out


def _html_theme_table(view: ReportView) -> list[str]:
    head = "".join(f'<th class="n">{h(style.name)}</th>' for style in ACTOR_STYLES)
    out = [
        '<div class="scroll"><table id="objectives-table">',
        f'<thead><tr><th>Thème</th>{head}<th class="n">Total</th><th class="n">Points d\'attention</th>'
        '<th class="n">Plans cités</th><th class="n">Page</th></tr></thead><tbody>',
    ]
    for theme in view.themes:
        counts = "".join(f'<td class="n">{theme.objectives[style.key]}</td>' for style in ACTOR_STYLES)
        label = f"<strong>{h(theme.label)}</strong>" if theme.depth == 0 else h(theme.label)
        out.append(
            f'<tr id="{anchor(theme.id)}"><td>{label}</td>{counts}<td class="n">{theme.total}</td>'
            f'<td class="n">{theme.attention_points}</td><td class="n">{theme.action_plans}</td>'
            f'<td class="n">{theme.page}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return out


def _html_matrix(view: ReportView) -> list[str]:
    matrix = view.matrix
    if not matrix.rows:
        return ['<p id="plan-matrix">Aucun plan d\'action cité.</p>']
    out = ['<div class="scroll"><table id="plan-matrix">', "<thead><tr><th>Plan d'action</th>"]
    out += [
        f'<th class="theme" title="{h(t.label)}"><a href="#{anchor(t.id)}">{h(clip(t.label, 40))}</a></th>'
        for t in matrix.themes
    ]
    out.append("</tr></thead><tbody>")
    for row in matrix.rows:
        cells = "".join(
            f'<td class="cell hit" title="{h(t.number)}">●</td>' if t.id in row.themes else '<td class="cell"></td>'
            for t in matrix.themes
        )
        out.append(f'<tr><td class="plan">{h(row.title)}</td>{cells}</tr>')
    out.append("</tbody></table></div>")
    return out


def to_html(view: ReportView, svg: str) -> str:
    body = [f"<h1>{h(view.title)}</h1>", f"<p>{_source_line(view, lambda text: f'<code>{h(text)}</code>', h)}</p>"]
    body += ["<h2>En bref</h2>", '<table id="summary"><tbody>']
    body += [f'<tr><td>{h(label)}</td><td class="n">{count}</td></tr>' for label, count in view.summary]
    body += ["</tbody></table>", "<h2>Plan du document</h2>", *_html_outline(view.outline)]
    body += [f"<h2>{h(CHART_TITLE)}</h2>", svg.rstrip("\n"), *_html_theme_table(view)]
    body += ["<h2>Thèmes × plans d'action cités</h2>", *_html_matrix(view)]
    return html_page(view.title, body)


def build_report(name: str, doc: Document) -> ReportFiles:
    """Markdown, HTML and the chart's SVG for ``doc``; the Markdown links ``<name>.objectives.svg``."""
    view = report_view(doc)
    svg = objectives_svg(view)
    return ReportFiles(
        markdown=to_markdown(view, f"{name}.objectives.svg"),
        html=to_html(view, svg),
        svg='<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
    )
