"""The structured PNS document: pydantic models, ids and provenance.

These models are the output contract. ``schemas/document.schema.json`` is
generated from them (``make schemas``); every field carries a description that
becomes the published schema's documentation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.1"

Actor = Literal["federal", "local", "other"]
AttentionSection = Literal["transversal", "general", "strategic", "other"]
NcsiDimension = Literal[
    "personne",
    "societale",
    "economique",
    "ecologique",
    "espace_public",
    "numerique",
]
LegalKind = Literal["law", "royal_decree", "article", "circular", "eu_act", "other"]
ResidueKind = Literal["furniture", "noise", "unplaced"]
# What a warning is about: a reader (or a program) groups and filters on this, never on the message.
NoticeKind = Literal[
    "page-failed",  # a page could not be read (OCR failure, damaged content): its text is missing
    "page-empty",  # a page gave no text at all
    "numbering",  # a gap, a duplicate or an out-of-order number in the plan's own numbering
    "heading-rejected",  # a line shaped like a heading that the document's numbering does not admit
    "structure",  # a part of the plan missing or inferred (a theme without its parts, a title not in the input)
    "footnote",  # a footnote renumbered, or without a call
    "glossary",  # a doubtful glossary entry
    "enrichment",  # a cross-reference doubt found while enriching
    "other",
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


def slug(text: str) -> str:
    """A readable ASCII id fragment: ``Violence intrafamiliale`` -> ``violence-intrafamiliale``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


# --- source and metadata -------------------------------------------------


class Source(Model):
    file: str = Field(description="Base name of the input file (never an absolute path).")
    sha256: str = Field(description="SHA-256 of the input file's bytes.")
    kind: Literal["text", "pdf"] = Field(description="Input kind: OCR text or PDF.")
    pages: int = Field(description="Number of physical pages read.")
    ocr_pages: list[int] = Field(default_factory=list, description="Physical pages whose text came from OCR (1-based).")
    failed_pages: list[int] = Field(
        default_factory=list, description="Pages that could not be read (OCR failure): their text is missing."
    )
    page_labels: dict[str, str] = Field(
        default_factory=dict,
        description="Printed page number by physical page, where a running footer shows it.",
    )


class Period(Model):
    start: int = Field(description="First year the plan covers.")
    end: int = Field(description="Last year the plan covers.")


class Signatory(Model):
    name: str = Field(description="Name as printed, e.g. 'Bernard QUINTIN'.")
    role: str | None = Field(description="Role as printed under the name, or null.")


class DocumentInfo(Model):
    title: str | None = Field(description="Title of the plan, e.g. 'Plan national de sécurité 2026-2029'.")
    period: Period | None = Field(description="Years the plan covers.")
    language: str = Field(description="ISO 639-1 language code of the text.")
    preamble: list[str] = Field(default_factory=list, description="Paragraphs of the preamble.")
    preamble_page: int | None = Field(default=None, description="Page the preamble starts on.")
    signatories: list[Signatory] = Field(
        default_factory=list, description="Signatories of the preamble, in printed order."
    )


# --- chapters ------------------------------------------------------------


class Section(Model):
    id: str = Field(description="Stable id, e.g. 'chapter_3__section_1'.")
    number: str = Field(description="Section number as printed, e.g. '1'.")
    title: str | None = Field(description="Section title as printed, or null.")
    page: int = Field(description="Page the section starts on.")
    line: int | None = Field(default=None, description="Source line of its heading (1-based), when known.")
    paragraphs: list[str] = Field(default_factory=list, description="Body paragraphs and list items.")


class Chapter(Model):
    id: str = Field(description="Stable id, e.g. 'chapter_2'.")
    number: int = Field(description="Chapter number (1-4 in the PNS).")
    title: str | None = Field(description="Chapter title as printed; null when the text has none.")
    page: int = Field(description="Page the chapter starts on.")
    line: int | None = Field(
        default=None,
        description="Source line where the chapter starts (1-based), when known: with the page it orders "
        "the chapter among the themes and sections that share its page.",
    )
    paragraphs: list[str] = Field(
        default_factory=list, description="Introductory paragraphs before the first section or theme."
    )
    sections: list[Section] = Field(default_factory=list, description="Numbered sections.")
    footnotes: list[Footnote] = Field(
        default_factory=list, description="Footnotes printed in the chapter outside any theme."
    )


