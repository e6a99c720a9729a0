"""The parser on small inline excerpts, one test per trap of the OCR text."""

from __future__ import annotations

from conftest import parse_text, plan

THEME_1 = """1. Criminalité organisée

La criminalité organisée évolue rapidement.

» Objectifs stratégiques
Pour la Police Fédérale :

1. Une image optimalisée : élaborer une image intégrée ;

2. Capacité spécialisée : renforcer l'expertise.
"""


def theme(document, number):
    return next(t for t in document.themes if t.number == number)


def test_heading_with_lost_space_and_dotted_sub_themes():
    document = parse_text(
        plan(
            THEME_1,
            "1.1 Trafic de drogue\n\nLe phénomène de la drogue.\n\n"
            "1.2Violence liée a la drogue\n\nLa violence liée à la drogue croît.\n",
        )
    )
    assert [(t.number, t.parent, t.title) for t in document.themes] == [
        ("1", None, "Criminalité organisée"),
        ("1.1", "1", "Trafic de drogue"),
        ("1.2", "1", "Violence liée a la drogue"),
    ]
    assert theme(document, "1.2").description == ["La violence liée à la drogue croît."]


def test_chapters_without_markers_and_with_bare_markers():
    text = plan(THEME_1) + (
        " Chapitre 3\n\n\n\n1. Orientation des ressources\n\nLe cadre budgétaire est sous pression.\n"
        " 2. Capacité : adéquation avec les besoins\n\nAu 31 janvier 2025, 13879 membres.\n"
        " Chapitre 4\n\n1. Suivi\n\nLes ministres assurent le suivi.\n"
    )
    document = parse_text(text)
    assert [(c.number, c.title) for c in document.chapters] == [(1, None), (2, None), (3, None), (4, None)]
    chapter3 = document.chapters[2]
    assert [(s.number, s.title) for s in chapter3.sections] == [
        ("1", "Orientation des ressources"),
        ("2", "Capacité : adéquation avec les besoins"),
    ]
    assert chapter3.sections[1].paragraphs == ["Au 31 janvier 2025, 13879 membres."]
    assert document.chapters[1].paragraphs == [
        "Les thèmes présentés dans ce chapitre constituent l'épine dorsale du plan."
    ]


def test_pictogram_section_titles_and_icon_noise():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\nDescription.\n\n% Objectifs stratégiques\n\nPour la Police Fédérale :\n\n"
            "1. Réaliser une image ;\n\n|II\n\n2. Définir des mesures.\n\nY\n\n"
            ")) Points d’attention transversaux\n\ne Mineurs : empêcher le recrutement ;\n\n»\n\n"
            "¥ Plans d’action et cadres politiques pertinents\n\nPlan national drogues\n"
        )
    )
    only = document.themes[0]
    assert [o.text for o in only.objectives] == ["Réaliser une image ;", "Définir des mesures."]
    assert [(p.section, p.label, p.text) for p in only.attention_points] == [
        ("transversal", "Mineurs", "empêcher le recrutement ;")
    ]
    assert [p.title for p in only.action_plans] == ["Plan national drogues"]
    assert {(r.text, r.kind) for r in document.residue} == {("|II", "noise"), ("Y", "noise"), ("»", "noise")}


def test_bullets_read_as_letters_and_signs():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n"
            "1. Identifier les réseaux en :\n\ne Arrêtant les fonctionnaires ;\n\n¢ Démantelant les cibles ;\n\n"
            "2. Renforcer l'approche, par :\no l'amélioration de la collecte ;\no la poursuite de l'appui.\n\n"
            "» Plans d’action et cadres politiques pertinents\n\n* Plan Grandes villes\n= EMPACT Firearms\n"
            "– Projets européens FSI\n"
        )
    )
    only = document.themes[0]
    assert [o.items for o in only.objectives] == [
        ["Arrêtant les fonctionnaires ;", "Démantelant les cibles ;"],
        ["l'amélioration de la collecte ;", "la poursuite de l'appui."],
    ]
    assert [p.title for p in only.action_plans] == [
        "Plan Grandes villes",
        "EMPACT Firearms",
        "Projets européens FSI",
    ]


