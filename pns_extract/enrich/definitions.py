"""Acronyms the text defines in passing, ``Note-cadre de sécurité intégrale (NCSI)``: the
acronym's letters are the initials, in order, of words just before the parenthesis (a strict
Schwartz–Hearst rule: the first letter starts the first word, every letter starts a word)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..textnorm import fold_aligned
from .glossary_links import acronym_like

_PAREN = re.compile(r"\(([A-Za-z][A-Za-z0-9]{1,11})\)")
_WORD = re.compile(r"[A-Za-z0-9]+")  # hyphens and apostrophes split: Note-cadre -> N, C; d'expertise -> E


def long_form(before: str, acronym: str) -> str | None:
    """The shortest tail of ``before`` whose word initials spell ``acronym``, or None."""
    letters = [ch.lower() for ch in acronym if ch.isalpha()]
    words = list(_WORD.finditer(before))[-(2 * len(letters) + 3) :]
    if len(letters) < 2 or not words:
        return None
    a = len(letters) - 1
    for index in range(len(words) - 1, -1, -1):
        if words[index].group()[0].lower() == letters[a]:
            a -= 1
            if a < 0:
                return before[words[index].start() :].strip(" ,;:")
    return None


def text_definitions(texts: Iterable[str]) -> dict[str, str]:
    """acronym -> long form (folded) for every ``Long Form (ACR)`` in ``texts``; the first wins."""
    found: dict[str, str] = {}
    for text in texts:
        folded = fold_aligned(text)
        for match in _PAREN.finditer(folded):
            acronym = match.group(1)
            if acronym in found or not acronym_like(acronym):
                continue
            expansion = long_form(folded[max(0, match.start() - 200) : match.start()], acronym)
            if expansion:
                found[acronym] = expansion
    return found
