"""Length-preserving folding of OCR'd French, so that patterns can be written once
(no accents, straight quotes and dashes) while spans still point into the printed
text: ``fold(text)[i:j]`` and ``text[i:j]`` are the same passage."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_PUNCT = {
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
    "—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\n": " ",
}  # fmt: skip


@cache
def _fold_char(ch: str) -> str:
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[0]
    return base if base.isascii() else ch


# OCR reads the French elision "l'" as "I'" or "|'" and "qu'" as "gu'": fold them back.
_ELISION = re.compile(r"(?<![A-Za-z])[I|](?=')")
_QU = re.compile(r"(?<![A-Za-z])([gG])u(?=')")


def fold(text: str) -> str:
    """Strip accents, straighten quotes/dashes, repair OCR elisions; same length as ``text``."""
    folded = "".join(_fold_char(ch) for ch in text)
    folded = _ELISION.sub("l", folded)
    return _QU.sub(lambda m: "q" if m.group(1) == "g" else "Q", folded)


_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace (wrapped lines joined by the parser keep newlines or double spaces)."""
    return _SPACES.sub(" ", text).strip()


def key(text: str) -> str:
    """A comparison key: folded, lower case, single spaces, no surrounding punctuation."""
    return squash(fold(text).lower().replace("''", "'")).strip(" .,;:-\"'")
