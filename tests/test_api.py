"""The library API: ``pns_extract.extract`` / ``diff`` / ``load`` at the top level, typed."""

from __future__ import annotations

import importlib
import inspect
from dataclasses import fields
from pathlib import Path

import pytest
from conftest import PREAMBLE, ROOT, plan

import pns_extract
from pns_extract.contract import ExtractOptions, ExtractSettings, IngestOptions, PageRange, build_options
from pns_extract.errors import InputNotFoundError, InputUnreadableError, InvalidDocumentError, NotAPnsError
from pns_extract.model import Document
from pns_extract.writers import dump

FAST = {"repair": False, "enrich": False}
THEME = "1. Criminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n1. Agir.\n"
EXCERPT_PDF = ROOT / "tests" / "data" / "excerpt.pdf"


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(plan(THEME, THEME.replace("1. Criminalité organisée", "2. Cybercriminalité")), encoding="utf-8")
    return path


def test_the_api_is_exported_at_the_top_level_typed_and_documented():
    assert {"extract", "diff", "load"} <= set(pns_extract.__all__)
    for function in (pns_extract.extract, pns_extract.diff, pns_extract.load):
        assert inspect.getdoc(function)
        assert inspect.signature(function).return_annotation in {"Document", "DocumentDiff"}
    assert (Path(pns_extract.__file__).parent / "py.typed").is_file()


def test_extract_takes_a_path_a_str_or_the_bytes(plan_file):
    from_path = pns_extract.extract(plan_file, **FAST)
    assert isinstance(from_path, Document) and [t.number for t in from_path.themes] == ["1", "2"]
    assert pns_extract.extract(str(plan_file), **FAST) == from_path
    from_bytes = pns_extract.extract(plan_file.read_bytes(), **FAST)
    assert from_bytes.source.file == "input.txt"
    assert from_bytes.model_dump(exclude={"source"}) == from_path.model_dump(exclude={"source"})
    assert pns_extract.extract(plan_file.read_bytes(), name="plan.txt", **FAST) == from_path


def test_extract_bytes_of_a_pdf():
    document = pns_extract.extract(EXCERPT_PDF.read_bytes(), **FAST)
    assert document.source.kind == "pdf" and document.source.file == "input.pdf"
    assert [theme.number for theme in document.themes] == ["1.1"]


def test_options_are_keywords_and_pages_a_range(plan_file):
    excerpt = pns_extract.extract(plan_file, pages="5", **FAST)
    assert [theme.number for theme in excerpt.themes] == ["2"] and excerpt.source.pages == 1
    with pytest.raises(TypeError, match="unknown extraction option"):
        pns_extract.extract(plan_file, no_repair=True)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        pns_extract.extract(plan_file, pages="cinq")


def test_build_options_knows_every_option_field():
    names = {f.name for f in fields(IngestOptions)} | {f.name for f in fields(ExtractOptions)} - {"ingest"}
    assert set(ExtractSettings.__annotations__) == names
    assert build_options() == ExtractOptions()
    built = build_options(ocr="never", use_cache=False, pages="2-3", repair=False, allow_partial=True)
    assert built == ExtractOptions(
        ingest=IngestOptions(ocr="never", use_cache=False, pages=PageRange(2, 3)), repair=False, allow_partial=True
    )


def test_extract_raises_the_library_errors(tmp_path):
    letter = tmp_path / "lettre.txt"
    letter.write_text(PREAMBLE, encoding="utf-8")
    with pytest.raises(NotAPnsError):
        pns_extract.extract(letter, **FAST)
    assert pns_extract.extract(letter, allow_partial=True, **FAST).themes == []
    with pytest.raises(InputNotFoundError):
        pns_extract.extract(tmp_path / "absent.pdf")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_load_reads_an_output_back(plan_file, tmp_path, suffix):
    document = pns_extract.extract(plan_file, **FAST)
    saved = tmp_path / f"plan{suffix}"
    saved.write_text(dump(document, "json" if suffix == ".json" else "yaml"), encoding="utf-8")
    assert pns_extract.load(saved) == document
    assert pns_extract.load(str(saved)) == document


def test_load_refuses_what_is_not_an_output(tmp_path):
    with pytest.raises(InputNotFoundError):
        pns_extract.load(tmp_path / "absent.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InputUnreadableError, match="line 1, column 2"):
        pns_extract.load(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"themes": 3}', encoding="utf-8")
    with pytest.raises(InvalidDocumentError, match="not a valid pns-extract document"):
        pns_extract.load(wrong)


def test_diff_takes_documents_or_paths_and_stays_a_function(plan_file, tmp_path):
    old = pns_extract.extract(plan_file, **FAST)
    edited = tmp_path / "edited.txt"
    edited.write_text(plan_file.read_text(encoding="utf-8").replace("1. Agir.", "1. Agir vite."), encoding="utf-8")
    same = pns_extract.diff(old, plan_file, **FAST)
    assert same.summary.identical
    importlib.import_module("pns_extract.changes")  # the subpackage is loaded: the function must still be there

    changed = pns_extract.diff(old, str(edited), **FAST)
    assert not changed.summary.identical
    assert [(c.kind, c.element) for c in changed.changes] == [("modified", "objective"), ("modified", "objective")]
