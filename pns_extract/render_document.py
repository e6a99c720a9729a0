"""The whole plan as a document to read: ``render_markdown(doc)`` and ``render_html(doc)``.

Outline (linked), preamble and signatories, each chapter with its sections, each theme with its
description, missions, strategic objectives per actor group, attention points per section,
cited action plans and footnotes, then the glossary; every element with its page. The content
is laid out once as a list of blocks (``blocks``); Markdown and HTML only serialise them, with
the shared escapers of ``markup.py`` (nothing from the input can become a link, a tag or a
formula of the page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .markup import anchor, h, html_page, md_text
from .model import AttentionPoint, Chapter, Document, Objective, Section, Theme
from .views import OutlineNode, document_title, outline

ACTOR_GROUP_NAMES = {"federal": "Pour la Police Fédérale", "local": "Pour la Police Locale", "other": "Autres"}
SECTION_NAMES = {
    "transversal": "Points d'attention transversaux",
    "general": "Points d'attention généraux",
    "strategic": "Points d'attention stratégiques",
    "other": "Autres points d'attention",
}


@dataclass(frozen=True)
class Item:
    text: str
    label: str = ""  # shown in bold before the text
    page: int | None = None
    link: str = ""  # an element id to link to
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the title
    text: str
    id: str = ""
    page: int | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None
    note: bool = False  # secondary text (an intro sentence, a source line)


@dataclass(frozen=True)
class Items:
    items: tuple[Item, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


Block = Heading | Paragraph | Items | Table


# --- layout ---------------------------------------------------------------------------------


def _toc(nodes: tuple[OutlineNode, ...]) -> tuple[Item, ...]:
    return tuple(Item(node.label, page=node.page, link=node.id, children=_toc(node.children)) for node in nodes)


def _objective_groups(theme: Theme, level: int) -> list[Block]:
    """Objectives under a heading per group (actor, or subject for 'other'), in printed order."""
    blocks: list[Block] = []
    intros = {(group.actor, group.label): group for group in theme.objective_groups}
    current: tuple[str, str | None] | None = None
    pending: list[Item] = []

    def flush() -> None:
        if pending:
            blocks.append(Items(tuple(pending), ordered=True))
            pending.clear()

    for objective in theme.objectives:
        group = (objective.actor, objective.group)
        if group != current:
            flush()
            current = group
            label = objective.group or ACTOR_GROUP_NAMES[objective.actor]
            blocks.append(Heading(level, label))
            found = intros.get(group)
            if found is not None and found.intro:
                blocks.append(Paragraph(found.intro, found.page, note=True))
        pending.append(_objective_item(objective))
    flush()
    return blocks


def _objective_item(objective: Objective) -> Item:
    children = tuple(Item(text) for text in objective.items)
    return Item(objective.text, label=objective.title or "", page=objective.page, children=children)


def _attention_points(points: list[AttentionPoint], level: int) -> list[Block]:
    blocks: list[Block] = []
    for section, name in SECTION_NAMES.items():
        selected = [p for p in points if p.section == section]
        if selected:
            blocks.append(Heading(level, name))
            blocks.append(Items(tuple(Item(p.text, label=p.label or "", page=p.page) for p in selected)))
    return blocks


def _theme_blocks(theme: Theme, depth: int) -> list[Block]:
    level = min(3 + depth, 4)
    blocks: list[Block] = [Heading(level, f"{theme.number} {theme.title or ''}".strip(), theme.id, theme.page)]
    blocks += [Paragraph(text) for text in theme.description]
    if theme.missions:
        blocks += [Heading(level + 1, "Missions"), Items(tuple(Item(text) for text in theme.missions))]
    if theme.objectives:
        blocks.append(Heading(level + 1, "Objectifs stratégiques"))
        blocks += _objective_groups(theme, level + 2)
    if theme.attention_points:
        blocks.append(Heading(level + 1, "Points d'attention"))
        blocks += _attention_points(theme.attention_points, level + 2)
    if theme.action_plans:
        blocks.append(Heading(level + 1, "Plans d'action et cadres politiques pertinents"))
        blocks.append(Items(tuple(Item(ref.title, page=ref.page) for ref in theme.action_plans)))
    if theme.footnotes:
        blocks.append(Heading(level + 1, "Notes"))
        blocks.append(Items(tuple(Item(f.text, label=str(f.number), page=f.page) for f in theme.footnotes)))
    return blocks


def _section_blocks(section: Section) -> list[Block]:
    title = f"{section.number}. {section.title}" if section.title else f"Section {section.number}"
    return [Heading(3, title, section.id, section.page), *(Paragraph(text) for text in section.paragraphs)]


def _chapter_blocks(chapter: Chapter, label: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, label, chapter.id, chapter.page)]
    blocks += [Paragraph(text) for text in chapter.paragraphs]
    return blocks


@dataclass(frozen=True)
class _Parts:
    """The document's chapters, sections and themes by id, for the outline's nodes."""

    chapters: dict[str, Chapter]
    sections: dict[str, Section]
    themes: dict[str, Theme]

    @classmethod
    def of(cls, doc: Document) -> _Parts:
        sections = {s.id: s for c in doc.chapters for s in c.sections}
        return cls({c.id: c for c in doc.chapters}, sections, {t.id: t for t in doc.themes})


def _node_blocks(node: OutlineNode, parts: _Parts, depth: int = 0) -> list[Block]:
    if node.kind == "section":
        return _section_blocks(parts.sections[node.id])
    if node.kind == "theme":
        out = _theme_blocks(parts.themes[node.id], depth)
        for child in node.children:
            out += _node_blocks(child, parts, depth + 1)
        return out
    chapter = parts.chapters[node.id]
    out = _chapter_blocks(chapter, node.label)
    for child in node.children:
        out += _node_blocks(child, parts)
    if chapter.footnotes:
        out.append(Heading(3, "Notes"))
        out.append(Items(tuple(Item(f.text, label=str(f.number), page=f.page) for f in chapter.footnotes)))
    return out


def blocks(doc: Document) -> list[Block]:
    """The plan laid out as headings, paragraphs, lists and tables, in reading order."""
    tree = outline(doc)
    source = doc.source
    out: list[Block] = [
        Heading(1, document_title(doc)),
        Paragraph(
            f"Source : {source.file} ({source.kind}, {source.pages} pages) — extrait par pns-extract "
            f"{doc.tool_version}. Les numéros de page sont ceux du fichier source.",
            note=True,
        ),
        Heading(2, "Sommaire"),
        Items(_toc(tree)),
    ]
    info = doc.document
    if info.preamble:
        out.append(Heading(2, "Préambule", "preamble", info.preamble_page))
        out += [Paragraph(text) for text in info.preamble]
        if info.signatories:
            out.append(Items(tuple(Item(s.role or "", label=s.name) for s in info.signatories)))
    parts = _Parts.of(doc)
    for node in tree:
        out += _node_blocks(node, parts)
    if doc.glossary:
        out.append(Heading(2, "Glossaire", "glossary", doc.glossary[0].page))
        out.append(
            Table(
                ("Abréviation", "Signification", "Page"),
                tuple((g.acronym, g.expansion, str(g.page)) for g in doc.glossary),
            )
        )
    return out


# --- markdown ---------------------------------------------------------------------------------


def _md_page(page: int | None) -> str:
    return f" *(p. {page})*" if page is not None else ""


def _md_item(item: Item, marker: str, indent: str) -> list[str]:
    text = f"[{md_text(item.text)}](#{anchor(item.link)})" if item.link else md_text(item.text)
    label = f"**{md_text(item.label)}**" + (" : " if item.text else "") if item.label else ""
    lines = [f"{indent}{marker} {label}{text}{_md_page(item.page)}"]
    for child in item.children:
        lines += _md_item(child, "-", indent + " " * (len(marker) + 1))
    return lines


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        target = f'<a id="{anchor(block.id)}"></a>' if block.id else ""
        return [f"{'#' * min(block.level, 6)} {target}{md_text(block.text)}{_md_page(block.page)}"]
    if isinstance(block, Paragraph):
        text = md_text(block.text) + _md_page(block.page)
        return [f"*{text.strip()}*" if block.note else text]
    if isinstance(block, Items):
        lines = []
        for number, item in enumerate(block.items, start=1):
            lines += _md_item(item, f"{number}." if block.ordered else "-", "")
        return lines
    lines = ["| " + " | ".join(md_text(cell) for cell in block.header) + " |", "|" + " --- |" * len(block.header)]
    return lines + ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in block.rows]


def render_markdown(doc: Document) -> str:
    """The whole plan as Markdown (GitHub-flavoured: tables, anchors)."""
    out: list[str] = []
    for block in blocks(doc):
        out += [*_md_block(block), ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- html -------------------------------------------------------------------------------------


def _html_page(page: int | None) -> str:
    return f' <span class="page">p. {page}</span>' if page is not None else ""


def _html_item(item: Item) -> str:
    text = f'<a href="#{anchor(item.link)}">{h(item.text)}</a>' if item.link else h(item.text)
    label = f"<strong>{h(item.label)}</strong>" + (" : " if item.text else "") if item.label else ""
    children = "<ul>" + "".join(_html_item(child) for child in item.children) + "</ul>" if item.children else ""
    return f"<li>{label}{text}{_html_page(item.page)}{children}</li>"


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(block.level, 6)
        target = f' id="{anchor(block.id)}"' if block.id else ""
        return f"<h{level}{target}>{h(block.text)}{_html_page(block.page)}</h{level}>"
    if isinstance(block, Paragraph):
        opening = '<p class="note">' if block.note else "<p>"
        return f"{opening}{h(block.text)}{_html_page(block.page)}</p>"
    if isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        return f"<{tag}>" + "".join(_html_item(item) for item in block.items) + f"</{tag}>"
    head = "".join(f"<th>{h(cell)}</th>" for cell in block.header)
    rows = "".join("<tr>" + "".join(f"<td>{h(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def render_html(doc: Document) -> str:
    """The whole plan as one self-contained HTML page (inline CSS, no script), phone-friendly."""
    return html_page(document_title(doc), [_html_block(block) for block in blocks(doc)])
