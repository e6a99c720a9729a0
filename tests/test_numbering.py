"""The numbering decided for the whole document: objectives set like headings stay objectives,
the points of a theme of points stay under it, and every doubt is a warning with its place."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from conftest import plan

from pns_extract.ingest.lines import Line, Page
from pns_extract.ingest.text import source_from_text
from pns_extract.parse import parse_document

SUB_THEME_WITH_TITLED_OBJECTIVES = """1.1 Points d'entrée

Les points d'entrée constituent des nœuds critiques.

Objectifs stratégiques
Pour la Police Fédérale :

1. Développer une cartographie des risques
Élaborer un portrait intégré des vulnérabilités.

2. Renforcer l'action opérationnelle et les contrôles ciblés
Mettre en œuvre des actions policières ciblées.

3. Renforcer les partenariats
La Police Locale et la Police Fédérale constituent un réseau.

Pour la Police Locale :

1. Soutien et signalement : les zones de police soutiennent l'action fédérale.
"""

THEME_1 = """1. Criminalité organisée

La criminalité organisée évolue rapidement.

Objectifs stratégiques
Pour la Police Fédérale :

1. Une image optimalisée : élaborer une image intégrée ;

2. Capacité spécialisée : renforcer l'expertise.
"""

THEME_2 = """2. Cybercriminalité

La cybercriminalité constitue une menace croissante.

Objectifs stratégiques
Pour la Police Fédérale :

1. Renforcer l'approche guidée par l'intelligence.
"""

POINTS = """3. Conditions et points d'attention

La Police Intégrée a identifié une série de points d'attention.

1. L'intégrité comme valeur clé

L'intégrité constitue le fondement de la confiance.

2. Formation et expertise

La Police Intégrée veille à sa politique de formation.
"""

LATER_POINTS = """5. Partenariats

Une approche intégrale nécessite tous les acteurs.

6. Les médias sociaux et le monde virtuel

