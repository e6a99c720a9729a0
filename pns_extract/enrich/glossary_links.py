"""Where each glossary acronym occurs, and which acronyms the text uses without
defining them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..model import GlossaryEntry, Mention, UndefinedAcronym
from ..textnorm import within_one_edit
from .text_index import Passage

_SHAPE = re.compile(r"[A-Z][A-Za-z0-9]*")
_ROMAN = re.compile(r"[IVXLC]+")


@lru_cache(maxsize=16384)
def acronym_like(token: str) -> bool:
    """An all-caps token such as ``CIEAR``, ``EC3``, ``MTCNi`` or ``VaaS`` (not a Roman numeral)."""
    if len(token) < 2 or not _SHAPE.fullmatch(token) or _ROMAN.fullmatch(token):
        return False
    upper = sum(ch.isupper() for ch in token)
    return upper >= 2 and upper >= sum(ch.islower() for ch in token)


class GlossaryMatcher:
    """Maps a token (or token n-gram) to the glossary acronym it spells, tolerating
    case damage (``CCu``/``CCU``) and, for long acronyms, one OCR edit (``MOTEM``/``MOTTEM``)."""

    FUZZY_MIN = 5  # shorter acronyms are too dense: RCCU and FCCU are different units

    def __init__(self, glossary: Sequence[GlossaryEntry]):
        self.exact: dict[str, str] = {}
        self.upper: dict[str, str] = {}
        self.multi: dict[tuple[str, ...], str] = {}
        for entry in glossary:
            acronym = entry.acronym.strip()
            if len(acronym) < 2:  # an OCR-truncated acronym ('A') would match every capital A
                continue
            parts = tuple(acronym.split())
            if len(parts) > 1:
                self.multi[parts] = acronym
            self.exact.setdefault(acronym, acronym)
            self.upper.setdefault(acronym.upper(), acronym)
        self._cache: dict[str, str | None] = {}

    def lookup(self, token: str) -> str | None:
        if token in self.exact:
            return self.exact[token]
        if token in self._cache:
            return self._cache[token]
        found = self.upper.get(token.upper()) if acronym_like(token) or token.isupper() else None
        if found is None and acronym_like(token) and len(token) >= self.FUZZY_MIN:
            close = [a for u, a in self.upper.items() if len(u) >= self.FUZZY_MIN and within_one_edit(u, token.upper())]
            found = close[0] if len(close) == 1 else None
        self._cache[token] = found
        return found


def _order(where: Iterable[str], seen: dict[str, int]) -> list[str]:
    return sorted(where, key=lambda w: seen[w])


def link_glossary(
    glossary: Sequence[GlossaryEntry], tokens: Sequence[tuple[Passage, Sequence[str]]]
) -> tuple[list[GlossaryEntry], list[UndefinedAcronym]]:
    """``tokens`` pairs each passage with its token texts (folded). Returns the glossary with
    ``mentions`` filled and the acronyms used but not defined, both deterministic."""
    matcher = GlossaryMatcher(glossary)
    first_seen: dict[str, int] = {}
    found: dict[str, Counter[str]] = {}
    undefined: dict[str, Counter[str]] = {}
    lowercase_words: set[str] = set()
    for passage, words in tokens:
        first_seen.setdefault(passage.where, len(first_seen))
        lowercase_words.update(w for w in words if w.islower())
        skip = 0
        for i, word in enumerate(words):
            if skip:
                skip -= 1
                continue
            for parts, acronym in matcher.multi.items():
                if tuple(words[i : i + len(parts)]) == parts:
                    found.setdefault(acronym, Counter())[passage.where] += 1
                    skip = len(parts) - 1
                    break
            else:
                acronym = matcher.lookup(word)
                if acronym is not None:
                    found.setdefault(acronym, Counter())[passage.where] += 1
                elif acronym_like(word):
                    undefined.setdefault(word, Counter())[passage.where] += 1

    def mentions(counter: Counter[str]) -> list[Mention]:
        return [Mention(theme=w, count=counter[w]) for w in _order(counter, first_seen)]

    linked = [
        entry.model_copy(update={"mentions": mentions(found.get(entry.acronym.strip(), Counter()))})
        for entry in glossary
    ]
    # An all-caps word whose lower-case form the text also uses is a shouted word, not an acronym.
    missing = [
        UndefinedAcronym(acronym=word, mentions=mentions(counter))
        for word, counter in sorted(undefined.items())
        if word.lower() not in lowercase_words
    ]
    return linked, missing
