"""The enrichment's comparison key. Folding lives in ``pns_extract.textnorm``: the enrichment
uses its length-preserving ``fold_aligned`` (spans found in folded text point into the printed
text) and ``squash``."""

from __future__ import annotations

from ..textnorm import fold_aligned, squash


def key(text: str) -> str:
    """A comparison key: folded, lower case, single spaces, no surrounding punctuation."""
    text = fold_aligned(text).lower().replace("''", "'").replace("œ", "oe").replace("æ", "ae")
    return squash(text).strip(" .,;:-\"'")
