"""A glossary with a few odd lines inside stays whole; a glossary that loses entries says so."""

from __future__ import annotations

import pytest
from conftest import parse_text

from pns_extract.parse.furniture import GLOSSARY_GAP, glossary_line

ENTRIES = [
    "ANPR Automatic Number Plate Recognition",
    "BCE Banque-Carrefour des Entreprises",
    "CCB Centre pour la Cybersécurité Belgique",
    "DJSOC Direction de la lutte contre la criminalité grave et organisée",
    "EMPACT European Multidisciplinary Platform Against Criminal Threats",
    "FEDPOL Police Fédérale",
    "GPI Police Intégrée",
    "IGPN Inspection générale de la Police Fédérale et de la Police Locale",
    "NCSI Note-cadre de sécurité intégrale",
    "OCAM Organe de coordination pour l'analyse de la menace",
    "PNS Plan national de sécurité",
    "ZP Zone de police",
]
ODD = [
    "Note manuscrite : à revoir avec le service",
    "Page 47",
    "Voir aussi la circulaire.",
    "Annexe au chapitre",
    "Suite du tableau",
    "Remarque : en attente",
    "Relu le 3 mars",
]


def document_with(odd_lines: int):
    lines = [
        " 4. Suivi et évaluation",
        "",
        "Le Conseil fédéral de police est responsable de l'évaluation globale.",
        "",
        *ENTRIES[:5],
        *ODD[:odd_lines],
        *ENTRIES[5:],
    ]
    return parse_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("odd_lines", [0, 3, 4, GLOSSARY_GAP])
def test_odd_lines_inside_the_glossary_go_to_residue(odd_lines):
    document = document_with(odd_lines)
    assert [entry.acronym for entry in document.glossary] == [entry.split()[0] for entry in ENTRIES]
    residue = [item.text for item in document.residue]
    assert all(line in residue for line in ODD[:odd_lines])
    notices = [w for w in document.warnings if w.kind == "glossary" and "not entries" in w.message]
    assert len(notices) == (1 if odd_lines >= 3 else 0)
    assert document.coverage.lines == document.coverage.placed + document.coverage.residue


def test_a_glossary_cut_in_two_says_so():
    """Past the tolerated gap the first entries stay in the text: a warning names them."""
    document = document_with(GLOSSARY_GAP + 1)
    assert len(document.glossary) == len(ENTRIES) - 5
    assert any(
        w.kind == "glossary" and "5 line(s) shaped like glossary entries" in w.message for w in document.warnings
    )


def test_the_corpus_glossary_with_four_odd_lines(corpus_text):
    """The issue's case on the plan: four odd lines after the 26th entry kept 26 entries out."""
    lines = corpus_text.split("\n")
    entries = [i for i, line in enumerate(lines) if glossary_line(line)]
    at = entries[-58]  # 26 entries of the 84 before the odd lines
    changed = "\n".join(lines[:at] + ODD[:4] + lines[at:])
    expected = parse_text(corpus_text)
    document = parse_text(changed)
    assert [(e.acronym, e.expansion) for e in document.glossary] == [
        (e.acronym, e.expansion) for e in expected.glossary
    ]
    assert any(w.kind == "glossary" and "4 line(s) inside the glossary" in w.message for w in document.warnings)


def test_a_glossary_whose_last_acronyms_a_scan_lost_is_still_found():
    """A scan lost the acronyms of the last entries: their expansions end the document alone. The
    glossary is still found; the orphan expansions are residue, with a warning; a paragraph after
    the entries would not be."""
    orphans = [entry.split(" ", 1)[1] for entry in ENTRIES[8:]]
    lines = [" 4. Suivi et évaluation", "", "Le Conseil fédéral de police est responsable.", "", *ENTRIES[:8], *orphans]
    document = parse_text("\n".join(lines) + "\n")
    assert [entry.acronym for entry in document.glossary] == [entry.split()[0] for entry in ENTRIES[:8]]
    assert all(text in [item.text for item in document.residue] for text in orphans)
    assert any(w.kind == "glossary" and "4 line(s) inside the glossary" in w.message for w in document.warnings)
    paragraph = ["Le suivi est assuré chaque année par le Conseil fédéral de police.", "Il fait rapport au ministre."]
    document = parse_text("\n".join([*lines[:4], *ENTRIES[:8], *paragraph, *paragraph]) + "\n")
    assert document.glossary == []