# --- themes --------------------------------------------------------------


class ObjectiveGroup(Model):
    actor: Actor = Field(description="Who the group's objectives belong to.")
    label: str | None = Field(
        description="The group's label as printed ('Pour la Police Fédérale', 'Violence sexuelle'), or null."
    )
    intro: str | None = Field(
        default=None, description="Sentence that introduces the group when it names the actor, or null."
    )
    page: int = Field(description="Page the group starts on.")


class Objective(Model):
    id: str = Field(description="Stable id, e.g. 'theme_1.1__obj_federal_2'.")
    actor: Actor = Field(description="'federal', 'local', or 'other' (group named by subject).")
    group: str | None = Field(description="Label of the group as printed, or null.")
    number: int = Field(description="Position in its group, 1..n, even where the OCR lost the number.")
    title: str | None = Field(description="Short title (label before ' : ' or on its own line), or null.")
    text: str = Field(description="Text of the objective, without its title.")
    items: list[str] = Field(default_factory=list, description="Sub-items, in order.")
    page: int = Field(description="Page the objective starts on.")


ACTORS: tuple[Actor, ...] = get_args(Actor)


def count_by_actor(objectives: Iterable[Objective]) -> dict[Actor, int]:
    """Objectives per actor: every actor of ``Actor`` present (0 when it has none), in its order."""
    counts = dict.fromkeys(ACTORS, 0)
    for objective in objectives:
        counts[objective.actor] += 1
    return counts


class AttentionPoint(Model):
    id: str = Field(description="Stable id, e.g. 'theme_1__ap_transversal_2'.")
    section: AttentionSection = Field(
        description="Section it is listed under: transversaux, généraux, stratégiques, or other."
    )
    label: str | None = Field(description="Label before ' : ', or null.")
    text: str = Field(description="Text of the point, without its label.")
    page: int = Field(description="Page the point starts on.")


class ActionPlanRef(Model):
    id: str = Field(description="Stable id, e.g. 'theme_1__plan_3'.")
    title: str = Field(description="Reference as printed, wrapped lines joined.")
    page: int = Field(description="Page the reference is on.")
    index_id: str | None = Field(
        default=None, description="Id of the canonical entry in action_plan_index, when enriched."
    )
    qualifier: str | None = Field(
        default=None,
        description="What this citation adds to the canonical plan (an NCSI dimension, 'Futur', a body), "
        "when enriched.",
    )
    duplicate: bool = Field(
        default=False, description="True when the same plan is already cited earlier in this theme."
    )
    sentence: bool = Field(
        default=False,
        description="True when the list entry is a sentence about the plan ('EMPACT : la Police Fédérale fournit "
        "...') rather than its title: it counts as a citation of the plan it names but is kept as a mention, "
        "never as a title or a variant (enrichment).",
    )
    parts: list[str] = Field(
        default_factory=list,
        description="Ids of the parts of a programme this citation names (action_plan_index[].parts[].id), e.g. "
        "the EMPACT priorities of 'EMPACT CCH et SYD/NPS' (enrichment).",
    )


class FootnoteRef(Model):
    page: int = Field(description="Page of the body line that carries the note's call.")
    line: int = Field(description="Source line (1-based) that carries the call.")


class Footnote(Model):
    number: int = Field(description="Footnote number in document order (OCR misnumbering corrected).")
    printed_number: str | None = Field(
        default=None, description="The number as the source printed it, when it differs."
    )
    text: str = Field(description="Text of the footnote.")
    page: int = Field(description="Page the footnote is on.")
    refs: list[FootnoteRef] = Field(
        default_factory=list,
        description="Where the body calls the note: a superscript number, or a number glued to a word as OCR "
        "reads it ('humains1'); empty when no call could be read.",
    )


class NcsiTie(Model):
    dimension: NcsiDimension = Field(description="One of the six NCSI dimensions.")
    evidence: list[str] = Field(description="Passages (references or sentences) that tie the theme to it.")


class EntityCount(Model):
    text: str = Field(description="Normalised name of the organisation or body.")
    label: str = Field(description="Entity label, e.g. 'ORG'.")
    count: int = Field(description="Occurrences in the theme.")


