"""Compare two editions of the PNS: ``diff_documents(old, new)``.

Themes are aligned by title, content and position (so a renumbered theme is one
``renumbered`` record, not a removal plus an addition); objectives, attention points,
action plans and footnotes are matched by OCR-insensitive text similarity inside matched
themes, then across themes (``moved``); glossary entries by acronym.
"""

from __future__ import annotations

from .build import diff_documents
from .load import DiffInputError, load_document
from .model import Change, DiffSummary, DocumentDiff, Snapshot
from .render import FORMATS, render
from .view import DiffView, diff_view

__all__ = [
    "FORMATS",
    "Change",
    "DiffInputError",
    "DiffSummary",
    "DiffView",
    "DocumentDiff",
    "Snapshot",
    "diff_documents",
    "diff_view",
    "load_document",
    "render",
]
