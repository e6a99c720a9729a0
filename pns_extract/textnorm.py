"""Text normalisation: the one home of the ways the stages fold French text as OCR delivers
it (accents lost, apostrophes and dashes of every kind, ``l'`` read ``I'``), and of the
one-edit test that forgives a single OCR slip.

Four folds, because four jobs need different guarantees — each stage imports the one it needs:

- ``fold_word``: a lexicon key for one word (repair): lower case, no diacritics, ligatures
  spelled out (``œuvre`` -> ``oeuvre``), so every accented spelling shares the key.
- ``fold_aligned``: the same length as its input (enrichment), so a span found in the folded
  text points into the printed text; quotes and dashes straightened, OCR elisions repaired.
- ``fold_match``: for the parser's recognisers: lower case, accent-free, one apostrophe, single
  spaces (lengths change: never used for offsets).
- ``fold_compare``: for comparing editions (diff): lower-case, accents and ligatures gone,
  apostrophes and dashes unified, ``|`` read as ``l``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# ------------------------------------------------------------------ fold_word

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


class _StripMarks(dict[int, str]):
    """Each character's decomposition (``form``: NFD or NFKD) without its combining marks, filled
    on first sight, for ``str.translate``. Per character is the same as per string:
    decomposition maps one character at a time, and canonical reordering only moves the
    combining marks dropped here."""

    def __init__(self, form: str) -> None:
        super().__init__()
        self.form = form

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize(self.form, chr(code))  # type: ignore[arg-type]
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code] = stripped
        return stripped


_STRIP_MARKS = _StripMarks("NFD")


def fold_word(word: str) -> str:
    """Lower case, no diacritics, ligatures spelled out: the form OCR damage converges to.
    (NFD, then the combining marks dropped: one C-level pass over a table; the lexicon folds
    40,000 words when it loads.)"""
    return word.translate(_LIGATURES).lower().translate(_STRIP_MARKS)


# --------------------------------------------------------------- fold_aligned

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
def fold_aligned(text: str) -> str:
    """Strip accents, straighten quotes/dashes, repair OCR elisions; same length as ``text``."""
    folded = text.translate(_TABLE)
    folded = _ELISION.sub("l", folded)
    return _QU.sub(lambda m: "qu" if m.group(1) == "g" else "Qu", folded)


# ----------------------------------------------------------------- fold_match

_APOSTROPHES = "'’‘`´"
_STRIP_COMPATIBLE = _StripMarks("NFKD")
_ANY_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_SPACE_RUNS = re.compile(r"\s+")


@lru_cache(maxsize=16384)  # the parser's recognisers fold the same lines again and again
def fold_match(text: str) -> str:
    """Lowercase, accent-free, one kind of apostrophe, single spaces: for matching, never for output.
    (NFKD without combining marks, as one pass over a table.)"""
    text = _ANY_APOSTROPHE.sub("'", text.translate(_STRIP_COMPATIBLE).lower())
    return _SPACE_RUNS.sub(" ", text).strip()


# --------------------------------------------------------------- fold_compare

_COMPARE_APOSTROPHES = "'’‘`´ʼ′"
_DASHES = "-‐‑‒–—―−"


def fold_compare(text: str) -> str:
    """Lower-case ASCII with apostrophes and dashes unified (accents stripped)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("ß", "ss")
    text = text.lower().replace("|", "l")  # OCR reads a lower-case l as a bar
    for ch in _COMPARE_APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _DASHES:
        text = text.replace(ch, "-")
    return text


# ------------------------------------------------------------ spaces and edits

_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace (wrapped lines joined by the parser keep newlines or double spaces)."""
    return _SPACES.sub(" ", text).strip()


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are equal or differ by one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]
