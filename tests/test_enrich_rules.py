"""Enrichment extractors on inline sentences, OCR-damaged spellings included (no spaCy)."""

from __future__ import annotations

import pytest
from enrich_helpers import chapter, document, theme

from pns_extract.enrich.action_plans import base_key, build_index, split_citation
from pns_extract.enrich.figures import find_figures
from pns_extract.enrich.glossary_links import acronym_like, link_glossary
from pns_extract.enrich.legal import find_references, legal_references
from pns_extract.enrich.ncsi import theme_ties
from pns_extract.enrich.text_index import Passage, passages
from pns_extract.model import GlossaryEntry
from pns_extract.textnorm import fold_aligned

# --- folding ---------------------------------------------------------------


def test_fold_keeps_length_and_repairs_ocr_elisions():
    text = "Sécurité de I'espace public — « valeurs » gu’il |'UE"
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert folded == "Securite de l'espace public - \" valeurs \" qu'il l'UE"


def test_fold_leaves_capital_i_inside_words():
    assert fold_aligned("INTERPOL I-Core") == "INTERPOL I-Core"


# --- legal references ---------------------------------------------------------


def refs(text: str) -> list[tuple[str, str]]:
    return [(kind, text[start:end]) for kind, start, end in find_references(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("L'article 77bis de la loi du 15 décembre 1980 sanctionne les auteurs.",
         [("article", "article 77bis de la loi du 15 décembre 1980"), ("law", "loi du 15 décembre 1980")]),
        ("conformément à la définition de la loi du 28 mai 1956.", [("law", "loi du 28 mai 1956")]),
        ("Comité interfédéral — CIPCIA (AR du 29-10-2015)", [("royal_decree", "AR du 29-10-2015")]),
        ("dans le cadre de I'article 23 du Code frontieres Schengen, qui permet",
         [("article", "article 23 du Code frontieres Schengen"), ("eu_act", "Code frontieres Schengen")]),
        ("(comme le prévoit I'article 95 de la LPI), tandis que", [("article", "article 95 de la LPI")]),
        ("Selon la circulaire belge COL 03/2006, la violence", [("circular", "COL 03/2006")]),
        ("des circulaires ministérielles GPI 100 et GPI 62. Tout",
         [("circular", "GPI 100"), ("circular", "GPI 62")]),
        ("à la circulaire ministérielle PLP41, en vue", [("circular", "PLP41")]),
        ("La circulaire interministérielle du 10 juillet 2025 relative a la procédure",
         [("circular", "circulaire interministérielle du 10 juillet 2025")]),
        ("the implementation of the Firearms Directive 2021/555, dirigé par",
         [("eu_act", "Directive 2021/555")]),
        ("Conseil consultatif des armes (art. 37 de la loi sur les armes du 8 juin 2006)",
         [("article", "art. 37 de la loi sur les armes du 8 juin 2006"),
          ("law", "loi sur les armes du 8 juin 2006")]),
        ("de satisfaire aux articles 35 et 36 de la loi CPVS. Il est",
         [("article", "articles 35 et 36 de la loi CPVS"), ("law", "loi CPVS")]),
        ("Loi relative aux Centres de Prise en charge des Violences Sexuelles, M.B. du 26 avril 2024",
         [("law", "Loi relative aux Centres de Prise en charge des Violences Sexuelles, M.B. du 26 avril 2024")]),
        ("conformément au Règlement (UE) 2016/399 et à la décision-cadre 2008/841/JAI du Conseil",
         [("eu_act", "Règlement (UE) 2016/399"), ("eu_act", "décision-cadre 2008/841/JAI")]),
        ("le Règlement général sur la protection des données (RGPD) s'applique",
         [("eu_act", "Règlement général sur la protection des données")]),
        ("l'arrêté royal du 7 décembre 2016 et l'A.R. du 1er février 2020",
         [("royal_decree", "arrêté royal du 7 décembre 2016"), ("royal_decree", "A.R. du 1er février 2020")]),
        ("la loi-programme du 27 décembre 2021 et la directive ministérielle MFO-3",
         [("law", "loi-programme du 27 décembre 2021"), ("circular", "MFO-3")]),
        ("l'article 46bis du Code d'instruction criminelle",
         [("article", "article 46bis du Code d'instruction criminelle"), ("law", "Code d'instruction criminelle")]),
        ("la loi du 7 décembre 1998 organisant un service de police intégré, structuré à deux niveaux",
         [("law", "loi du 7 décembre 1998 organisant un service de police intégré")]),
        ("en conformité avec la Convention d’Istanbul et la Convention de Lanzarote.",
         [("other", "Convention d’Istanbul"), ("other", "Convention de Lanzarote")]),
    ],
)
def test_legal_reference_kinds(sentence, expected):
    assert refs(sentence) == expected


