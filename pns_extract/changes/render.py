"""A diff written out: JSON (the ``DocumentDiff`` itself), Markdown and a self-contained HTML page.

Markdown and HTML serialise the one ``DiffView`` that ``view.diff_view`` computes (headings,
counts, rows, word-level highlights, pages); the terminal rendering lives in ``cli.py``, the only
module that imports rich.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..markup import h, html_page, md_text
from .model import DocumentDiff
from .view import ChangeRow, DiffView, Segment, diff_view

FORMATS: tuple[str, ...] = ("json", "markdown", "html")


# --- markdown --------------------------------------------------------------------------


def _md_segments(segments: Iterable[Segment]) -> str:
    out = []
    for tag, chunk in segments:
        chunk = md_text(chunk)
        out.append(chunk if tag == "equal" else f"~~{chunk}~~" if tag == "delete" else f"**{chunk}**")
    return " ".join(out)


def _md_change(row: ChangeRow) -> str:
    parts = []
    for detail in row.details:
        if detail.excerpt:
            parts.append(f"{detail.field} : {_md_segments(detail.excerpt)}")
        else:
            parts.append(f"{detail.field} : {md_text(detail.old)} → {md_text(detail.new)}")
    if row.note:
        parts.append(md_text(row.note))
    return "<br>".join(parts)


def markdown(view: DiffView) -> str:
    lines = [
        f"# {md_text(view.title)}",
        "",
        f"ANCIENNE : {md_text(view.old.line)} — NOUVELLE : {md_text(view.new.line)}",
        "",
        md_text(view.status),
    ]
    if view.identical:
        return "\n".join(lines) + "\n"
    lines += ["", "| élément | " + " | ".join(view.kind_columns) + " |", "|---|" + "---:|" * len(view.kind_columns)]
    for row in view.counts:
        label = f"**{md_text(row.label)}**" if row.total else md_text(row.label)
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row.values) + " |")
    for caption, plans in view.plan_lists:
        lines += ["", f"{md_text(caption)} :", "", *[f"- {md_text(plan)}" for plan in plans]]
    for section in view.sections:
        lines += ["", f"## {md_text(section.heading)}", "", "| thème | élément | quoi | page | modification |"]
        lines.append("|---|---|---|---|---|")
        for row in section.rows:
            lines.append(
                f"| {md_text(row.where)} | {md_text(row.element)} | {md_text(row.headline)} | "
                f"{md_text(row.pages)} | {_md_change(row)} |"
            )
    return "\n".join(lines) + "\n"


# --- html ---------------------------------------------------------------------------------


def _html_segments(segments: Iterable[Segment]) -> str:
    out = []
    for tag, chunk in segments:
        chunk = h(chunk)
        out.append(chunk if tag == "equal" else f"<del>{chunk}</del>" if tag == "delete" else f"<ins>{chunk}</ins>")
    return " ".join(out)


def _html_change(row: ChangeRow) -> str:
    parts = [f'<div class="body">{h(row.body)}</div>'] if row.body else []
    for detail in row.details:
        value = _html_segments(detail.segments) if detail.segments else f"{h(detail.old)} → {h(detail.new)}"
        parts.append(f'<div><span class="f">{h(detail.field)}</span>{value}</div>')
    if row.note:
        parts.append(f'<div class="note">{h(row.note)}</div>')
    return "".join(parts)


def html(view: DiffView) -> str:
    body = [
        f"<h1>{h(view.title)}</h1>",
        f"<p><b>ANCIENNE</b> {h(view.old.line)} — <b>NOUVELLE</b> {h(view.new.line)}</p>",
        f"<p>{h(view.status)}</p>",
    ]
    if view.identical:
        return html_page(view.title, body)
    head = "".join(f'<th class="n">{h(column)}</th>' for column in view.kind_columns)
    body.append(f'<div class="scroll"><table class="counts"><tr><th>élément</th>{head}</tr>')
    for row in view.counts:
        cells = "".join(f'<td class="n">{f"<b>{v}</b>" if row.total else v}</td>' for v in row.values)
        label = f"<b>{h(row.label)}</b>" if row.total else h(row.label)
        body.append(f"<tr><td>{label}</td>{cells}</tr>")
    body.append("</table></div>")
    for caption, plans in view.plan_lists:
        items = "".join(f"<li>{h(plan)}</li>" for plan in plans)
        body.append(f"<p><b>{h(caption)}</b></p><ul>{items}</ul>")
    for section in view.sections:
        body.append(f'<h2><span class="k {h(section.kind)}">{h(section.heading)}</span></h2>')
        body.append(
            '<div class="scroll"><table class="changes"><tr><th>thème</th><th>élément</th><th>quoi</th>'
            "<th>page</th><th>modification</th></tr>"
        )
        for row in section.rows:
            body.append(
                f'<tr><td data-label="thème">{h(row.where)}</td><td data-label="élément">{h(row.element)}</td>'
                f'<td data-label="quoi">{h(row.headline)}</td><td class="page" data-label="page">{h(row.pages)}</td>'
                f'<td data-label="modification">{_html_change(row)}</td></tr>'
            )
        body.append("</table></div>")
    return html_page(view.title, body)


# --- entry points ----------------------------------------------------------------------------


def render_json(diff: DocumentDiff) -> str:
    return json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def render_markdown(diff: DocumentDiff) -> str:
    return markdown(diff_view(diff))


def render_html(diff: DocumentDiff) -> str:
    return html(diff_view(diff))


def render(diff: DocumentDiff, fmt: str = "markdown") -> str:
    """The diff as text in ``fmt``: one of ``FORMATS`` (the terminal rendering is the CLI's)."""
    if fmt == "json":
        return render_json(diff)
    if fmt == "markdown":
        return render_markdown(diff)
    if fmt == "html":
        return render_html(diff)
    raise ValueError(f"unknown diff format {fmt!r} (use one of {', '.join(FORMATS)})")
