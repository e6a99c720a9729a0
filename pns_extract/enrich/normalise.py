"""Length-preserving folding of OCR'd French, so that patterns can be written once
(no accents, straight quotes and dashes) while spans still point into the printed
text: ``fold(text)[i:j]`` and ``text[i:j]`` are the same passage."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = {
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
    "—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\n": " ",
}  # fmt: skip


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character, so folding a text is
    one C-level pass (ASCII stays itself; accented letters become their base letter)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in _PUNCT:
            folded = _PUNCT[ch]
        elif ch.isascii():
            folded = ch
        else:
            base = unicodedata.normalize("NFKD", ch)[0]
            folded = base if base.isascii() else ch
        self[code] = folded
        return folded


_TABLE = _FoldTable()


# OCR reads the French elision "l'" as "I'" or "|'" and "qu'" as "gu'": fold them back.
_ELISION = re.compile(r"(?<![A-Za-z])[I|](?=')")
_QU = re.compile(r"(?<![A-Za-z])([gG])u(?=')")


@lru_cache(maxsize=8192)  # passages are folded by several extractors
def fold(text: str) -> str:
    """Strip accents, straighten quotes/dashes, repair OCR elisions; same length as ``text``."""
    folded = text.translate(_TABLE)
    folded = _ELISION.sub("l", folded)
    return _QU.sub(lambda m: "qu" if m.group(1) == "g" else "Qu", folded)


_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace (wrapped lines joined by the parser keep newlines or double spaces)."""
    return _SPACES.sub(" ", text).strip()


def key(text: str) -> str:
    """A comparison key: folded, lower case, single spaces, no surrounding punctuation."""
    text = fold(text).lower().replace("''", "'").replace("œ", "oe").replace("æ", "ae")
    return squash(text).strip(" .,;:-\"'")
