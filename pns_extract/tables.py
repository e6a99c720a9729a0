"""Flat CSV tables of a ``Document``: one row per theme, objective, attention point,
cited action plan, canonical plan, glossary entry and legal reference.

The column lists below are the contract: their order never changes (new columns are
appended), and ``datapackage.py`` publishes them with types and descriptions.
Every table starts with a ``document`` column (the output name of the source), so the
tables of several documents can be concatenated. Lists inside a cell are joined with
a newline (paragraphs, items, variants) or ``"; "`` (ids and theme numbers).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from .model import ACTORS, Document, Theme, count_by_actor

FieldType = Literal["string", "integer", "boolean"]
Row = dict[str, str | int | bool | None]

LIST_SEPARATOR = "; "
PARAGRAPH_SEPARATOR = "\n"


@dataclass(frozen=True)
class Column:
    name: str
    type: FieldType
    description: str
    required: bool = False


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


DOCUMENT = Column("document", "string", "Output name of the source document (file name without extension).", True)
THEME_REF = (
    Column("theme_id", "string", "Id of the theme (see themes.csv).", True),
    Column("theme_number", "string", "Theme number as printed, e.g. '1.1'.", True),
)
THEME_FK = ForeignKey(("document", "theme_id"), "themes", ("document", "theme_id"))

TABLE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "themes",
        "Themes",
        "Security themes of the plan (chapter 2), flat and in printed order, with counts.",
        (
            DOCUMENT,
            Column("theme_id", "string", "Stable id of the theme, e.g. 'theme_1.1'.", True),
            Column("number", "string", "Theme number as printed or implied, e.g. '1.1'.", True),
            Column("parent", "string", "Number of the parent theme; empty for a top-level theme."),
            Column("title", "string", "Theme title as printed."),
            Column("page", "integer", "Page the theme starts on.", True),
            Column("description", "string", "Description paragraphs, one per line."),
            Column("missions", "string", "Items of the missions list, one per line."),
            Column("objectives", "integer", "Number of strategic objectives.", True),
            Column("objectives_federal", "integer", "Objectives of the Police Fédérale.", True),
            Column("objectives_local", "integer", "Objectives of the Police Locale.", True),
            Column("objectives_other", "integer", "Objectives of groups named by subject.", True),
            Column("attention_points", "integer", "Number of attention points.", True),
            Column("action_plans", "integer", "Number of cited action plans and policy frameworks.", True),
            Column("footnotes", "integer", "Number of footnotes printed in the theme.", True),
            Column("ncsi_dimensions", "string", "NCSI dimensions the theme is tied to, '; '-separated."),
        ),
        primary_key=("document", "theme_id"),
    ),
    TableSpec(
        "objectives",
        "Strategic objectives",
        "Strategic objectives of each theme, by actor (Police Fédérale, Police Locale, other).",
        (
            DOCUMENT,
            Column("objective_id", "string", "Stable id, e.g. 'theme_1.1__obj_federal_2'.", True),
            *THEME_REF,
            Column("actor", "string", "'federal', 'local' or 'other' (group named by subject).", True),
            Column("group", "string", "Label of the objective's group as printed; may be empty."),
            Column("number", "integer", "Position of the objective in its group, from 1.", True),
            Column("title", "string", "Short title of the objective; may be empty."),
            Column("text", "string", "Text of the objective, without its title.", True),
            Column("items", "string", "Sub-items, one per line."),
            Column("page", "integer", "Page the objective starts on.", True),
        ),
        primary_key=("document", "objective_id"),
        foreign_keys=(THEME_FK,),
    ),
    TableSpec(
        "attention_points",
        "Attention points",
        "Attention points of each theme (transversal, general, strategic).",
        (
            DOCUMENT,
            Column("attention_point_id", "string", "Stable id, e.g. 'theme_1__ap_transversal_2'.", True),
            *THEME_REF,
            Column("section", "string", "'transversal', 'general', 'strategic' or 'other'.", True),
            Column("label", "string", "Label before ' : '; may be empty."),
            Column("text", "string", "Text of the point, without its label.", True),
            Column("page", "integer", "Page the point starts on.", True),
        ),
        primary_key=("document", "attention_point_id"),
        foreign_keys=(THEME_FK,),
    ),
    TableSpec(
        "action_plans",
        "Cited action plans",
        "References listed under 'Plans d'action et cadres politiques pertinents', per theme.",
        (
            DOCUMENT,
            Column("action_plan_id", "string", "Stable id of the citation, e.g. 'theme_1__plan_3'.", True),
            *THEME_REF,
            Column("title", "string", "Reference as printed, wrapped lines joined.", True),
            Column("index_id", "string", "Id of the canonical plan in action_plan_index.csv; may be empty."),
            Column("qualifier", "string", "What this citation adds to the canonical plan (e.g. an NCSI dimension)."),
            Column("duplicate", "boolean", "true when the theme already cites the same plan earlier.", True),
            Column("page", "integer", "Page the reference is on.", True),
        ),
        primary_key=("document", "action_plan_id"),
        foreign_keys=(THEME_FK,),
    ),
    TableSpec(
        "action_plan_index",
        "Action plan index",
        "Canonical action plans and policy frameworks, with the themes citing them.",
        (
            DOCUMENT,
            Column(
                "index_id",
                "string",
                "Stable id of the canonical plan, e.g. 'plan_plan-grandes-villes'.",
                True,
            ),
            Column("title", "string", "Canonical title.", True),
            Column("qualifier", "string", "Qualifier such as an NCSI dimension; may be empty."),
            Column("variants", "string", "Distinct spellings cited, one per line."),
            Column("cited_by", "string", "Numbers of the citing themes in document order, '; '-separated."),
            Column("themes", "integer", "Number of citing themes.", True),
            Column("parts", "string", "Parts of a programme (EMPACT's priorities) it is cited for, one per line."),
        ),
        primary_key=("document", "index_id"),
    ),
    TableSpec(
        "glossary",
        "Glossary",
        "The plan's list of abbreviations, with where each acronym occurs.",
        (
            DOCUMENT,
            Column("acronym", "string", "Acronym as the text uses it (as printed unless OCR misread the print).", True),
            Column("printed_acronym", "string", "The glossary's print when OCR misread or lost it; may be empty."),
            Column("expansion", "string", "Expansion as printed.", True),
            Column("page", "integer", "Page of the glossary entry.", True),
            Column("mentions", "integer", "Occurrences of the acronym in the text.", True),
            Column(
                "mentioned_in",
                "string",
                "Where it occurs (theme numbers, 'preamble', 'chapter_N'), '; '-separated.",
            ),
        ),
    ),
    TableSpec(
        "legal_references",
        "Legal references",
        "Laws, royal decrees, articles, circulars and EU acts cited in the text.",
        (
            DOCUMENT,
            Column("legal_reference_id", "string", "Id by order of appearance, e.g. 'legal_3'.", True),
            Column("kind", "string", "'law', 'royal_decree', 'article', 'circular', 'eu_act' or 'other'.", True),
            Column("text", "string", "The reference as printed.", True),
            Column("theme_number", "string", "Theme number where it occurs; empty outside themes."),
            Column("page", "integer", "Page where it occurs.", True),
        ),
        primary_key=("document", "legal_reference_id"),
    ),
)

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in TABLE_SPECS}


def _lines(values: Iterable[str]) -> str:
    return PARAGRAPH_SEPARATOR.join(values)


def _ids(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _theme_row(name: str, theme: Theme) -> Row:
    by_actor = count_by_actor(theme.objectives)
    return {
        "document": name,
        "theme_id": theme.id,
        "number": theme.number,
        "parent": theme.parent,
        "title": theme.title,
        "page": theme.page,
        "description": _lines(theme.description),
        "missions": _lines(theme.missions),
        "objectives": len(theme.objectives),
        **{f"objectives_{actor}": by_actor[actor] for actor in ACTORS},
        "attention_points": len(theme.attention_points),
        "action_plans": len(theme.action_plans),
        "footnotes": len(theme.footnotes),
        "ncsi_dimensions": _ids(tie.dimension for tie in theme.ncsi_dimensions),
    }


def _themes(name: str, doc: Document) -> list[Row]:
    return [_theme_row(name, theme) for theme in doc.themes]


def _objectives(name: str, doc: Document) -> list[Row]:
    return [
        {
            "document": name,
            "objective_id": o.id,
            "theme_id": theme.id,
            "theme_number": theme.number,
            "actor": o.actor,
            "group": o.group,
            "number": o.number,
            "title": o.title,
            "text": o.text,
            "items": _lines(o.items),
            "page": o.page,
        }
        for theme in doc.themes
        for o in theme.objectives
    ]


def _attention_points(name: str, doc: Document) -> list[Row]:
    return [
        {
            "document": name,
            "attention_point_id": p.id,
            "theme_id": theme.id,
            "theme_number": theme.number,
            "section": p.section,
            "label": p.label,
            "text": p.text,
            "page": p.page,
        }
        for theme in doc.themes
        for p in theme.attention_points
    ]


def _action_plans(name: str, doc: Document) -> list[Row]:
    return [
        {
            "document": name,
            "action_plan_id": ref.id,
            "theme_id": theme.id,
            "theme_number": theme.number,
            "title": ref.title,
            "index_id": ref.index_id,
            "qualifier": ref.qualifier,
            "duplicate": ref.duplicate,
            "page": ref.page,
        }
        for theme in doc.themes
        for ref in theme.action_plans
    ]


def _action_plan_index(name: str, doc: Document) -> list[Row]:
    return [
        {
            "document": name,
            "index_id": entry.id,
            "title": entry.title,
            "qualifier": entry.qualifier,
            "variants": _lines(entry.variants),
            "cited_by": _ids(entry.cited_by),
            "themes": len(dict.fromkeys(entry.cited_by)),
            "parts": _lines(part.title for part in entry.parts),
        }
        for entry in doc.action_plan_index
    ]


def _glossary(name: str, doc: Document) -> list[Row]:
    return [
        {
            "document": name,
            "acronym": entry.acronym,
            "printed_acronym": entry.printed_acronym,
            "expansion": entry.expansion,
            "page": entry.page,
            "mentions": sum(m.count for m in entry.mentions),
            "mentioned_in": _ids(m.theme for m in entry.mentions),
        }
        for entry in doc.glossary
    ]


def _legal_references(name: str, doc: Document) -> list[Row]:
    return [
        {
            "document": name,
            "legal_reference_id": f"legal_{position}",
            "kind": ref.kind,
            "text": ref.text,
            "theme_number": ref.theme,
            "page": ref.page,
        }
        for position, ref in enumerate(doc.legal_references, start=1)
    ]


_BUILDERS: dict[str, Callable[[str, Document], list[Row]]] = {
    "themes": _themes,
    "objectives": _objectives,
    "attention_points": _attention_points,
    "action_plans": _action_plans,
    "action_plan_index": _action_plan_index,
    "glossary": _glossary,
    "legal_references": _legal_references,
}


def table_rows(table: str, name: str, doc: Document) -> list[Row]:
    """Rows of one table for one document, in document order, keyed by column name."""
    return _BUILDERS[table](name, doc)


def _cell(value: str | int | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(table: str, rows: Iterable[Row]) -> str:
    """CSV text with a header, ``\\n`` line endings, minimal quoting, cells in column order."""
    columns = TABLES[table].column_names
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return buffer.getvalue()


def document_tables(documents: Iterable[tuple[str, Document]]) -> dict[str, str]:
    """CSV text of every table for the named documents, concatenated in the given order."""
    documents = list(documents)
    return {
        spec.name: to_csv(spec.name, (row for name, doc in documents for row in table_rows(spec.name, name, doc)))
        for spec in TABLE_SPECS
    }
