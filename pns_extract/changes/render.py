"""Rendering of a diff: rich terminal tables, JSON, Markdown and self-contained HTML,
with word-level highlights for modified texts."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Literal

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .model import CHANGE_KINDS, ELEMENT_KINDS, Change, DocumentDiff, Snapshot
from .normalize import compare, key

Format = Literal["rich", "json", "markdown", "html"]
FORMATS: tuple[str, ...] = ("rich", "json", "markdown", "html")
Segment = tuple[Literal["equal", "delete", "insert"], str]

_ELEMENT_LABEL = {
    "theme": "Themes",
    "objective": "Objectives",
    "attention_point": "Attention points",
    "action_plan": "Action plans",
    "footnote": "Footnotes",
    "glossary": "Glossary",
}
_KIND_STYLE = {
    "added": "green",
    "removed": "red",
    "modified": "yellow",
    "renumbered": "cyan",
    "moved": "magenta",
}
CONTEXT_WORDS = 8


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


def _shorten(segments: list[Segment], context: int | None) -> list[Segment]:
    """Equal runs cut to ``context`` words on each side of a change."""
    if context is None:
        return segments
    result: list[Segment] = []
    for index, (tag, text) in enumerate(segments):
        if tag != "equal":
            result.append((tag, text))
            continue
        tokens = text.split()
        first, last = index == 0, index == len(segments) - 1
        keep_head = 0 if first else context
        keep_tail = 0 if last else context
        if len(tokens) <= keep_head + keep_tail + 1:
            result.append((tag, text))
            continue
        head, tail = tokens[:keep_head], tokens[len(tokens) - keep_tail :] if keep_tail else []
        result.append((tag, " ".join([*head, "…", *tail])))
    return result


# --- labels -----------------------------------------------------------------------


def _clip(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label(element: str, snap: Snapshot | None) -> str:
    """A one-line name for an element side."""
    if snap is None:
        return ""
    if element == "theme":
        return f"{snap.number} {snap.title or ''}".strip()
    if element == "objective":
        who = snap.group if snap.actor == "other" and snap.group else snap.actor
        return f"[{who} {snap.number}] {_clip(snap.title or snap.text, 80)}"
    if element == "attention_point":
        return f"[{snap.section}] {_clip(snap.title or snap.text, 80)}"
    if element == "footnote":
        return f"({snap.number}) {_clip(snap.text, 80)}"
    if element == "glossary":
        return f"{snap.number} — {_clip(snap.text, 80)}"
    return _clip(snap.title or snap.text)


def _where(change: Change) -> str:
    if change.element == "glossary":
        return "glossary"
    old_theme = change.old.theme if change.old else None
    new_theme = change.new.theme if change.new else None
    if change.kind in {"renumbered", "moved"} and old_theme and new_theme and old_theme != new_theme:
        return f"{old_theme} → {new_theme}"
    return change.theme or ""


def _detail_fields(change: Change) -> list[tuple[str, str | None, str | None]]:
    """(field, old, new) texts to show with highlights."""
    if change.old is None or change.new is None:
        return []
    rows: list[tuple[str, str | None, str | None]] = []
    o, n = change.old, change.new
    if "number" in change.fields:
        rows.append(("number", o.number, n.number))
    if "actor" in change.fields:
        rows.append(("actor", f"{o.actor} {o.group or ''}".strip(), f"{n.actor} {n.group or ''}".strip()))
    if "section" in change.fields:
        rows.append(("section", o.section, n.section))
    if "title" in change.fields:
        rows.append(("title", o.title, n.title))
    if "text" in change.fields:
        rows.append(("text", o.text, n.text))
    return rows


def _plan_lists(diff: DocumentDiff) -> list[tuple[str, list[str]]]:
    lists = [
        ("Action plans no longer cited anywhere", diff.summary.plans_no_longer_cited),
        ("Action plans newly cited", diff.summary.plans_newly_cited),
    ]
    return [(caption, plans) for caption, plans in lists if plans]


def _headline(change: Change) -> str:
    snap = change.new or change.old
    return label(change.element, snap)


# --- rich ------------------------------------------------------------------------


def _rich_segments(segments: Iterable[Segment], plain: bool) -> Text:
    """Highlighted words; without colours, wdiff-style ``[-old-]`` / ``{+new+}`` markers."""
    text = Text()
    for tag, chunk in segments:
        if text:
            text.append(" ")
        if tag == "equal":
            text.append(chunk)
        elif tag == "delete":
            text.append(f"[-{chunk}-]" if plain else chunk, style="bold red strike")
        else:
            text.append(f"{{+{chunk}+}}" if plain else chunk, style="bold green underline")
    return text


def _rich_detail(change: Change, plain: bool) -> Text | Group | str:
    if change.kind == "renumbered":
        note = f"\n{change.note}" if change.note else ""
        return Text(f"{change.old.number if change.old else ''} → {change.new.number if change.new else ''}{note}")
    if change.kind in {"added", "removed"}:
        return Text(change.note or "")
    parts: list[Text] = []
    for field, old, new in _detail_fields(change):
        if field in {"number", "actor", "section"}:
            parts.append(Text(f"{field}: {old} → {new}", style="magenta"))
        elif field != "theme":
            line = Text.assemble((f"{field}: ", "dim"))
            line.append_text(_rich_segments(_shorten(word_diff(old, new), CONTEXT_WORDS), plain))
            parts.append(line)
    if change.kind == "moved" and change.old and change.new and change.old.theme != change.new.theme:
        parts.insert(0, Text(f"theme: {change.old.theme} → {change.new.theme}", style="magenta"))
    return Group(*parts) if parts else Text("")


def render_rich(diff: DocumentDiff, console: Console) -> None:
    """Print the summary (counts per kind) and one table per change kind."""
    summary = diff.summary
    old, new = summary.old, summary.new
    plain = console.no_color or console.color_system is None
    console.print(
        Text.assemble(
            ("OLD ", "bold red"),
            f"{old.file or '?'} ({old.period or 'no period'}, {old.themes} themes)   ",
            ("NEW ", "bold green"),
            f"{new.file or '?'} ({new.period or 'no period'}, {new.themes} themes)",
        )
    )
    if summary.identical:
        console.print(f"[bold green]No change[/] ({summary.themes_matched} themes matched).")
        return
    counts = Table(title=f"{summary.total} changes, {summary.themes_matched} themes matched", title_justify="left")
    counts.add_column("element")
    for kind in CHANGE_KINDS:
        counts.add_column(kind, justify="right", style=_KIND_STYLE[kind])
    for element in ELEMENT_KINDS:
        row = summary.by_element[element]
        values = [getattr(row, kind) for kind in CHANGE_KINDS]
        if any(values):
            counts.add_row(_ELEMENT_LABEL[element], *[str(v) if v else "·" for v in values])
    counts.add_row("total", *[str(getattr(summary.by_kind, kind)) for kind in CHANGE_KINDS], style="bold")
    console.print(counts)
    for caption, plans in _plan_lists(diff):
        console.print(Text.assemble((f"{caption}: ", "bold"), "; ".join(plans)))
    for kind in CHANGE_KINDS:
        selected = [c for c in diff.changes if c.kind == kind]
        if not selected:
            continue
        table = Table(
            title=f"{kind} ({len(selected)})",
            title_style=f"bold {_KIND_STYLE[kind]}",
            title_justify="left",
            show_lines=kind in {"modified", "moved"},
            expand=True,
        )
        table.add_column("theme", no_wrap=True, min_width=5)
        table.add_column("element", no_wrap=True, min_width=15)
        table.add_column("what", ratio=4)
        table.add_column("change", ratio=5)
        for change in selected:
            table.add_row(
                Text(_where(change)),
                change.element.replace("_", " "),
                Text(_headline(change)),
                _rich_detail(change, plain),
            )
        console.print(table)


# --- markdown --------------------------------------------------------------------------


_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\|*~_`[]"} | {"<": "&lt;", ">": "&gt;"})


def _md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell (no emphasis, link or HTML by accident)."""
    return text.translate(_MD_ESCAPES)


