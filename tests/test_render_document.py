"""The whole plan as Markdown and HTML (render_document): every part, with its page, escaped."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from fixtures_dataset import sample_document

from pns_extract.model import Document, Footnote
from pns_extract.render_document import render_html, render_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_markdown_has_every_part_with_its_page() -> None:
    doc = sample_document()
    doc.themes[0].footnotes = [Footnote(number=1, text="Voir la loi.", page=11)]
    md = render_markdown(doc)
    assert md.startswith("# Plan national de sécurité 2026-2029\n")
    assert "## Sommaire" in md and "  - [1 Criminalité organisée](#theme_1) *(p. 10)*" in md
    assert '## <a id="chapter_2"></a>2\\. Thèmes de sécurité *(p. 9)*' in md
    assert '### <a id="theme_1"></a>1 Criminalité organisée *(p. 10)*' in md
    assert '#### <a id="theme_2.1"></a>2.1 Violence intrafamiliale \\| sexuelle *(p. 15)*' in md  # one level deeper
    # objectives numbered within their group, under the group's name, with title, items and page
    federal = md.index("##### Pour la Police Fédérale")
    local = md.index("##### Pour la Police Locale")
    assert federal < md.index("1. Réaliser une image stratégique") < md.index("2. Renforcer") < local
    assert "1. **Détection** : Détection précoce des signes. *(p. 12)*" in md
    assert "   - Au niveau national\n   - Au niveau européen" in md
    assert "###### Violence sexuelle" in md  # a group named by subject
    assert "##### Points d'attention transversaux\n\n- **Mineurs** : empêcher" in md
    assert "- Plan Grandes Villes *(p. 12)*" in md
    assert "- **1** : Voir la loi. *(p. 11)*" in md
    assert "| GPI | Police Intégrée | 40 |" in md
    assert md.index("Préambule") < md.index('<a id="chapter_1">') < md.index('<a id="theme_1">')


def test_links_land_on_headings_and_html_is_self_contained() -> None:
    page = render_html(sample_document())
    assert page.startswith("<!DOCTYPE html>") and '<meta name="viewport"' in page
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert {"chapter_1", "chapter_2", "chapter_2__section_1", "theme_1", "theme_2", "theme_2.1"} == targets
    assert all(f'id="{target}"' in page for target in targets)
    assert not re.search(r"https?://|<script|<link|\bsrc=|@import|url\(", page)
    assert "&lt;violence&gt;" in page and "<violence>" not in page


def test_nothing_from_the_input_becomes_a_link_or_a_tag() -> None:
    doc = sample_document()
    doc.themes[0].objectives[0].text = "[d](javascript:alert(1)) <img src=x onerror=alert(1)>"
    doc.themes[0].title = "# pas un titre"
    md = render_markdown(doc)
    assert "\\[d\\](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;" in md
    assert "](javascript:" not in md.replace("\\](javascript:", "")
    page = render_html(doc)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_corpus_document_renders_every_objective_and_theme() -> None:
    doc = Document.model_validate_json((ROOT / "outputs" / "pns-2026-2029.json").read_text(encoding="utf-8"))
    md = render_markdown(doc)
    for theme in doc.themes:
        assert f'<a id="{theme.id}"></a>' in md
    numbered = re.findall(r"^\d+\. ", md, re.M)
    assert len(numbered) == sum(len(t.objectives) for t in doc.themes)
    # themes 8.9-8.11 come before "Chapitre 3" in the plan, and so in the rendering
    assert md.index('<a id="theme_8.11"></a>') < md.index('<a id="chapter_3"></a>')
    assert render_markdown(doc) == md  # deterministic


def _report_check():
    if "report_check" in sys.modules:
        return sys.modules["report_check"]
    spec = importlib.util.spec_from_file_location("report_check", ROOT / "scripts" / "report_check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["report_check"] = module
    spec.loader.exec_module(module)
    return module


def test_the_html_reads_on_a_phone_and_a_desktop(tmp_path: Path) -> None:
    check = _report_check()
    browser = check.find_chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (`make report-check` installs it)")
    page = tmp_path / "plan.html"
    page.write_text(render_html(sample_document()), encoding="utf-8")
    assert check.check_page(page, browser, figures=False) == []
