"""The report: Markdown + chart SVG + self-contained HTML, rendered in a real browser."""

from __future__ import annotations

import importlib.util
import re
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest
from fixtures_dataset import sample_document

from pns_extract.model import Chapter, Document, Section
from pns_extract.report import CHART_WIDTH, MARGIN, TOTAL_ROOM, build_report, objectives_svg
from pns_extract.views import outline, plan_matrix, report_view

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
    # Themes sit in the chapter whose pages hold them, after its sections; sub-themes one level deeper,
    # each linking to its row of the objectives table.
    assert (
        "- **2\\. Thèmes de sécurité** (p. 9)\n  - 1\\. Approche (p. 9)\n"
        "  - [1 Criminalité organisée](#theme_1) (p. 10)"
    ) in md
    assert (
        "\n  - [2 Violence](#theme_2) (p. 14)\n    - [2.1 Violence intrafamiliale \\| sexuelle](#theme_2.1) (p. 15)"
        in md
    )
    assert "1 point d'attention" in md and "1 points" not in md
    assert "![Objectifs stratégiques par thème et par acteur](sample.objectives.svg)" in md
    assert '| <a id="theme_1"></a>1 Criminalité organisée | 2 | 1 | 0 | 3 | 10 |' in md
    assert "| Plan d'action | 1 | 2.1 |" in md
    assert "| Plan Grandes Villes | ● | ● |" in md
    assert "| Plan d'action national &lt;violence&gt; |  | ● |" in md


def test_outline_nests_by_page_and_line_not_by_page_alone() -> None:
    """A chapter that starts on the page where the last themes end holds only what follows its
    heading: the themes printed above it stay in the previous chapter."""
    doc = sample_document()
    doc.chapters[1].line = 100
    doc.themes[1].page = doc.themes[2].page = 30  # themes 2 and 2.1 on the page where chapter 3 starts
    doc.themes[1].line, doc.themes[2].line = 900, 910
    doc.chapters.append(Chapter(id="chapter_3", number=3, title=None, page=30, line=950))
    doc.chapters[2].sections.append(
        Section(id="chapter_3__section_1", number="1", title="Ressources", page=30, line=960)
    )
    tree = outline(doc)
    assert [(node.id, [child.id for child in node.children]) for node in tree] == [
        ("chapter_1", []),
        ("chapter_2", ["chapter_2__section_1", "theme_1", "theme_2"]),
        ("chapter_3", ["chapter_3__section_1"]),
    ]
    assert [child.id for child in tree[1].children[2].children] == ["theme_2.1"]
    # A theme printed after the chapter heading on that page belongs to the new chapter.
    doc.themes[1].line = doc.themes[2].line = 955
    assert [child.id for child in outline(doc)[2].children] == ["theme_2", "chapter_3__section_1"]


def test_outline_names_untitled_chapters_and_works_without_chapters() -> None:
    doc = sample_document()
    doc.chapters[0].title = None
    assert outline(doc)[0].label == "Chapitre 1"
    doc.chapters = []
    nodes = outline(doc)
    assert [(node.kind, node.label, [child.label for child in node.children]) for node in nodes] == [
        ("theme", "1 Criminalité organisée", []),
        ("theme", "2 Violence", ["2.1 Violence intrafamiliale | sexuelle"]),
    ]


def test_matrix_merges_citations_of_one_canonical_plan() -> None:
    matrix = plan_matrix(sample_document())
    assert [(row.key, sorted(row.themes)) for row in matrix.rows] == [
        ("plan_plan-grandes-villes", ["theme_1", "theme_2.1"]),
        ("ref_plan-d-action-national-violence", ["theme_2.1"]),
    ]
    assert [theme.id for theme in matrix.themes] == ["theme_1", "theme_2.1"]