def test_lost_numbers_are_restored_and_lone_number_at_page_top():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\n» Objectifs stratégiques\nViolence intrafamiliale :\n\n"
            "1. Déclaration des faits : une approche plus qualitative ;\n\n"
            "2. Approche en chaîne : il convient de mettre sur pied les\n",
            "4.\n\nprojets conformément aux principes de protection ;\n\n"
            "Protection des victimes : l'alarme mobile sera optimisée.\n",
        )
    )
    objectives = document.themes[0].objectives
    assert [(o.number, o.title) for o in objectives] == [
        (1, "Déclaration des faits"),
        (2, "Approche en chaîne"),
        (3, "Protection des victimes"),
    ]
    assert objectives[1].text.endswith("mettre sur pied les projets conformément aux principes de protection ;")
    assert {o.actor for o in objectives} == {"other"}
    assert objectives[0].group == "Violence intrafamiliale"
    assert objectives[0].id == "theme_1__obj_other-violence-intrafamiliale_1"


def test_running_footer_and_footnote_cut_a_paragraph_and_misnumbered_notes():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\nLe trafic d’étres humains?, pour sa part, touche a la fois a\n\n"
            "Plan national de sécurité 2026-2029 - 10\n",
            "l'immigration illégale.\n\n1 L’article 77bis de la loi du 15 décembre 1980 sanctionne les auteurs.\n",
            "La fraude à la TVA® est suivie.\n\n5 Obtention d’avantages patrimoniaux illicites.\n",
        )
    )
    only = document.themes[0]
    assert only.description == [
        "Le trafic d’étres humains?, pour sa part, touche a la fois a l'immigration illégale.",
        "La fraude à la TVA® est suivie.",
    ]
    assert [(f.number, f.printed_number) for f in only.footnotes] == [(1, None), (5, None)]
    assert document.source.page_labels == {"4": "10"}
    assert [r.kind for r in document.residue] == ["furniture"]
    renumbered = parse_text(
        plan(
            "1. Criminalité organisée\n\nTexte.\n\n3 Première note.\n",
            "Autre texte.\n\n3 Deuxième note, mal lue.\n",
        )
    )
    assert [(f.number, f.printed_number) for f in renumbered.themes[0].footnotes] == [(3, None), (4, "3")]


def test_groups_introduced_by_a_sentence_naming_the_actor():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\n» Objectifs stratégiques\n\n"
            "En vue d’améliorer la lutte, la Police Fédérale se fixe les objectifs\n\nsuivants :\n\n"
            "Réaliser une image stratégique de la criminalité organisée active sur\n"
            "tout le territoire ;\n\n"
            "Renforcer les partenariats structurels permettant une approche globale\n\n"
            "multidisciplinaire, en particulier :\n\n"
            "* Au niveau national : avec le Cyber Command ;\n\n= La coopération au niveau européen ;\n\n"
            "Intensifier les activités policières.\n",
            "La Police Locale contribue activement a la lutte. Cet objectif doit étre réalisé par le biais "
            "des éléments\n\nsuivants :\n\n1.\n\n»\n\nDétection précoce des signes ;\n\n"
            "Partenariats : au niveau local : les partenariats.\n",
        )
    )
    only = document.themes[0]
    assert [(g.actor, g.label) for g in only.objective_groups] == [("federal", None), ("local", None)]
    assert [(o.actor, o.number, o.title) for o in only.objectives] == [
        ("federal", 1, None),
        ("federal", 2, None),
        ("federal", 3, None),
        ("local", 1, None),
        ("local", 2, "Partenariats"),
    ]
    assert only.objectives[1].items == [
        "Au niveau national : avec le Cyber Command ;",
        "La coopération au niveau européen ;",
    ]
    assert only.objectives[1].text.startswith(
        "Renforcer les partenariats structurels permettant une approche globale multi"
    )


def test_titles_on_their_own_line():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\n» Objectifs stratégiques\nPour la Police fédérale :\n\n"
            "Assurer une réponse stratégique intégrée\n\n"
            "Mettre en œuvre une vision coordonnée sur l'ensemble du territoire national, ciblant en priorité "
            "l'exploitation sexuelle ;\n\n"
            "1. Développer une cartographie des risques\n"
            "Elaborer un portrait intégré des vulnérabilités et des activités criminelles dans les hubs ;\n"
        )
    )
    assert [(o.title, o.text[:20]) for o in document.themes[0].objectives] == [
        ("Assurer une réponse stratégique intégrée", "Mettre en œuvre une "),
        ("Développer une cartographie des risques", "Elaborer un portrait"),
    ]


