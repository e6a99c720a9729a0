"""The CLI edges a new user meets: warnings shown (grouped, with page and line), where the output
went, stdin, page ranges, several inputs, --strict, batch's options, the default command and
shell completion. Run through typer's CliRunner (exact output) or ``main`` (exit codes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PREAMBLE, ROOT, plan
from typer.main import get_command
from typer.testing import CliRunner

from pns_extract.cli import _FLAGS, ALL_FLAGS, app, main
from pns_extract.errors import ExitCode
from pns_extract.model import Notice
from pns_extract.notices import notice_lines

FAST = ["--no-repair", "--no-enrich"]
THEME = "1. Criminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n1. Agir.\n"
EXCERPT_SCAN = ROOT / "tests" / "data" / "excerpt.scan.pdf"
EMPTY_TABLE = """\
┏━━━━━━━┳━━━━━━━┳━━━━━┳━━━━━┳━━━━━┳━━━━━┳━━━━━━┳━━━━┳━━━━━━┓
┃ theme ┃ title ┃ fed ┃ loc ┃ oth ┃ att ┃ plan ┃ fn ┃ page ┃
┡━━━━━━━╇━━━━━━━╇━━━━━╇━━━━━╇━━━━━╇━━━━━╇━━━━━━╇━━━━╇━━━━━━┩
└───────┴───────┴─────┴─────┴─────┴─────┴──────┴────┴──────┘
"""


def invoke(*args: object, stdin: bytes | None = None):
    """The app as a user runs it, stderr apart, on a 100-column stderr."""
    return CliRunner().invoke(app, [str(arg) for arg in args], input=stdin, env={"COLUMNS": "100"})


def run(args: list[object], capsys) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_plan(path: Path, *pages: str) -> Path:
    path.write_text(plan(*(pages or (THEME, THEME.replace("1. Criminalité", "2. Cyber")))), encoding="utf-8")
    return path


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.txt"
    path.write_text(PREAMBLE, encoding="utf-8")
    return path


# --- warnings on stderr ---------------------------------------------------------------


def test_notices_are_grouped_by_kind_each_with_page_and_line():
    notices = [
        Notice(kind="footnote", message="footnote printed as 5, numbered 6 in sequence", page=21, line=1123),
        Notice(kind="page-failed", message="OCR failed: tesseract timed out", page=3),
        Notice(kind="footnote", message="footnote printed as 2, numbered 9 in sequence", page=27, line=1368),
        Notice(kind="structure", message="no PNS structure found: no numbered themes"),
    ]
    assert notice_lines(notices) == [
        "page-failed (1)",
        "  p. 3: OCR failed: tesseract timed out",
        "structure (1)",
        "  no PNS structure found: no numbered themes",
        "footnote (2)",
        "  p. 21, l. 1123: footnote printed as 5, numbered 6 in sequence",
        "  p. 27, l. 1368: footnote printed as 2, numbered 9 in sequence",
    ]


def test_extract_prints_the_warnings_and_where_the_output_went(letter, tmp_path):
    out = tmp_path / "out.json"
    result = invoke(letter, "-o", out, "--allow-partial", *FAST)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (
        "Plan national de sécurité 2026-2029".ljust(60)
        + "\n"
        + EMPTY_TABLE
        + "0 themes, 0 objectives, 0 glossary entries; "
        "6/6 lines placed (100.0%), 0 in residue, 1 warnings\n"
        "structure (1)\n"
        "  no PNS structure found: no numbered themes\n"
        "partial result: see the document's warnings\n"
        f"written to {out}\n"
    )
    assert json.loads(out.read_text(encoding="utf-8"))["warnings"][0]["kind"] == "structure"


def test_quiet_hides_summary_and_warnings_and_stdout_is_said(letter):
    quiet = invoke(letter, "--allow-partial", "--quiet", *FAST)
    assert quiet.exit_code == 0 and quiet.stderr == "partial result: see the document's warnings\n"
    loud = invoke(letter, "--allow-partial", *FAST)
    assert loud.stderr.endswith("written to stdout\n") and json.loads(loud.stdout)["themes"] == []


class FailingEngine:
    """Tesseract that fails on every page."""

    def check(self) -> None:
        pass

    def close(self) -> None:
        pass

    def settings_key(self) -> str:
        return "failing"

    def recognize(self, image, suffix, dpi, size, meanwhile=None):
        from pns_extract.errors import OcrFailedError

        raise OcrFailedError("tesseract timed out after 1 s")


def test_a_failed_page_is_shown_with_its_page(tmp_path, monkeypatch):
    import pns_extract.ingest.pdf as pdf

    monkeypatch.setattr(pdf, "TesseractEngine", lambda *args, **kwargs: FailingEngine())
    out = tmp_path / "scan.json"
    result = invoke(EXCERPT_SCAN, "-o", out, "--jobs", "1", "--no-cache", "--allow-partial", *FAST)
    assert result.exit_code == 0
    assert result.stderr == (
        "excerpt.scan.pdf".ljust(60) + "\n" + EMPTY_TABLE + "0 themes, 0 objectives, 0 glossary entries; "
        "0/0 lines placed (100.0%), 0 in residue, 3 warnings\n"
        "page-failed (2)\n"
        "  p. 1: OCR failed: tesseract timed out after 1 s\n"
        "  p. 2: OCR failed: tesseract timed out after 1 s\n"
        "structure (1)\n"
        "  no PNS structure found: no numbered themes\n"
        "partial result: see the document's warnings\n"
        f"written to {out}\n"
    )


# --- --strict --------------------------------------------------------------------------


def test_strict_exits_14_after_writing_when_there_are_warnings(letter, tmp_path, capsys):
    out = tmp_path / "out.json"
    code, _, _ = run([letter, "-o", out, "--allow-partial", "--strict", "--quiet", *FAST], capsys)
    assert code == ExitCode.WARNINGS == 14
    assert json.loads(out.read_text(encoding="utf-8"))["warnings"]
    clean = write_plan(tmp_path / "plan.txt")
    code, stdout, _ = run([clean, "--strict", "--quiet", *FAST], capsys)
    assert code == 0 and json.loads(stdout)["warnings"] == []


# --- stdin, page ranges ---------------------------------------------------------------------


def test_dash_reads_the_input_from_stdin(tmp_path):
    data = write_plan(tmp_path / "plan.txt").read_bytes()
    result = invoke("-", "-o", "-", "--quiet", *FAST, stdin=data)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["source"]["file"] == "stdin.txt" and [t["number"] for t in document["themes"]] == ["1", "2"]


def test_stdin_through_a_real_pipe(tmp_path):
    data = write_plan(tmp_path / "plan.txt").read_bytes()
    done = subprocess.run(
        [Path(sys.executable).parent / "pns-extract", "-", "-o", "-", "--quiet", *FAST],
        input=data,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["themes"][1]["title"] == "Cyber organisée"


def test_pages_selects_a_range_and_bad_ranges_are_usage_errors(tmp_path, capsys):
    path = write_plan(tmp_path / "plan.txt")  # 5 pages: three of preamble, one per theme
    code, stdout, _ = run([path, "--pages", "5", "--quiet", *FAST], capsys)
    assert code == 0
    document = json.loads(stdout)
    assert [t["number"] for t in document["themes"]] == ["2"] and document["themes"][0]["page"] == 5
    code, stdout, stderr = run([path, "--pages", "x", *FAST], capsys)
    assert code == ExitCode.TROUBLE and stdout == ""
    assert stderr == (
        "pns-extract: usage error: Invalid value for '--pages': 'x': give pages as N, N-M or N- (e.g. 13-21) "
        "(see pns-extract --help)\n"
    )
    code, _, stderr = run([path, "--pages", "9-12", *FAST], capsys)
    assert code == ExitCode.TROUBLE
    assert stderr == (
        "pns-extract: error: plan.txt: --pages 9-12 starts after the last page (the document has 5 pages)\n"
    )


# --- several inputs -------------------------------------------------------------------------


def test_several_inputs_go_into_a_folder_with_batch_names(tmp_path, capsys):
    first = write_plan(tmp_path / "a.ocr.txt")
    second = write_plan(tmp_path / "b.txt")
    out = tmp_path / "out"
    code, stdout, stderr = run([first, second, "-o", out, "--format", "yaml", "--quiet", *FAST], capsys)
    assert code == 0 and stdout == "" and stderr == ""
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "b.yaml"]
    code, _, stderr = run([first, second, *FAST], capsys)
    assert code == ExitCode.TROUBLE and "give -o FOLDER" in stderr


def test_one_failing_input_does_not_stop_the_others(tmp_path, letter, capsys):
    good = write_plan(tmp_path / "plan.txt")
    out = tmp_path / "out"
    code, _, stderr = run([letter, good, "-o", out, *FAST], capsys)
    assert code == ExitCode.PARTIAL
    assert stderr.startswith("pns-extract: error: lettre.txt: no PNS structure found")
    assert f"written to {out / 'plan.json'}" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["plan.json"]


def test_an_existing_folder_as_output_takes_the_input_name(tmp_path, capsys):
    good = write_plan(tmp_path / "plan.ocr.txt")
    out = tmp_path / "out"
    out.mkdir()
    assert run([good, "-o", out, "--quiet", *FAST], capsys)[0] == 0
    assert [p.name for p in out.iterdir()] == ["plan.json"]


# --- batch ----------------------------------------------------------------------------------


def _options(command: str) -> set[str]:
    return {name for param in get_command(app).commands[command].params for name in param.opts}


def test_batch_takes_every_extraction_option_and_the_ones_the_library_advises():
    batch = _options("batch")
    extract = _options("extract")
    flags = {name for flag in ALL_FLAGS for name in _FLAGS[flag].decls}
    assert flags - {"--jobs", "-j"} <= batch and flags <= extract
    assert {"--quiet", "--strict", "--format", "--jobs"} <= batch
    advised = set()
    for source in (ROOT / "pns_extract").rglob("*.py"):
        # ocr.py, tesseract_run.py, tesseract_server.py: Tesseract's own --psm/--dpi; launch.py:
        # the command line itself (--help, --version), read there before cli.py loads
        if source.name not in {"cli.py", "launch.py", "ocr.py", "tesseract_run.py", "tesseract_server.py"}:
            advised |= set(re.findall(r"(--[a-z][a-z-]+)", source.read_text(encoding="utf-8")))
    assert advised and advised <= batch, advised - batch


def test_batch_with_extraction_options_and_quiet(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lettre.txt").write_text(PREAMBLE, encoding="utf-8")
    write_plan(folder / "plan.txt")
    out = tmp_path / "out"
    args = ["batch", folder, "-o", out, "--jobs", "1", "--no-repair", "--no-enrich", "--no-cache", "--quiet"]
    code, _, stderr = run(args, capsys)
    assert code == ExitCode.PARTIAL
    assert stderr.startswith("pns-extract: error: lettre.txt: [6] lettre.txt: no PNS structure found")
    code, _, stderr = run([*args, "--allow-partial"], capsys)
    assert code == 0 and stderr == ""
    assert sorted(p.name for p in out.iterdir()) == ["lettre.json", "plan.json"]
    assert run([*args, "--allow-partial", "--strict"], capsys)[0] == ExitCode.WARNINGS  # the letter's warning


# --- the default command and completion ------------------------------------------------------


def test_the_default_command_is_resolved_by_the_group(tmp_path, capsys):
    path = write_plan(tmp_path / "plan.txt")
    assert run(["--quiet", path, *FAST], capsys)[0] == 0  # an option before the input
    code, _, stderr = run([tmp_path / "batch"], capsys)  # a path, even one named like a command
    assert code == ExitCode.INPUT_NOT_FOUND and "no such file" in stderr
    assert run(["--version"], capsys)[1].startswith("pns-extract ")


def _complete(words: str) -> list[str]:
    env = {
        **os.environ,
        "_PNS_EXTRACT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    exe = Path(sys.executable).parent / "pns-extract"
    return subprocess.run([exe], env=env, capture_output=True, text=True, check=True).stdout.split()


def test_shell_completion_knows_commands_and_the_default_commands_options():
    assert _complete("pns-extract ba") == ["batch"]
    assert _complete("pns-extract plan.pdf --no-") == ["--no-cache", "--no-repair", "--no-enrich"]
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    exe = Path(sys.executable).parent / "pns-extract"
    shown = subprocess.run([exe, "--show-completion", "bash"], env=env, capture_output=True, text=True, check=True)
    assert "_PNS_EXTRACT_COMPLETE=complete_bash" in shown.stdout


def test_text_reads_stdin_and_a_page_range(tmp_path):
    data = write_plan(tmp_path / "plan.txt").read_bytes()
    result = invoke("text", "-", "--no-repair", "--pages", "5", stdin=data)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == " 2. Cyber organisée"


def test_the_plan_as_a_readable_document(tmp_path: Path, capsys) -> None:
    source = write_plan(tmp_path / "plan.txt", THEME)
    code, _, _ = run([source, "-o", tmp_path / "plan.md", "--quiet"], capsys)
    assert code == 0
    markdown = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert markdown.startswith("# ") and "Criminalité organisée" in markdown
    code, out, _ = run([source, "--format", "html", "-o", "-", "--quiet"], capsys)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and 'id="theme_1"' in out
    other = write_plan(tmp_path / "autre.txt", THEME)
    code, _, _ = run([source, other, "-o", tmp_path / "out", "--format", "markdown", "--quiet"], capsys)
    assert code == 0 and sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".md", ".md"]
