"""`pns-extract validate`: schema errors with JSON-pointer locations, syntax errors with lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fixtures_dataset import sample_document

from pns_extract.errors import InputNotFoundError, InputUnreadableError
from pns_extract.validate import detect_kind, pointer, validate_data, validate_file
from pns_extract.writers import dump_json, dump_yaml, to_data

ROOT = Path(__file__).resolve().parent.parent


def _data() -> dict[str, Any]:
    return to_data(sample_document())


def test_written_json_and_yaml_are_valid(tmp_path: Path) -> None:
    doc = sample_document()
    (tmp_path / "doc.json").write_text(dump_json(doc), encoding="utf-8")
    (tmp_path / "doc.yaml").write_text(dump_yaml(doc), encoding="utf-8")
    (tmp_path / "doc.yml").write_text(dump_yaml(doc), encoding="utf-8")
    for name in ("doc.json", "doc.yaml", "doc.yml"):
        assert validate_file(tmp_path / name) == []


def test_errors_carry_pointer_locations_in_document_order() -> None:
    data = _data()
    data["themes"][2]["page"] = "fifteen"
    data["themes"][0]["objectives"][1]["actor"] = "regional"
    del data["themes"][0]["attention_points"][0]["text"]
    data["source"]["url"] = "http://example.org"
    data["themes"][0]["title"] = 12
    assert validate_data(data) == [
        "/source: Additional properties are not allowed ('url' was unexpected)",
        "/themes/0/attention_points/0: 'text' is a required property",
        '/themes/0/objectives/1/actor: "regional" is not one of "federal", "local", "other"',
        "/themes/0/title: expected string or null, got integer 12",
        '/themes/2/page: expected integer, got string "fifteen"',
    ]


def test_numeric_steps_sort_as_numbers() -> None:
    data = _data()
    data["themes"] = data["themes"] * 4  # 12 themes; ids repeat, but schema errors come first
    data["themes"] = [dict(t) for t in data["themes"]]
    data["themes"][10]["page"] = None
    data["themes"][9]["page"] = None
    assert [e.split(":")[0] for e in validate_data(data)] == ["/themes/9/page", "/themes/10/page"]


def test_integrity_duplicate_ids_and_dangling_plan_links() -> None:
    data = _data()
    data["themes"][2]["objectives"][0]["id"] = data["themes"][0]["objectives"][0]["id"]
    data["themes"][2]["action_plans"][0]["index_id"] = "plan_unknown"
    assert validate_data(data) == [
        "/themes/2/objectives/0/id: duplicate id 'theme_1__obj_federal_1' "
        "(first at /themes/0/objectives/0/id)",
        "/themes/2/action_plans/0/index_id: 'plan_unknown' is not an id of action_plan_index",
    ]


def test_syntax_errors_name_line_and_column(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{\n  "schema_version": "1.0",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(InputUnreadableError, match=r"bad\.json: line 3, column 3: invalid JSON"):
        validate_file(bad_json)
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("themes:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputUnreadableError, match=r"bad\.yaml: line \d+, column \d+: invalid YAML"):
        validate_file(bad_yaml)
    with pytest.raises(InputNotFoundError):
        validate_file(tmp_path / "missing.json")


def test_a_non_object_is_reported_at_the_root(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]\n", encoding="utf-8")
    assert validate_file(path) == ["/: expected object, got array"]


def test_pointer_escapes_special_characters() -> None:
    assert pointer([]) == "/"
    assert pointer(["a/b", "c~d", 3]) == "/a~1b/c~0d/3"


def test_diff_outputs_are_recognised() -> None:
    assert detect_kind({"changes": [], "summary": {}}) == "diff"
    assert detect_kind(_data()) == "document"
    errors = validate_data({"changes": [], "summary": {}})
    assert errors and all(e.startswith("/summary") for e in errors)


@pytest.mark.integration
def test_every_committed_output_validates() -> None:
    outputs = sorted((ROOT / "outputs").glob("*.json")) + sorted((ROOT / "outputs").glob("*.yaml"))
    documents = [p for p in outputs if p.name != "datapackage.json"]
    assert documents, "outputs/ holds no document: run `make dataset`"
    for path in documents:
        assert validate_file(path) == [], path.name
    assert json.loads((ROOT / "outputs" / "datapackage.json").read_text(encoding="utf-8"))["resources"]
