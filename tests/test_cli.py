"""The CLI end to end on the text path: outputs, summary, and one-line errors with their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS_TEXT, PREAMBLE, plan

from pns_extract.cli import main
from pns_extract.errors import ExitCode
from pns_extract.model import Document

FAST = ["--no-repair", "--no-enrich", "--quiet"]


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(
        plan(
            "1. Criminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n"
            "1. Réaliser une image ;\n\n2. Définir des mesures.\n"
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_extract_writes_the_format_of_the_extension(small_plan, tmp_path, capsys, suffix):
    out = tmp_path / f"out{suffix}"
    code, stdout, _ = run([small_plan, "-o", out, *FAST], capsys)
    assert code == 0 and stdout == ""
    text = out.read_text(encoding="utf-8")
    data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    document = Document.model_validate(data)
    assert [o.text for o in document.themes[0].objectives] == ["Réaliser une image ;", "Définir des mesures."]


def test_default_command_and_extract_command_are_the_same(small_plan, capsys):
    assert run([small_plan, *FAST], capsys)[1] == run(["extract", small_plan, *FAST], capsys)[1]


def test_stdout_with_dash_and_explicit_format(small_plan, capsys):
    code, stdout, _ = run([small_plan, "-o", "-", "--format", "yaml", *FAST], capsys)
    assert code == 0
    assert yaml.safe_load(stdout)["themes"][0]["number"] == "1"


def test_summary_goes_to_stderr(small_plan, tmp_path, capsys):
    code, stdout, stderr = run([small_plan, "-o", tmp_path / "o.json", "--no-repair", "--no-enrich"], capsys)
    assert code == 0 and stdout == ""
    assert "Criminalité organisée" in stderr
    assert "1 themes, 2 objectives" in stderr


def test_output_is_deterministic(tmp_path, capsys):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run([CORPUS_TEXT, "-o", first, "--no-cache", *FAST], capsys)
    run([CORPUS_TEXT, "-o", second, "--no-cache", *FAST], capsys)
    assert first.read_bytes() == second.read_bytes()
    assert str(tmp_path) not in first.read_text(encoding="utf-8")


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, ExitCode, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "random.txt"
    binary.write_bytes(bytes(range(128, 256)) * 8)
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"abc\x00def")
    prose = tmp_path / "lettre.txt"
    prose.write_text("Bonjour,\n\nVoici un texte français ordinaire, sans thèmes numérotés.\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "missing": (tmp_path / "nope.txt", ExitCode.INPUT_NOT_FOUND, "no such file"),
        "folder": (folder, ExitCode.INPUT_UNREADABLE, "is a folder"),
        "empty": (empty, ExitCode.INPUT_UNREADABLE, "empty"),
        "random bytes": (binary, ExitCode.INPUT_UNREADABLE, "UTF-8"),
        "nul bytes": (nul, ExitCode.INPUT_UNREADABLE, "NUL"),
        "not a PNS": (prose, ExitCode.NOT_A_PNS, "no PNS structure found"),
    }


@pytest.mark.parametrize("case", ["missing", "folder", "empty", "random bytes", "nul bytes", "not a PNS"])
def test_bad_input_one_line_error_exit_code_no_output(tmp_path, capsys, case):
    path, expected_code, message = bad_inputs(tmp_path)[case]
    out = tmp_path / "out.json"
    code, stdout, stderr = run([path, "-o", out, *FAST], capsys)
    assert code == expected_code
    assert message in stderr
    assert stderr.startswith("pns-extract: error:") and stderr.count("\n") == 1
    assert "Traceback" not in stderr and stdout == ""
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_allow_partial_writes_what_was_found(tmp_path, capsys):
    prose = tmp_path / "lettre.txt"
    prose.write_text(PREAMBLE, encoding="utf-8")
    out = tmp_path / "out.json"
    code, _, stderr = run([prose, "-o", out, "--allow-partial", *FAST], capsys)
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["themes"] == []
    assert any(w["message"] == "no PNS structure found: no numbered themes" for w in data["warnings"])
    assert "partial" in stderr


def test_output_onto_the_input_is_refused_and_input_untouched(small_plan, capsys):
    before = small_plan.read_bytes()
    code, _, stderr = run([small_plan, "-o", small_plan, *FAST], capsys)
    assert code == ExitCode.OUTPUT_ERROR
    assert "refusing to overwrite the input" in stderr
    assert small_plan.read_bytes() == before


def test_output_into_a_missing_folder(small_plan, tmp_path, capsys):
    code, _, stderr = run([small_plan, "-o", tmp_path / "missing" / "out.json", *FAST], capsys)
    assert code == ExitCode.OUTPUT_ERROR
    assert "does not exist" in stderr


def test_unknown_extension_without_format(small_plan, tmp_path, capsys):
    out = tmp_path / "out.xml"
    code, _, stderr = run([small_plan, "-o", out, *FAST], capsys)
    assert code == ExitCode.OUTPUT_ERROR and "unknown output format" in stderr
    assert not out.exists()


def test_usage_error_exit_code(capsys):
    code, _, stderr = run(["extract", "--no-such-option", "x"], capsys)
    assert code == ExitCode.TROUBLE and "usage error" in stderr


def test_console_script_runs_as_a_process(small_plan):
    """The installed entry point, as users run it: real process, real exit code."""
    done = subprocess.run(
        [Path(sys.executable).parent / "pns-extract", small_plan, *FAST],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["themes"][0]["title"] == "Criminalité organisée"
    missing = subprocess.run(
        [Path(sys.executable).parent / "pns-extract", "/nonexistent/plan.pdf"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == ExitCode.INPUT_NOT_FOUND
    assert missing.stderr.strip() == "pns-extract: error: /nonexistent/plan.pdf: no such file"


def test_a_re_run_comes_from_the_result_cache(small_plan, tmp_path, capsys, monkeypatch):
    """Same input, options and code: the stored document, without ingesting again."""
    import pns_extract.pipeline as pipeline

    first = tmp_path / "first.json"
    assert run([small_plan, "-o", first, *FAST], capsys)[0] == 0
    monkeypatch.setattr(pipeline, "load_source", lambda *a, **k: pytest.fail("the input was read again"))
    second = tmp_path / "second.json"
    assert run([small_plan, "-o", second, *FAST], capsys)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    small_plan.write_text(small_plan.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception):
        main([str(small_plan), "-o", str(tmp_path / "third.json"), *FAST])


EXCERPT_PDF = CORPUS_TEXT.parent.parent / "tests" / "data" / "excerpt.pdf"
EXCERPT_SCAN = CORPUS_TEXT.parent.parent / "tests" / "data" / "excerpt.scan.pdf"


def encrypted_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, "1. Criminalite organisee")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(
    ("case", "expected", "message"),
    [
        ("truncated", ExitCode.INPUT_UNREADABLE, "damaged or truncated PDF"),
        ("image", ExitCode.INPUT_UNREADABLE, "PNG image"),
        ("random", ExitCode.INPUT_UNREADABLE, "not a PDF"),
        ("encrypted", ExitCode.ENCRYPTED, "--password"),
        ("wrong password", ExitCode.ENCRYPTED, "wrong password"),
        ("too many pages", ExitCode.LIMIT_EXCEEDED, "--max-pages"),
    ],
)
def test_bad_pdfs(tmp_path, capsys, case, expected, message):
    path = tmp_path / "plan.pdf"
    extra: list[str] = []
    if case == "truncated":
        path.write_bytes(EXCERPT_PDF.read_bytes()[:3000])
    elif case == "image":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    elif case == "random":
        path.write_bytes(bytes(range(256)) * 4)
    elif case in {"encrypted", "wrong password"}:
        encrypted_pdf(path)
        extra = ["--password", "nope"] if case == "wrong password" else []
    else:
        path.write_bytes(EXCERPT_PDF.read_bytes())
        extra = ["--max-pages", "1"]
    before = path.read_bytes()
    out = tmp_path / "out.json"
    code, stdout, stderr = run([path, "-o", out, *extra, *FAST], capsys)
    assert code == expected
    assert message in stderr and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert not out.exists() and stdout == ""
    assert path.read_bytes() == before


def test_encrypted_pdf_opens_with_its_password(tmp_path, capsys):
    path = encrypted_pdf(tmp_path / "locked.pdf")
    code, stdout, _ = run([path, "--password", "secret", "--allow-partial", *FAST], capsys)
    assert code == 0
    assert [t["title"] for t in json.loads(stdout)["themes"]] == ["Criminalite organisee"]


class FailingEngine:
    """Tesseract that fails on every page, as on an unreadable or too slow page."""

    def check(self) -> None:
        pass

    def close(self) -> None:
        pass

    def settings_key(self) -> str:
        return "failing"

    def recognize(self, image, suffix, dpi, size, meanwhile=None):
        from pns_extract.errors import OcrFailedError

        raise OcrFailedError("tesseract timed out after 1 s")


def test_a_page_that_fails_ocr_is_reported_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    import pns_extract.ingest.pdf as pdf

    monkeypatch.setattr(pdf, "TesseractEngine", lambda *args, **kwargs: FailingEngine())
    out = tmp_path / "out.json"
    code, _, stderr = run([EXCERPT_SCAN, "-o", out, "--jobs", "1", "--no-cache", *FAST], capsys)
    assert code == ExitCode.OCR_FAILED
    assert "OCR failed on page(s) 1, 2" in stderr and "--allow-partial" in stderr
    assert not out.exists()
    code, _, stderr = run([EXCERPT_SCAN, "-o", out, "--jobs", "1", "--no-cache", "--allow-partial", *FAST], capsys)
    assert code == 0 and "partial" in stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["source"]["failed_pages"] == [1, 2]
    assert any(w["kind"] == "page-failed" and "OCR failed" in w["message"] for w in data["warnings"])


def test_utf16_text_is_read(tmp_path, capsys):
    path = tmp_path / "plan-utf16.txt"
    path.write_bytes(
        plan("1. Criminalité organisée\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n1. Agir.\n").encode(
            "utf-16"
        )
    )
    code, stdout, _ = run([path, *FAST], capsys)
    assert code == 0 and json.loads(stdout)["themes"][0]["title"] == "Criminalité organisée"


def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    import os

    from pns_extract.writers import write_atomic

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_text_command_output_reads_back(tmp_path, capsys):
    """`text` writes the OCR-text format: a PDF's pages separated by form feeds, so the repaired
    text can be extracted again with the same pages."""
    out = tmp_path / "excerpt.txt"
    code, _, stderr = run(["text", EXCERPT_PDF, "-o", out], capsys)
    assert code == 0 and "rule" in stderr
    assert out.read_text(encoding="utf-8").count("\f") == 1
    code, stdout, _ = run([out, *FAST], capsys)
    data = json.loads(stdout)
    assert data["source"]["pages"] == 2 and [t["number"] for t in data["themes"]] == ["1.1"]
    source_text = CORPUS_TEXT.read_text(encoding="utf-8")
    corpus_out = tmp_path / "corpus.txt"
    assert run(["text", CORPUS_TEXT, "-o", corpus_out, "--no-repair"], capsys)[0] == 0
    assert corpus_out.read_text(encoding="utf-8").splitlines() == source_text.splitlines()[:-1]