def test_legal_reference_survives_lost_accents_and_elisions():
    # OCR: "decembre" without accent, "I'article", a footnote whose "L" was lost
    # ("Ioi" for "loi", "decembre" without accent, a footnote whose "L" of "L'article" was lost)
    assert refs("’article 77bis de la Ioi du 15 decembre 1980") == [
        ("article", "article 77bis de la Ioi du 15 decembre 1980"),
        ("law", "Ioi du 15 decembre 1980"),
    ]


def test_no_legal_reference_in_ordinary_prose():
    assert refs("La fraude CP 42 (fraude douanière) et les articles de presse du 3 mai.") == []


def test_legal_references_carry_theme_and_page_and_skip_repeats():
    found = legal_references(
        [
            Passage("7", "7", 28, "description", "la circulaire COL 03/2006 et encore COL 03/2006"),
            Passage("preamble", None, 1, "preamble", "La loi du 15 décembre 1980."),
        ]
    )
    assert [(r.kind, r.text, r.theme, r.page) for r in found] == [
        ("circular", "COL 03/2006", "7", 28),
        ("law", "loi du 15 décembre 1980", None, 1),
    ]


# --- figures -------------------------------------------------------------------


def test_figures_of_budget_sentence():
    sentence = (
        "En 2025, le budget fédéral total de la Police Intégrée s’éleve a 2,84 milliards d’euros, "
        "dont 47,97 % sont destinés a la Police Fédérale."
    )
    assert list(find_figures(sentence)) == [("amount", "2,84 milliards d’euros"), ("percentage", "47,97 %")]


def test_figures_ratio_staff_and_date():
    assert list(find_figures("L’objectif d’un ratio de 85/15 entre les crédits de personnel")) == [
        ("ratio", "85/15")
    ]
    assert list(find_figures("Au 31 janvier 2025, la Police Fédérale comptait 13 879 membres du personnel.")) == [
        ("date", "31 janvier 2025"),
        ("staff", "13 879 membres du personnel"),
    ]
    assert list(find_figures("des départs (1 000 personnes par an selon les estimations)")) == [
        ("staff", "1 000 personnes")
    ]


def test_figures_ignore_circular_numbers_and_years():
    assert list(find_figures("La circulaire COL 03/2006 de 2006 et le plan 2025-2030.")) == []


def test_figures_only_from_the_resources_chapter():
    from pns_extract.enrich.figures import chapter_figures

    doc = document(
        theme("1", description=["Un budget de 5 millions d'euros."]),
        chapters=[chapter(3, sections=[("Orientation des ressources", ["Un ratio de 80/20. Puis 12 %."])])],
    )
    figures = chapter_figures(passages(doc))
    assert [(f.kind, f.value, f.sentence, f.page) for f in figures] == [
        ("ratio", "80/20", "Un ratio de 80/20.", 34),
        ("percentage", "12 %", "Puis 12 %.", 34),
    ]


# --- action-plan index ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Note-cadre de sécurité intégrale 2026-2029 — « Sécurité économique »",
         ("Note-cadre de sécurité intégrale 2026-2029", "Sécurité économique", None)),
        ("NCSI — Sécurité numérique", ("NCSI", "Sécurité numérique", None)),
        ("Plan Global de Sécurité et de Prévention (PGSP)", ("Plan Global de Sécurité et de Prévention", None, "PGSP")),
        ("Plan national drogues (Commissariat National Drogue)",
         ("Plan national drogues", "Commissariat National Drogue", None)),
        ("(Futur) plan d’action du College de la lutte contre la fraude",
         ("Plan d’action du College de la lutte contre la fraude", "Futur", None)),
        ("e Plan d’action « Cyber Prostitution »", ("Plan d’action « Cyber Prostitution »", None, None)),
        ("EMPACT : la Police Fédérale fournit une contribution",
         ("EMPACT", "la Police Fédérale fournit une contribution", None)),
        ("Comité interfédéral d’armes — CIPCIA (AR du 29-10-2015)",
         ("Comité interfédéral d’armes", "AR du 29-10-2015", "CIPCIA")),
    ],
)
def test_split_citation(printed, expected):
    assert split_citation(printed) == expected


