"""Flat tables of a ``Document``: one row per theme, objective, attention point, cited action
plan, canonical plan, glossary entry, legal reference, and link tables for what one row of the
document lists several of (where an acronym is mentioned, which NCSI dimensions a theme has).

The column lists below are the contract, published with types, descriptions and keys by
``datapackage.py``; ``docs/dataset.md`` describes every column. Every table starts with a
``document`` column (the output name of the source), so the tables of several documents can be
concatenated. Ids and theme numbers are never joined into one cell: a list of them is a link
table. Paragraphs, items and spelling variants are joined with a newline.

Theme numbers are written ``theme 8.10``: bare, ``8.10`` is a number to every default reader
(pandas, DuckDB, spreadsheets) and comes back as ``8.1``; ``sort_key`` orders themes as printed.
CSV cells that a spreadsheet would run as a formula are neutralised (``neutralise``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from .model import ACTORS, Document, Theme, count_by_actor

FieldType = Literal["string", "integer", "boolean"]
Row = dict[str, str | int | bool | None]

PARAGRAPH_SEPARATOR = "\n"
THEME_NUMBER_PREFIX = "theme "


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
THEME_ID = Column("theme_id", "string", "Id of the theme (see themes.csv).", True)
THEME_NUMBER = Column("theme_number", "string", "Number of the theme as text, e.g. 'theme 1.1'.", True)
THEME_FK = ForeignKey(("document", "theme_id"), "themes", ("document", "theme_id"))
# Where the reference may be empty the key is the id alone: Frictionless skips a row's foreign key
# only when all its cells are empty, and `document` never is. (Ids are unique within a document;
# across documents the id alone still names an existing row, a weaker but true check.)
OPTIONAL_THEME_FK = ForeignKey(("theme_id",), "themes", ("theme_id",))

TABLE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "themes",
        "Themes",
        "Security themes of the plan (chapter 2), flat and in printed order, with counts.",
        (
            DOCUMENT,
            Column("theme_id", "string", "Stable id of the theme, e.g. 'theme_1.1'.", True),
            Column("number", "string", "Theme number as printed or implied, as text: 'theme 8.10'.", True),
            Column(
                "sort_key", "integer", "Position of the theme in the plan, from 1: sort by it for 8.9 < 8.10.", True
            ),
            Column("parent", "string", "Number of the parent theme as text ('theme 8'); empty for a top-level theme."),
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
        ),
        primary_key=("document", "theme_id"),
    ),
    TableSpec(
        "theme_ncsi_dimensions",
        "NCSI dimensions of the themes",
        "Link table: the dimensions of the Note-cadre de sécurité intégrale each theme is tied to.",
        (
            DOCUMENT,
            THEME_ID,
            Column(
                "dimension",
                "string",
                "'personne', 'societale', 'economique', 'ecologique', 'espace_public' or 'numerique'.",
                True,
            ),
            Column("evidence", "string", "Passages that tie the theme to the dimension, one per line.", True),
        ),
        primary_key=("document", "theme_id", "dimension"),
        foreign_keys=(THEME_FK,),
    ),
    TableSpec(
        "objectives",
        "Strategic objectives",
        "Strategic objectives of each theme, by actor (Police Fédérale, Police Locale, other).",
        (
            DOCUMENT,
            Column("objective_id", "string", "Stable id, e.g. 'theme_1.1__obj_federal_2'.", True),
            THEME_ID,
            THEME_NUMBER,
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
            THEME_ID,
            THEME_NUMBER,
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
        "References listed under 'Plans d'action et cadres politiques pertinents', one row per citation: "
        "also the link table between themes and canonical plans.",
        (
            DOCUMENT,
            Column("action_plan_id", "string", "Stable id of the citation, e.g. 'theme_1__plan_3'.", True),
            THEME_ID,
            THEME_NUMBER,
            Column("title", "string", "Reference as printed, wrapped lines joined.", True),
            Column("index_id", "string", "Id of the canonical plan in action_plan_index.csv; may be empty."),
            Column("qualifier", "string", "What this citation adds to the canonical plan (e.g. an NCSI dimension)."),
            Column("duplicate", "boolean", "true when the theme already cites the same plan earlier.", True),
            Column("page", "integer", "Page the reference is on.", True),
        ),
        primary_key=("document", "action_plan_id"),
        foreign_keys=(THEME_FK, ForeignKey(("index_id",), "action_plan_index", ("index_id",))),
    ),
    TableSpec(
        "action_plan_index",
        "Action plan index",
        "Canonical action plans and policy frameworks; the citations are the rows of action_plans.csv.",
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
            Column("themes", "integer", "Number of distinct citing themes.", True),
            Column("parts", "string", "Parts of a programme (EMPACT's priorities) it is cited for, one per line."),
        ),
        primary_key=("document", "index_id"),
    ),
    TableSpec(
        "glossary",
        "Glossary",
        "The plan's list of abbreviations; where each acronym occurs is in glossary_mentions.csv.",
        (
            DOCUMENT,
            Column("acronym", "string", "Acronym as the text uses it (as printed unless OCR misread the print).", True),
            Column("printed_acronym", "string", "The glossary's print when OCR misread or lost it; may be empty."),
            Column("expansion", "string", "Expansion as printed.", True),
            Column("page", "integer", "Page of the glossary entry.", True),
            Column("mentions", "integer", "Occurrences of the acronym in the text, everywhere.", True),
        ),
        primary_key=("document", "acronym"),
    ),
    TableSpec(
        "glossary_mentions",
        "Glossary mentions",
        "Link table: where each glossary acronym occurs, and how often.",
        (
            DOCUMENT,
            Column("acronym", "string", "Acronym (see glossary.csv).", True),
            Column(
                "place",
                "string",
                "Id of the part it occurs in: a theme id ('theme_8.10'), a chapter id ('chapter_3') or 'preamble'.",
                True,
            ),
            Column("theme_id", "string", "Id of the theme when the place is a theme; empty otherwise."),
            Column("count", "integer", "Occurrences there.", True),
        ),
        primary_key=("document", "acronym", "place"),
        foreign_keys=(
            ForeignKey(("document", "acronym"), "glossary", ("document", "acronym")),
            OPTIONAL_THEME_FK,
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
            Column("theme_id", "string", "Id of the theme where it occurs; empty outside themes."),
            Column("theme_number", "string", "Number of that theme as text ('theme 1.3'); empty outside themes."),
            Column("page", "integer", "Page where it occurs.", True),
        ),
        primary_key=("document", "legal_reference_id"),
        foreign_keys=(OPTIONAL_THEME_FK,),
    ),
)

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in TABLE_SPECS}


def theme_number(number: str | None) -> str | None:
    """A theme number as the tables write it: ``8.10`` -> ``theme 8.10`` (text to any reader)."""
    return None if number is None else THEME_NUMBER_PREFIX + number


def _lines(values: Iterable[str]) -> str:
    return PARAGRAPH_SEPARATOR.join(values)


def _theme_row(name: str, position: int, theme: Theme) -> Row:
    by_actor = count_by_actor(theme.objectives)
    return {
        "document": name,
        "theme_id": theme.id,
        "number": theme_number(theme.number),
        "sort_key": position,
        "parent": theme_number(theme.parent),
        "title": theme.title,
        "page": theme.page,
        "description": _lines(theme.description),
        "missions": _lines(theme.missions),
        "objectives": len(theme.objectives),
        **{f"objectives_{actor}": by_actor[actor] for actor in ACTORS},
        "attention_points": len(theme.attention_points),
        "action_plans": len(theme.action_plans),
        "footnotes": len(theme.footnotes),
    }


def _themes(name: str, doc: Document) -> list[Row]:
    return [_theme_row(name, position, theme) for position, theme in enumerate(doc.themes, start=1)]


def _theme_ncsi_dimensions(name: str, doc: Document) -> list[Row]:
    return [
        {"document": name, "theme_id": theme.id, "dimension": tie.dimension, "evidence": _lines(tie.evidence)}
        for theme in doc.themes
        for tie in theme.ncsi_dimensions
    ]


def _objectives(name: str, doc: Document) -> list[Row]:
    return [
        {
            "document": name,
            "objective_id": o.id,
            "theme_id": theme.id,
            "theme_number": theme_number(theme.number),
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
            "theme_number": theme_number(theme.number),
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
            "theme_number": theme_number(theme.number),
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
        }
        for entry in doc.glossary
    ]


def _theme_ids(doc: Document) -> dict[str, str]:
    return {theme.number: theme.id for theme in doc.themes}


def _glossary_mentions(name: str, doc: Document) -> list[Row]:
    # A mention names a theme by number, or the preamble / a chapter by id (model.Mention).
    ids = _theme_ids(doc)
    return [
        {
            "document": name,
            "acronym": entry.acronym,
            "place": ids.get(mention.theme, mention.theme),
            "theme_id": ids.get(mention.theme),
            "count": mention.count,
        }
        for entry in doc.glossary
        for mention in entry.mentions
    ]


def _legal_references(name: str, doc: Document) -> list[Row]:
    ids = _theme_ids(doc)
    return [
        {
            "document": name,
            "legal_reference_id": f"legal_{position}",
            "kind": ref.kind,
            "text": ref.text,
            "theme_id": ids.get(ref.theme) if ref.theme else None,
            "theme_number": theme_number(ref.theme),
            "page": ref.page,
        }
        for position, ref in enumerate(doc.legal_references, start=1)
    ]


_BUILDERS: dict[str, Callable[[str, Document], list[Row]]] = {
    "themes": _themes,
    "theme_ncsi_dimensions": _theme_ncsi_dimensions,
    "objectives": _objectives,
    "attention_points": _attention_points,
    "action_plans": _action_plans,
    "action_plan_index": _action_plan_index,
    "glossary": _glossary,
    "glossary_mentions": _glossary_mentions,
    "legal_references": _legal_references,
}


def table_rows(table: str, name: str, doc: Document) -> list[Row]:
    """Rows of one table for one document, in document order, keyed by column name."""
    return _BUILDERS[table](name, doc)


def document_rows(documents: Iterable[tuple[str, Document]]) -> dict[str, list[Row]]:
    """Rows of every table for the named documents, concatenated in the given order."""
    documents = list(documents)
    return {
        spec.name: [row for name, doc in documents for row in table_rows(spec.name, name, doc)] for spec in TABLE_SPECS
    }


# --- CSV -----------------------------------------------------------------------------

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV injection").
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet cannot run: one ``'`` before a cell that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return. Cells already starting with quotes before such a
    character get one more, so ``unneutralise`` gives back every text exactly."""
    return "'" + text if _FORMULA_START.match(text) else text


def unneutralise(text: str) -> str:
    """The cell's text as the document has it: the inverse of ``neutralise``."""
    return text[1:] if text.startswith("'") and _FORMULA_START.match(text[1:]) else text


def _cell(value: str | int | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def _quoted(cell: str) -> str:
    # RFC 4180 by hand: the csv module (3.11) leaves a lone "\r" unquoted, which splits the row.
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n\r') else cell


def to_csv(table: str, rows: Iterable[Row]) -> str:
    """CSV text with a header, ``\\n`` line endings, cells in column order, quoted only when they
    hold a comma, a quote or a line break (``"`` doubled inside)."""
    columns = TABLES[table].column_names
    lines = [",".join(_quoted(column) for column in columns)]
    lines += [",".join(_quoted(_cell(row[column])) for column in columns) for row in rows]
    return "\n".join(lines) + "\n"


def document_tables(documents: Iterable[tuple[str, Document]]) -> dict[str, str]:
    """CSV text of every table for the named documents, concatenated in the given order."""
    return {table: to_csv(table, rows) for table, rows in document_rows(documents).items()}
