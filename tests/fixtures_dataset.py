"""A small hand-made ``Document`` for the dataset, table, report and validation tests.

It exercises what the real plan has: nested themes, both actors plus a group named by
subject, attention points, duplicate and shared action-plan citations, glossary mentions,
legal references, and text with commas, quotes, newlines and non-ASCII letters.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pns_extract.contract import ExtractOptions
from pns_extract.errors import NotAPnsError
from pns_extract.model import (
    ActionPlanIndexEntry,
    ActionPlanRef,
    AttentionPoint,
    Chapter,
    Coverage,
    Document,
    DocumentInfo,
    GlossaryEntry,
    LegalReference,
    Mention,
    NcsiTie,
    Objective,
    Period,
    Section,
    Source,
    Theme,
)

SAMPLE_TEXT = """Plan national de sécurité 2026-2029
 Préambule
Le Plan national de sécurité fixe les priorités.
"""


def _objective(theme: str, actor: str, number: int, text: str, page: int, **extra: object) -> Objective:
    return Objective(
        id=f"theme_{theme}__obj_{actor}_{number}",
        actor=actor,  # type: ignore[arg-type]
        group=extra.pop("group", None),  # type: ignore[arg-type]
        number=number,
        title=extra.pop("title", None),  # type: ignore[arg-type]
        text=text,
        page=page,
        **extra,  # type: ignore[arg-type]
    )


def sample_document() -> Document:
    theme_1 = Theme(
        id="theme_1",
        number="1",
        parent=None,
        title="Criminalité organisée",
        page=10,
        description=[
            "La criminalité organisée évolue rapidement.",
            "Deuxième paragraphe, avec « guillemets ».",
        ],
        missions=["Image permanente de la criminalité", "Approche intégrale"],
        objectives=[
            _objective(
                "1", "federal", 1, "Réaliser une image stratégique ; tactique, et opérationnelle.", 11
            ),
            _objective(
                "1",
                "federal",
                2,
                'Renforcer les partenariats "structurels"',
                11,
                items=["Au niveau national", "Au niveau européen"],
            ),
            _objective("1", "local", 1, "Détection précoce des signes.", 12, title="Détection"),
        ],
        attention_points=[
            AttentionPoint(
                id="theme_1__ap_transversal_1",
                section="transversal",
                label="Mineurs",
                text="empêcher que les jeunes ne soient recrutés",
                page=12,
            ),
        ],
        action_plans=[
            ActionPlanRef(
                id="theme_1__plan_1",
                title="Plan Grandes Villes",
                page=12,
                index_id="plan_plan-grandes-villes",
            ),
            ActionPlanRef(
                id="theme_1__plan_2",
                title="Plan grandes villes",
                page=12,
                index_id="plan_plan-grandes-villes",
                duplicate=True,
            ),
        ],
        ncsi_dimensions=[NcsiTie(dimension="societale", evidence=["Plan Grandes Villes"])],
    )
    theme_2 = Theme(
        id="theme_2",
        number="2",
        parent=None,
        title="Violence",
        page=14,
        description=["Introduction."],
    )
    theme_21 = Theme(
        id="theme_2.1",
        number="2.1",
        parent="2",
        title="Violence intrafamiliale | sexuelle",
        page=15,
        objectives=[
            _objective("2.1", "other", 1, "Prévenir la violence sexuelle.", 15, group="Violence sexuelle"),
            _objective("2.1", "local", 1, "Accueillir les victimes.\nDeuxième ligne.", 16),
        ],
        attention_points=[
            AttentionPoint(
                id="theme_2.1__ap_general_1", section="general", label=None, text="Formation.", page=16
            ),
        ],
        action_plans=[
            ActionPlanRef(
                id="theme_2.1__plan_1",
                title="Plan Grandes Villes",
                page=16,
                index_id="plan_plan-grandes-villes",
            ),
            ActionPlanRef(id="theme_2.1__plan_2", title="Plan d'action national <violence>", page=16),
        ],
    )
    return Document(
        tool_version="0.1.0",
        source=Source(file="sample.txt", sha256="0" * 64, kind="text", pages=20),
        document=DocumentInfo(
            title="Plan national de sécurité 2026-2029",
            period=Period(start=2026, end=2029),
            language="fr",
            preamble=["Le Plan national de sécurité fixe les priorités."],
            preamble_page=1,
        ),
        chapters=[
            Chapter(id="chapter_1", number=1, title="Introduction", page=3),
            Chapter(
                id="chapter_2",
                number=2,
                title="Thèmes de sécurité",
                page=9,
                sections=[Section(id="chapter_2__section_1", number="1", title="Approche", page=9)],
            ),
        ],
        themes=[theme_1, theme_2, theme_21],
        glossary=[
            GlossaryEntry(
                acronym="GPI",
                expansion="Police Intégrée",
                page=40,
                mentions=[Mention(theme="1", count=2), Mention(theme="preamble", count=1)],
            ),
        ],
        action_plan_index=[
            ActionPlanIndexEntry(
                id="plan_plan-grandes-villes",
                title="Plan Grandes Villes",
                variants=["Plan Grandes Villes", "Plan grandes villes"],
                cited_by=["1", "1", "2.1"],
            ),
        ],
        legal_references=[
            LegalReference(
                kind="law", text="loi du 5 août 1992 sur la fonction de police", theme="1", page=10
            ),
            LegalReference(kind="article", text="art. 95/102 LPI", theme=None, page=3),
        ],
        coverage=Coverage(lines=100, placed=95, residue=5),
    )


def fake_extract(path: Path, options: ExtractOptions | None = None) -> Document:
    """A stand-in for ``pipeline.extract(...).document`` driven by the file's content: ``FAIL``
    raises a library error, ``BUG`` an unexpected one, ``CRASH`` kills the worker process."""
    text = path.read_text(encoding="utf-8")
    if "CRASH" in text:
        os._exit(3)
    if "FAIL" in text:
        raise NotAPnsError(f"{path.name}: not a Plan national de sécurité")
    if "BUG" in text:
        raise ValueError("unexpected")
    doc = sample_document()
    doc.source = Source(
        file=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        kind="text",
        pages=text.count("\n ") + 1,
    )
    return doc


def fake_dataset_extract(path: Path) -> Document:
    return fake_extract(path)