def test_missions_list_and_description_list():
    document = parse_text(
        plan(
            "2. Cybercriminalité\n\nLa Police Fédérale méne a bien cette mission par :\n\n"
            "- La contribution a l'image ;\n\n- Un appui forensique spécialisé.\n\nUn autre paragraphe.\n\n"
            "Il existe deux formes principales de fraude :\n- Fraude aux cotisations.\n- Fraude aux allocations.\n"
        ).replace("2. Cyber", "1. Cyber")
    )
    only = document.themes[0]
    assert only.missions == ["La contribution a l'image ;", "Un appui forensique spécialisé."]
    assert only.description == [
        "La Police Fédérale méne a bien cette mission par :",
        "Un autre paragraphe.",
        "Il existe deux formes principales de fraude :",
        "Fraude aux cotisations.",
        "Fraude aux allocations.",
    ]


def test_wrapped_references_are_joined():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\nPlans d’action et cadres politiques pertinents\n\n"
            "Feuille de route de la Commission européenne en matiere de lutte\ncontre le trafic de drogue\n"
            "Plan d’action de l'UE en matiére de drogue (nouveau, encore a publier par la Commission\n\n"
            "européenne)\n"
            "Mise en œuvre des recommandations de la commission « opération\nCalice »\n"
            "Plan Grandes villes\n"
        )
    )
    assert [p.title for p in document.themes[0].action_plans] == [
        "Feuille de route de la Commission européenne en matiere de lutte contre le trafic de drogue",
        "Plan d’action de l'UE en matiére de drogue (nouveau, encore a publier par la Commission européenne)",
        "Mise en œuvre des recommandations de la commission « opération Calice »",
        "Plan Grandes villes",
    ]


def test_theme_of_numbered_points_becomes_sub_themes():
    document = parse_text(
        plan(
            THEME_1,
            "8. Conditions et points d’attention\n\nLa Police Intégrée a identifié des points d'attention.\n\n"
            "1. Lintégrité comme valeur clé\n\nL'intégrité constitue le fondement de la confiance.\n"
            "2. Plan Grandes villes\n\nLe plan met l'accent sur la coopération.\n\n"
            "Pour la Police Intégrée, il en découle une série de points d’attention stratégiques :\n\n"
            "1 Coopération et concertation : concertation structurelle ;\n\n"
            "2 Approche administrative : renforcement des CIEAR.\n\n"
            "Ces éléments vont au-delà d’un thème.\n\n"
            "3. Partenariats\n\nUne approche intégrale.\n",
        ).replace("8. Conditions", "2. Conditions")
    )
    assert [t.number for t in document.themes] == ["1", "2", "2.1", "2.2", "2.3"]
    grandes_villes = theme(document, "2.2")
    assert [(p.section, p.label) for p in grandes_villes.attention_points] == [
        ("strategic", "Coopération et concertation"),
        ("strategic", "Approche administrative"),
    ]
    assert grandes_villes.description[-1] == "Ces éléments vont au-delà d’un thème."


def test_preamble_signatories_and_glossary():
    glossary = " AIG Inspection générale\nANPR Automatic Number Plate Recognition\nCIEAR Centre d’information\n"
    glossary += "EMPACT  European Multidisciplinary Platform Against Criminal Threats\nGPI Police Intégrée\n"
    glossary += "ZP Zone de police\n"
    document = parse_text(plan(THEME_1) + glossary)
    assert [(s.name, s.role) for s in document.document.signatories] == [
        ("Bernard QUINTIN", "Ministre de la Sécurité et de l'Intérieur"),
        ("Annelies VERLINDEN", "Ministre de la Justice"),
    ]
    assert document.document.preamble == ["La sécurité est une promesse faite à chaque citoyen."]
    assert [(g.acronym, g.expansion) for g in document.glossary][3] == (
        "EMPACT",
        "European Multidisciplinary Platform Against Criminal Threats",
    )
    assert len(document.glossary) == 6