def test_base_key_ignores_case_accents_years_and_ocr_elisions():
    assert base_key("Plan Grandes Villes", {}) == base_key("Plan Grandes villes", {})
    assert base_key("Déclaration de politique régionale wallonne, législature 2024-2029", {}) == base_key(
        "Declaration de politique regionale wallonne 2024-2029", {}
    )
    assert base_key("Plan d’action de I'UE en matiére de drogue", {}) == base_key(
        "Plan d’action de 'UE en matière de drogue", {}
    )
    assert base_key("Loi du 13-07-2023", {}) == "loi du 13 07 2023"  # a date is not a plan's period


GLOSSARY = [("NCSI", "Note-cadre de sécurité intégrale"), ("EMPACT", "European Multidisciplinary Platform")]


def plans_doc():
    return document(
        theme("1", plans=[
            "Note-cadre de sécurité intégrale (en tant que priorité transversale)", "Plan Grandes villes"
        ]),
        theme("1.1", plans=[
            "Plan Grandes Villes",
            "Note-cadre de sécurité intégrale — « Sécurité de I'espace public et valeurs démocratiques »",
            "Plan Global de Sécurité et de Prévention (PGSP)",
            "EMPACT CCH et SYD/NPS (2026-2027)",
        ]),
        theme("1.4", plans=["Plan global de sécurité et de prévention de la Région de Bruxelles-capitale",
                            "EMPACT Firearms"]),
        theme("2", plans=["NCSI — Sécurité numérique", "Plan Global de Sécurité et de Prévention (PGSP)"]),
        theme("6.1", plans=[
            "Note-cadre de sécurité intégrale 2026-2029 — « Sécurité économique »",
            "(Futur) plan d’action du College de la lutte contre la fraude fiscale et sociale",
            "(Futur) plan d’action du Collége de la lutte contre la fraude fiscale et sociale",
            "EMPACT : la Police Fédérale fournit une contribution active",
        ]),
        theme("6.2", plans=["Note-cadre de sécurité intégrale 2026-2029 Sécurité économique"]),
        glossary=GLOSSARY,
    )


def test_index_merges_variants_into_one_entry_per_plan():
    doc = plans_doc()
    themes, index, _ = build_index(doc.themes, doc.glossary)
    by_id = {entry.id: entry for entry in index}
    ncsi = by_id["plan_note-cadre-de-securite-integrale"]
    assert ncsi.title == "Note-cadre de sécurité intégrale"
    assert ncsi.cited_by == ["1", "1.1", "2", "6.1", "6.2"]
    assert "NCSI — Sécurité numérique" in ncsi.variants
    assert by_id["plan_plan-grandes-villes"].cited_by == ["1", "1.1"]
    assert by_id["plan_plan-grandes-villes"].variants == ["Plan Grandes villes", "Plan Grandes Villes"]
    pgsp = by_id["plan_plan-global-de-securite-et-de-prevention"]
    assert pgsp.cited_by == ["1.1", "2"]
    # the Brussels region's own plan adds a territorial complement: another plan
    brussels = by_id["plan_plan-global-de-securite-et-de-prevention-de-la-region-de-bruxelles-capitale"]
    assert brussels.cited_by == ["1.4"] and brussels.qualifier is None
    empact = by_id["plan_empact"]
    assert empact.cited_by == ["1.1", "1.4", "6.1"]
    assert empact.title == "EMPACT"
    parts = [(p.title, p.cited_by) for p in empact.parts]
    assert parts == [("CCH", ["1.1"]), ("SYD/NPS", ["1.1"]), ("Firearms", ["1.4"])]
    assert [m.text for m in empact.mentions] == ["EMPACT : la Police Fédérale fournit une contribution active"]
    assert all("fournit" not in v for v in empact.variants)
    # every reference points at an entry; ids are unique
    assert len(by_id) == len(index)
    assert all(ref.index_id in by_id for t in themes for ref in t.action_plans)


def test_duplicates_inside_a_theme_are_flagged_not_dropped():
    doc = plans_doc()
    themes, index, _ = build_index(doc.themes, doc.glossary)
    refs = {t.number: t.action_plans for t in themes}["6.1"]
    assert [ref.duplicate for ref in refs] == [False, False, True, False]
    assert refs[1].index_id == refs[2].index_id
    college = next(e for e in index if e.id == refs[1].index_id)
    assert college.cited_by == ["6.1"] and college.qualifier == "Futur"


