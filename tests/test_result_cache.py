"""The whole-extraction cache: keyed by input bytes, name, options and code; damaged or
unwritable entries cost only speed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fixtures_dataset import sample_document

from pns_extract import result_cache
from pns_extract.contract import ExtractOptions, IngestOptions, PageRange
from pns_extract.model import Document


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(folder))
    return folder


def key_for(document: Document, digest: str) -> result_cache.ResultKey:
    """A key whose input is the document's own source (entries are checked against it)."""
    return result_cache.ResultKey(digest=digest, meta={"input_sha256": document.source.sha256})


def test_the_key_changes_with_the_bytes_the_name_and_every_option(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("un plan\n", encoding="utf-8")
    options = ExtractOptions()
    key = result_cache.result_key(path, options)
    assert result_cache.result_key(path, ExtractOptions()) == key
    variants = [
        replace(options, repair=False),
        replace(options, enrich=False),
        replace(options, allow_partial=True),
        replace(options, ingest=IngestOptions(lang="eng")),
        replace(options, ingest=IngestOptions(pages=PageRange(2, 3))),
    ]
    assert len({result_cache.result_key(path, variant) for variant in variants} - {key}) == len(variants)
    renamed = tmp_path / "autre.txt"
    renamed.write_text("un plan\n", encoding="utf-8")
    assert result_cache.result_key(renamed, options) != key
    path.write_text("un autre plan\n", encoding="utf-8")
    assert result_cache.result_key(path, options) != key


def test_store_then_load_returns_the_same_document(cache: Path) -> None:
    document = sample_document()
    key = key_for(document, "ab" * 32)
    assert result_cache.load(key) is None
    result_cache.store(key, document)
    assert result_cache.load(key) == document
    assert list((cache / "results").rglob("*.json")) == [cache / "results" / "ab" / f"{'ab' * 32}.json"]


def test_a_damaged_entry_is_a_miss(cache: Path) -> None:
    key = key_for(sample_document(), "cd" * 32)
    result_cache.store(key, sample_document())
    entry = cache / "results" / "cd" / f"{'cd' * 32}.json"
    entry.write_text('{"schema_version": ', encoding="utf-8")
    assert result_cache.load(key) is None


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(blocker))
    key = key_for(sample_document(), "ef" * 32)
    result_cache.store(key, sample_document())  # must not raise
    assert result_cache.load(key) is None


def test_the_code_digest_covers_the_package_sources() -> None:
    digest = result_cache.code_digest()
    assert len(digest) == 64 and digest == result_cache.code_digest()
