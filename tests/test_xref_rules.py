"""Cross-reference precision: French title grammar, programmes and their parts, sentences in
plan lists, and glossary acronyms reconciled with the body's use (issue 15)."""

from __future__ import annotations

import pytest
from enrich_helpers import document, theme

from pns_extract.enrich.acronyms import lost, ocr_variant, reconcile_glossary, same_phrase
from pns_extract.enrich.action_plans import build_index
from pns_extract.enrich.title_grammar import (
    distinguishing_complement,
    heads_programme,
    is_sentence,
    word_bag,
)
from pns_extract.model import GlossaryEntry
from pns_extract.textnorm import fold_aligned

# --- title grammar ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rest", "distinct"),
    [
        ("de la Région de Bruxelles-capitale", True),
        ("en Flandre", True),
        ("wallonne", True),
        ("de l'UE", True),
        ("de la Police Fédérale", True),
        ("pour la Communauté germanophone", True),
        ("néerlandais", True),
        ("luxembourgeoise", True),
        ("et de prévention", True),
        ("2026-2029", False),
        ("pour la période 2026-2029", False),
        (", législature 2024-2029", False),
        ("Sécurité économique", False),  # an NCSI dimension whose quotes the OCR lost
        ("Firearms", False),  # a programme's priority
        ("révisé", False),
        ("moyen terme", False),
        ("", False),
    ],
)
def test_a_complement_that_names_another_plan(rest, distinct):
    assert distinguishing_complement(fold_aligned(rest)) is distinct


@pytest.mark.parametrize(
    ("text", "after_colon", "sentence"),
    [
        ("la Police Fédérale fournit une contribution active à la lutte contre l'abus", True, True),
        ("Nous participons activement au Plan Grandes Villes", False, True),
        ("Le parquet fédéral est chargé de la coordination nationale.", False, True),
        ("Stratégie de l'UE visant à lutter contre la traite des êtres humains en 2026.", False, False),
        ("Loi relative aux Centres de Prise en charge des Violences Sexuelles, M.B.", False, False),
        ("la Commission européenne et les États membres en matière de drogue", True, False),
        ("la lutte contre la cybercriminalité et la fraude en ligne", True, False),
        ("Plan Grandes Villes.", False, False),  # too short to be a sentence
        ("Expert Group on firearms trafficking and the implementation of the Firearms Directive.", False, False),
        ("Plan de sécurité pour le développement de l'est du pays.", False, False),  # "est", a noun here
    ],
)
def test_a_list_entry_that_is_a_sentence(text, after_colon, sentence):
    assert is_sentence(fold_aligned(text), after_colon=after_colon) is sentence


def test_an_acronym_heads_a_title_or_only_qualifies_it():
    assert heads_programme([]) and heads_programme(["Programme", "europeen"]) and heads_programme(["Priorites"])
    assert not heads_programme(["Digital", "Investigation"]) and not heads_programme(["Recommandations", "de"])
    assert not heads_programme(["Evaluation", "de", "l"]) and not heads_programme(["Programme", "de"])


def test_same_words_in_another_order_and_a_region_by_its_noun_or_adjective():
    assert word_bag(fold_aligned("Beleidsnota Financiën en begroting Vlaanderen 2024-2029")) == word_bag(
        fold_aligned("Beleidsnota Vlaamse Overheid 2024-2029, Financiën en begroting")
    )
    assert word_bag("plan de securite routiere en flandre") == word_bag("plan flamand de securite routiere")
    assert word_bag("plan de securite routiere en flandre") != word_bag("plan de securite routiere en wallonie")
    assert word_bag("plan de la region") != word_bag("plan")  # "région" names nothing without a region


# --- the index ----------------------------------------------------------------------------------


def index_of(*themes, glossary=()):
    doc = document(*themes, glossary=glossary)
    themed, index, _ = build_index(doc.themes, doc.glossary)
    return themed, {e.id: e for e in index}


def test_a_named_plan_does_not_absorb_a_territorial_or_institutional_variant():
    _, by_id = index_of(
        theme("1", plans=["Plan de sécurité routière (PSR)", "Plan de sécurité routière 2026-2030"]),
        theme("2", plans=["Plan de sécurité routière en Wallonie", "Plan de sécurité routière flamand"]),
        theme("3", plans=["Plan de sécurité routière de la Commission européenne", "PSR"]),
    )
    assert by_id["plan_plan-de-securite-routiere"].cited_by == ["1", "3"]
    assert by_id["plan_plan-de-securite-routiere-en-wallonie"].cited_by == ["2"]
    assert by_id["plan_plan-de-securite-routiere-flamand"].cited_by == ["2"]
    assert by_id["plan_plan-de-securite-routiere-de-la-commission-europeenne"].cited_by == ["3"]


def test_a_programme_cited_only_through_its_priorities_is_still_one_entry():
    # no bare "EMPACT" citation and no glossary: two titles headed by the acronym make it a programme
    themed, by_id = index_of(
        theme("1", plans=["EMPACT Cybercrime (2026-2029)"]),
        theme("2", plans=["Priorités EMPACT Firearms et Environmental crime"]),
        theme("3", plans=["Digital Investigation DGJ", "Évaluation de l'EMPACT"]),
    )
    empact = by_id["plan_empact"]
    assert empact.title == "EMPACT" and empact.cited_by == ["1", "2"]
    assert [(p.id, p.cited_by) for p in empact.parts] == [
        ("plan_empact__cybercrime", ["1"]),
        ("plan_empact__firearms", ["2"]),
        ("plan_empact__environmental-crime", ["2"]),
    ]
    assert themed[1].action_plans[0].parts == ["plan_empact__firearms", "plan_empact__environmental-crime"]
    assert "plan_digital-investigation-dgj" in by_id  # DGJ qualifies that title, it heads nothing
    assert by_id["plan_evaluation-de-l-empact"].cited_by == ["3"]  # a document about the programme


