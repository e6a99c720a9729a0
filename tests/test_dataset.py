"""The dataset: CSV tables, the data package descriptor, build and staleness check."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures_dataset import fake_dataset_extract, sample_document
from hypothesis import given
from hypothesis import strategies as st

from pns_extract.datapackage import descriptor
from pns_extract.dataset import DatasetFiles, build_dataset, check_dataset, compare, corpus_documents, dataset_files
from pns_extract.errors import NotAPnsError
from pns_extract.tables import TABLE_SPECS, TABLES, document_tables, neutralise, table_rows, unneutralise

ROOT = Path(__file__).resolve().parent.parent


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- tables ---------------------------------------------------------------------


def test_every_table_has_its_declared_header_and_unix_line_ends() -> None:
    tables = document_tables([("sample", sample_document())])
    assert list(tables) == [spec.name for spec in TABLE_SPECS]
    for spec in TABLE_SPECS:
        text = tables[spec.name]
        assert text.splitlines()[0] == ",".join(spec.column_names)
        assert "\r" not in text
        assert text.endswith("\n")
        assert spec.column_names[0] == "document"


def test_cells_round_trip_through_a_csv_reader() -> None:
    doc = sample_document()
    tables = document_tables([("sample", doc)])
    objectives = _read(tables["objectives"])
    assert [row["objective_id"] for row in objectives] == [o.id for t in doc.themes for o in t.objectives]
    second = objectives[1]
    assert second["text"] == 'Renforcer les partenariats "structurels"'
    assert second["items"] == "Au niveau national\nAu niveau européen"
    assert objectives[0]["text"] == "Réaliser une image stratégique ; tactique, et opérationnelle."
    assert objectives[3]["actor"] == "other" and objectives[3]["group"] == "Violence sexuelle"
    assert objectives[4]["text"] == "Accueillir les victimes.\nDeuxième ligne."


def test_theme_counts_split_by_actor_and_nulls_are_empty() -> None:
    tables = document_tables([("s", sample_document())])
    themes = {row["theme_id"]: row for row in _read(tables["themes"])}
    assert themes["theme_1"]["objectives"] == "3"
    assert (themes["theme_1"]["objectives_federal"], themes["theme_1"]["objectives_local"]) == ("2", "1")
    assert themes["theme_2.1"]["objectives_other"] == "1"
    assert themes["theme_1"]["parent"] == "" and themes["theme_2.1"]["parent"] == "theme 2"
    assert [row["sort_key"] for row in themes.values()] == ["1", "2", "3"]
    assert _read(tables["theme_ncsi_dimensions"]) == [
        {"document": "s", "theme_id": "theme_1", "dimension": "societale", "evidence": "Plan Grandes Villes"}
    ]


def test_child_rows_point_at_existing_themes_and_plans() -> None:
    tables = document_tables([("s", sample_document())])
    theme_ids = {row["theme_id"] for row in _read(tables["themes"])}
    index_ids = {row["index_id"] for row in _read(tables["action_plan_index"])}
    for table in ("objectives", "attention_points", "action_plans"):
        assert {row["theme_id"] for row in _read(tables[table])} <= theme_ids
    plans = _read(tables["action_plans"])
    assert {row["index_id"] for row in plans if row["index_id"]} <= index_ids
    assert [row["duplicate"] for row in plans] == ["false", "true", "false", "false"]


def test_legal_references_get_ids_by_order_and_glossary_mentions_are_a_link_table() -> None:
    doc = sample_document()
    legal = table_rows("legal_references", "s", doc)
    assert [row["legal_reference_id"] for row in legal] == ["legal_1", "legal_2"]
    assert (legal[0]["theme_id"], legal[0]["theme_number"]) == ("theme_1", "theme 1")
    assert legal[1]["theme_id"] is None and legal[1]["theme_number"] is None
    glossary = table_rows("glossary", "s", doc)
    assert glossary[0]["mentions"] == 3
    mentions = table_rows("glossary_mentions", "s", doc)
    assert [(m["acronym"], m["place"], m["theme_id"], m["count"]) for m in mentions] == [
        ("GPI", "theme_1", "theme_1", 2),
        ("GPI", "preamble", None, 1),
    ]


def test_no_cell_lists_ids_or_theme_numbers() -> None:
    """Every relation is a column or a link table: no '; '-joined list to split before a join."""
    tables = document_tables([("s", sample_document())])
    for name, text in tables.items():
        for row in _read(text):
            for column, value in row.items():
                assert not re.search(r"\w; \w", value) or column in {"text", "title", "description"}, (name, column)


def test_keys_hold_and_foreign_keys_point_at_existing_rows() -> None:
    doc = sample_document()
    rows = {spec.name: table_rows(spec.name, "s", doc) for spec in TABLE_SPECS}
    for spec in TABLE_SPECS:
        if spec.primary_key:
            keys = [tuple(row[c] for c in spec.primary_key) for row in rows[spec.name]]
            assert len(keys) == len(set(keys)), spec.name
        for fk in spec.foreign_keys:
            targets = {tuple(row[c] for c in fk.reference) for row in rows[fk.table]}
            for row in rows[spec.name]:
                value = tuple(row[c] for c in fk.fields)
                assert None in value or value in targets, (spec.name, fk, value)
    fks = {(spec.name, fk.table) for spec in TABLE_SPECS for fk in spec.foreign_keys}
    assert {("action_plans", "action_plan_index"), ("glossary_mentions", "glossary")} <= fks
    assert ("glossary_mentions", "themes") in fks and ("legal_references", "themes") in fks


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_would_start_a_formula_are_neutralised_and_can_be_restored(start: str) -> None:
    doc = sample_document()
    doc.themes[0].objectives[0].text = start + 'HYPERLINK("http://x";"clic")'
    doc.themes[0].objectives[1].title = "'" + start + "1"  # already quoted: one more quote, still reversible
    objectives = _read(document_tables([("s", doc)])["objectives"])
    assert objectives[0]["text"] == "'" + doc.themes[0].objectives[0].text
    assert objectives[1]["title"] == "''" + start + "1"
    assert unneutralise(objectives[0]["text"]) == doc.themes[0].objectives[0].text
    assert unneutralise(objectives[1]["title"]) == doc.themes[0].objectives[1].title
    assert objectives[2]["number"] == "1"  # numbers are never touched


@given(st.text(max_size=30))
def test_neutralise_is_reversible_and_never_leaves_a_formula(text: str) -> None:
    cell = neutralise(text)
    assert unneutralise(cell) == text
    assert not cell or cell[0] not in "=+-@\t\r"


def test_tables_of_two_documents_are_concatenated_in_order() -> None:
    tables = document_tables([("b", sample_document()), ("a", sample_document())])
    rows = _read(tables["themes"])
    assert [row["document"] for row in rows] == ["b"] * 3 + ["a"] * 3


# --- data package -----------------------------------------------------------------


def test_descriptor_fields_match_the_csv_headers_and_hashes() -> None:
    tables = document_tables([("s", sample_document())])
    package = descriptor(tables)
    assert package["licenses"][0]["name"] == "CC0-1.0"
    resources = {r["path"]: r for r in package["resources"]}
    assert {f"tables/{spec.name}.parquet" for spec in TABLE_SPECS} <= set(resources)
    for spec in TABLE_SPECS:
        resource = resources[f"tables/{spec.name}.csv"]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == spec.column_names
        assert all(f["description"] and f["type"] in {"string", "integer", "boolean"} for f in fields)
        data = tables[spec.name].encode("utf-8")
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        for key in resource["schema"].get("primaryKey", []):
            assert key in spec.column_names
    names = {r["name"] for r in package["resources"]}
    for resource in package["resources"]:
        for fk in resource.get("schema", {}).get("foreignKeys", []):
            assert fk["reference"]["resource"] in names


def test_integer_columns_hold_integers() -> None:
    tables = document_tables([("s", sample_document())])
    for spec in TABLE_SPECS:
        integer_columns = [c.name for c in spec.columns if c.type == "integer"]
        for row in _read(tables[spec.name]):
            for column in integer_columns:
                assert row[column].isdigit(), (spec.name, column, row[column])
            for column in spec.columns:
                if column.required:
                    assert row[column.name] != "", (spec.name, column.name)


# --- build and check ----------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "plan-a.ocr.txt").write_text("Plan A\n", encoding="utf-8")
    (folder / "plan-b.txt").write_text("Plan B\n", encoding="utf-8")
    (folder / "plan-a.pdf").write_bytes(b"%PDF-1.4 not read by default")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    return folder


def test_dataset_layout(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_dataset(corpus, out, fake_dataset_extract)
    assert result.documents == ["plan-a", "plan-b"]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    expected = {
        "datapackage.json",
        "plan-a.json",
        "plan-a.yaml",
        "plan-b.json",
        "plan-b.yaml",
        "report/plan-a.md",
        "report/plan-a.html",
        "report/plan-a.objectives.svg",
        "report/plan-b.md",
        "report/plan-b.html",
        "report/plan-b.objectives.svg",
        *(f"tables/{name}.csv" for name in TABLES),
        *(f"tables/{name}.parquet" for name in TABLES),
    }
    assert set(files) == expected
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == expected - {"datapackage.json"} - {
        f for f in expected if f.startswith("report/")
    }


def test_two_builds_are_byte_identical_and_hold_no_machine_detail(corpus: Path, tmp_path: Path) -> None:
    first = dataset_files(corpus, fake_dataset_extract).files
    second = dataset_files(corpus, fake_dataset_extract).files
    assert first == second
    for relative, text in first.items():
        assert str(tmp_path) not in text, relative
        assert "\r" not in text, relative


def test_parquet_tables_are_typed_deterministic_and_checked_by_content(corpus: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from pns_extract.parquet import to_parquet

    out = tmp_path / "out"
    build_dataset(corpus, out, fake_dataset_extract)
    themes = pq.read_table(out / "tables" / "themes.parquet")
    assert str(themes.schema.field("number").type) == "string" and str(themes.schema.field("page").type) == "int64"
    assert themes.column("number").to_pylist()[:3] == ["theme 1", "theme 2", "theme 2.1"]
    rows = table_rows("objectives", "s", sample_document())
    rows[0]["text"] = "=1+1"  # Parquet keeps the text as it is: no spreadsheet reads it
    assert to_parquet("objectives", rows) == to_parquet("objectives", rows)
    written = tmp_path / "objectives.parquet"
    written.write_bytes(to_parquet("objectives", rows))
    assert pq.read_table(written).column("text").to_pylist()[0] == "=1+1"
    # A Parquet file whose rows changed is stale even though it is a valid file; garbage too.
    target = out / "tables" / "glossary.parquet"
    target.write_bytes(to_parquet("glossary", []))
    (out / "tables" / "themes.parquet").write_bytes(b"PAR1 not really")
    assert check_dataset(corpus, out, fake_dataset_extract) == [
        f"stale: {target.as_posix()}",
        f"stale: {(out / 'tables/themes.parquet').as_posix()}",
    ]
    rebuilt = build_dataset(corpus, out, fake_dataset_extract)
    assert set(rebuilt.written) == {"tables/glossary.parquet", "tables/themes.parquet"}


def test_check_reports_stale_missing_and_extra_files(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_dataset(corpus, out, fake_dataset_extract)
    assert check_dataset(corpus, out, fake_dataset_extract) == []
    (out / "tables" / "themes.csv").write_text("document\n", encoding="utf-8")
    (out / "plan-b.yaml").unlink()
    (out / "old-plan.json").write_text("{}", encoding="utf-8")
    (out / ".gitkeep").write_text("", encoding="utf-8")
    problems = check_dataset(corpus, out, fake_dataset_extract)
    assert problems == [
        f"missing: {(out / 'plan-b.yaml').as_posix()}",
        f"stale: {(out / 'tables/themes.csv').as_posix()}",
        f"extra: {(out / 'old-plan.json').as_posix()}",
    ]
    rebuilt = build_dataset(corpus, out, fake_dataset_extract)
    assert set(rebuilt.written) == {"plan-b.yaml", "tables/themes.csv"}
    assert rebuilt.removed == ["old-plan.json"]
    assert (out / ".gitkeep").exists()
    assert check_dataset(corpus, out, fake_dataset_extract) == []


def test_a_changed_corpus_makes_the_outputs_stale(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_dataset(corpus, out, fake_dataset_extract)
    (corpus / "plan-b.txt").write_text("Plan B, second edition\n", encoding="utf-8")
    problems = check_dataset(corpus, out, fake_dataset_extract)
    assert f"stale: {(out / 'plan-b.json').as_posix()}" in problems
    assert f"stale: {(out / 'datapackage.json').as_posix()}" in problems


def test_pdfs_are_left_out_unless_asked_and_scans_are_skipped(corpus: Path) -> None:
    assert [p.name for p in corpus_documents(corpus)] == ["plan-a.ocr.txt", "plan-b.txt"]

    def extract(path: Path):  # a PDF without a text layer cannot be read with OCR off
        if path.suffix == ".pdf":
            raise NotAPnsError(f"{path.name}: no text")
        return fake_dataset_extract(path)

    files = dataset_files(corpus, extract, include_pdf=True)
    assert files.skipped == [("plan-a.pdf", "no usable text layer without OCR: plan-a.pdf: no text")]
    # With a PDF in the set, plan-a.ocr.txt and plan-a.pdf would share a name: both keep theirs.
    assert files.documents == ["plan-a-ocr-txt", "plan-b"]


def test_a_failing_text_document_fails_the_build(corpus: Path, tmp_path: Path) -> None:
    (corpus / "plan-c.txt").write_text("FAIL\n", encoding="utf-8")
    with pytest.raises(NotAPnsError):
        build_dataset(corpus, tmp_path / "out", fake_dataset_extract)


# --- the committed dataset ------------------------------------------------------------

DIGESTS = """
import hashlib, json, sys
from pathlib import Path
from pns_extract.dataset import dataset_files
files = dataset_files(Path(sys.argv[1])).files
print(json.dumps({k: hashlib.sha256(v.encode()).hexdigest() for k, v in files.items()}))
"""


@pytest.fixture(scope="module")
def generated() -> DatasetFiles:
    return dataset_files(ROOT / "corpus")


@pytest.fixture(scope="module")
def regenerated(generated: DatasetFiles) -> dict[str, str]:
    return generated.files


@pytest.mark.integration
def test_committed_outputs_match_a_fresh_regeneration(generated: DatasetFiles) -> None:
    problems = compare(generated.files, ROOT / "outputs", generated.parquet)
    assert problems == [], "outputs/ is stale, run `make dataset`:\n" + "\n".join(problems)


@pytest.mark.integration
def test_regeneration_does_not_depend_on_hash_seed_or_location(regenerated: dict[str, str]) -> None:
    """Another process, another string-hash seed, another working folder: the same bytes."""
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    done = subprocess.run(
        [sys.executable, "-c", DIGESTS, str(ROOT / "corpus")],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        check=True,
    )
    digests = json.loads(done.stdout)
    assert digests == {k: hashlib.sha256(v.encode()).hexdigest() for k, v in regenerated.items()}
    for relative, text in regenerated.items():
        assert str(ROOT) not in text, relative


def test_docs_describe_every_table_and_column() -> None:
    docs = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    for spec in TABLE_SPECS:
        section = docs.split(f"### `tables/{spec.name}.csv`", 1)
        assert len(section) == 2, spec.name
        body = section[1].split("\n### ", 1)[0]
        assert [f"`{c}`" for c in spec.column_names] == re.findall(r"^\| (`\w+`) \|", body, re.M), spec.name


# --- what the readers' defaults make of the tables ---------------------------------------


def _theme_numbers_csv(tmp_path: Path) -> Path:
    """themes.csv of a plan with themes 8, 8.1, 8.9, 8.10 and 8.11."""
    doc = sample_document()
    template = doc.themes[1]
    doc.themes = [
        template.model_copy(update={"id": f"theme_{n}", "number": n, "parent": None if n == "8" else "8"})
        for n in ("8", "8.1", "8.9", "8.10", "8.11")
    ]
    path = tmp_path / "themes.csv"
    path.write_text(document_tables([("s", doc)])["themes"], encoding="utf-8")
    return path


@pytest.mark.parametrize("csv_path", ["sample", "committed"])
def test_pandas_defaults_keep_8_10_as_text(csv_path: str, tmp_path: Path) -> None:
    import pandas as pd  # a dev dependency: the reader most analysts use

    path = _theme_numbers_csv(tmp_path) if csv_path == "sample" else ROOT / "outputs" / "tables" / "themes.csv"
    themes = pd.read_csv(path)
    assert not pd.api.types.is_numeric_dtype(themes["number"])
    assert "theme 8.10" in set(themes["number"]) and "theme 8.1" in set(themes["number"])
    ordered = themes.sort_values("sort_key")["number"].tolist()
    assert ordered.index("theme 8.9") < ordered.index("theme 8.10") < ordered.index("theme 8.11")
    assert themes["number"].str.removeprefix("theme ").tolist().count("8.10") == 1


@pytest.mark.parametrize("csv_path", ["sample", "committed"])
def test_duckdb_defaults_keep_8_10_as_text(csv_path: str, tmp_path: Path) -> None:
    import duckdb  # a dev dependency

    path = _theme_numbers_csv(tmp_path) if csv_path == "sample" else ROOT / "outputs" / "tables" / "themes.csv"
    relation = duckdb.sql(f"SELECT number, sort_key FROM read_csv_auto('{path.as_posix()}')")
    assert [str(t) for t in relation.types] == ["VARCHAR", "BIGINT"]
    found = duckdb.sql(
        f"SELECT number FROM read_csv_auto('{path.as_posix()}') WHERE number LIKE 'theme 8.1%' ORDER BY sort_key"
    ).fetchall()
    assert [row[0] for row in found] == ["theme 8.1", "theme 8.10", "theme 8.11"]
