"""Caches that cannot lie, and temporary files that never outlive an error (issue 16)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from reliability_helpers import EXCERPT_SCAN, FAST, SMALL_PLAN, run

from pns_extract import result_cache
from pns_extract.errors import OutputError
from pns_extract.ingest import IngestOptions
from pns_extract.ingest.cache import OcrCache
from pns_extract.ingest.ocr import OcrPage, OcrWord
from pns_extract.ingest.pdf import read_pdf
from pns_extract.writers import write_atomic


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(folder))
    return folder


def entries(folder: Path, kind: str = "results") -> list[Path]:
    base = folder / kind if kind == "results" else folder
    return sorted(path for path in base.rglob("*.json") if "results" not in path.parts or kind == "results")


def alter(entry: Path, how: str, other: Path) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    if how == "title changed":
        data["document"] = data["document"].replace("Criminalité organisée", "Criminalité inventée")
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "one byte flipped":
        raw = bytearray(entry.read_bytes())
        at = raw.index(b"Description")
        raw[at] ^= 0x01
        entry.write_bytes(bytes(raw))
    elif how == "another document":
        # a well-formed entry, right checksum, but the document of another input
        stranger = json.loads(other.read_text(encoding="utf-8"))
        data["document"], data["checksum"] = stranger["document"], stranger["checksum"]
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "malformed":
        entry.write_text('{"meta": 3, "document": [', encoding="utf-8")
    elif how == "wrong types":
        data["document"] = json.dumps({"themes": "none"})
        data["checksum"] = result_cache._checksum(data)  # consistent: the model must catch it
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "emptied":
        entry.write_text("", encoding="utf-8")


@pytest.mark.parametrize(
    "how", ["title changed", "one byte flipped", "another document", "malformed", "wrong types", "emptied"]
)
def test_a_result_cache_entry_that_does_not_verify_is_recomputed(tmp_path, capsys, cache, how):
    plan = tmp_path / "plan.txt"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(SMALL_PLAN.replace("Définir des mesures", "Mesurer"), encoding="utf-8")
    first = run([plan, *FAST], capsys)[1]
    assert run([other, *FAST], capsys)[0] == 0
    stored = {path: path.read_bytes() for path in entries(cache)}
    assert len(stored) == 2
    entry = next(path for path in stored if "Définir des mesures" in path.read_text(encoding="utf-8"))
    stranger = next(path for path in stored if path != entry)
    alter(entry, how, stranger)
    code, again, stderr = run([plan, *FAST, "--verbose"], capsys)
    assert code == 0 and again == first  # recomputed, never the altered entry
    assert "notice: result cache: entry" in stderr and "discarded" in stderr
    assert entry.read_bytes() == stored[entry]  # stored again, as it was


def test_a_valid_entry_is_used_and_a_changed_option_is_a_miss(tmp_path, capsys, cache, monkeypatch):
    import pns_extract.pipeline as pipeline

    plan = tmp_path / "plan.txt"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    first = run([plan, *FAST], capsys)[1]
    reads = []
    original = pipeline.load_source
    monkeypatch.setattr(pipeline, "load_source", lambda *a, **k: reads.append(1) or original(*a, **k))
    assert run([plan, *FAST], capsys)[1] == first and reads == []
    assert run([plan, *FAST, "--max-lines", "5000"], capsys)[1] == first and reads == [1]


class CountingEngine:
    """Fixed words, counting calls; ``words=()`` is an engine that exits 0 without text."""

    lang = "fra"

    def __init__(self, words: tuple[OcrWord, ...]) -> None:
        self.words = words
        self.calls = 0

    def check(self) -> None:
        pass

    def close(self) -> None:
        pass

    def settings_key(self) -> str:
        return "counting"

    def recognize(self, image, suffix, dpi, size, meanwhile=None):
        self.calls += 1
        if meanwhile is not None:
            meanwhile()
        return OcrPage(width=size[0], height=size[1], words=self.words)


WORDS = (
    OcrWord("Criminalité", 100, 100, 300, 40, (1, 1, 1)),
    OcrWord("organisée", 420, 100, 280, 40, (1, 1, 1)),
)


def ocr_entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


@pytest.mark.parametrize("how", ["word changed", "wrong types", "emptied", "not JSON", "other key"])
def test_an_ocr_cache_entry_that_does_not_verify_is_discarded(tmp_path, how):
    """Altered, malformed, emptied or misplaced: never returned, removed so the page is OCR'd again."""
    from pns_extract.ingest.cache import _checksum

    folder = tmp_path / "ocr"
    cache = OcrCache(folder)
    key = "ab" * 32
    cache.put(key, OcrPage(2000, 3000, WORDS))
    assert cache.get(key) == OcrPage(2000, 3000, WORDS)
    entry = folder / "ab" / f"{key}.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    if how == "word changed":
        data["page"]["words"][0][0] = "Criminalité inventée"
    elif how == "wrong types":  # consistent checksum: the types themselves are checked
        data["page"]["words"][0][1] = "100"
        data["checksum"] = _checksum(data["page"])
    elif how == "emptied":
        data["page"]["words"] = []
        data["checksum"] = _checksum(data["page"])
    elif how == "other key":
        data["key"] = "cd" * 32
    entry.write_text("{not json" if how == "not JSON" else json.dumps(data), encoding="utf-8")
    assert cache.get(key) is None
    assert not entry.exists()