def _md_segments(segments: Iterable[Segment]) -> str:
    out = []
    for tag, chunk in segments:
        chunk = _md_escape(chunk)
        out.append(chunk if tag == "equal" else f"~~{chunk}~~" if tag == "delete" else f"**{chunk}**")
    return " ".join(out)


def _md_detail(change: Change) -> str:
    if change.kind == "renumbered":
        text = f"{change.old.number if change.old else ''} → {change.new.number if change.new else ''}"
        return text + (f"<br>{_md_escape(change.note)}" if change.note else "")
    if change.kind in {"added", "removed"}:
        return _md_escape(change.note or "")
    parts = []
    if change.kind == "moved" and change.old and change.new and change.old.theme != change.new.theme:
        parts.append(f"theme: {change.old.theme} → {change.new.theme}")
    for field, old, new in _detail_fields(change):
        if field in {"number", "actor", "section"}:
            parts.append(f"{field}: {_md_escape(old or '')} → {_md_escape(new or '')}")
        else:
            parts.append(f"{field}: " + _md_segments(_shorten(word_diff(old, new), CONTEXT_WORDS)))
    return "<br>".join(parts)


def render_markdown(diff: DocumentDiff) -> str:
    s = diff.summary
    lines = [
        f"# Changes between {s.old.file or 'OLD'} and {s.new.file or 'NEW'}",
        "",
        f"OLD: {s.old.title or '?'} ({s.old.period or 'no period'}, {s.old.themes} themes) — "
        f"NEW: {s.new.title or '?'} ({s.new.period or 'no period'}, {s.new.themes} themes)",
        "",
    ]
    if s.identical:
        lines.append(f"No change ({s.themes_matched} themes matched).")
        return "\n".join(lines) + "\n"
    lines += [
        f"{s.total} changes, {s.themes_matched} themes matched.",
        "",
        "| element | " + " | ".join(CHANGE_KINDS) + " |",
        "|---|" + "---:|" * len(CHANGE_KINDS),
    ]
    for element in ELEMENT_KINDS:
        row = s.by_element[element]
        values = [getattr(row, kind) for kind in CHANGE_KINDS]
        if any(values):
            lines.append(f"| {_ELEMENT_LABEL[element]} | " + " | ".join(str(v) for v in values) + " |")
    lines.append("| **total** | " + " | ".join(str(getattr(s.by_kind, k)) for k in CHANGE_KINDS) + " |")
    for caption, plans in _plan_lists(diff):
        lines += ["", f"{caption}:", "", *[f"- {_md_escape(plan)}" for plan in plans]]
    for kind in CHANGE_KINDS:
        selected = [c for c in diff.changes if c.kind == kind]
        if not selected:
            continue
        lines += [
            "",
            f"## {kind.capitalize()} ({len(selected)})",
            "",
            "| theme | element | what | change |",
            "|---|---|---|---|",
        ]
        for change in selected:
            lines.append(
                f"| {_md_escape(_where(change))} | {change.element.replace('_', ' ')} | "
                f"{_md_escape(_headline(change))} | {_md_detail(change)} |"
            )
    return "\n".join(lines) + "\n"