def test_one_title_headed_by_an_acronym_is_no_programme():
    _, by_id = index_of(theme("1", plans=["La STRAT TER", "Projets européens FSI"]))
    assert sorted(by_id) == ["plan_projets-europeens-fsi", "plan_strat-ter"]
    assert all(not e.parts for e in by_id.values())


def test_a_sentence_is_a_mention_of_the_plan_it_names_never_a_title():
    themed, by_id = index_of(
        theme("1", plans=["Plan Grandes Villes", "Plan national drogues (PND)"]),
        theme("2", plans=[
            "Nous contribuons activement au Plan Grandes Villes avec les zones de police.",
            "La Police Fédérale est chargée de la mise en œuvre du PND dans les ports.",
            "Les zones de police sont invitées à partager leurs bonnes pratiques.",
        ]),
    )  # fmt: skip
    refs = themed[1].action_plans
    assert [r.sentence for r in refs] == [True, True, True]
    assert refs[0].index_id == "plan_plan-grandes-villes"
    assert refs[1].index_id == "plan_plan-national-drogues"  # named by its acronym
    assert refs[2].index_id is None  # names no cited plan
    assert by_id["plan_plan-grandes-villes"].cited_by == ["1", "2"]
    assert by_id["plan_plan-grandes-villes"].variants == ["Plan Grandes Villes"]
    assert [m.theme for m in by_id["plan_plan-grandes-villes"].mentions] == ["2"]
    assert all(not is_sentence(fold_aligned(e.title)) for e in by_id.values())


# --- glossary acronyms and the body -------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "used", "variant"),
    [
        ("MOTTEM", "MOTEM", True),  # a doubled letter
        ("DG]", "DGJ", True),  # ] read for J
        ("0CAM", "OCAM", True),  # 0 for O
        ("GP1", "GPI", True),
        ("SlRS", "SIRS", True),  # l for I
        ("ENLETTS", "ENLETS", True),
        ("CIEAAR", "CIEAR", True),
        ("ENLEST", "ENLETS", False),  # two edits
        ("RCCU", "FCCU", False),  # short acronyms are too dense for a free edit
        ("DIT", "DJT", False),
        ("CCU", "CU", False),  # too short to trust a dropped letter
        ("MOTEM", "MOTEM", False),
    ],
)
def test_ocr_variants_of_an_acronym(printed, used, variant):
    assert ocr_variant(printed, used) is variant


def test_lost_acronyms_and_inflected_expansions():
    assert lost("A") and lost("-") and lost("e") and lost(" ")
    assert not lost("DG]") and not lost("DirCo") and not lost("MTCNi")
    assert same_phrase("plans zonaux de sécurité", "Plan zonal de sécurité")
    assert not same_phrase("plans zonaux de sécurité routière", "Plan zonal de sécurité")


def entries(*pairs):
    return [GlossaryEntry(acronym=a, expansion=e, page=39) for a, e in pairs]


def test_the_glossary_takes_the_body_form_and_keeps_the_print():
    glossary = entries(
        ("MOTTEM", "Team d'enquête multidisciplinaire"),
        ("DG]", "Direction générale de la police judiciaire"),
        ("A", "Plan zonal de sécurité"),
        ("-", "Plan fédéral de formation"),
        ("RCCU", "Regional Computer Crime Unit"),
        ("CNDC", "Commissariat national aux drogues"),
    )
    body = ["les", "MOTEM", "DGJ", "la", "FCCU", "PZS", "CNDC"]
    definitions = {"PZS": "plans zonaux de securite"}
    reconciled, notices = reconcile_glossary(glossary, body, definitions)
    assert [(e.acronym, e.printed_acronym) for e in reconciled] == [
        ("MOTEM", "MOTTEM"),
        ("DGJ", "DG]"),
        ("PZS", "A"),
        ("-", None),  # the body never gives it: nothing is invented
        ("RCCU", None),  # FCCU is another unit
        ("CNDC", None),
    ]
    assert [e.expansion for e in reconciled] == [e.expansion for e in glossary]
    assert all(n.kind == "enrichment" and n.page == 39 for n in notices)
    assert [next(a for a in ("MOTTEM", "DG]", "'A'", "'-'") if a in n.message) for n in notices] == [
        "MOTTEM", "DG]", "'A'", "'-'"
    ]  # fmt: skip
    again, more = reconcile_glossary(reconciled, body, definitions)
    assert again == reconciled and [n.message for n in more] == [notices[-1].message]


def test_a_form_another_entry_prints_or_two_candidates_are_not_taken():
    glossary = entries(("MOTTEM", "Team d'enquête"), ("MOTEM", "Another team"), ("CIEAAR", "Centre"))
    reconciled, notices = reconcile_glossary(glossary, ["MOTEM", "CIEAR", "CIEAA"], {})
    assert [e.acronym for e in reconciled] == ["MOTTEM", "MOTEM", "CIEAAR"]
    assert len(notices) == 1 and "CIEAA, CIEAR" in notices[0].message  # ambiguous: kept, said
