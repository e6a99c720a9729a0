"""OCR-insensitive comparison of French texts.

Two readings of the same edition (OCR text, typeset PDF, scan) differ by accents,
apostrophes, quotes, dashes, spacing, hyphenation and the classic ``l'``/``I'``/``|'``
confusions. Comparison therefore works on *keys*: lower-case ASCII words with those
differences folded away, then on a word alignment that forgives near-identical words
(one wrong letter) and split or glued words (``Uneimage`` / ``Une image``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..textnorm import fold_compare, within_one_edit

# Elided articles and pronouns before an apostrophe; OCR reads ``l'`` as ``I'`` or ``|'``
# and sometimes loses the letter altogether (``'ensemble``), so all of them fold to nothing.
_ELISION = re.compile(r"(?:\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|[a-z|!1]))?'")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\s+(?=[a-z])")
_WORD = re.compile(r"[a-z0-9]+")
_LOOKALIKES = {"l", "i", "1"}


def words(text: str | None) -> tuple[str, ...]:
    """Comparison words of ``text``: folded, elisions dropped, line-break hyphens undone.

    Hyphens inside words are dropped too (``Note-cadre`` -> ``notecadre``) so that a
    compound split differently by two readings stays one word on both sides. One-letter
    words are dropped (digits are kept): OCR turns bullets and icons into stray letters
    (``e``, ``»``).
    """
    if not text:
        return ()
    return _words(text)


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    folded = _ELISION.sub(" ", fold_compare(text))
    folded = _HYPHEN_BREAK.sub("", folded)
    folded = re.sub(r"(?<=[a-z0-9])-(?=[a-z0-9])", "", folded)
    return tuple(w for w in _WORD.findall(folded) if len(w) > 1 or w.isdigit())


def key(text: str | None) -> str:
    """A one-string comparison key: the words joined by single spaces."""
    return " ".join(words(text))


def _near(a: str, b: str) -> bool:
    """One OCR slip apart: at most one character substituted (words of 3+ letters),
    inserted or dropped (``d'olu`` / ``d'où``, ``impo6t`` / ``impôt``), or only l/i/1
    confusions. Numbers must match exactly."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit() or not (_has_letter(a) and _has_letter(b)) or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b) and all(x == y or {x, y} <= _LOOKALIKES for x, y in zip(a, b, strict=True)):
        return True  # l/i/1 confusions only (``lA`` / ``IA``), whatever the length
    if min(len(a), len(b)) < (3 if len(a) == len(b) else 2):
        return False
    return within_one_edit(a, b)


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def same_word(a: str, b: str) -> bool:
    """Whether two words (already folded) differ by at most one OCR slip."""
    return _near(a, b)


def _chunks_equivalent(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Whether a replaced run of words is only OCR noise: glued/split words, or one
    slip per word."""
    if not old or not new:
        return False
    a, b = "".join(old), "".join(new)
    if a == b:
        return True
    if len(old) == len(new):
        return all(_near(x, y) for x, y in zip(old, new, strict=True))
    # glued or split words with at most one slip overall
    return len(a) >= 4 and a.isalpha() and b.isalpha() and _near(a, b)


@dataclass(frozen=True)
class Comparison:
    """Result of comparing two texts word by word."""

    similarity: float  # 0..1, share of words found on both sides (noise forgiven)
    changed_words: int  # words inserted, deleted or replaced beyond OCR noise
    opcodes: tuple[tuple[str, int, int, int, int], ...]  # difflib opcodes on the word lists

    @property
    def same(self) -> bool:
        return self.changed_words == 0


def compare(old: str | None, new: str | None) -> Comparison:
    return _compare(words(old), words(new))


@lru_cache(maxsize=65536)
def _compare(a: tuple[str, ...], b: tuple[str, ...]) -> Comparison:
    if not a and not b:
        return Comparison(1.0, 0, ())
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    opcodes = tuple(matcher.get_opcodes())
    matched = 0
    changed = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            matched += 2 * (i2 - i1)
        elif tag == "replace" and _chunks_equivalent(a[i1:i2], b[j1:j2]):
            matched += (i2 - i1) + (j2 - j1)
        else:
            changed += max(i2 - i1, j2 - j1)
    return Comparison(matched / (len(a) + len(b)), changed, opcodes)


def similarity(old: str | None, new: str | None) -> float:
    return compare(old, new).similarity


def bag_similarity(old: str | None, new: str | None) -> float:
    """Dice coefficient of the content words (4+ letters): cheap, order-free, for long texts."""
    a = Counter(w for w in words(old) if len(w) >= 4)
    b = Counter(w for w in words(new) if len(w) >= 4)
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0 if not a and not b else 0.0
    return 2 * sum((a & b).values()) / total
