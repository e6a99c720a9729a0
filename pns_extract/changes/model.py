"""The diff between two editions: pydantic models.

``schemas/diff.schema.json`` is generated from :class:`DocumentDiff`; every field
carries a description that becomes the published schema's documentation.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DIFF_SCHEMA_VERSION = "1.1"

ChangeKind = Literal["added", "removed", "modified", "renumbered", "moved"]
ElementKind = Literal["theme", "objective", "attention_point", "action_plan", "footnote", "glossary"]

CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "removed", "modified", "renumbered", "moved")
ELEMENT_KINDS: tuple[ElementKind, ...] = (
    "theme",
    "objective",
    "attention_point",
    "action_plan",
    "footnote",
    "glossary",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Snapshot(_Model):
    """One side of a change: the element as that edition prints it."""

    number: str | None = Field(
        default=None,
        description="Number as printed: theme number, objective or footnote number, glossary acronym.",
    )
    title: str | None = Field(
        default=None, description="Title: theme title, objective title, attention-point label, plan title."
    )
    text: str | None = Field(
        default=None,
        description="Text compared: theme description, objective text (with its items), attention-point "
        "text, plan title, footnote text, glossary expansion.",
    )
    theme: str | None = Field(default=None, description="Number of the theme holding the element, or null.")
    actor: str | None = Field(default=None, description="Objectives: 'federal', 'local' or 'other'.")
    group: str | None = Field(default=None, description="Objectives: label of the group as printed.")
    section: str | None = Field(default=None, description="Attention points: section they are listed under.")
    index_id: str | None = Field(default=None, description="Action plans: id in the canonical plan index.")
    page: int | None = Field(default=None, description="Page the element starts on in that edition.")


class Renumbering(_Model):
    old: str = Field(description="Number in OLD.")
    new: str = Field(description="Number in NEW.")


class Change(_Model):
    kind: ChangeKind = Field(
        description="added (only in NEW), removed (only in OLD), modified (text or title differs beyond "
        "OCR noise), renumbered (theme number differs), moved (element now in another theme or actor group)."
    )
    element: ElementKind = Field(description="Kind of element that changed.")
    theme: str | None = Field(
        description="Theme number the change belongs to, as NEW numbers it (elements removed from a "
        "theme too); the OLD number for a removed theme; null for glossary entries. Each side's own "
        "theme number is in old.theme / new.theme."
    )
    old: Snapshot | None = Field(description="The element in OLD, null when added.")
    new: Snapshot | None = Field(description="The element in NEW, null when removed.")
    fields: list[str] = Field(
        default_factory=list,
        description="For modified and moved: which fields differ (number, title, text, actor, theme...).",
    )
    similarity: float | None = Field(
        default=None, description="Word similarity of old and new text (0..1), for matched elements."
    )
    also_renumbered: list[Renumbering] = Field(
        default_factory=list,
        description="For a renumbered theme: its sub-themes whose numbers changed only because of it "
        "(not listed as records of their own).",
    )
    note: str | None = Field(
        default=None,
        description="Extra information, e.g. sub-themes renumbered along with their parent, or the "
        "content of an added/removed theme.",
    )
    contents: dict[str, int] = Field(
        default_factory=dict,
        description="For an added or removed theme: how many elements of each kind it holds "
        "(objective, attention_point, action_plan, footnote), kinds it has none of left out.",
    )


class Counts(_Model):
    added: int = Field(default=0, description="Number of added records.")
    removed: int = Field(default=0, description="Number of removed records.")
    modified: int = Field(default=0, description="Number of modified records.")
    renumbered: int = Field(default=0, description="Number of renumbered records.")
    moved: int = Field(default=0, description="Number of moved records.")


class EditionInfo(_Model):
    file: str | None = Field(description="Base name of the edition's source file.")
    title: str | None = Field(description="Title of the plan.")
    period: str | None = Field(description="Years covered, e.g. '2026-2029'.")
    themes: int = Field(description="Number of themes.")


class DiffSummary(_Model):
    identical: bool = Field(description="True when no change was found.")
    total: int = Field(description="Number of change records.")
    by_kind: Counts = Field(description="Records per change kind.")
    by_element: dict[str, Counts] = Field(
        description="Records per element kind (theme, objective, ...), each split by change kind."
    )
    themes_matched: int = Field(description="Themes found in both editions.")
    plans_no_longer_cited: list[str] = Field(
        default_factory=list,
        description="Action plans OLD cites somewhere and NEW cites nowhere (canonical titles when the "
        "plan index exists).",
    )
    plans_newly_cited: list[str] = Field(
        default_factory=list, description="Action plans NEW cites somewhere and OLD cites nowhere."
    )
    old: EditionInfo = Field(description="The OLD edition.")
    new: EditionInfo = Field(description="The NEW edition.")


class DocumentDiff(_Model):
    schema_version: str = Field(default=DIFF_SCHEMA_VERSION, description="Version of this schema.")
    changes: list[Change] = Field(
        default_factory=list,
        description="Changes in NEW document order (removed elements where they stood in OLD). Elements "
        "inside an added or removed theme are not listed one by one.",
    )
    summary: DiffSummary = Field(description="Counts and edition metadata.")
