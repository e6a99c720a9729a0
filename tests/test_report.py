"""The report: Markdown + chart SVG + self-contained HTML, rendered in a real browser."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from fixtures_dataset import sample_document

from pns_extract.model import Document
from pns_extract.report import build_report, objectives_svg, outline, plan_matrix

ROOT = Path(__file__).resolve().parent.parent


def _report_check() -> ModuleType:
    if "report_check" in sys.modules:
        return sys.modules["report_check"]
    spec = importlib.util.spec_from_file_location("report_check", ROOT / "scripts" / "report_check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["report_check"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_markdown_has_outline_chart_table_and_matrix() -> None:
    md = build_report("sample", sample_document()).markdown
    assert md.startswith("# Plan national de sécurité 2026-2029\n")
    # Themes sit in the chapter whose pages hold them, after its sections; sub-themes one level deeper.
    assert "- **2. Thèmes de sécurité** (p. 9)\n  - 1. Approche (p. 9)\n  - 1 Criminalité organisée (p. 10)" in md
    assert "\n  - 2 Violence (p. 14)\n    - 2.1 Violence intrafamiliale \\| sexuelle (p. 15) — 2 objectifs" in md
    assert "1 point d'attention" in md and "1 points" not in md
    assert "![Objectifs stratégiques par thème et par acteur](sample.objectives.svg)" in md
    assert "| 1 Criminalité organisée | 2 | 1 | 0 | 3 |" in md
    assert "| Plan d'action | 1 | 2.1 |" in md
    assert "| Plan Grandes Villes | ● | ● |" in md
    assert "| Plan d'action national &lt;violence&gt; |  | ● |" in md


def test_outline_names_untitled_chapters_and_works_without_chapters() -> None:
    doc = sample_document()
    doc.chapters[0].title = None
    assert outline(doc)[0].label == "Chapitre 1"
    doc.chapters = []
    items = outline(doc)
    assert [(item.kind, item.depth, item.label) for item in items] == [
        ("theme", 0, "1 Criminalité organisée"),
        ("theme", 0, "2 Violence"),
        ("theme", 1, "2.1 Violence intrafamiliale | sexuelle"),
    ]


def test_matrix_merges_citations_of_one_canonical_plan() -> None:
    rows = plan_matrix(sample_document())
    assert [(row.key, sorted(row.themes)) for row in rows] == [
        ("plan_plan-grandes-villes", ["theme_1", "theme_2.1"]),
        ("ref_plan-d-action-national-violence", ["theme_2.1"]),
    ]


def test_chart_bars_are_proportional_and_stacked_by_actor() -> None:
    svg = objectives_svg(sample_document())
    bars = re.findall(r'<rect x="([\d.]+)" y="(\d+)" width="([\d.]+)"[^>]*class="bar bar-(\w+)"', svg)
    # theme 1: 2 federal + 1 local (the longest bar, full width); theme 2.1: 1 local + 1 other.
    assert [(actor, float(w)) for _, _, w, actor in bars] == [
        ("federal", 293.3),
        ("local", 146.7),
        ("local", 146.7),
        ("other", 146.7),
    ]
    assert float(bars[1][0]) == pytest.approx(float(bars[0][0]) + float(bars[0][2]), abs=0.1)


def test_html_is_self_contained_escaped_and_deterministic() -> None:
    doc = sample_document()
    first = build_report("sample", doc)
    assert first == build_report("sample", doc.model_copy(deep=True))
    page = first.html
    assert page.startswith("<!DOCTYPE html>")
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="objectives-chart"' in page
    assert '<table id="plan-matrix">' in page
    without_namespace = page.replace("http://www.w3.org/2000/svg", "")
    assert not re.search(r"https?://|<script|<link|\bsrc=|@import|url\(", without_namespace)
    assert "&lt;violence&gt;" in page and "<violence>" not in page
    assert first.svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')


def test_an_empty_document_still_renders() -> None:
    doc = sample_document()
    empty = Document(
        tool_version=doc.tool_version, source=doc.source, document=doc.document, coverage=doc.coverage
    )
    report = build_report("empty", empty)
    assert "Aucun plan d'action cité." in report.markdown
    assert "Aucun thème." in report.svg


@pytest.fixture(scope="module")
def chromium() -> str:
    browser = _report_check().find_chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (`make report-check` installs it)")
    return browser


def test_report_renders_in_headless_chromium(chromium: str, tmp_path: Path) -> None:
    check = _report_check()
    page = tmp_path / "sample.html"
    page.write_text(build_report("sample", sample_document()).html, encoding="utf-8")
    assert check.check_page(page, chromium, keep=tmp_path / "shots") == []
    layout = check.measure(chromium, page, tmp_path)
    assert layout.bars == 4 and layout.hits == 3
    assert (tmp_path / "shots" / "sample.png").stat().st_size > 10_000


def test_report_check_notices_a_page_without_chart_or_matrix(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body><p>nothing</p></body></html>", encoding="utf-8")
    problems = _report_check().check_page(page, chromium)
    assert any("chart is missing" in p for p in problems)
    assert any("matrix is missing" in p for p in problems)
