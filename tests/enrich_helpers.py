"""Small hand-built Documents for the enrichment tests (no parser involved)."""

from __future__ import annotations

from pns_extract.model import (
    ActionPlanRef,
    Chapter,
    Coverage,
    Document,
    DocumentInfo,
    Footnote,
    GlossaryEntry,
    Section,
    Source,
    Theme,
)


def theme(number: str, *, description=(), plans=(), footnotes=(), page: int = 5) -> Theme:
    return Theme(
        id=f"theme_{number}",
        number=number,
        parent=number.rsplit(".", 1)[0] if "." in number else None,
        title=f"Thème {number}",
        page=page,
        description=list(description),
        action_plans=[
            ActionPlanRef(id=f"theme_{number}__plan_{i}", title=title, page=page)
            for i, title in enumerate(plans, start=1)
        ],
        footnotes=[Footnote(number=i, text=text, page=page) for i, text in enumerate(footnotes, start=1)],
    )


def document(*themes: Theme, glossary=(), preamble=(), chapters=()) -> Document:
    return Document(
        tool_version="test",
        source=Source(file="inline.txt", sha256="0" * 64, kind="text", pages=40),
        document=DocumentInfo(
            title="Plan national de sécurité 2026-2029", period=None, language="fr", preamble=list(preamble),
            preamble_page=1,
        ),
        chapters=list(chapters),
        themes=list(themes),
        glossary=[GlossaryEntry(acronym=a, expansion=e, page=40) for a, e in glossary],
        coverage=Coverage(lines=0, placed=0, residue=0),
    )


def chapter(number: int, *paragraphs: str, page: int = 34, sections=()) -> Chapter:
    return Chapter(
        id=f"chapter_{number}",
        number=number,
        title=None,
        page=page,
        paragraphs=list(paragraphs),
        sections=[
            Section(id=f"chapter_{number}__section_{i}", number=str(i), title=title, page=page + i - 1,
                    paragraphs=list(body))
            for i, (title, body) in enumerate(sections, start=1)
        ],
    )
