"""Output that cannot hurt: special files, long names, stdout failures, terminal escapes, YAML
carrying the same strings as JSON, `schema` output errors (issue 16)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import plan
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_helpers import CLI, FAST, SMALL_PLAN, one_error_line, run, run_process

from pns_extract.errors import ExitCode
from pns_extract.safe_output import printable
from pns_extract.writers import dump_json, dump_yaml


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


def test_output_onto_a_fifo_is_refused_and_the_fifo_kept(tmp_path, small_plan):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    done = run_process([small_plan, "-o", fifo, *FAST], timeout=60)
    assert done.returncode == ExitCode.OUTPUT_ERROR
    assert "FIFO" in one_error_line(done.stderr)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_onto_a_character_device_is_refused_and_the_node_kept(tmp_path, capsys, small_plan):
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        device = Path("/dev/null")
    before = os.stat(device)
    code, stdout, stderr = run([small_plan, "-o", device, *FAST], capsys)
    assert code == ExitCode.OUTPUT_ERROR and stdout == ""
    assert "character device" in one_error_line(stderr)
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_stdout_is_stdout(small_plan):
    done = run_process([small_plan, "-o", "/dev/stdout", *FAST], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.returncode == 0
    assert json.loads(done.stdout)["themes"][0]["number"] == "1"


def test_a_245_character_file_name_is_written(tmp_path, capsys, small_plan):
    out = tmp_path / ("p" * 240 + ".json")
    code, _, stderr = run([small_plan, "-o", out, *FAST], capsys)
    assert code == 0, stderr
    assert json.loads(out.read_text(encoding="utf-8"))["themes"]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([out.name, "plan.txt"])


def test_stdout_on_a_full_device(small_plan):
    with open("/dev/full", "wb") as full:
        done = run_process([small_plan, *FAST], stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == ExitCode.OUTPUT_ERROR
    assert "No space left" in one_error_line(done.stderr)


def test_stdout_closed(small_plan):
    done = subprocess.run(
        [*CLI, str(small_plan), *FAST],
        stdout=None,
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == ExitCode.OUTPUT_ERROR
    assert "stdout is closed" in one_error_line(done.stderr)


def test_stdout_closed_by_its_reader(tmp_path):
    """A broken pipe: one line and exit 10, no BrokenPipeError traceback at exit."""
    big = tmp_path / "big.txt"
    pages = [f"{n}. Thème numéro {n}\n\nDescription. " + "Une description longue. " * 40 for n in range(1, 60)]
    big.write_text(plan(*pages), encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written
    try:
        done = subprocess.run(
            [*CLI, str(big), *FAST, "--allow-partial"], stdout=write, stderr=subprocess.PIPE, check=False, timeout=120
        )
    finally:
        os.close(write)
    assert done.returncode == ExitCode.OUTPUT_ERROR
    assert "broken pipe" in one_error_line(done.stderr)


ESCAPE_TITLE = "Criminalité \x1b[31morganisée\x1b[0m\x07 [d](javascript:alert(1)) [bold]x[/]"


def test_control_characters_are_escaped_in_the_summary(tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_text(
        plan(f"1. {ESCAPE_TITLE}\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n1. Agir.\n"),
        encoding="utf-8",
    )
    code, stdout, stderr = run([path, "--no-repair", "--no-enrich", "--max-lines", "5000"], capsys)
    assert code == 0
    assert "\x1b" not in stderr and "\x07" not in stderr and "\\x1b[31m" in stderr
    assert json.loads(stdout)["themes"][0]["title"].startswith("Criminalité \x1b[31m")  # the data is the data


def test_control_characters_are_escaped_in_error_lines(tmp_path, capsys):
    missing = tmp_path / "evil\x1b]0;title\x07.txt"
    code, _, stderr = run([missing, *FAST], capsys)
    assert code == ExitCode.INPUT_NOT_FOUND
    line = one_error_line(stderr)
    assert "\x1b" not in line and "\x07" not in line and "\\x1b]0;title\\x07" in line


def test_control_characters_are_escaped_in_the_diff_terminal_output(tmp_path, small_plan):
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    assert run_process([small_plan, "-o", old, *FAST]).returncode == 0
    data = json.loads(old.read_text(encoding="utf-8"))
    data["themes"][0]["title"] = ESCAPE_TITLE
    data["themes"][0]["objectives"][0]["text"] = "Réaliser \x1b[2J une image \u202e ;"
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = run_process(["diff", old, new])
    assert done.returncode == ExitCode.DIFFERENT, done.stderr
    shown = done.stdout.decode("utf-8")
    assert "\x1b" not in shown and "\u202e" not in shown and "\\x1b[2J" in shown


def test_printable_escapes_every_control_and_keeps_text():
    assert printable("a\x1b[0m\tb\nc\x85\u202e\udcff é") == "a\\x1b[0m\\tb\\nc\\x85\\u202e\\xff é"


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_yaml_and_json_outputs_carry_the_same_strings(text):
    """U+0085 (NEL), U+2028, a BOM, CR...: the YAML output reads back to the JSON output's strings."""
    from pns_extract.ingest.text import source_from_text
    from pns_extract.parse import parse_document

    document = parse_document(source_from_text("Préambule\n"))
    document.document.title = text
    assert yaml.safe_load(dump_yaml(document)) == json.loads(dump_json(document))


def test_yaml_keeps_a_nel_and_diff_and_validate_agree(tmp_path, small_plan):
    """The issue's case: a heading with U+0085 written as YAML and JSON; both valid, no difference."""
    source = tmp_path / "nel.txt"
    source.write_text(SMALL_PLAN.replace("Criminalité organisée", "Criminalité\x85organisée"), encoding="utf-8")
    as_json, as_yaml = tmp_path / "nel.json", tmp_path / "nel.yaml"
    assert run_process([source, "-o", as_json, *FAST]).returncode == 0
    assert run_process([source, "-o", as_yaml, *FAST]).returncode == 0
    assert yaml.safe_load(as_yaml.read_text(encoding="utf-8")) == json.loads(as_json.read_text(encoding="utf-8"))
    assert run_process(["validate", as_json, as_yaml]).returncode == 0
    assert run_process(["diff", as_json, as_yaml]).returncode == ExitCode.OK


def test_schema_onto_an_existing_file(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("keep", encoding="utf-8")
    code, _, stderr = run(["schema", target], capsys)
    assert code == ExitCode.OUTPUT_ERROR and "not a folder" in one_error_line(stderr)
    assert target.read_text(encoding="utf-8") == "keep"


def test_schema_where_no_folder_can_be_made(tmp_path, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, stderr = run(["schema", tmp_path / "file" / "schemas"], capsys)
    assert code == ExitCode.OUTPUT_ERROR and "cannot create" in one_error_line(stderr)


def test_schema_into_a_read_only_folder(tmp_path, capsys, monkeypatch):
    """Root writes anywhere: the refusal of a read-only folder is simulated where it happens."""
    import tempfile

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    code, _, stderr = run(["schema", tmp_path], capsys)
    assert code == ExitCode.OUTPUT_ERROR and "Permission denied" in one_error_line(stderr)
    assert list(tmp_path.iterdir()) == []
