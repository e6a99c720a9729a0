"""The text-normalisation module: each fold keeps the guarantee its stage relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pns_extract.textnorm import fold_aligned, fold_compare, fold_match, fold_word, squash, within_one_edit


def test_fold_word_spells_out_ligatures_for_the_lexicon():
    assert fold_word("Œuvre") == "oeuvre"
    assert fold_word("frontières") == "frontieres"


@given(st.text())
def test_fold_aligned_keeps_the_length(text):
    assert len(fold_aligned(text)) == len(text)


def test_fold_aligned_repairs_ocr_elisions_and_straightens_punctuation():
    assert fold_aligned("I’État gu’il « là »") == "l'Etat qu'il \" la \""


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
