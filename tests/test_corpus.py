"""The whole corpus text: counts verified by reading the plan, and no line lost."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import CORPUS_TEXT

from pns_extract.ingest import load_source
from pns_extract.model import Document
from pns_extract.parse import parse_document

# theme -> (federal, local, other objectives, attention points, action plans), read off the plan
EXPECTED = {
    "1": (6, 3, 0, 3, 8),
    "1.1": (4, 1, 0, 6, 14),
    "1.2": (4, 1, 0, 3, 5),
    "1.3": (6, 1, 0, 5, 9),
    "1.4": (5, 1, 0, 1, 9),
    "1.5": (4, 1, 0, 0, 0),
    "1.6": (2, 0, 0, 2, 2),
    "1.7": (2, 1, 0, 3, 2),
    "2": (5, 1, 0, 6, 5),
    "3": (5, 1, 0, 3, 4),
    "4": (5, 0, 0, 1, 3),
    "5": (5, 2, 0, 0, 5),
    "6": (0, 0, 0, 0, 0),
    "6.1": (3, 2, 0, 0, 10),
    "6.2": (2, 2, 0, 0, 6),
    "7": (0, 0, 8, 4, 12),
    "8": (0, 0, 0, 0, 0),
    **{f"8.{n}": (0, 0, 0, 0, 0) for n in range(1, 12)},
}
EXPECTED["8.4"] = (0, 0, 0, 6, 0)
FOOTNOTES = {"1.3": [1], "1.7": [2], "2": [3, 4], "4": [5, 6], "6.1": [7], "6.2": [8, 9]}


@pytest.fixture(scope="module")
def document() -> Document:
    return parse_document(load_source(CORPUS_TEXT))


def test_themes_in_order_with_parents(document):
    assert [t.number for t in document.themes] == list(EXPECTED)
    assert all(t.parent == (t.number.rsplit(".", 1)[0] if "." in t.number else None) for t in document.themes)
    assert document.themes[0].title == "Criminalité organisée"
    assert document.themes[-1].title == "Intelligence Led Policing (ILP)"


def test_counts_per_theme(document):
    found = {}
    for theme in document.themes:
        actors = Counter(o.actor for o in theme.objectives)
        found[theme.number] = (
            actors["federal"],
            actors["local"],
            actors["other"],
            len(theme.attention_points),
            len(theme.action_plans),
        )
    assert found == EXPECTED


def test_objective_numbers_run_1_to_n_per_group(document):
    for theme in document.themes:
        by_group: dict[tuple, list[int]] = {}
        for objective in theme.objectives:
            by_group.setdefault((objective.actor, objective.group), []).append(objective.number)
        for numbers in by_group.values():
            assert numbers == list(range(1, len(numbers) + 1))
    ids = [o.id for t in document.themes for o in t.objectives]
    assert len(ids) == len(set(ids))


def test_footnotes_glossary_chapters_and_metadata(document):
    assert {t.number: [f.number for f in t.footnotes] for t in document.themes if t.footnotes} == FOOTNOTES
    assert len(document.glossary) == 84
    assert (document.glossary[0].acronym, document.glossary[-1].acronym) == ("AlG", "ZP")
    assert [(c.number, c.title) for c in document.chapters] == [(1, None), (2, None), (3, None), (4, None)]
    assert [s.title for s in document.chapters[3].sections] == ["Suivi", "Evaluation"]
    assert document.document.title == "Plan national de sécurité 2026-2029"
    assert (document.document.period.start, document.document.period.end) == (2026, 2029)
    assert [s.name for s in document.document.signatories] == ["Bernard QUINTIN", "Annelies VERLINDEN"]
    strategic = [p for t in document.themes for p in t.attention_points if p.section == "strategic"]
    assert len(strategic) == 6


def test_no_line_is_lost(document, corpus_text):
    """Every non-empty input line is in an element or in residue: by the parser's own
    accounting, and by finding each line's words in the output."""
    assert document.coverage.lines == document.coverage.placed + document.coverage.residue
    assert document.coverage.lines == sum(1 for line in corpus_text.splitlines() if line.strip())
    dumped = re.sub(r"\s+", " ", json.dumps(document.model_dump(mode="json"), ensure_ascii=False))
    missing = []
    for line in corpus_text.splitlines():
        text = re.sub(r"\s+", " ", line.strip())
        if re.fullmatch(r"\d{1,2}\.", text):  # a lone list number becomes the item's number
            continue
        if text and json.dumps(text, ensure_ascii=False)[1:-1] not in dumped:
            # markers are structure, a label's colon is a field boundary: compare the words
            words = [word.strip(":") for word in re.sub(r"^([e¢*=•o»–-]|\d{1,2}\.) ", "", text).split()]
            if not all(json.dumps(word, ensure_ascii=False)[1:-1] in dumped for word in words if word):
                missing.append(text)
    assert missing == []


def test_residue_is_furniture_and_noise_only(document):
    assert {r.kind for r in document.residue} <= {"furniture", "noise"}
    assert [r.text for r in document.residue if r.kind == "furniture"] == [
        "Plan national de sécurité 2026-2029 - 10",
        "Plan national de sécurité 2026-2029 - 41",
    ]
