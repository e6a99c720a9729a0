"""End-to-end diff of whole editions: the fictitious earlier edition derived by
``tests/make_edition.py`` against the 2026-2029 corpus, and the corpus against itself
and against its typeset PDF."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from make_edition import EXPECTED, write_edition

from pns_extract.changes import diff_documents, load_document, render
from pns_extract.changes.model import DocumentDiff
from pns_extract.model import Document

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TEXT = ROOT / "corpus" / "pns-2026-2029.ocr.txt"
CORPUS_PDF = ROOT / "corpus" / "pns-2026-2029.pdf"


@pytest.fixture(scope="module")
def new() -> Document:
    return load_document(CORPUS_TEXT)


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_edition(tmp_path_factory.mktemp("edition"))


@pytest.fixture(scope="module")
def old(edition: Path) -> Document:
    return load_document(edition)


@pytest.fixture(scope="module")
def diff(old: Document, new: Document) -> DocumentDiff:
    return diff_documents(old, new)


def test_make_edition_is_deterministic(edition: Path, tmp_path: Path) -> None:
    again = write_edition(tmp_path)
    assert again.read_bytes() == edition.read_bytes()
    expected = json.loads((edition.parent / "expected-changes.json").read_text(encoding="utf-8"))
    assert [(e["kind"], e["element"], e["theme"]) for e in expected] == EXPECTED


def test_fixture_edition_changes_are_reported_exactly(diff: DocumentDiff) -> None:
    assert [(c.kind, c.element, c.theme) for c in diff.changes] == EXPECTED


def test_renumbering_is_never_a_removal_plus_an_addition(diff: DocumentDiff) -> None:
    renumbered = {(c.old.number, c.new.number) for c in diff.changes if c.kind == "renumbered"}
    assert renumbered == {("1.5", "1.6"), ("1.6", "1.7"), ("6", "5"), ("5", "6")}
    titles = Counter(
        (c.old or c.new).title for c in diff.changes if c.element == "theme" and c.kind in {"added", "removed"}
    )
    assert all(count == 1 for count in titles.values())
    fraud = next(c for c in diff.changes if c.kind == "renumbered" and c.new.number == "6")
    assert [(r.old, r.new) for r in fraud.also_renumbered] == [("5.1", "6.1"), ("5.2", "6.2")]


def test_fixture_details(diff: DocumentDiff) -> None:
    by_key = {(c.kind, c.element, c.theme): c for c in diff.changes}
    renamed = by_key[("modified", "theme", "1.4")]
    assert renamed.fields == ["title"] and renamed.old.title.endswith("d’explosifs")
    objective = by_key[("modified", "objective", "5")]
    assert objective.fields == ["title", "text"] and objective.new.actor == "federal"
    removed = by_key[("removed", "theme", "5.3")]
    assert removed.old.title == "Fraude aux subventions" and removed.note.startswith("with 3 objectives")
    assert "Maas-Kempenplan" in diff.summary.plans_newly_cited
    assert any("vol de métaux" in plan for plan in diff.summary.plans_no_longer_cited)
    assert diff.summary.by_kind.renumbered == 4 and diff.summary.total == len(EXPECTED)


def test_reverse_diff_mirrors_the_changes(old: Document, new: Document) -> None:
    mirror = {"added": "removed", "removed": "added"}
    forward = Counter((mirror.get(k, k), e) for k, e, _ in EXPECTED)
    backward = Counter((c.kind, c.element) for c in diff_documents(new, old).changes)
    assert backward == forward


def test_corpus_against_itself_is_identical(new: Document) -> None:
    same = diff_documents(new, new.model_copy(deep=True))
    assert same.changes == [] and same.summary.identical
    assert "Aucune modification" in render(same, "markdown")


def test_outputs_of_a_real_diff(diff: DocumentDiff) -> None:
    data = json.loads(render(diff, "json"))
    assert len(data["changes"]) == len(EXPECTED)
    page = render(diff, "html")
    assert "<del>et d’explosifs</del>" in page  # the renamed theme, word-level
    markdown = render(diff, "markdown")
    assert "## Renumérotations (4)" in markdown and "5.1 → 6.1" in markdown


def test_typeset_pdf_reads_as_the_same_edition(new: Document) -> None:
    pdf = load_document(CORPUS_PDF)
    result = diff_documents(new, pdf)
    structural = [(c.kind, c.element, c.theme) for c in result.changes if c.kind != "modified"]
    assert structural == []
    # what remains are OCR misreadings the text path could not repair; keep them few
    assert result.summary.by_kind.modified <= 10, [(c.element, c.theme, c.fields) for c in result.changes]