# --- html ---------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;
color:#1d232a;line-height:1.45;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}table.counts{width:auto}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
ins{background:#d1f7d6;text-decoration:none;color:#0a5d1a}
del{background:#ffd7d5;color:#8a1313}
.k{font-weight:600;padding:.1rem .4rem;border-radius:.3rem;font-size:.85em}
.added{background:#d1f7d6}.removed{background:#ffd7d5}.modified{background:#fff1bf}
.renumbered{background:#d6ecff}.moved{background:#f1ddff}
.f{color:#57606a;font-size:.85em;margin-right:.3rem}.note{color:#57606a;font-size:.9em}
"""


def _html_segments(segments: Iterable[Segment]) -> str:
    out = []
    for tag, chunk in segments:
        chunk = html.escape(chunk)
        out.append(chunk if tag == "equal" else f"<del>{chunk}</del>" if tag == "delete" else f"<ins>{chunk}</ins>")
    return " ".join(out)


def _html_detail(change: Change) -> str:
    e = html.escape
    if change.kind == "renumbered":
        old_number = change.old.number if change.old else None
        new_number = change.new.number if change.new else None
        text = f"{e(old_number or '')} → {e(new_number or '')}"
        return text + (f"<div class='note'>{e(change.note)}</div>" if change.note else "")
    if change.kind in {"added", "removed"}:
        snap = change.new or change.old
        body = e(_clip(snap.text, 400)) if snap and snap.text and change.element != "action_plan" else ""
        note = f"<div class='note'>{e(change.note)}</div>" if change.note else ""
        return body + note
    parts = []
    if change.kind == "moved" and change.old and change.new and change.old.theme != change.new.theme:
        moved = f"{e(change.old.theme or '')} → {e(change.new.theme or '')}"
        parts.append(f"<div><span class='f'>theme</span>{moved}</div>")
    for field, old, new in _detail_fields(change):
        if field in {"number", "actor", "section"}:
            parts.append(f"<div><span class='f'>{field}</span>{e(old or '')} → {e(new or '')}</div>")
        else:
            parts.append(f"<div><span class='f'>{field}</span>{_html_segments(word_diff(old, new))}</div>")
    return "".join(parts)


def render_html(diff: DocumentDiff) -> str:
    e = html.escape
    s = diff.summary
    title = f"Changes between {s.old.file or 'OLD'} and {s.new.file or 'NEW'}"
    out = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p><b>OLD</b> {e(s.old.title or '?')} ({e(s.old.period or 'no period')}, {s.old.themes} themes)"
        f" — <b>NEW</b> {e(s.new.title or '?')} ({e(s.new.period or 'no period')}, "
        f"{s.new.themes} themes)</p>",
    ]
    if s.identical:
        out.append(f"<p>No change ({s.themes_matched} themes matched).</p></body></html>")
        return "\n".join(out) + "\n"
    out.append(f"<p>{s.total} changes, {s.themes_matched} themes matched.</p>")
    out.append("<table class='counts'><tr><th>element</th>" + "".join(f"<th>{k}</th>" for k in CHANGE_KINDS) + "</tr>")
    for element in ELEMENT_KINDS:
        row = s.by_element[element]
        values = [getattr(row, kind) for kind in CHANGE_KINDS]
        if any(values):
            cells = "".join(f"<td class='n'>{v}</td>" for v in values)
            out.append(f"<tr><td>{_ELEMENT_LABEL[element]}</td>{cells}</tr>")
    totals = "".join(f"<td class='n'><b>{getattr(s.by_kind, k)}</b></td>" for k in CHANGE_KINDS)
    out.append(f"<tr><td><b>total</b></td>{totals}</tr></table>")
    for caption, plans in _plan_lists(diff):
        items = "".join(f"<li>{e(plan)}</li>" for plan in plans)
        out.append(f"<p><b>{e(caption)}</b></p><ul>{items}</ul>")
    for kind in CHANGE_KINDS:
        selected = [c for c in diff.changes if c.kind == kind]
        if not selected:
            continue
        out.append(f"<h2><span class='k {kind}'>{kind}</span> ({len(selected)})</h2>")
        out.append("<table><tr><th>theme</th><th>element</th><th>what</th><th>change</th></tr>")
        for change in selected:
            out.append(
                f"<tr><td>{e(_where(change))}</td><td>{change.element.replace('_', ' ')}</td>"
                f"<td>{e(_headline(change))}</td><td>{_html_detail(change)}</td></tr>"
            )
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# --- entry points ----------------------------------------------------------------------------


def render_json(diff: DocumentDiff) -> str:
    return json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def render(diff: DocumentDiff, fmt: str = "rich", *, width: int = 120) -> str:
    """The diff as text in ``fmt`` (rich gives the terminal view without colours, for files)."""
    if fmt == "json":
        return render_json(diff)
    if fmt == "markdown":
        return render_markdown(diff)
    if fmt == "html":
        return render_html(diff)
    if fmt == "rich":
        console = Console(record=True, width=width, color_system=None, file=_Null(), highlight=False)
        render_rich(diff, console)
        return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"
    raise ValueError(f"unknown diff format {fmt!r} (use one of {', '.join(FORMATS)})")


class _Null:
    """A write-only sink so the recording console prints nowhere."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        return None
