"""`pns-extract batch`: a folder in parallel, failures collected, never fatal to the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_dataset import fake_extract

from pns_extract.batch import BatchItem, run_batch
from pns_extract.errors import ExitCode, InputNotFoundError, InputUnreadableError
from pns_extract.inputs import input_files, output_names

ROOT = Path(__file__).resolve().parent.parent


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_inputs_are_text_and_pdf_files_sorted_by_name(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"b.txt": "", "a.PDF": "", ".hidden.txt": "", "notes.md": ""})
    (folder / "sub.txt").mkdir()
    assert [p.name for p in input_files(folder)] == ["a.PDF", "b.txt"]


def test_output_names_drop_the_processing_tag_and_keep_names_apart() -> None:
    names = output_names([Path("plan.ocr.txt"), Path("other.pdf"), Path("x.txt"), Path("x.pdf")])
    assert names == {
        Path("plan.ocr.txt"): "plan",
        Path("other.pdf"): "other",
        Path("x.txt"): "x-txt",
        Path("x.pdf"): "x-pdf",
    }


def test_missing_or_empty_folders_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        run_batch(tmp_path / "nope", tmp_path / "out", extractor=fake_extract)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputUnreadableError):
        run_batch(tmp_path / "empty", tmp_path / "out", extractor=fake_extract)


def test_failures_are_reported_and_do_not_stop_the_others(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {"a.txt": "plan A\n", "b.txt": "FAIL\n", "c.txt": "BUG\n", "d.txt": "plan D\n"},
    )
    out = tmp_path / "out" / "nested"
    seen: list[tuple[str, int, int]] = []

    def progress(item: BatchItem, done: int, total: int) -> None:
        seen.append((item.source, done, total))

    result = run_batch(folder, out, jobs=2, fmt="json", progress=progress, extractor=fake_extract)
    assert [item.source for item in result.items] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert [item.status for item in result.items] == ["ok", "failed", "failed", "ok"]
    assert result.items[1].exit_code == ExitCode.NOT_A_PNS
    assert "not a Plan national" in (result.items[1].message or "")
    assert result.items[2].exit_code == ExitCode.INTERNAL
    assert result.exit_code == ExitCode.PARTIAL
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "d.json"]
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["source"]["file"] == "a.txt"
    assert sorted(done for _, done, _ in seen) == [1, 2, 3, 4] and {total for *_, total in seen} == {4}
    rows = result.rows()
    assert rows[0][:5] == ("a.txt", "ok", "3", "5", "0") and rows[0][5] == "a.json"
    assert rows[1][1] == "failed" and rows[1][5].startswith("[6] ")


def test_a_crashing_worker_fails_only_its_document(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a.txt": "plan A\n", "boom.txt": "CRASH\n", "c.txt": "plan C\n"})
    result = run_batch(folder, tmp_path / "out", jobs=2, fmt="yaml", extractor=fake_extract)
    statuses = {item.source: item.status for item in result.items}
    assert statuses == {"a.txt": "ok", "boom.txt": "failed", "c.txt": "ok"}
    assert "worker process died" in (result.items[1].message or "")
    assert (tmp_path / "out" / "a.yaml").is_file() and (tmp_path / "out" / "c.yaml").is_file()


def test_one_job_runs_in_process_and_succeeds(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a.txt": "plan A\n"})
    result = run_batch(folder, tmp_path / "out", jobs=1, fmt="yaml", extractor=fake_extract)
    assert result.exit_code == ExitCode.OK and result.failed == []
    assert (tmp_path / "out" / "a.yaml").read_text(encoding="utf-8").startswith("schema_version:")


@pytest.mark.integration
def test_real_pipeline_on_a_folder_with_a_broken_file(tmp_path: Path) -> None:
    """The real extraction: the plan's text succeeds, an empty file fails with its own code."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.ocr.txt").write_bytes((ROOT / "corpus" / "pns-2026-2029.ocr.txt").read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    result = run_batch(folder, tmp_path / "out", jobs=2)
    by_name = {item.source: item for item in result.items}
    assert by_name["plan.ocr.txt"].status == "ok" and by_name["plan.ocr.txt"].themes > 10
    assert by_name["broken.pdf"].status == "failed"
    assert by_name["broken.pdf"].exit_code == ExitCode.INPUT_UNREADABLE
    assert result.exit_code == ExitCode.PARTIAL
    assert (tmp_path / "out" / "plan.json").is_file()