def test_index_is_deterministic_and_order_independent_of_ids():
    doc = plans_doc()
    first = build_index(doc.themes, doc.glossary)[1]
    second = build_index(doc.themes, doc.glossary)[1]
    assert first == second
    # ids depend on content only: the same plan cited alone gets the same id
    alone = document(theme("9", plans=["Plan Grandes Villes"]))
    assert build_index(alone.themes, alone.glossary)[1][0].id == "plan_plan-grandes-villes"


# --- NCSI ties -------------------------------------------------------------------


def test_ncsi_ties_from_references_and_text():
    doc = plans_doc()
    _, _, citations = build_index(doc.themes, doc.glossary)
    ties = {
        number: theme_ties((c for _, c in citations if c.theme == number), [])
        for number in ("1", "1.1", "2", "6.2")
    }
    assert ties["1"] == []
    assert [t.dimension for t in ties["1.1"]] == ["espace_public"]
    assert [t.dimension for t in ties["2"]] == ["numerique"]
    assert ties["2"][0].evidence == ["NCSI — Sécurité numérique"]
    assert [t.dimension for t in ties["6.2"]] == ["economique"]  # quotes lost: still the dimension
    prose = Passage("8.7", "8.7", 33, "description", "Cela sert la sécurité numérique. Autre phrase.")
    tied = theme_ties([], [prose])
    assert [(t.dimension, t.evidence) for t in tied] == [("numerique", ["Cela sert la sécurité numérique."])]
    # a citation title is not prose: "numérique" in a plan's name is no tie
    assert theme_ties([], [Passage("2", "2", 20, "action_plan", "Plan sécurité numérique")]) == []


# --- glossary links ----------------------------------------------------------------


def test_acronym_shape():
    assert all(acronym_like(t) for t in ("CIEAR", "EC3", "MTCNi", "VaaS", "PLP41"))
    assert not any(acronym_like(t) for t in ("Europol", "II", "A", "3D", "La"))


def test_glossary_mentions_and_undefined_acronyms():
    glossary = [
        GlossaryEntry(acronym="CIEAR", expansion="Centre d'information", page=40),
        GlossaryEntry(acronym="MOTTEM", expansion="Team d'enquête multidisciplinaire", page=40),
        GlossaryEntry(acronym="VAAS", expansion="Violence As A Service", page=40),
        GlossaryEntry(acronym="A", expansion="Plan zonal de sécurité", page=40),
    ]
    tokens = [
        (Passage("1", "1", 5, "description", ""), ["le", "soutien", "des", "CIEAR", "et", "du", "PGSP"]),
        (Passage("1", "1", 5, "objective", ""), ["CIEAR", "VaaS", "A"]),
        (Passage("6.1", "6.1", 25, "objective", ""), ["les", "MOTEM", "FRONTIERES", "frontieres", "PGSP"]),
    ]
    linked, undefined = link_glossary(glossary, tokens)
    mentions = {e.acronym: [(m.theme, m.count) for m in e.mentions] for e in linked}
    assert mentions == {"CIEAR": [("1", 2)], "MOTTEM": [("6.1", 1)], "VAAS": [("1", 1)], "A": []}
    assert [(u.acronym, [(m.theme, m.count) for m in u.mentions]) for u in undefined] == [
        ("PGSP", [("1", 1), ("6.1", 1)])
    ]


# --- text index ------------------------------------------------------------------------


def test_passages_walk_in_document_order():
    doc = document(
        theme("1", description=["Texte."], footnotes=["Note."], page=9),
        preamble=["Préambule."],
        chapters=[chapter(1, "Introduction.", page=2), chapter(2, "Chapitre 2.", page=4), chapter(3, "Moyens.")],
    )
    walked = [(p.where, p.kind, p.text) for p in passages(doc)]
    assert walked == [
        ("preamble", "preamble", "Préambule."),
        ("chapter_1", "chapter", "Introduction."),
        ("chapter_2", "chapter", "Chapitre 2."),
        ("1", "description", "Texte."),
        ("1", "footnote", "Note."),
        ("chapter_3", "chapter", "Moyens."),
    ]


# --- acronyms defined in the running text ---------------------------------------------------


def test_text_definitions_use_word_initials():
    from pns_extract.enrich.definitions import text_definitions

    found = text_definitions(
        [
            "la Note-cadre de sécurité intégrale (NCSI) et la Stratégie nationale de sécurité (SNS).",
            "avec le Centre pour la Cybersécurité Belgique (CCB) et l'Institut pour l'égalité (IE).",
            "par I'entremise des centres d'information et d'expertise (CIEAR)",  # initials miss A, R
        ]
    )
    assert found == {
        "NCSI": "Note-cadre de securite integrale",
        "SNS": "Strategie nationale de securite",
        "CCB": "Centre pour la Cybersecurite Belgique",
        "IE": "Institut pour l'egalite",
    }


