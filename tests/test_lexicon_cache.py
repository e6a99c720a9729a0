"""The prepared lexicon kept between processes: the very lexicon wordfreq's data builds, and a
damaged or foreign entry rebuilt rather than used."""

from __future__ import annotations

from pathlib import Path

import pytest

from pns_extract import storage
from pns_extract.repair import lexicon


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(folder))
    return folder


def load() -> lexicon.Lexicon:
    return lexicon.load_lexicon.__wrapped__()  # as a new process loads it (no in-process cache)


@pytest.fixture(scope="module")
def built() -> lexicon.Lexicon:
    return lexicon.build_lexicon(lexicon.french_buckets(lexicon.wordfreq_data()))


def test_the_stored_lexicon_is_the_one_the_data_builds(cache: Path, built: lexicon.Lexicon) -> None:
    first = load()  # built and stored
    (entry,) = (cache / "lexicon").glob("*.bin")
    stamp = entry.stat().st_mtime_ns
    second = load()  # read from the entry
    assert entry.stat().st_mtime_ns == stamp  # read, not rewritten
    for made in (first, second):
        assert made.zipf_of == built.zipf_of and made.variants == built.variants
    assert second.same_fold("securite") == built.same_fold("securite") and "sécurité" in built.same_fold("securite")


@pytest.mark.parametrize("damage", ["flip", "truncate", "other-key", "not-a-lexicon"])
def test_a_damaged_entry_is_discarded_and_built_again(
    cache: Path, built: lexicon.Lexicon, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    load()
    (entry,) = (cache / "lexicon").glob("*.bin")
    raw = entry.read_bytes()
    if damage == "flip":
        entry.write_bytes(raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:])
    elif damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "other-key":  # intact, but made from other data or by other code
        storage.write_sealed(entry, "0" * 64, storage.read_sealed(entry, entry.stem) or b"")
    else:  # intact and for this key, but not a lexicon
        import marshal

        storage.write_sealed(entry, entry.stem, marshal.dumps(["not", "a", "lexicon"]))
    damaged = entry.read_bytes()
    again = load()
    assert again.zipf_of == built.zipf_of and again.variants == built.variants
    assert "discarded" in caplog.text
    assert entry.read_bytes() not in (damaged, b"")  # rewritten, and it verifies
    assert storage.read_sealed(entry, entry.stem) is not None


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(blocker))
    assert load().knows("sécurité")