def test_form_feed_is_a_page_break():
    text = plan(THEME_1).replace("\n 1. Criminalité", "\n\f1. Criminalité")
    document = parse_text(text)
    assert document.themes[0].page == 4


def test_every_line_is_placed_or_in_residue():
    document = parse_text(plan(THEME_1, "Y\n\n|II\n"))
    assert document.coverage.lines == document.coverage.placed + document.coverage.residue


def test_not_a_plan_has_no_themes():
    document = parse_text("Bonjour.\n\nCeci est un texte français ordinaire, sans structure de plan.\n")
    assert document.themes == []
    assert {r.kind for r in document.residue} == {"unplaced"} or document.chapters


def test_wrapping_of_another_typesetting():
    """A long title on its own line is still a title; a bulleted reference wrapped onto a
    capitalised word stays one reference."""
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\n» Objectifs stratégiques\nPour la Police Locale :\n\n"
            "Lutter systématiquement contre les principales causes de l'insécurité routière\n\n"
            "En optimisant les contrôles\nlocaux.\n\n"
            "» Plans d’action et cadres politiques pertinents\n\n"
            "• Expert Group on firearms trafficking and the implementation of the Firearms\n"
            "Directive 2021/555, dirigé par la Commission européenne\n• EMPACT Firearms\n"
        )
    )
    only = document.themes[0]
    assert [(o.title, o.text) for o in only.objectives] == [
        (
            "Lutter systématiquement contre les principales causes de l'insécurité routière",
            "En optimisant les contrôles locaux.",
        )
    ]
    assert [p.title for p in only.action_plans] == [
        "Expert Group on firearms trafficking and the implementation of the Firearms Directive 2021/555, "
        "dirigé par la Commission européenne",
        "EMPACT Firearms",
    ]


def test_numbered_points_at_a_page_bottom_are_not_footnotes():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\n"
            "Pour la Police Intégrée, il en découle des points d’attention stratégiques :\n\n"
            "1 Coopération et concertation : concertation structurelle ;\n\n"
            "2 Approche administrative : renforcement des CIEAR ;\n",
            "3 Visibilité : présence durable.\n\nCes éléments vont au-delà d’un thème.\n",
        )
    )
    only = document.themes[0]
    assert only.footnotes == []
    assert [p.label for p in only.attention_points] == [
        "Coopération et concertation",
        "Approche administrative",
        "Visibilité",
    ]


def test_a_paragraph_that_refers_back_continues_its_item():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\n» Objectifs stratégiques\nPour la Police Locale :\n\n"
            "1. Soutien et signalement : les zones de police soutiennent l'action fédérale.\n\n"
            "Elles collaborent avec les partenaires fédéraux.\n\n"
            "Points d’attention généraux\n\n"
            "Sensibilisation : les personnes de référence suivront une formation.\n\n"
            "Les zones de police s'engagent à former des inspecteurs.\n\n"
            "Collecte des données : la Police Intégrée met en œuvre les recommandations.\n"
        )
    )
    only = document.themes[0]
    assert [(o.title, o.text) for o in only.objectives] == [
        (
            "Soutien et signalement",
            "les zones de police soutiennent l'action fédérale. Elles collaborent avec les partenaires fédéraux.",
        )
    ]
    assert [(p.label, p.text) for p in only.attention_points] == [
        (
            "Sensibilisation",
            "les personnes de référence suivront une formation. "
            "Les zones de police s'engagent à former des inspecteurs.",
        ),
        ("Collecte des données", "la Police Intégrée met en œuvre les recommandations."),
    ]


def test_heading_wrapped_by_the_layout_and_punctuation_alone_on_a_line():
    document = parse_text(
        plan(
            THEME_1,
            "2. Une attention particulière aux mineurs d'âge et aux\nvictimes\n\nLes mineurs font l'objet\n"
            "d'une attention des\n\ncompétences policières ;\n\nSuite.\n",
        )
    )
    assert theme(document, "2").title == "Une attention particulière aux mineurs d'âge et aux victimes"
    assert (
        theme(document, "2").description[0] == "Les mineurs font l'objet d'une attention des compétences policières ;"
    )


