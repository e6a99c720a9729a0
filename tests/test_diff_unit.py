"""Unit tests of the edition diff on small hand-made documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from pns_extract.changes import DiffInputError, diff_documents, diff_view, load_document, render
from pns_extract.changes.model import DocumentDiff
from pns_extract.changes.normalize import compare, key, words
from pns_extract.changes.view import word_diff
from pns_extract.cli import diff_text, print_diff
from pns_extract.model import (
    ActionPlanRef,
    AttentionPoint,
    Coverage,
    Document,
    DocumentInfo,
    Footnote,
    GlossaryEntry,
    Objective,
    Period,
    Source,
    Theme,
)


def theme(number: str, title: str, description: str, objectives=(), points=(), plans=(), footnotes=()) -> Theme:
    parent = number.rsplit(".", 1)[0] if "." in number else None
    tid = f"theme_{number}"
    return Theme(
        id=tid,
        number=number,
        parent=parent,
        title=title,
        page=1,
        description=[description],
        objectives=[
            Objective(
                id=f"{tid}__obj_{actor}_{n}",
                actor=actor,
                group=None,
                number=n,
                title=None,
                text=text,
                page=1,
            )
            for n, (actor, text) in enumerate(objectives, start=1)
        ],
        attention_points=[
            AttentionPoint(id=f"{tid}__ap_{n}", section="transversal", label=lab, text=text, page=1)
            for n, (lab, text) in enumerate(points, start=1)
        ],
        action_plans=[
            ActionPlanRef(id=f"{tid}__plan_{n}", title=title, page=1) for n, title in enumerate(plans, start=1)
        ],
        footnotes=[Footnote(number=n, text=text, page=1) for n, text in enumerate(footnotes, start=1)],
    )


def document(themes: list[Theme], glossary: dict[str, str] | None = None, name: str = "x.txt") -> Document:
    return Document(
        tool_version="test",
        source=Source(file=name, sha256="0" * 64, kind="text", pages=1),
        document=DocumentInfo(title="Plan national de sécurité", period=Period(start=2026, end=2029), language="fr"),
        themes=[t.model_copy(deep=True) for t in themes],
        glossary=[GlossaryEntry(acronym=a, expansion=e, page=1) for a, e in (glossary or {}).items()],
        coverage=Coverage(lines=1, placed=1, residue=0),
    )


DRUGS = theme(
    "1.1",
    "Trafic de drogue",
    "Le phénomène de la drogue en Belgique constitue un défi complexe et évolutif pour la sécurité publique.",
    objectives=[
        ("federal", "Élaborer une image intégrée et dynamique du phénomène de la drogue en Belgique."),
        ("federal", "Renforcer l'expertise, la capacité et les méthodes innovantes au sein de la police."),
        ("local", "Détecter les points de deal dans les quartiers et transmettre les informations."),
    ],
    points=[("Mineurs", "empêcher que les jeunes ne soient recrutés dans des réseaux criminels.")],
    plans=["Plan national drogues", "Plan Grandes villes", "Maas-Kempenplan"],
    footnotes=["L'article 77bis de la loi du 15 décembre 1980 sanctionne les auteurs."],
)
VIOLENCE = theme(
    "1.2",
    "Violence liée à la drogue",
    "La violence liée à la drogue en Belgique constitue un défi croissant qui met sous pression la cohésion.",
    objectives=[("federal", "Exécution d'enquêtes spécialisées sur les réseaux violents (Violence as a service).")],
    plans=["Plan national drogues", "EMPACT CCH et SYD/NPS (2026-2027)"],
)
WEAPONS = theme(
    "1.3",
    "Trafic d'armes",
    "Le trafic d'armes est un phénomène complexe qui viole le droit national et international.",
    objectives=[("federal", "Développer et maintenir une image du trafic d'armes à l'échelle opérationnelle.")],
    plans=["EMPACT Firearms", "Projets européens FSI"],
)
CYBER = theme(
    "2",
    "Cybercriminalité",
    "La cybercriminalité constitue une menace croissante pour l'économie, les citoyens et l'État.",
    objectives=[("federal", "Renforcer l'approche guidée par l'intelligence de la cybercriminalité.")],
    plans=["Cyberstratégie 3.0"],
)
GLOSSARY = {"CNDC": "Commissariat national aux drogues", "PZS": "Plan zonal de sécurité"}


def base() -> Document:
    return document([DRUGS, VIOLENCE, WEAPONS, CYBER], GLOSSARY)


def records(diff: DocumentDiff) -> list[tuple[str, str, str | None]]:
    return [(c.kind, c.element, c.theme) for c in diff.changes]


# --- normalisation ---------------------------------------------------------------


def test_keys_ignore_accents_apostrophes_dashes_and_l_confusions() -> None:
    assert key("I'extrémisme — Note- cadre « Sûr »") == key('l’extremisme - Note-cadre "Sur"')
    assert key("'ensemble") == key("l'ensemble") == key("|'ensemble")
    assert words("e Plan » national") == ("plan", "national")


def test_compare_forgives_ocr_slips_but_not_real_words() -> None:
    assert compare("Uneimage optimalisée de la criminalité", "Une image optimalisee de la criminalite").same
    assert compare("une société slre et vivable", "une société sûre et vivable").same
    reworded = compare("coopération avec quatre partenaires", "coopération avec cinq partenaires")
    assert reworded.changed_words == 1 and not reworded.same
    assert not compare("période 2026-2029", "période 2026-2030").same  # numbers must match exactly
    assert compare("outils basés sur l'lA", "outils basés sur l'IA").same  # l/i look-alikes
    assert compare("fraude a I'impo6t", "fraude à l'impôt").same  # a digit read for a letter
    assert compare("pays d’olu proviennent", "pays d’où proviennent").same  # one letter too many


# --- alignment -----------------------------------------------------------------------


def test_identical_documents_have_no_change() -> None:
    diff = diff_documents(base(), base())
    assert diff.changes == []
    assert diff.summary.identical and diff.summary.themes_matched == 4


def test_ocr_noise_is_not_a_change() -> None:
    noisy = base()
    noisy.themes[0].title = "Traﬁc de drogue"
    noisy.themes[0].objectives[
        1
    ].text = "Renforcer I'expertise, la capacite et les méthodes inno- vantes au sein de la police."
    noisy.themes[2].title = "Trafic d’armes"
    noisy.glossary[0].expansion = "Commissariat national aux drogues"
    assert diff_documents(base(), noisy).changes == []


def test_label_split_differently_is_not_a_change() -> None:
    split = base()
    point = split.themes[0].attention_points[0]
    point.text = f"+ {point.label} : {point.text}"
    point.label = None
    split.glossary[1].acronym = "PZ5"  # acronym misread, same expansion
    assert diff_documents(base(), split).changes == []


def test_removed_theme_renumbers_followers_without_removed_added_pair() -> None:
    old = base()
    new = document([DRUGS, WEAPONS.model_copy(update={"number": "1.2"}), CYBER], GLOSSARY)
    diff = diff_documents(old, new)
    assert records(diff) == [("removed", "theme", "1.2"), ("renumbered", "theme", "1.2")]
    renumbered = diff.changes[1]
    assert (renumbered.old.number, renumbered.new.number) == ("1.3", "1.2")
    assert diff.changes[0].note == "with 1 objective, 2 action plans"  # children not listed one by one
    assert diff.changes[0].contents == {"objective": 1, "action_plan": 2}
    assert diff_view(diff).sections[0].rows[0].note == "avec 1 objectif, 2 plans d'action"


def test_renamed_theme_is_modified_and_parent_renumbering_does_not_flood() -> None:
    old = document(
        [theme("1", "Criminalité organisée", "La criminalité organisée évolue rapidement.")]
        + [t.model_copy(update={"number": t.number}) for t in (DRUGS, VIOLENCE)]
    )
    shifted = [
        theme("2", "Criminalité organisée", "La criminalité organisée évolue rapidement."),
        DRUGS.model_copy(update={"number": "2.1", "parent": "2"}),
        VIOLENCE.model_copy(update={"number": "2.2", "parent": "2", "title": "Violences liées aux stupéfiants"}),
    ]
    diff = diff_documents(old, document(shifted))
    assert records(diff) == [("renumbered", "theme", "2"), ("modified", "theme", "2.2")]
    assert diff.changes[0].note == "sub-themes renumbered with it: 1.1 → 2.1, 1.2 → 2.2"
    renumbered = next(section for section in diff_view(diff).sections if section.kind == "renumbered")
    assert renumbered.rows[0].note == "sous-thèmes renumérotés avec lui : 1.1 → 2.1, 1.2 → 2.2"
    assert diff.changes[1].fields == ["title"]


def test_element_changes_inside_matched_themes() -> None:
    old = base()
    new = base()
    drugs = new.themes[0]
    drugs.objectives[
        0
    ].text = "Élaborer une image intégrée, partagée et dynamique du phénomène de la drogue en Belgique."
    del drugs.objectives[1]  # removed; the local objective keeps its place
    drugs.objectives.append(
        Objective(
            id="x",
            actor="federal",
            group=None,
            number=3,
            title=None,
            text="Saisir les avoirs criminels.",
            page=2,
        )
    )
    drugs.action_plans = [p for p in drugs.action_plans if p.title != "Maas-Kempenplan"]
    drugs.action_plans.append(ActionPlanRef(id="y", title="Plan d'action opérationnel Hazeldonk", page=2))
    new.glossary.append(GlossaryEntry(acronym="VR", expansion="Virtual Reality", page=9))
    diff = diff_documents(old, new)
    assert records(diff) == [
        ("modified", "objective", "1.1"),
        ("removed", "objective", "1.1"),
        ("added", "objective", "1.1"),
        ("removed", "action_plan", "1.1"),
        ("added", "action_plan", "1.1"),
        ("added", "glossary", None),
    ]
    modified = diff.changes[0]
    assert modified.fields == ["text"] and 0.8 < modified.similarity < 1
    assert ("insert", "partagée") in [(tag, text) for tag, text in word_diff(modified.old.text, modified.new.text)]


def test_element_moved_across_themes_and_between_actors() -> None:
    old = base()
    new = base()
    plan = new.themes[0].action_plans.pop(2)  # Maas-Kempenplan goes to 1.2
    new.themes[1].action_plans.append(plan)
    new.themes[0].objectives[2].actor = "federal"
    diff = diff_documents(old, new)
    assert records(diff) == [("moved", "objective", "1.1"), ("moved", "action_plan", "1.2")]
    assert diff.changes[0].fields == ["actor"]
    assert diff.changes[1].fields == ["theme"] and diff.changes[1].old.theme == "1.1"


def test_glossary_matches_by_acronym_then_expansion() -> None:
    new = base()
    new.glossary[1].acronym = "A"  # OCR lost the acronym: a modified entry, not removed + added
    new.glossary[0].expansion = "Commissariat national drogues et addictions"
    diff = diff_documents(base(), new)
    assert [(c.kind, c.element, c.fields) for c in diff.changes] == [
        ("modified", "glossary", ["text"]),
        ("modified", "glossary", ["number"]),
    ]


def test_action_plans_match_through_canonical_index() -> None:
    old, new = base(), base()
    old.themes[0].action_plans[0].index_id = "plan_plan-national-drogues"
    new.themes[0].action_plans[0].index_id = "plan_plan-national-drogues"
    new.themes[0].action_plans[0].title = "PND (Commissariat national drogue)"
    diff = diff_documents(old, new)
    assert records(diff) == [("modified", "action_plan", "1.1")]


# --- rendering and loading ---------------------------------------------------------------


def sample_diff() -> DocumentDiff:
    new = base()
    new.themes[0].objectives[0].text += " Recourir à l'analyse des données."
    del new.themes[2]
    return diff_documents(base(), new)


def test_json_output_follows_the_contract() -> None:
    data = json.loads(render(sample_diff(), "json"))
    assert set(data) == {"schema_version", "changes", "summary"}
    first = data["changes"][0]
    assert {"kind", "element", "theme", "old", "new"} <= set(first)
    assert {"number", "title", "text"} <= set(first["old"])
    assert data["summary"]["by_kind"]["modified"] == 1 and data["summary"]["by_kind"]["removed"] == 1
    DocumentDiff.model_validate(data)


def test_markdown_html_and_terminal_show_word_highlights_in_french() -> None:
    diff = sample_diff()
    markdown = render(diff, "markdown")
    assert "**Recourir à l'analyse des données.**" in markdown and "## Suppressions (1)" in markdown
    assert "| thème | élément | quoi | page | modification |" in markdown
    page = render(diff, "html")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<ins>Recourir à l&#x27;analyse des données.</ins>" in page
    assert "<script" not in page and "http" not in page  # self-contained
    assert '<td class="page" data-label="page">p. 1</td>' in page  # page numbers shown
    console = Console(record=True, width=140, color_system=None)
    print_diff(diff_view(diff), console)
    text = console.export_text()
    assert "Modifications (1)" in text and "Suppressions (1)" in text and "Trafic d'armes" in text
    assert "Aucune modification" in diff_text(diff_view(diff_documents(base(), base())))
    plain = diff_text(diff_view(diff))
    assert "{+Recourir à l'analyse des" in plain and "données.+}" in plain  # wrapped in its cell
    with pytest.raises(ValueError):
        render(diff, "pdf")


def test_titles_from_the_input_are_inert_in_every_rendering() -> None:
    new = base()
    new.themes[0].objectives[0].title = "[d](javascript:alert(1)) <img src=x onerror=alert(1)>"
    new.themes[0].title = "Trafic \x1b[31mrouge\x1b[0m"
    diff = diff_documents(base(), new)
    markdown = render(diff, "markdown")
    assert "](javascript:" not in markdown.replace("\\](javascript:", "") and "<img" not in markdown
    page = render(diff, "html")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "\x1b" not in diff_text(diff_view(diff)) and "\\x1b[31mrouge" in diff_text(diff_view(diff))


def test_load_document_round_trip_and_trouble(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(base().model_dump_json(), encoding="utf-8")
    assert load_document(path) == base()
    yaml_path = tmp_path / "old.yaml"
    import yaml

    yaml_path.write_text(yaml.safe_dump(base().model_dump(mode="json")), encoding="utf-8")
    assert load_document(yaml_path) == base()
    broken = tmp_path / "broken.json"
    broken.write_text('{"themes": 3}', encoding="utf-8")
    for bad in (broken, tmp_path / "missing.json", tmp_path, tmp_path / "notes.docx"):
        with pytest.raises(DiffInputError) as error:
            load_document(bad)
        assert error.value.exit_code == 2


def test_json_output_validates_against_the_published_schema() -> None:
    import jsonschema

    from pns_extract.schema import diff_schema

    schema = diff_schema()
    assert schema is not None and schema["$id"] == "diff.schema.json"
    jsonschema.validate(json.loads(render(sample_diff(), "json")), schema)
    committed = Path(__file__).resolve().parent.parent / "schemas" / "diff.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == schema  # `make schemas` after a model change


def test_objective_reorder_is_renumbered_but_an_insertion_is_not() -> None:
    swapped = base()
    objectives = swapped.themes[0].objectives
    objectives[0], objectives[1] = objectives[1], objectives[0]
    for n, objective in enumerate(objectives[:2], start=1):
        objective.number = n
    diff = diff_documents(base(), swapped)
    assert records(diff) == [("renumbered", "objective", "1.1")]
    assert diff.changes[0].old.number != diff.changes[0].new.number
    inserted = base()
    inserted.themes[0].objectives.insert(
        0,
        Objective(
            id="z", actor="federal", group=None, number=1, title=None, text="Saisir les avoirs criminels.", page=1
        ),
    )
    for n, objective in enumerate(inserted.themes[0].objectives[:3], start=1):
        objective.number = n
    assert records(diff_documents(base(), inserted)) == [("added", "objective", "1.1")]


def test_a_source_that_is_not_a_pns_is_trouble(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Liste de courses\n\npain, lait, œufs\n", encoding="utf-8")
    with pytest.raises(DiffInputError, match="no PNS structure") as error:
        load_document(text)
    assert error.value.exit_code == 2


def _noisy(text: str, accents: bool, apostrophes: bool, spacing: bool, hyphen: bool) -> str:
    """The same text as another reading path might give it."""
    import unicodedata

    if accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if apostrophes:
        text = text.replace("'", "’").replace("l’", "I'")
    if spacing:
        text = "  ".join(text.split(" "))
    if hyphen:  # a long word split across lines: "inté-\ngrée"
        longest = max((w for w in text.split() if w.isalpha()), key=len, default="")
        if len(longest) >= 8:
            half = len(longest) // 2
            text = text.replace(longest, f"{longest[:half]}-\n{longest[half:]}", 1)
    return text


@settings(max_examples=30, deadline=None)
@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_reading_noise_never_shows_as_change(accents: bool, apostrophes: bool, spacing: bool, hyphen: bool) -> None:
    noisy = base()
    for item in noisy.themes:
        item.title = _noisy(item.title or "", accents, apostrophes, spacing, False)
        for objective in item.objectives:
            objective.text = _noisy(objective.text, accents, apostrophes, spacing, hyphen)
        for point in item.attention_points:
            point.text = _noisy(point.text, accents, apostrophes, spacing, hyphen)
        for plan in item.action_plans:
            plan.title = _noisy(plan.title, accents, apostrophes, spacing, False)
    assert diff_documents(base(), noisy).changes == []


def test_theme_description_rewording_is_a_modification() -> None:
    reworded = base()
    reworded.themes[3].description = [
        "La cybercriminalité constitue une menace majeure et durable pour l'économie, les citoyens et l'État."
    ]
    diff = diff_documents(base(), reworded)
    assert records(diff) == [("modified", "theme", "2")] and diff.changes[0].fields == ["text"]
    one_word = base()  # a single misread word in a long description is not reported
    one_word.themes[3].description = [
        "La cybercriminalité constitue une menace grandissante pour l'économie, les citoyens et l'État."
    ]
    assert diff_documents(base(), one_word).changes == []


def test_element_removed_from_a_renumbered_theme_carries_the_new_number() -> None:
    new = document([VIOLENCE.model_copy(update={"number": "1.1", "objectives": []}), WEAPONS, CYBER], GLOSSARY)
    diff = diff_documents(base(), new)
    assert records(diff) == [
        ("removed", "theme", "1.1"),
        ("renumbered", "theme", "1.1"),
        ("removed", "objective", "1.1"),
    ]
    assert diff.changes[2].old.theme == "1.2"
