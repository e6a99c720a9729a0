"""Compiled regular expressions kept between processes: the very pattern re.compile would build,
a damaged entry recompiled, and spaCy's French tokenizer unchanged by the fast load."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pns_extract import pattern_cache, storage

ROOT = Path(__file__).resolve().parent.parent
# small patterns with what makes the real one special: inline flags, case-folded classes, groups
PATTERNS = [
    r"(?iu)^(?:anti|contre|sous)[-‐][a-zà-ÿ][-a-zà-ÿ'’]*$|^burn[-]out[a-z]*$",
    r"(?P<word>[A-ZÀ-Ý][a-zà-ÿ]+)-(?P<rest>\w+)",
    r"^(?:https?://)?[\w.-]+\.(?:be|fr)(?:/\S*)?$",
]
SAMPLES = ["anti-blanchiment", "CONTRE‐terrorisme", "Burn-outs", "sous-", "Porte-parole", "www.police.be/fr", "x"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(folder))
    return folder


def fresh(pattern: str) -> re.Pattern[str]:
    """Compiled without re's cache, as a new process would compile it."""
    return re._compiler.compile(pattern, 0)  # type: ignore[attr-defined]


def unprime() -> None:
    for pattern in PATTERNS:
        re._cache.pop((str, pattern, 0), None)  # type: ignore[attr-defined]


def behaviour(regex: re.Pattern[str]) -> list[object]:
    return [(m.span(), m.groupdict()) if (m := regex.match(s)) else None for s in SAMPLES]


def test_the_stored_pattern_is_the_one_re_compile_builds(cache: Path) -> None:
    try:
        assert pattern_cache.prime(PATTERNS) == len(PATTERNS)  # compiled and stored
        assert len(list((cache / "patterns").glob("*.bin"))) == 1
        unprime()
        assert pattern_cache.prime(PATTERNS) == len(PATTERNS)  # rebuilt from the entry
        for pattern in PATTERNS:
            primed = re.compile(pattern)
            assert primed is re._cache[(str, pattern, 0)]  # type: ignore[attr-defined]
            reference = fresh(pattern)
            assert (primed.pattern, primed.flags, primed.groups, primed.groupindex) == (
                reference.pattern,
                reference.flags,
                reference.groups,
                reference.groupindex,
            )
            assert behaviour(primed) == behaviour(reference)
        assert any(behaviour(re.compile(PATTERNS[0])))  # the samples do exercise the patterns
    finally:
        unprime()


@pytest.mark.parametrize("damage", ["flip", "truncate", "other-key", "empty"])
def test_a_damaged_entry_is_discarded_and_recompiled(cache: Path, damage: str) -> None:
    try:
        pattern_cache.prime(PATTERNS)
        unprime()
        (entry,) = (cache / "patterns").glob("*.bin")
        raw = entry.read_bytes()
        if damage == "flip":
            raw = raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:]
        elif damage == "truncate":
            raw = raw[: len(raw) // 2]
        elif damage == "other-key":
            # a well-formed entry made for other patterns, stored under this key's name
            payload = storage.read_sealed(entry, entry.stem)
            assert payload is not None
            storage.write_sealed(entry, "0" * 64, payload)
            raw = entry.read_bytes()
        else:
            raw = b""
        entry.write_bytes(raw)
        assert pattern_cache.prime(PATTERNS) == len(PATTERNS)
        for pattern in PATTERNS:
            assert behaviour(re.compile(pattern)) == behaviour(fresh(pattern))
        assert entry.read_bytes() != raw  # rewritten, verified
        unprime()
        assert pattern_cache.prime(PATTERNS) == len(PATTERNS)
    finally:
        unprime()


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(blocker))
    try:
        assert pattern_cache.prime(PATTERNS) == len(PATTERNS)
        assert behaviour(re.compile(PATTERNS[0])) == behaviour(fresh(PATTERNS[0]))
    finally:
        unprime()


TOKENIZE = r"""
import json, re, sys
from pathlib import Path
lines = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
lines += ["cyber-attaques", "porte-parole", "l'arc-en-ciel", "entr'aide", "Etats-Unis", "ex-détenus", "burn-out"]
if sys.argv[1] == "spacy":
    import spacy
    nlp = spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "ner"])
    primed = None
else:
    from pns_extract.nlp import load_french
    nlp = load_french()
    pattern = nlp.tokenizer.token_match.__self__
    primed = re._cache.get((str, pattern.pattern, 0)) is pattern
tokens = [[(t.text, t.idx, t.whitespace_) for t in doc] for doc in nlp.tokenizer.pipe(lines)]
tags = [[(t.pos_, str(t.morph), t.lower_, t.norm_, t.shape_, t.is_stop) for t in doc] for doc in nlp.pipe(lines)]
found = {"primed": primed, "tokens": tokens, "tags": tags, "strings": len(nlp.vocab.strings)}
print(json.dumps({**found, "cli": "spacy.cli" in sys.modules}))
"""


def tokens_in_new_process(how: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", TOKENIZE, how, str(ROOT / "corpus" / "pns-2026-2029.ocr.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.integration
def test_the_fast_french_load_tokenizes_the_corpus_exactly_as_spacy_load() -> None:
    """The model loaded through the pattern cache (a process that finds the compiled patterns)
    without spaCy's command line and without the model's training strings gives the same
    tokens, offsets and spaces as a plain spacy.load, and the same tags and lexical features,
    on every corpus line."""
    from pns_extract.nlp import tokenizer_patterns

    patterns = tokenizer_patterns()
    assert any(len(pattern) > 100_000 for pattern in patterns)  # token_match, the costly one
    pattern_cache.prime(patterns)  # the session's cache holds the entry (compiled here if not yet)
    reference = tokens_in_new_process("spacy")
    fast = tokens_in_new_process("fast")
    assert fast["primed"] is True  # spaCy's tokenizer took the pattern from the cache
    assert fast["tokens"] == reference["tokens"]
    # spaCy imported without its command line (nlp.import_spacy): the same tags and features
    assert fast["tags"] == reference["tags"] and fast["cli"] is False and reference["cli"] is True
    # the training vocabulary's strings were left out (nlp.load_french), not loaded
    assert fast["strings"] < reference["strings"] // 10
    assert ["cyber-attaques"] in [[text for text, _, _ in line] for line in reference["tokens"]]


def test_spacy_without_its_command_line_still_has_it_on_demand() -> None:
    """The stand-in that skips spacy.cli during the import is gone after it: spacy.cli and
    spacy.info are spaCy's own when asked for."""
    probe = (
        "import sys; from pns_extract.nlp import import_spacy; spacy = import_spacy(); "
        "before = 'spacy.cli' in sys.modules; import spacy.cli; from spacy.cli.info import info; "
        "print(before, hasattr(spacy.cli, 'download'), callable(spacy.info), info.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "True", "True", "spacy.cli.info"]
