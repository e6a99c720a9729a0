"""Properties of the repair stage on generated text (lexicon pass only, for speed, plus one
run with spaCy on the corpus): same lines, same numbers, idempotent."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pns_extract.repair import repair_text

CORPUS = Path(__file__).parent.parent / "corpus" / "pns-2026-2029.ocr.txt"
NUMBER = re.compile(r"(?<![^\W\d_])\d|\d(?![^\W\d_])")
WORDS = (
    "a à ou où des dès la là le I'Etat l'État ceuvre œuvre réle rôle frontieres phénomenes slre Auniveau "
    "renforgons gu'il qu’il MTCNi GPI PLP41 2026-2029 e ¢ * - 1. (cf. art. 95/102) the money Beleidsnota "
    "imp6t contrOles AlG |a |'accent 'ensemble prés dés lors Evaluation chaine coeur ,"
).split()
line = st.lists(st.sampled_from(WORDS) | st.text(alphabet="abcéèêIl|'’ 0123456789.,;:-", max_size=12), max_size=14)
text = st.lists(line.map(" ".join), min_size=1, max_size=6).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(text)
def test_lines_digits_and_idempotence(source: str) -> None:
    once = repair_text(source, nlp=False)
    assert once.count("\n") == source.count("\n")
    # numbers survive; only a digit between two letters is an OCR'd letter (imp6t)
    assert NUMBER.findall(once) == NUMBER.findall(source)
    assert repair_text(once, nlp=False) == once


def test_corpus_repair_is_idempotent_with_spacy() -> None:
    once = repair_text(CORPUS.read_text(encoding="utf-8"))
    assert repair_text(once) == once