La police étend sa mission aux réseaux sociaux.
"""

HEADING_SHAPE = re.compile(r"^\d{1,2}(\.\d{1,2})?\.?\s+[A-ZÀ-Ý][^.;:]*$")


def typeset(text: str):
    """The plan as a PDF in a house style that sets every numbered title (objectives included)
    bold and as large as the theme headings."""
    source = source_from_text(text)
    pages = []
    for page in source.pages:
        lines = []
        for line in page.lines:
            heading = bool(HEADING_SHAPE.match(line.text.strip()))
            lines.append(
                replace(line, hint="heading" if heading else None, bold=heading, font_size=14 if heading else 10)
            )
        pages.append(Page(number=page.number, lines=lines))
    return parse_document(replace(source, pages=pages))


def numbers(document) -> list[str]:
    return [theme.number for theme in document.themes]


def test_objective_titles_set_like_headings_stay_objectives():
    sub_theme_2 = "1.2 Corruption\n\nLa corruption mine la confiance.\n"
    document = typeset(plan(THEME_1, SUB_THEME_WITH_TITLED_OBJECTIVES, sub_theme_2, THEME_2))
    assert numbers(document) == ["1", "1.1", "1.2", "2"]
    objectives = document.themes[1].objectives
    assert [(o.actor, o.number, o.title) for o in objectives] == [
        ("federal", 1, "Développer une cartographie des risques"),
        ("federal", 2, "Renforcer l'action opérationnelle et les contrôles ciblés"),
        ("federal", 3, "Renforcer les partenariats"),
        ("local", 1, "Soutien et signalement"),
    ]
    assert not [w for w in document.warnings if w.kind in ("numbering", "heading-rejected")]


def test_objective_titles_in_plain_text_too():
    sub_theme_2 = "1.2 Corruption\n\nLa corruption mine la confiance.\n"
    document = parse_document(source_from_text(plan(THEME_1, SUB_THEME_WITH_TITLED_OBJECTIVES, sub_theme_2)))
    assert numbers(document) == ["1", "1.1", "1.2"]
    assert len(document.themes[1].objectives) == 4


def test_points_of_a_theme_of_points_stay_under_it_across_a_gap():
    # the numbers of points 3 and 4 were lost (a scan): 5 and 6 are still points of theme 3
    document = parse_document(source_from_text(plan(THEME_1, THEME_2, POINTS, LATER_POINTS)))
    assert numbers(document) == ["1", "2", "3", "3.1", "3.2", "3.5", "3.6"]
    gaps = [w for w in document.warnings if w.kind == "numbering"]
    assert [(w.message, w.page) for w in gaps] == [("3.5 follows a gap: 3.3, 3.4 not found", 7)]
    assert gaps[0].line is not None


def test_a_missing_theme_is_a_gap_warning():
    theme_4 = THEME_2.replace("2. Cybercriminalité", "4. Gestion intégrée des frontières")
    document = parse_document(source_from_text(plan(THEME_1, THEME_2, theme_4)))
    assert numbers(document) == ["1", "2", "4"]
    assert [w.message for w in document.warnings if w.kind == "numbering"] == ["4 follows a gap: 3 not found"]


def test_a_duplicate_theme_number_is_read_once_and_the_other_is_a_warning():
    theme_2 = THEME_2 + "\nPlans d'action et cadres politiques pertinents\nNCSI — Sécurité numérique\n"
    duplicate = "2. Une autre cybercriminalité\n\nUn paragraphe sans objectifs.\n"
    document = typeset(plan(THEME_1, theme_2, duplicate))
    assert numbers(document) == ["1", "2"]
    rejected = [w for w in document.warnings if w.kind == "heading-rejected"]
    assert len(rejected) == 1 and "Une autre cybercriminalité" in rejected[0].message
    assert rejected[0].page == 6


def test_a_sub_theme_outside_its_theme_is_a_warning():
    stray = "1.4 Trafic d'armes\n\nLe trafic d'armes est un phénomène complexe.\n"
    document = parse_document(source_from_text(plan(THEME_1, THEME_2, stray)))
    assert "1.4" not in numbers(document)
    assert [w.kind for w in document.warnings if "Trafic d'armes" in w.message] == ["heading-rejected"]


def test_a_theme_that_opens_its_objectives_is_a_theme_even_after_a_numbered_list():
    # theme 2's objectives end at 2; the next theme happens to be numbered 3
    theme_2 = THEME_2.replace("1. Renforcer l'approche guidée par l'intelligence.", "1. Un ;\n\n2. Deux.")
    theme_3 = "3. Radicalisme\n\nLe radicalisme.\n\nObjectifs stratégiques\nPour la Police Fédérale :\n\n1. Un.\n"
    document = parse_document(
        source_from_text(plan(THEME_1, theme_2, theme_3).replace("\n 3. Radicalisme", "\n3. Radicalisme"))
    )
    assert numbers(document) == ["1", "2", "3"]


def test_quality_summary_flags_what_breaks_the_conventions():
    bare = "2. Cybercriminalité\n\nLa cybercriminalité constitue une menace croissante.\n"
    document = parse_document(source_from_text(plan(THEME_1, bare)))
    assert document.quality is not None
    assert document.quality.themes_without_parts == ["2"]
    assert [(w.kind, w.page) for w in document.warnings if "theme 2 has no" in w.message] == [("structure", 5)]
    assert document.quality.numbering_consistent


def test_quality_of_the_corpus(corpus_text):
    quality = parse_document(source_from_text(corpus_text)).quality
    assert quality is not None
    assert quality.numbering_consistent and quality.themes == 28 and quality.themes_without_parts == []
    assert quality.points == [f"8.{n}" for n in range(1, 12)]
    assert (quality.glossary_entries, quality.footnotes) == (84, 9)
    assert not quality.footnotes_in_sequence  # the OCR misread two printed numbers
    assert quality.unplaced_lines == 0 and quality.placed_share > 0.99


def test_pages_opening_inside_a_list_of_objectives_set_like_headings():
    # pages cut from the middle of the plan: objectives of the sub-theme before 1.2, then 1.2
    opening = (
        "1. Assurer une réponse stratégique intégrée\n\nMettre en œuvre une vision coordonnée.\n\n"
        "2. Développer l'expertise spécialisée\n\nRenforcer la spécialisation des unités.\n\n"
        "Pour la Police Locale :\n\n1. Détection des victimes : renforcer l'identification précoce.\n"
    )
    sub_theme = SUB_THEME_WITH_TITLED_OBJECTIVES.replace("1.1 Points d'entrée", "1.2 Points d'entrée")
    text = "".join(" " + page for page in (opening, sub_theme))
    document = typeset(text)
    assert numbers(document) == ["1.1", "1.2"]
    inherited = document.themes[0]
    assert inherited.title is None
    assert [(o.actor, o.title) for o in inherited.objectives] == [("local", "Détection des victimes")]
    # the numbered titles before it are not themes, and not doubted as headings either
    assert not [w for w in document.warnings if w.kind in ("numbering", "heading-rejected")]
    assert any(w.kind == "structure" and "starts inside" in w.message for w in document.warnings)


def test_a_sub_theme_number_that_lost_its_dot_is_read_with_a_warning():
    sub_theme = "1.1 Corruption\n\nLa corruption mine la confiance.\n"
    lost = "12. Blanchiment d'argent\n\nLe blanchiment d'argent est une opération.\n"  # OCR of "1.2."
    document = typeset(plan(THEME_1, sub_theme, lost))
    assert numbers(document) == ["1", "1.1", "1.2"]
    assert [w.message for w in document.warnings if w.kind == "numbering"] == [
        '"12. Blanchiment d\'argent" read as 1.2: its number lost a dot'
    ]


def test_heading_numbers_set_alone_above_their_titles():
    """Some house styles set the number on a line of its own, with or without a dash ('1 –' over
    'Criminalité organisée', '1.1 –' over 'Points d'entrée'): the number is the heading's, never noise."""
    own_line = re.compile(
        r"^ (\d{1,2}(?:\.\d{1,2})?)\.? (?=[A-ZÀ-Ý])", re.MULTILINE
    )  # the themes (pages start with a space)
    for mark in (" –", "."):  # a bare "1" alone at a page top is, in plain text, a page number
        text = own_line.sub(
            lambda m, mark=mark: f" {m.group(1)}{mark}\n", plan(THEME_1, SUB_THEME_WITH_TITLED_OBJECTIVES, THEME_2)
        )
        document = parse_document(source_from_text(text))
        assert numbers(document) == ["1", "1.1", "2"], mark
        assert [t.title for t in document.themes] == ["Criminalité organisée", "Points d'entrée", "Cybercriminalité"]
        assert [len(t.objectives) for t in document.themes] == [2, 4, 1]
        assert not [r.text for r in document.residue if r.kind == "noise"]


def test_pages_opening_inside_a_theme_before_a_top_level_theme():
    """Pages cut from the middle of the plan that open with theme 3's last parts, then theme 4: the
    parts are filed under 3 (or one of its sub-themes: the warning says so), never dropped."""
    opening = (
        "Pour la Police Locale :\n\n1. Détection et signalement : les zones renforcent la détection précoce.\n\n"
        "Points d'attention transversaux\n\n"
        "• Soutenir le développement de l'expertise au sein de la Police Intégrée ;\n\n"
        "• Renforcer la coopération internationale.\n"
    )
    theme_4 = THEME_2.replace("2. Cybercriminalité", "4. Gestion intégrée des frontières")
    document = parse_document(source_from_text("".join(" " + page for page in (opening, theme_4))))
    assert numbers(document) == ["3", "4"]
    inherited = document.themes[0]
    assert inherited.title is None
    assert [(o.actor, o.number) for o in inherited.objectives] == [("local", 1)]
    assert len(inherited.attention_points) == 2
    assert [w.message for w in document.warnings if w.kind == "structure"] == [
        "theme 3: the input starts inside it or in one of its sub-themes; its number is inferred from the next theme"
    ]


def test_a_heading_wrapped_keeps_its_end_in_a_scan():
    """OCR estimates each line's size from its box: 'Frontières' (ascenders, an accent) reads larger
    than '4. Gestion intégrée des' above it in the same type; the text layer's sizes are exact."""
    from pns_extract.parse.outline import heading_tail

    def lines(method, sizes):
        texts = ["4. Gestion intégrée des", "Frontières", "", "Le champ d'application de la gestion."]
        hints = ["heading", "heading", None, None]
        return [
            Line(page=1, number=n, text=t, method=method, hint=h, font_size=s)
            for n, (t, h, s) in enumerate(zip(texts, hints, sizes, strict=True), start=1)
        ]

    assert heading_tail(lines("ocr", [14.0, 18.0, None, 9.5]), 0) == [1]
    assert heading_tail(lines("pdf", [14.0, 18.0, None, 9.5]), 0) == []  # exact sizes: another type
    assert heading_tail(lines("pdf", [14.0, 14.0, None, 9.5]), 0) == [1]


def test_a_part_title_wrapped_before_its_last_words():
    """A narrow column wraps 'Plans d'action et cadres' / 'politiques pertinents': the first line
    alone is no part title, the two together are, and the plans are plans, not attention points."""
    theme = THEME_1 + (
        "\nPoints d'attention transversaux\n\n• Renforcer la coopération internationale.\n\n"
        "Plans d'action et cadres\npolitiques pertinents\n\n• Plan national drogues\n\n• Maas-Kempenplan\n"
    )
    document = parse_document(source_from_text(plan(theme, THEME_2)))
    first = document.themes[0]
    assert [p.title for p in first.action_plans] == ["Plan national drogues", "Maas-Kempenplan"]
    assert len(first.attention_points) == 1
    assert ("part", "politiques pertinents") in [(h.role, h.text) for h in document.headings]


def test_a_heading_in_capitals_wrapped_onto_a_second_line_of_capitals():
    """Capitals carry no size cue in plain text: a numbered title in capitals continued by a line in
    capitals is one heading, and the points after it keep their place."""
    points = (
        POINTS.replace("1. L'intégrité comme valeur clé", "1. L'INTÉGRITÉ COMME VALEUR CLÉ").replace(
            "2. Formation et expertise", "2. UNE ATTENTION PARTICULIÈRE AUX\nMINEURS D’ÂGE ET AUX VICTIMES"
        )
        + "\n3. PARTENARIATS\n\nUne approche intégrale nécessite tous les acteurs.\n"
    )
    document = parse_document(source_from_text(plan(THEME_1, THEME_2, points)))
    assert numbers(document) == ["1", "2", "3", "3.1", "3.2", "3.3"]
    assert document.themes[4].title == "UNE ATTENTION PARTICULIÈRE AUX MINEURS D’ÂGE ET AUX VICTIMES"
    assert not [w for w in document.warnings if w.kind in ("numbering", "heading-rejected")]


def test_a_list_item_set_apart_in_capitals_left_out_is_a_doubt():
    """'4. PARTENARIATS' continues a numbered list (a point whose title the reading missed, glued to
    its text), so the numbering reads it as a list item; set apart in capitals, it looks like a
    heading, and leaving it out is reported."""
    points = (
        POINTS.replace("1. L'intégrité comme valeur clé", "1. L'INTÉGRITÉ COMME VALEUR CLÉ").replace(
            "2. Formation et expertise", "2. FORMATION ET EXPERTISE"
        )
        + "\n3. MINEURS D’ÂGE, VICTIMES ET POPULATIONS VULNÉRABLES DANS LES QUARTIERS\n"
        "Les mineurs qui courent le risque de basculer font l'objet d'une attention.\n"
        "\n4. PARTENARIATS\n\nUne approche intégrale nécessite tous les acteurs.\n"
    )
    text = plan(THEME_1, THEME_2, points)
    document = parse_document(source_from_text(text))
    assert numbers(document) == ["1", "2", "3", "3.1", "3.2"]
    rejected = [w.line for w in document.warnings if w.kind == "heading-rejected"]
    assert rejected == [text.split("\n").index("4. PARTENARIATS") + 1]


def parse_with_full_lines(text: str, fills_its_column: Callable[[str], bool]):
    """The plain text parsed as if a layout had measured which lines fill their column."""
    source = source_from_text(text)
    pages = [
        Page(number=page.number, lines=[replace(line, wraps=fills_its_column(line.text)) for line in page.lines])
        for page in source.pages
    ]
    return parse_document(replace(source, pages=pages))


def test_a_subtitle_dash_or_an_acronym_alone_carries_a_wrapped_plan_title_on():
    """After a line that fills its column, a dash opens the title's subtitle, not an item (the list
    has no dashes); an acronym alone in brackets after a break is the name's above."""
    theme = THEME_1 + (
        "\nPlans d'action et cadres politiques pertinents\n\n"
        "Note-cadre de sécurité intégrale 2026-2029\n— « Sécurité économique »\n\n"
        "Plan Global de Sécurité et de Prévention\n\n(PGSP)\n\n(Futur) plan d'action du Collège\n"
    )
    document = parse_with_full_lines(plan(theme, THEME_2), lambda text: text.startswith("Note-cadre"))
    assert [p.title for p in document.themes[0].action_plans] == [
        "Note-cadre de sécurité intégrale 2026-2029 — « Sécurité économique »",
        "Plan Global de Sécurité et de Prévention (PGSP)",
        "(Futur) plan d'action du Collège",
    ]


def test_a_full_line_that_ends_with_its_punctuation_or_a_quote_closed_on_the_next_line():
    """A line that fills its column but ends with ';' has ended its point (the next, unbulleted,
    is another); a '»' opening a line closes the quotation the line above opened (no bullet)."""
    theme = THEME_1.replace(
        "1. Une image optimalisée : élaborer une image intégrée ;",
        "1. Exécution d'enquêtes spécialisées avec attention pour le « VaaS\n» (Violence as a service) ;",
    ) + (
        "\nPoints d'attention transversaux\n\n"
        "Victimes : réduire le seuil à franchir pour déposer plainte ;\n"
        "Collecte et diffusion des données : la Police Intégrée met en œuvre les recommandations.\n"
    )
    document = parse_with_full_lines(plan(theme, THEME_2), lambda text: text.startswith("Victimes"))
    first = document.themes[0]
    assert (
        first.objectives[0].text
        == "Exécution d'enquêtes spécialisées avec attention pour le « VaaS » (Violence as a service) ;"
    )
    assert [p.label for p in first.attention_points] == ["Victimes", "Collecte et diffusion des données"]


def test_a_plan_title_wrapped_by_a_narrow_column_is_one_title():
    """The layout says which lines fill their column (``Line.wraps``): their plan title goes on
    on the next line, capitalised or not; a title that closes a quotation has ended."""
    theme = THEME_1 + (
        "\nPlans d'action et cadres politiques pertinents\n\n"
        "Plan d’urgence cybernétique 3.0 — Cyber Law\nEnforcement\n"
        "Note-cadre — « Sécurité économique »\nConventions des Nations Unies\nPlan Grandes villes\n"
    )
    full = {"Plan d’urgence cybernétique 3.0 — Cyber Law", "Note-cadre — « Sécurité économique »"}
    document = parse_with_full_lines(plan(theme, THEME_2), lambda text: text in full)
    assert [p.title for p in document.themes[0].action_plans] == [
        "Plan d’urgence cybernétique 3.0 — Cyber Law Enforcement",
        "Note-cadre — « Sécurité économique »",
        "Conventions des Nations Unies",
        "Plan Grandes villes",
    ]