def test_an_altered_ocr_entry_never_reaches_the_document(tmp_path, monkeypatch):
    """End to end through the PDF reader: the altered word in the cache is not in the result."""
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(tmp_path / "cache"))
    options = IngestOptions(jobs=1, ocr="always")
    engine = CountingEngine(WORDS)
    read_pdf(EXCERPT_SCAN, options, engine=engine)
    for entry in ocr_entries(tmp_path / "cache"):
        entry.write_text(entry.read_text(encoding="utf-8").replace("organisée", "inventée"), encoding="utf-8")
    again = read_pdf(EXCERPT_SCAN, options, engine=engine)
    assert engine.calls == 4  # both pages OCR'd again
    assert all("inventée" not in line.text for line in again.lines())


def test_an_empty_ocr_result_is_never_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(tmp_path / "cache"))
    options = IngestOptions(jobs=1, ocr="always")
    empty = CountingEngine(())
    read_pdf(EXCERPT_SCAN, options, engine=empty)
    assert ocr_entries(tmp_path / "cache") == []
    working = CountingEngine(WORDS)
    source = read_pdf(EXCERPT_SCAN, options, engine=working)
    assert working.calls == 2 and "Criminalité organisée" in [line.text for line in source.lines()]


class FullDisk:
    """A file whose writes fail as on a full filesystem (the first block lands, then ENOSPC)."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()

    def write(self, text: str) -> int:
        self.handle.write(text[:10])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def full_disk(monkeypatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *args, **kwargs: FullDisk(real_fdopen(*args, **kwargs)))


def test_a_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "out"
    target.mkdir()
    full_disk(monkeypatch)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target / "plan.json", "{}" * 1000)
    OcrCache(target / "ocr").put("ab" * 32, OcrPage(10, 10, WORDS))  # a cache that cannot write: silent
    assert [path.name for path in target.rglob("*") if path.is_file()] == []


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.mark.skipif(not can_mount(), reason="mounting a tmpfs needs root")
def test_a_full_cache_filesystem_leaves_no_temporary_file(tmp_path, capsys, monkeypatch):
    """A real 64 kB tmpfs as the cache: the run succeeds, the cache keeps what fits, no *.tmp."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], check=False)
    if mounted.returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        (mount_point / "filler").write_bytes(b"\0" * 60_000)
        monkeypatch.setenv("PNS_EXTRACT_CACHE", str(mount_point))
        import pns_extract.ingest.pdf as pdf

        engine = CountingEngine(WORDS * 200)  # entries larger than the space left
        monkeypatch.setattr(pdf, "TesseractEngine", lambda *args, **kwargs: engine)
        code, stdout, _ = run([EXCERPT_SCAN, "--jobs", "1", "--allow-partial", *FAST], capsys)
        assert code == 0 and json.loads(stdout)["source"]["ocr_pages"] == [1, 2]
        assert engine.calls == 2
        assert list(mount_point.rglob("*.json")) == []  # nothing fitted: every write met ENOSPC
        assert [path for path in mount_point.rglob("*") if path.name.endswith(".tmp")] == []
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