def test_pages_from_inside_a_sub_theme():
    """A 9-page scan taken from the middle: the first pages belong to the sub-theme before the
    first heading it shows; its title is not invented."""
    document = parse_text(
        " Pour la Police fédérale :\n\n1. Détecter les réseaux ;\n\n2. Démanteler les filières.\n\n"
        "Plans d’action et cadres politiques pertinents\n\nPlan national drogues\n"
        " 1.4 Trafic d’armes\n\nLe trafic d’armes est complexe.\n\n» Objectifs stratégiques\n"
        "Police Fédérale :\n\n1. Développer une image du trafic ;\n"
    )
    assert [(t.number, t.parent, t.title) for t in document.themes] == [
        ("1.3", "1", None),
        ("1.4", "1", "Trafic d’armes"),
    ]
    assert [(o.actor, o.number) for o in document.themes[0].objectives] == [("federal", 1), ("federal", 2)]
    assert [p.title for p in document.themes[0].action_plans] == ["Plan national drogues"]
    assert [o.actor for o in document.themes[1].objectives] == ["federal"]
    assert any(w.kind == "structure" and "inferred" in w.message for w in document.warnings)


def test_number_and_title_on_separate_lines():
    document = parse_text(
        plan(
            "1.\nCriminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n"
            "1.\n\nRéaliser une image ;\n",
            "1.1\nTrafic de drogue\n\nLe phénomène de la drogue.\n",
        )
    )
    assert [(t.number, t.title) for t in document.themes] == [
        ("1", "Criminalité organisée"),
        ("1.1", "Trafic de drogue"),
    ]
    assert [o.text for o in document.themes[0].objectives] == ["Réaliser une image ;"]
    assert document.coverage.lines == document.coverage.placed + document.coverage.residue


def test_a_new_attention_section_does_not_continue_the_previous_one():
    document = parse_text(
        plan(
            "1. Criminalité organisée\n\nPoints d’attention généraux\n\nFormation : les agents sont formés.\n\n"
            "Points d’attention transversaux\n\nIl convient de protéger les mineurs.\n"
        )
    )
    assert [(p.section, p.text) for p in document.themes[0].attention_points] == [
        ("general", "les agents sont formés."),
        ("transversal", "Il convient de protéger les mineurs."),
    ]


def test_an_intro_whose_colon_ocr_read_as_a_semicolon_still_names_its_actor():
    from pns_extract.parse.patterns import group_intro

    assert group_intro("la Police Fédérale se fixe les objectifs suivants ;") == "federal"
    assert group_intro("la Police Locale renforce la détection ;") is None  # a list item, not an intro
    theme = (
        "1. Criminalité organisée\n\nLa criminalité organisée évolue rapidement.\n\nObjectifs stratégiques\n\n"
        "En vue d'améliorer la lutte, la Police Fédérale se fixe les objectifs\nsuivants ;\n\n"
        "Réaliser une image stratégique de la criminalité organisée ;\n\n"
        "Définir des mesures ciblées sur la base de cette image.\n"
    )
    document = parse_text(plan(theme))
    assert [(o.actor, o.number) for o in document.themes[0].objectives] == [("federal", 1), ("federal", 2)]


def test_a_sentence_cut_by_a_page_break_carries_on_over_a_capital():
    theme = (
        "1. Criminalité organisée\n\nLa criminalité organisée évolue rapidement.\n\nObjectifs stratégiques\n\n"
        "Pour la Police Fédérale :\n\n1. Intensifier la coopération internationale\n\n"
        "Participer activement aux priorités EMPACT THB et Migrant\n"
    )
    next_page = (
        "Smuggling (membre actif), aux opérations conjointes ;\n\n2. Renforcer l'approche financière\n\n"
        "Maximiser les saisies.\n\nPlans d'action et cadres politiques pertinents\n\nPlan national drogues\n"
    )
    plans_page = "Plan Grandes villes\n"
    document = parse_text(plan(theme, next_page, plans_page))
    objectives = document.themes[0].objectives
    assert [(o.number, o.title) for o in objectives] == [
        (1, "Intensifier la coopération internationale"),
        (2, "Renforcer l'approche financière"),
    ]
    assert objectives[0].text.endswith("et Migrant Smuggling (membre actif), aux opérations conjointes ;")
    # a plan's title ends bare: the next page's first line is the next plan
    assert [p.title for p in document.themes[0].action_plans] == ["Plan national drogues", "Plan Grandes villes"]