def test_acronym_citation_merges_through_a_text_definition_without_glossary():
    doc = document(
        theme("2", plans=["NCSI — Sécurité numérique"]),
        theme("5", plans=["Note-cadre de sécurité intégrale — Sécurité sociétale"]),
    )
    _, index, _ = build_index(doc.themes, doc.glossary, {"NCSI": "Note-cadre de securite integrale"})
    assert [(e.id, e.cited_by) for e in index] == [("plan_note-cadre-de-securite-integrale", ["2", "5"])]
    _, alone, _ = build_index(doc.themes, doc.glossary)
    assert len(alone) == 2  # without any definition, NCSI is just another name


@pytest.mark.parametrize(
    ("printed", "dimension"),
    [
        ("Note—cadre de securite integrale - « Securite economique »", "economique"),
        ("Note-cadre de sécurité intégrale 2026—2029 — « Sécurité de l’espace public et valeurs démocratiques »",
         "espace_public"),
        ("NCSI - Sécurité liée à la personne", "personne"),
        ("Note-cadre de sécurité intégrale « Sécurité numérique »", "numerique"),
        ("Note cadre de sécurité intégrale: Sécurité numérique", "numerique"),
        ("Note-cadre de sécurité intégrale 2026-2029 Sécurité écologique", "ecologique"),
        ("Note-cadre de sécurité intégrale (Sécurité sociétale)", "societale"),
    ],
)
def test_ncsi_citation_spellings_give_one_framework_and_its_dimension(printed, dimension):
    doc = document(
        theme("1", plans=["Note-cadre de sécurité intégrale (en tant que priorité transversale)"]),
        theme("2", plans=[printed]),
        glossary=[("NCSI", "Note-cadre de sécurité intégrale")],
    )
    _, index, citations = build_index(doc.themes, doc.glossary)
    assert [(e.id, e.cited_by) for e in index] == [("plan_note-cadre-de-securite-integrale", ["1", "2"])]
    ties = theme_ties([c for _, c in citations if c.theme == "2"], [])
    assert [(t.dimension, t.evidence) for t in ties] == [(dimension, [printed])]


def test_a_citation_naming_a_cited_acronym_belongs_to_that_plan():
    doc = document(
        theme("1", plans=["Programme européen EMPACT (CO, drogues)", "Priorités UE 2026-2029 (cf. EMPACT)"]),
        theme("1.1", plans=["EMPACT CCH et SYD/NPS (2026-2027)"]),
        theme("1.3", plans=["Priorités EMPACT THB et Migrant Smuggling"]),
        theme("7", plans=["EMPACT : la Police Fédérale fournit une contribution active"]),
        glossary=[("EMPACT", "European Multidisciplinary Platform Against Criminal Threats")],
    )
    _, index, _ = build_index(doc.themes, doc.glossary)
    by_id = {e.id: e for e in index}
    assert by_id["plan_empact"].cited_by == ["1", "1.1", "1.3", "7"]
    assert by_id["plan_priorites-ue"].cited_by == ["1"]  # "cf. EMPACT" only points at it
    assert [p.title for p in by_id["plan_empact"].parts] == ["CO", "drogues", "CCH", "SYD/NPS", "THB",
                                                              "Migrant Smuggling"]


def test_figures_in_other_typesettings():
    assert list(find_figures("Nous recruterons 1.600 nouveaux policiers et 250 ETP supplémentaires.")) == [
        ("staff", "1.600 nouveaux policiers"),
        ("staff", "250 ETP"),
    ]
    assert list(find_figures("un budget de EUR 12,5 millions, soit 2.840 millions €.")) == [
        ("amount", "EUR 12,5 millions"),
        ("amount", "2.840 millions €"),
    ]


def test_per_paragraph_pages_are_used_when_the_model_has_them():
    from types import SimpleNamespace

    from pns_extract.enrich.text_index import _pages

    assert _pages(SimpleNamespace(description_pages=[9, 10]), "description_pages", 2, 9) == [9, 10]
    assert _pages(SimpleNamespace(), "description_pages", 2, 9) == [9, 9]
    assert _pages(SimpleNamespace(description_pages=[9]), "description_pages", 2, 9) == [9, 9]  # mismatch
