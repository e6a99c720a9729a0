"""The text-normalisation module: each fold keeps the guarantee its stage relies on."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pns_extract.textnorm import fold_aligned, fold_compare, fold_match, fold_word, squash, within_one_edit


def test_fold_word_spells_out_ligatures_for_the_lexicon():
    assert fold_word("Œuvre") == "oeuvre"
    assert fold_word("frontières") == "frontieres"


@given(st.text() | st.text(alphabet="aeéèêëàâçœŒÆôûîïÉÈÀΣσςǅﬁẞ\u0301\u0327\u0308\u0323\u1e9b"))
def test_fold_word_is_nfd_without_combining_marks(word):
    """The table-driven fold gives what the definition gives, on any text (Greek final sigma,
    stacked and reordered marks included)."""
    ligatures = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
    decomposed = unicodedata.normalize("NFD", word.translate(ligatures).lower())
    assert fold_word(word) == "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@given(st.text())
def test_fold_aligned_keeps_the_length(text):
    assert len(fold_aligned(text)) == len(text)


def test_fold_aligned_repairs_ocr_elisions_and_straightens_punctuation():
    assert fold_aligned("I’État gu’il « là »") == "l'Etat qu'il \" la \""


@given(st.text() | st.text(alphabet="aeéÉàœŒΣσﬁ²½ǅ’‘`´'\u0301\u0327\u00a0\t\n "))
def test_fold_match_is_nfkd_without_marks_lowered_with_one_apostrophe_and_single_spaces(text):
    """The table-driven fold gives what the definition gives, on any text."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    assert fold_match(text) == re.sub(r"\s+", " ", re.sub("[’‘`´]", "'", stripped)).strip()


def test_fold_match_lowers_and_squashes_spaces():
    assert fold_match("  Objectifs   STRATÉGIQUES’ ") == "objectifs strategiques'"


def test_fold_compare_unifies_dashes_and_reads_a_bar_as_l():
    assert fold_compare("Note—cadre |’Œil") == "note-cadre l'oeil"


def test_squash_collapses_whitespace():
    assert squash(" a\n\n b\tc ") == "a b c"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("MOTEM", "MOTEM", True),
        ("MOTEM", "MOTTEM", True),  # insertion
        ("MOTTEM", "MOTEM", True),  # deletion
        ("MOTEM", "MOTEX", True),  # substitution
        ("MOTEM", "MOXEX", False),
        ("MOTEM", "MOTEMXY", False),
        ("", "a", True),
    ],
)
def test_within_one_edit(a, b, expected):
    assert within_one_edit(a, b) is expected
