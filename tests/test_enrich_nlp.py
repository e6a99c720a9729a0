"""Enrichment with the real spaCy French model on small hand-built documents."""

from __future__ import annotations

import pytest
from enrich_helpers import chapter, document, theme

from pns_extract.enrich import COMPONENTS, enrich, load_model
from pns_extract.enrich.entities import EntityFinder, organisations
from pns_extract.model import Document, GlossaryEntry
from pns_extract.textnorm import fold_aligned


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def names(nlp, text: str, glossary=()) -> list[str]:
    finder = EntityFinder(nlp, organisations(glossary))
    return finder.names(nlp(fold_aligned(text)))


def test_model_loaded_with_only_the_components_used(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS == ()
    assert nlp.lang == "fr"


def test_entities_normalised_across_case_accents_and_acronyms(nlp):
    text = (
        "Renforcer la coopération avec les agences de I'UE (EUROPOL, EUROJUST, FRONTEX), Europol, "
        "la Sûreté de l’État (VSSE), la VSSE, le parquet fédéral et les services douaniers."
    )
    assert sorted(names(nlp, text)) == sorted(
        ["Europol", "Eurojust", "Frontex", "Europol", "VSSE", "VSSE", "parquet fédéral", "douane"]
    )


def test_expansion_with_acronym_counts_once(nlp):
    assert names(nlp, "avec le Commissariat national aux drogues (CNDC) et le CNDC") == ["CNDC", "CNDC"]


def test_common_words_are_not_organisations(nlp):
    # "la défense des victimes" is not the Défense; "justice sociale" is not the Justice
    assert names(nlp, "la défense des victimes et la justice sociale") == []
    assert names(nlp, "avec la Défense et la Justice") == ["Défense", "Justice"]


def test_glossary_adds_bodies_and_tolerates_ocr_acronym(nlp):
    glossary = [
        GlossaryEntry(acronym="OCAM", expansion="Organe de coordination pour I'analyse de la menace", page=40),
        GlossaryEntry(acronym="JIC", expansion="Joint Intelligence Center", page=40),
        GlossaryEntry(acronym="MOTTEM", expansion="Team d’enquête multidisciplinaire", page=40),
        GlossaryEntry(acronym="GPI", expansion="Police Intégrée", page=40),
        GlossaryEntry(acronym="ANPR", expansion="Automatic Number Plate Recognition", page=40),
    ]
    text = "Le JIC, l'Organe de coordination pour l'analyse de la menace, les MOTEM, la GPI et l'ANPR."
    assert sorted(names(nlp, text, glossary)) == ["JIC", "MOTEM", "OCAM"]


def small_plan() -> Document:
    return document(
        theme(
            "1.3",
            description=[
                "Accroître la collaboration avec les agences de l'UE (EUROPOL, EUROJUST, FRONTEX) et INTERPOL.",
                "Le trafic relève de I'article 77bis de la loi du 15 décembre 1980.",
            ],
            plans=[
                "Note-cadre de sécurité intégrale — « Sécurité de I'espace public et valeurs démocratiques »",
                "Plan Global de Sécurité et de Prévention (PGSP)",
            ],
            page=9,
        ),
        theme(
            "2",
            description=["La Police Fédérale collabore avec le CCB, la VSSE et le PGSP."],
            plans=["NCSI — Sécurité numérique", "Plan Global de Sécurité et de Prévention (PGSP)"],
            page=17,
        ),
        glossary=[("NCSI", "Note-cadre de sécurité intégrale"), ("VSSE", "Sûreté de l'État")],
        preamble=["La circulaire interministérielle du 10 juillet 2025 relative aux plans zonaux."],
        chapters=[
            chapter(2, "Chaque thème a un lien avec les six dimensions de la NCSI.", page=4),
            chapter(3, sections=[("Orientation des ressources", ["Un ratio de 85/15 est visé."])]),
        ],
    )


def test_enrich_fills_every_field(nlp):
    original = small_plan()
    enriched = enrich(original, nlp=nlp)
    assert original.action_plan_index == [] and original.themes[0].entities == []  # input untouched
    themes = {t.number: t for t in enriched.themes}
    assert [(t.dimension) for t in themes["1.3"].ncsi_dimensions] == ["espace_public"]
    assert [(t.dimension) for t in themes["2"].ncsi_dimensions] == ["numerique"]
    assert {e.text: e.count for e in themes["1.3"].entities} == {
        "Europol": 1, "Eurojust": 1, "Frontex": 1, "INTERPOL": 1
    }
    assert {e.text for e in themes["2"].entities} == {"CCB", "VSSE"}
    pgsp = next(e for e in enriched.action_plan_index if e.title.startswith("Plan Global"))
    assert pgsp.cited_by == ["1.3", "2"]
    assert [r.index_id for r in themes["2"].action_plans] == [
        "plan_note-cadre-de-securite-integrale", pgsp.id
    ]
    assert [(r.kind, r.text, r.theme) for r in enriched.legal_references] == [
        ("circular", "circulaire interministérielle du 10 juillet 2025", None),
        ("article", "article 77bis de la loi du 15 décembre 1980", "1.3"),
        ("law", "loi du 15 décembre 1980", "1.3"),
    ]
    assert [(f.kind, f.value) for f in enriched.figures] == [("ratio", "85/15")]
    ncsi = next(g for g in enriched.glossary if g.acronym == "NCSI")
    assert [(m.theme, m.count) for m in ncsi.mentions] == [("chapter_2", 1), ("2", 1)]
    assert [u.acronym for u in enriched.undefined_acronyms] == ["CCB", "EUROJUST", "EUROPOL", "FRONTEX",
                                                                "INTERPOL", "PGSP", "UE"]


def test_enrich_is_deterministic_and_idempotent(nlp):
    once = enrich(small_plan(), nlp=nlp)
    assert enrich(small_plan(), nlp=nlp) == once
    assert enrich(once, nlp=nlp) == once


def test_enrich_accepts_a_fuller_pipeline_without_running_it():
    from pns_extract.nlp import load_french

    full = load_french(components=("tok2vec", "morphologizer", "attribute_ruler"))
    enriched = enrich(small_plan(), nlp=full)
    assert enriched.action_plan_index and full.pipe_names == ["tok2vec", "morphologizer", "attribute_ruler"]


def test_circular_numbers_are_not_acronym_mentions(nlp):
    doc = document(
        theme("8.8", description=["en application des circulaires GPI 100 et GPI 62 et de la PLP41, la GPI agit."]),
        glossary=[("GPI", "Police Intégrée")],
    )
    enriched = enrich(doc, nlp=nlp)
    assert [(m.theme, m.count) for m in enriched.glossary[0].mentions] == [("8.8", 1)]
    assert enriched.undefined_acronyms == []
    assert [r.text for r in enriched.legal_references] == ["GPI 100", "GPI 62", "PLP41"]


def test_glossary_acronyms_take_the_body_form_with_a_warning(nlp):
    doc = document(
        theme(
            "6.1",
            description=[
                "Les équipes d'enquête multidisciplinaires (MOTEM) de la DGJ seront renforcées.",
                "Les plans zonaux de sécurité (PZS) traduisent ces ambitions.",
            ],
            plans=["Plan Grandes Villes", "Les zones de police sont invitées à partager leurs bonnes pratiques."],
            page=26,
        ),
        glossary=[
            ("MOTTEM", "Team d'enquête multidisciplinaire"),
            ("DG]", "Direction générale de la police judiciaire"),
            ("A", "Plan zonal de sécurité"),
            ("B", "Plan fédéral de formation"),
        ],
    )
    enriched = enrich(doc, nlp=nlp)
    looked_up = {g.acronym: (g.printed_acronym, [m.theme for m in g.mentions]) for g in enriched.glossary}
    assert looked_up == {
        "MOTEM": ("MOTTEM", ["6.1"]),
        "DGJ": ("DG]", ["6.1"]),
        "PZS": ("A", ["6.1"]),
        "B": (None, []),  # lost, and the text never gives it: kept as printed
    }
    assert [u.acronym for u in enriched.undefined_acronyms] == []
    assert "MOTEM" in {e.text for e in enriched.themes[0].entities}
    notices = [w for w in enriched.warnings if w.kind == "enrichment"]
    assert len(notices) == 5 and all(n.page in (26, 40) for n in notices)
    assert any("names no cited plan" in n.message and n.page == 26 for n in notices)
    assert enrich(enriched, nlp=nlp) == enriched  # a second pass adds no warning