def test_chart_bars_are_proportional_and_stacked_by_actor() -> None:
    svg = objectives_svg(report_view(sample_document()))
    bars = re.findall(r'<rect x="([\d.]+)" y="(\d+)" width="([\d.]+)"[^>]*class="bar bar-(\w+)"', svg)
    # theme 1: 2 federal + 1 local (the longest bar, the full bar room); theme 2.1: 1 local + 1 other.
    room = CHART_WIDTH - 2 * MARGIN - TOTAL_ROOM
    assert [(actor, float(w)) for _, _, w, actor in bars] == [
        ("federal", round(room * 2 / 3, 1)),
        ("local", round(room / 3, 1)),
        ("local", round(room / 3, 1)),
        ("other", round(room / 3, 1)),
    ]
    assert float(bars[1][0]) == pytest.approx(float(bars[0][0]) + float(bars[0][2]), abs=0.1)
    assert 'viewBox="0 0 480 ' in svg


def test_html_is_self_contained_escaped_linked_and_deterministic() -> None:
    doc = sample_document()
    first = build_report("sample", doc)
    assert first == build_report("sample", doc.model_copy(deep=True))
    page = first.html
    assert page.startswith("<!DOCTYPE html>") and '<meta name="viewport"' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="objectives-chart"' in page
    assert '<table id="plan-matrix">' in page
    without_namespace = page.replace("http://www.w3.org/2000/svg", "")
    assert not re.search(r"https?://|<script|<link|\bsrc=|@import|url\(", without_namespace)
    assert "&lt;violence&gt;" in page and "<violence>" not in page
    assert first.svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    # Every link of the outline and of the matrix lands on an element of the page.
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets == {"theme_1", "theme_2", "theme_2.1"}
    assert all(f'id="{target}"' in page for target in targets)


def test_titles_cannot_inject_links_or_markup() -> None:
    doc = sample_document()
    doc.themes[0].title = "[d](javascript:alert(1))"
    doc.document.title = "<script>alert(1)</script> *gras*"
    doc.action_plan_index[0].title = "![img](http://x/y.png) | `code`"
    report = build_report("sample", doc)
    assert "](javascript:" not in report.markdown.replace("\\](javascript:", "")
    assert "[1 \\[d\\](javascript:alert(1))](#theme_1)" in report.markdown
    assert "# &lt;script&gt;alert(1)&lt;/script&gt; \\*gras\\*" in report.markdown
    assert "| !\\[img\\](http://x/y.png) \\| \\`code\\` |" in report.markdown
    assert "<script>" not in report.html and "&lt;script&gt;alert(1)&lt;/script&gt;" in report.html
    assert "<script>" not in report.svg


def test_an_empty_document_still_renders() -> None:
    doc = sample_document()
    empty = Document(tool_version=doc.tool_version, source=doc.source, document=doc.document, coverage=doc.coverage)
    report = build_report("empty", empty)
    assert "Aucun plan d'action cité." in report.markdown
    assert "Aucun thème." in report.svg


@pytest.fixture(scope="module")
def chromium() -> str:
    browser = _report_check().find_chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (`make report-check` installs it)")
    return browser


def test_report_renders_in_headless_chromium_on_a_desktop_and_a_phone(chromium: str, tmp_path: Path) -> None:
    check = _report_check()
    page = tmp_path / "sample.html"
    page.write_text(build_report("sample", sample_document()).html, encoding="utf-8")
    assert check.check_page(page, chromium, keep=tmp_path / "shots") == []
    with tempfile.TemporaryDirectory() as profile:
        devtools = check.DevTools(chromium, Path(profile))
        try:
            phone = check.measure(devtools, page, 400)
        finally:
            devtools.close()
    assert phone.window_width == 400 and phone.page_width <= 400
    assert phone.bars == phone.bars_shown == 4 and phone.hits == 3
    assert (tmp_path / "shots" / "sample-400.png").stat().st_size > 5_000


def test_report_check_notices_a_page_that_is_missing_figures_or_too_wide(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body><p>nothing</p></body></html>", encoding="utf-8")
    problems = _report_check().check_page(page, chromium)
    assert any("chart is missing" in p for p in problems)
    assert any("matrix is missing" in p for p in problems)
    assert any("at 400 px: the page lays out 980 px wide" in p for p in problems)  # no viewport meta
    wide = tmp_path / "wide.html"
    wide.write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">'
        '</head><body><svg width="860" height="40"><rect width="860" height="40" fill="#1f4e9a"/></svg>'
        "</body></html>",
        encoding="utf-8",
    )
    problems = _report_check().check_page(wide, chromium, figures=False)
    assert problems and all("at 400 px" in p for p in problems), problems
