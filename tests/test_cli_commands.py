"""The diff, batch, validate and check commands through the CLI: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import plan

from pns_extract.cli import main
from pns_extract.errors import ExitCode

FAST = ["--no-repair", "--no-enrich"]
THEMES = (
    "1. Criminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n"
    "1. Réaliser une image ;\n\n2. Définir des mesures.\n",
    "2. Cybercriminalité\n\nLa cybercriminalité croît.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n"
    "1. Renforcer l'approche.\n",
)


def write(path: Path, *pages: str) -> Path:
    path.write_text(plan(*pages), encoding="utf-8")
    return path


def run(args, capsys) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_diff_exit_codes_and_formats(tmp_path, capsys):
    old = write(tmp_path / "old.txt", *THEMES)
    same = write(tmp_path / "same.txt", *THEMES)
    new = write(tmp_path / "new.txt", THEMES[0].replace("Définir des mesures", "Définir des barrières"), THEMES[1])
    assert run(["diff", old, same, "--format", "json", *FAST], capsys)[0] == ExitCode.OK
    code, stdout, _ = run(["diff", old, new, "--format", "json", *FAST], capsys)
    assert code == ExitCode.DIFFERENT
    changes = json.loads(stdout)["changes"]
    assert [(c["kind"], c["element"], c["theme"]) for c in changes] == [("modified", "objective", "1")]
    html = tmp_path / "diff.html"
    assert run(["diff", old, new, "--format", "html", "-o", html, *FAST], capsys)[0] == ExitCode.DIFFERENT
    assert "<del>" in html.read_text(encoding="utf-8")
    code, _, stderr = run(["diff", old, tmp_path / "missing.txt", *FAST], capsys)
    assert code == ExitCode.TROUBLE and "no such file" in stderr


def test_batch_goes_on_after_a_failure(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a.txt", *THEMES)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    out = tmp_path / "out"
    out.mkdir()
    code, _, stderr = run(["batch", folder, "-o", out, "--jobs", "2", "--no-repair"], capsys)
    assert code == ExitCode.PARTIAL
    assert "1 ok, 1 failed" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]


def test_validate_reports_locations(tmp_path, capsys):
    good = tmp_path / "good.json"
    assert run([write(tmp_path / "p.txt", *THEMES), "-o", good, "--quiet", *FAST], capsys)[0] == 0
    assert run(["validate", good], capsys)[0] == ExitCode.OK
    data = json.loads(good.read_text(encoding="utf-8"))
    data["themes"][0]["page"] = "quinze"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, stdout, _ = run(["validate", bad], capsys)
    assert code == ExitCode.INVALID_DOCUMENT
    assert "/themes/0/page" in stdout


def test_check_fails_on_a_stale_dataset(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "plan.txt", *THEMES)
    outputs, schemas = tmp_path / "outputs", tmp_path / "schemas"
    from pns_extract.schema import write_schemas

    write_schemas(schemas)
    args = ["check", outputs, "--corpus", corpus, "--schemas", schemas]
    code, stdout, _ = run(args, capsys)
    assert code == ExitCode.STALE and "missing" in stdout
    from pns_extract.dataset import build_dataset

    build_dataset(corpus, outputs)
    assert run(args, capsys)[0] == ExitCode.OK


@pytest.mark.parametrize("command", ["extract", "text", "diff", "batch", "validate", "check", "schema"])
def test_every_command_has_help_and_is_in_the_readme(command, capsys):
    assert run([command, "--help"], capsys)[0] == 0
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"`{command}" in readme


def test_readme_lists_every_exit_code():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"| {int(code)} |" in readme, code
