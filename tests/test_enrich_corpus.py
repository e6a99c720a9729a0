"""Enrichment of the whole corpus plan: facts checked by reading the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_text

from pns_extract.enrich import enrich, load_model
from pns_extract.enrich.merge_measure import read_pairs, score
from pns_extract.enrich.title_grammar import is_sentence
from pns_extract.textnorm import fold_aligned

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def enriched(corpus_text):
    return enrich(parse_text(corpus_text), nlp=load_model())


def entry(document, title_start: str):
    start = fold_aligned(title_start).lower()
    return next(e for e in document.action_plan_index if fold_aligned(e.title).lower().startswith(start))


def theme(document, number):
    return next(t for t in document.themes if t.number == number)


def test_pgsp_is_cited_by_exactly_the_themes_that_list_it(enriched):
    printed = "Plan Global de Sécurité et de Prévention (PGSP)"  # in these nine lists (lines 455-1510)
    pgsp = next(e for e in enriched.action_plan_index if printed in e.variants)
    assert pgsp.cited_by == ["1.1", "1.2", "1.3", "2", "3", "5", "6.1", "6.2", "7"]
    assert pgsp.variants == [printed]


def test_the_brussels_region_plan_is_its_own_entry(enriched):
    brussels = entry(enriched, "Plan global de sécurité et de prévention de la Région de Bruxelles")
    assert brussels.cited_by == ["1.4"]  # line 710, in the firearms theme's list
    assert brussels.qualifier is None
    refs = [r for r in theme(enriched, "1.4").action_plans if r.title.startswith("Plan global")]
    assert [r.index_id for r in refs] == [brussels.id]


def test_no_index_title_is_a_sentence(enriched):
    assert all(not is_sentence(fold_aligned(e.title)) and " : " not in e.title for e in enriched.action_plan_index)
    assert all(not is_sentence(fold_aligned(v)) for e in enriched.action_plan_index for v in e.variants)


def test_ncsi_is_one_framework_whatever_the_spelling(enriched):
    ncsi = entry(enriched, "Note-cadre de sécurité intégrale")
    assert ncsi.cited_by == ["1", "1.1", "1.3", "1.6", "1.7", "2", "3", "4", "5", "6.1", "6.2", "7"]
    assert "NCSI — Sécurité numérique" in ncsi.variants
    assert sum("NCSI" in e.title or "Note-cadre" in e.title for e in enriched.action_plan_index) == 1


def test_plan_grandes_villes_merges_case_variants(enriched):
    plan = entry(enriched, "Plan Grandes villes")
    assert plan.cited_by == ["1", "1.1", "1.2", "1.4"]
    assert {"Plan Grandes villes", "Plan Grandes Villes"} <= set(plan.variants)


def test_every_reference_is_indexed_and_the_repeated_one_flagged(enriched):
    ids = {e.id for e in enriched.action_plan_index}
    refs = [r for t in enriched.themes for r in t.action_plans]
    assert refs and all(r.index_id in ids for r in refs)
    duplicates = [(t.number, r.title) for t in enriched.themes for r in t.action_plans if r.duplicate]
    assert [number for number, _ in duplicates] == ["6.1"]
    assert "fraude fiscale et sociale" in duplicates[0][1]


def test_ncsi_dimensions_of_the_themes(enriched):
    ties = {t.number: [tie.dimension for tie in t.ncsi_dimensions] for t in enriched.themes}
    for number in ("1.1", "1.3", "1.6", "1.7", "3", "4"):
        assert ties[number] == ["espace_public"], number
    assert ties["2"] == ["numerique"]
    assert ties["5"] == ["societale"]
    assert ties["6.1"] == ties["6.2"] == ["economique"]
    assert ties["7"] == ["personne"]
    assert all(tie.evidence for t in enriched.themes for tie in t.ncsi_dimensions)


def test_legal_references_named_in_the_plan(enriched):
    found = {(r.kind, fold_aligned(r.text).lower()) for r in enriched.legal_references}
    expected = {
        ("law", "loi du 15 decembre 1980"),
        ("law", "loi du 28 mai 1956"),
        ("royal_decree", "ar du 29-10-2015"),
        ("article", "article 23 du code frontieres schengen"),
        ("article", "article 95 de la lpi"),
        ("article", "article 77bis de la loi du 15 decembre 1980"),
        ("circular", "col 03/2006"),
        ("circular", "gpi 100"),
        ("circular", "gpi 62"),
        ("circular", "plp41"),
        ("circular", "circulaire interministerielle du 10 juillet 2025"),
        ("eu_act", "directive 2021/555"),
    }
    assert expected <= found
    by_text = {fold_aligned(r.text).lower(): r for r in enriched.legal_references}
    assert by_text["loi du 15 decembre 1980"].theme == "1.3"  # from the footnote
    assert by_text["circulaire interministerielle du 10 juillet 2025"].theme is None  # preamble


def test_partners_per_theme(enriched):
    def names(number):
        return {e.text for e in theme(enriched, number).entities}

    assert {"Europol", "Eurojust", "Frontex", "douane", "CNDC"} <= names("1.1")
    assert {"Europol", "Eurojust", "Frontex", "INTERPOL"} <= names("1.3")
    assert {"CCB", "VSSE"} <= names("2")
    assert "MOTEM" in names("6.1")
    assert "parquet fédéral" in names("1.7")
    # EUROPOL, Europol: one name
    europol = next(e for e in theme(enriched, "1.3").entities if e.text == "Europol")
    assert europol.count == 1 and europol.label == "ORG"


def test_figures_of_chapter_3(enriched):
    values = {(f.kind, f.value.replace("’", "'")) for f in enriched.figures}
    assert {
        ("amount", "2,84 milliards d'euros"),
        ("percentage", "47,97 %"),
        ("ratio", "85/15"),
        ("staff", "13879 membres du personnel"),
        ("staff", "271 personnes"),
    } <= values
    ratio = next(f for f in enriched.figures if f.kind == "ratio")
    assert "crédits de personnel" in ratio.sentence


def test_glossary_mentions_and_undefined_acronyms(enriched):
    mentions = {g.acronym: {m.theme for m in g.mentions} for g in enriched.glossary}
    assert {"1", "1.1", "6.1", "8.4"} <= mentions["CIEAR"]
    assert "7" in mentions["CPVS"]
    undefined = {u.acronym: {m.theme for m in u.mentions} for u in enriched.undefined_acronyms}
    assert {"1.1", "2", "7"} <= undefined["PGSP"]


def test_empact_is_one_programme_with_its_priorities_as_parts(enriched):
    empact = entry(enriched, "EMPACT")
    assert empact.id == "plan_empact" and empact.title == "EMPACT"
    assert empact.cited_by == ["1", "1.1", "1.2", "1.3", "1.4", "7"]
    assert "EMPACT Firearms" in empact.variants
    parts = {fold_aligned(p.title): p.cited_by for p in empact.parts}
    assert parts == {
        "CO": ["1"], "drogues de synthese": ["1"], "armes a feu": ["1"],  # "Programme européen EMPACT (CO, ...)"
        "CCH": ["1.1", "1.2"], "SYD/NPS": ["1.1", "1.2"],  # "EMPACT CCH et SYD/NPS (2026-2027)"
        "THB": ["1.3"], "Migrant Smuggling": ["1.3"],  # "Priorités EMPACT THB et Migrant Smuggling"
        "Firearms": ["1.4"],
    }  # fmt: skip
    # theme 7's "EMPACT : la Police Fédérale fournit une contribution active ..." is a sentence
    assert [m.theme for m in empact.mentions] == ["7"]
    assert all("fournit" not in v for v in empact.variants)
    (ref,) = [r for r in theme(enriched, "7").action_plans if r.title.startswith("EMPACT")]
    assert ref.sentence and ref.index_id == empact.id and ref.qualifier is None
    firearms = next(r for r in theme(enriched, "1.4").action_plans if r.title == "EMPACT Firearms")
    assert firearms.parts == ["plan_empact__firearms"]


def test_glossary_acronyms_are_found_by_the_body_form(enriched):
    by_acronym = {g.acronym: g for g in enriched.glossary}
    motem = by_acronym["MOTEM"]  # printed "MOTTEM" (line 1913); the body writes MOTEM five times
    assert motem.printed_acronym == "MOTTEM"
    assert {"6.1", "6.2", "chapter_3"} <= {m.theme for m in motem.mentions}
    assert by_acronym["DGJ"].mentions and by_acronym["DGJ"].printed_acronym is None  # printed right here
    assert "MOTTEM" not in by_acronym
    notices = [w for w in enriched.warnings if w.kind == "enrichment"]
    assert any("MOTTEM" in n.message and n.page == motem.page for n in notices)


def test_a_lost_acronym_the_body_never_gives_is_kept_and_warned(enriched):
    # "A Plan zonal de sécurité" (line 1937): the body writes "plans zonaux de sécurité", never with an acronym
    zonal = next(g for g in enriched.glossary if g.expansion == "Plan zonal de sécurité")
    assert zonal.acronym == "A" and zonal.printed_acronym is None
    assert any(w.kind == "enrichment" and "Plan zonal" in w.message for w in enriched.warnings)


def test_merges_on_the_near_miss_pairs(enriched):
    pairs = read_pairs(DATA / "xref_pairs.tsv")
    assert len(pairs) >= 60 and sum(p.merge for p in pairs) >= 20
    result = score(pairs, enriched)
    assert result.precision == 1.0, result.wrong
    assert result.recall >= 0.95, result.wrong