def test_a_closing_quote_wrapped_alone_closes_its_title():
    """'»' alone on a line closes the quotation the line above opened (a narrow measure wrapped
    it); alone after a closed line it is OCR's reading of a pictogram: noise."""
    theme = (
        "1. Criminalité organisée\n\nLa criminalité organisée évolue rapidement.\n\n"
        "Plans d'action et cadres politiques pertinents\n\n"
        "Note-cadre de sécurité intégrale — « Sécurité de l'espace public\n»\n\n"
        "Conventions des Nations Unies\n\n»\n\nPlan Grandes villes\n\n"
        "Brevet « Technique d'audition de mineurs et de personnes vulnérables\n») ;\n\nPlan d'action TEH\n"
    )
    document = parse_text(plan(theme))
    assert [p.title for p in document.themes[0].action_plans] == [
        "Note-cadre de sécurité intégrale — « Sécurité de l'espace public »",
        "Conventions des Nations Unies",
        "Plan Grandes villes",
        "Brevet « Technique d'audition de mineurs et de personnes vulnérables ») ;",
        "Plan d'action TEH",
    ]
    assert [(r.text, r.kind) for r in document.residue if r.text == "»"] == [("»", "noise")]


def test_an_objective_label_wrapped_by_a_narrow_column():
    """'Rôle de soutien dans la surveillance et le' / 'signalement : les zones…': the label runs
    onto the second line; a label ending its line (' :' then the text below) is a label too."""
    theme = (
        "1. Criminalité organisée\n\nLa criminalité organisée évolue rapidement.\n\nObjectifs stratégiques\n\n"
        "Pour la Police Fédérale :\n\n1. Harmoniser les processus de contrôle aux frontières :\n"
        "améliorer l'efficience des contrôles ;\n\n"
        "Pour la Police Locale :\n\nRôle de soutien dans la surveillance et le\nsignalement : les zones de police\n"
        "renforcent la détection de la détention illégale d'armes.\n"
    )
    objectives = parse_text(plan(theme)).themes[0].objectives
    assert [(o.actor, o.title, o.text[:20]) for o in objectives] == [
        ("federal", "Harmoniser les processus de contrôle aux frontières", "améliorer l'efficien"),
        ("local", "Rôle de soutien dans la surveillance et le signalement", "les zones de police "),
    ]


def test_a_list_intro_wrapped_onto_a_short_line_keeps_its_items():
    """'en :' alone on a line (French spacing before the colon) is the end of the sentence that
    announces the sub-list, not a pictogram's noise."""
    text = THEME_1.replace(
        "1. Une image optimalisée : élaborer une image intégrée ;",
        "1. Identifier et démanteler les réseaux criminels\nen :\n\n• Arrêtant les fonctionnaires ;\n\n"
        "• Démantelant les high value targets ;",
    )
    document = parse_text(plan(text))
    first = theme(document, "1").objectives[0]
    assert first.text == "Identifier et démanteler les réseaux criminels en :"
    assert first.items == ["Arrêtant les fonctionnaires ;", "Démantelant les high value targets ;"]


def test_a_list_title_that_ends_several_pages_is_no_running_footer():
    """Where lines have positions, a running footer stands at the same height on every page; the
    last plan of several themes, ending their pages wherever their columns end, is text."""
    from dataclasses import replace

    from pns_extract.ingest.lines import Line
    from pns_extract.parse.furniture import find_furniture

    lines, number = [], 0
    for page in range(1, 7):
        texts = ["Plan national de sécurité 2026-2029", "La police renforce la coopération."]
        if page % 2:
            texts.append("Plan Global de Sécurité et de Prévention (PGSP)")
        for index, text in enumerate(texts):
            number += 1
            top = 40.0 if index == 0 else 100.0 + 120 * page * index  # the list ends lower on each page
            lines.append(replace(Line(page=page, number=number, text=text, method="pdf"), top=top, font_size=9.5))
    furniture = {line.text for line in lines if line.number in find_furniture(lines)}
    assert furniture == {"Plan national de sécurité 2026-2029"}