class Theme(Model):
    id: str = Field(description="Stable id, e.g. 'theme_1.1'.")
    number: str = Field(description="Theme number as printed or implied, e.g. '1.1', '8.4'.")
    parent: str | None = Field(description="Number of the parent theme, or null for a top-level theme.")
    title: str | None = Field(description="Theme title as printed.")
    page: int = Field(description="Page the theme starts on.")
    line: int | None = Field(default=None, description="Source line where the theme starts (1-based), when known.")
    description: list[str] = Field(default_factory=list, description="Description paragraphs.")
    missions: list[str] = Field(default_factory=list, description="Items of the missions list, if any.")
    objective_groups: list[ObjectiveGroup] = Field(
        default_factory=list, description="Groups of strategic objectives, in order."
    )
    objectives: list[Objective] = Field(default_factory=list, description="Strategic objectives.")
    attention_points: list[AttentionPoint] = Field(default_factory=list, description="Attention points.")
    action_plans: list[ActionPlanRef] = Field(
        default_factory=list,
        description="References under 'Plans d'action et cadres politiques pertinents'.",
    )
    footnotes: list[Footnote] = Field(default_factory=list, description="Footnotes printed in the theme.")
    ncsi_dimensions: list[NcsiTie] = Field(
        default_factory=list, description="NCSI dimensions the theme is tied to (enrichment)."
    )
    entities: list[EntityCount] = Field(
        default_factory=list, description="Organisations and bodies named in the theme (enrichment)."
    )


# --- back matter and enrichment -------------------------------------------


class Mention(Model):
    theme: str = Field(description="Theme number, or 'preamble' / 'chapter_N' outside themes.")
    count: int = Field(description="Occurrences there.")


class GlossaryEntry(Model):
    acronym: str = Field(
        description="Acronym as the text uses it: as printed, unless the glossary's print is an OCR misreading "
        "of the form the body uses (then printed_acronym keeps the print)."
    )
    printed_acronym: str | None = Field(
        default=None,
        description="The acronym as the glossary printed it, when it differs from `acronym`: an OCR variant "
        "('MOTTEM', 'DG]') of the body's form, or a lost acronym ('A') restored from the body's "
        "'expansion (ACRONYM)'; null when the print is kept (enrichment).",
    )
    expansion: str = Field(description="Expansion as printed.")
    page: int = Field(description="Page of the glossary entry.")
    mentions: list[Mention] = Field(
        default_factory=list, description="Where the acronym occurs in the text (enrichment)."
    )


class UndefinedAcronym(Model):
    acronym: str = Field(description="All-caps token used in the text but absent from the glossary.")
    mentions: list[Mention] = Field(description="Where it occurs.")


class ActionPlanPart(Model):
    """A part of a programme, such as one of EMPACT's priorities: a sub-entry of its programme."""

    id: str = Field(description="Stable id, the programme's id and the part's, e.g. 'plan_empact__firearms'.")
    title: str = Field(description="The part as first printed, e.g. 'Firearms', 'THB'.")
    cited_by: list[str] = Field(description="Theme numbers citing the programme for this part, in document order.")


class PlanMention(Model):
    theme: str = Field(description="Theme number whose plan list has the sentence.")
    text: str = Field(description="The sentence as printed.")


class ActionPlanIndexEntry(Model):
    id: str = Field(description="Stable id of the canonical plan, e.g. 'plan_plan-grandes-villes'.")
    title: str = Field(description="Canonical title (never a sentence).")
    qualifier: str | None = Field(
        default=None, description="Qualifier such as an NCSI dimension, when the citation carries one."
    )
    variants: list[str] = Field(description="Distinct spellings cited as titles (sentences are in mentions).")
    cited_by: list[str] = Field(description="Theme numbers citing it, in document order (mentions included).")
    parts: list[ActionPlanPart] = Field(
        default_factory=list,
        description="For a programme cited with several priorities or sub-programmes (EMPACT): one sub-entry per "
        "part the citations name, in order of first citation. The programme stays one entry; a part is never an "
        "entry of its own.",
    )
    mentions: list[PlanMention] = Field(
        default_factory=list,
        description="List entries that are sentences about the plan rather than titles, with their theme.",
    )


class LegalReference(Model):
    kind: LegalKind = Field(description="law, royal_decree, article, circular, eu_act or other.")
    text: str = Field(description="The reference as printed.")
    theme: str | None = Field(description="Theme number where it occurs, or null outside themes.")
    page: int = Field(description="Page where it occurs.")


