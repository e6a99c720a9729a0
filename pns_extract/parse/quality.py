"""The extraction's self-check: does the reading keep the document's own conventions?

What it finds wrong is said twice: as a flag in ``Document.quality`` for programs, and as a
warning with its place for people."""

from __future__ import annotations

from ..model import Document, Notice, Quality


def assess(document: Document, points: set[str], numbering_consistent: bool) -> tuple[Quality, list[Notice]]:
    """``points``: the theme numbers read as points of a theme of points (they have no parts)."""
    warnings: list[Notice] = []
    parents = {theme.parent for theme in document.themes if theme.parent is not None}
    bare: list[str] = []
    for theme in document.themes:
        if theme.number in points or theme.number in parents:
            continue
        if not (theme.objectives or theme.attention_points or theme.action_plans):
            bare.append(theme.number)
            warnings.append(
                Notice(
                    kind="structure",
                    message=f"theme {theme.number} has no objectives, attention points, action plans or sub-themes",
                    page=theme.page,
                )
            )
    notes = [note for owner in [*document.themes, *document.chapters] for note in owner.footnotes]
    whole_plan = any(chapter.number > 2 for chapter in document.chapters)
    if whole_plan and not document.glossary:
        warnings.append(Notice(kind="structure", message="no abbreviation list found after the chapters"))
    coverage = document.coverage
    quality = Quality(
        numbering_consistent=numbering_consistent,
        themes=len(document.themes),
        points=sorted(points, key=_number_key),
        themes_without_parts=bare,
        glossary_entries=len(document.glossary),
        footnotes=len(notes),
        footnotes_in_sequence=all(note.printed_number is None for note in notes),
        placed_share=round(coverage.placed / coverage.lines, 4) if coverage.lines else 1.0,
        unplaced_lines=sum(1 for residue in document.residue if residue.kind == "unplaced"),
    )
    return quality, warnings


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))
