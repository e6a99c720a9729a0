"""Property tests: the text parser never crashes on arbitrary text and always yields a
document that validates, with every line accounted for."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pns_extract.ingest.text import source_from_text
from pns_extract.model import Document
from pns_extract.parse import parse_document

# Lines built from the plan's own vocabulary of traps, mixed with arbitrary text.
TRAPS = [
    "1. Criminalité organisée",
    "1.2Violence liée a la drogue",
    "» Objectifs stratégiques",
    "Pour la Police Fédérale :",
    "Pour la Police Locale :",
    "Violence sexuelle :",
    ")) Points d’attention transversaux",
    "Plans d’action et cadres politiques pertinents",
    "e Mineurs : empêcher le recrutement ;",
    "o la poursuite du développement.",
    "4.",
    "»",
    "|II",
    "Plan national de sécurité 2026-2029 - 10",
    "7 La fraude aux cotisations sociales.",
    "Chapitre 3",
    "Préambule",
    "Bernard QUINTIN Annelies VERLINDEN",
    "AIG Inspection générale",
    "la suite d'une phrase coupée",
    "",
    " Nouvelle page",
    "\f",
]
line = st.one_of(st.sampled_from(TRAPS), st.text(max_size=60))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=60))
def test_parser_never_crashes_and_accounts_for_every_line(lines):
    text = "\n".join(lines)
    document = parse_document(source_from_text(text))
    again = Document.model_validate(document.model_dump(mode="json"))
    assert again == document
    assert document.coverage.lines == document.coverage.placed + document.coverage.residue


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_parser_on_any_unicode(text):
    document = parse_document(source_from_text(text))
    assert document.coverage.lines == document.coverage.placed + document.coverage.residue


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=40))
def test_repair_then_parse_never_crashes_and_validates(lines):
    from pns_extract.repair import repair_source

    source = source_from_text("\n".join(lines))
    repaired = repair_source(source, nlp=False).source
    assert [line.number for line in repaired.lines()] == [line.number for line in source.lines()]
    document = parse_document(repaired)
    Document.model_validate(document.model_dump(mode="json"))
    assert document.coverage.lines == document.coverage.placed + document.coverage.residue
