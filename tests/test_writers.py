"""Writers: JSON and YAML that read back to the same document, the output format chosen from
the name, and atomic writes that never touch an input."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml
from fixtures_dataset import sample_document

from pns_extract.errors import OutputError
from pns_extract.model import Document
from pns_extract.writers import dump, format_for, write_atomic


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_dumps_read_back_to_the_same_document(fmt):
    document = sample_document()
    text = dump(document, fmt)
    data = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert Document.model_validate(data) == document
    assert text.endswith("\n")


def test_json_keeps_french_characters_unescaped():
    assert "é" in dump(sample_document(), "json") and "\\u00e9" not in dump(sample_document(), "json")


@pytest.mark.parametrize(
    ("name", "explicit", "expected"),
    [("a.json", None, "json"), ("a.yaml", None, "yaml"), ("a.YML", None, "yaml"), ("a", None, "json"),
     ("a.json", "yaml", "yaml"), ("-", "yaml", "yaml")],
)  # fmt: skip
def test_the_format_comes_from_the_option_else_the_extension(name, explicit, expected):
    assert format_for(Path(name), explicit) == expected


def test_an_unknown_extension_is_an_output_error():
    with pytest.raises(OutputError, match="unknown output format 'xml'"):
        format_for(Path("out.xml"))


def test_write_atomic_writes_with_the_usual_mode_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, "{}\n")
    write_atomic(target, "[]\n")  # replaces
    assert target.read_text(encoding="utf-8") == "[]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_write_atomic_never_overwrites_a_protected_input(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("le plan", encoding="utf-8")
    link = tmp_path / "same.txt"
    link.hardlink_to(source)
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        write_atomic(link, "{}", protect=(source,))
    assert source.read_text(encoding="utf-8") == "le plan"


def test_write_atomic_into_a_missing_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "out.json", "{}")