class Figure(Model):
    kind: Literal["amount", "staff", "percentage", "ratio", "count", "date"] = Field(
        description="What the figure measures."
    )
    value: str = Field(description="The figure as printed, e.g. '2,84 milliards d'euros'.")
    sentence: str = Field(description="The sentence it comes from.")
    page: int = Field(description="Page where it occurs.")


class Residue(Model):
    page: int = Field(description="Page of the line.")
    line: int = Field(description="Line number in the source (1-based).")
    text: str = Field(description="The line as read.")
    kind: ResidueKind = Field(description="furniture (running header/footer), noise (icons), unplaced.")


class PrintedHeading(Model):
    page: int = Field(description="Page of the heading.")
    line: int = Field(description="Line number in the source (1-based).")
    text: str = Field(description="The heading as printed (pictogram noise included).")
    role: Literal["preamble", "chapter", "section", "theme", "part", "group", "signatures"] = Field(
        description="What it opens: preamble, chapter, chapter section, theme, part of a theme "
        "(objectives, attention points, plans), objective group, or the signatures."
    )


class Coverage(Model):
    lines: int = Field(description="Non-empty source lines.")
    placed: int = Field(description="Lines placed in an element of the document.")
    residue: int = Field(description="Lines kept in residue.")


class Quality(Model):
    """The extraction's self-check against the plan's own conventions; every doubt it finds is
    also a warning with its place."""

    numbering_consistent: bool = Field(
        description="Theme numbers form one tree (N, N.M) without gap, duplicate or rejected heading."
    )
    themes: int = Field(description="Themes read (sub-themes and points included).")
    points: list[str] = Field(
        default_factory=list,
        description="Themes read as the numbered points of a theme of points (e.g. '8.1'): they have no parts.",
    )
    themes_without_parts: list[str] = Field(
        default_factory=list,
        description="Themes (not points) with no objectives, attention points, action plans or sub-themes.",
    )
    glossary_entries: int = Field(description="Entries of the abbreviation list found.")
    footnotes: int = Field(description="Footnotes found.")
    footnotes_in_sequence: bool = Field(description="Footnotes were printed numbered 1..n in document order.")
    placed_share: float = Field(description="Share of the non-empty input lines placed in an element (0-1).")
    unplaced_lines: int = Field(description="Lines kept in residue because nothing could use them.")


class Notice(Model):
    """A non-fatal problem, with where it was met: the tool says where it doubts."""

    kind: NoticeKind = Field(description="What the warning is about (stable, for grouping and filtering).")
    message: str = Field(description="What was met, in words.")
    page: int | None = Field(default=None, description="Physical page it was met on, when it has one.")
    line: int | None = Field(default=None, description="Source line it was met on, when it has one.")


class Document(Model):
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    tool_version: str = Field(description="pns-extract version that produced the document.")
    source: Source = Field(description="Where the document comes from.")
    document: DocumentInfo = Field(description="Document metadata.")
    chapters: list[Chapter] = Field(default_factory=list, description="Chapters in order.")
    themes: list[Theme] = Field(default_factory=list, description="Themes of chapter 2, flat, in order.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Abbreviation list.")
    undefined_acronyms: list[UndefinedAcronym] = Field(
        default_factory=list, description="Acronyms used but not in the glossary (enrichment)."
    )
    action_plan_index: list[ActionPlanIndexEntry] = Field(
        default_factory=list, description="Canonical action plans and who cites them (enrichment)."
    )
    legal_references: list[LegalReference] = Field(
        default_factory=list, description="Laws, decrees, articles, circulars, EU acts (enrichment)."
    )
    figures: list[Figure] = Field(default_factory=list, description="Figures of chapter 3 (enrichment).")
    headings: list[PrintedHeading] = Field(
        default_factory=list, description="Every heading line as printed, with what it opens."
    )
    residue: list[Residue] = Field(default_factory=list, description="Lines no element could use.")
    coverage: Coverage = Field(description="How much of the input was accounted for.")
    quality: Quality | None = Field(default=None, description="The extraction's self-check.")
    warnings: list[Notice] = Field(default_factory=list, description="Non-fatal problems met, each with its place.")
