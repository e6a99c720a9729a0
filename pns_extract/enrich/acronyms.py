"""Glossary acronyms reconciled with the body's use: a lookup of the form the text uses must
find the entry, even when OCR misread the glossary's print.

- The glossary prints ``MOTTEM`` or ``DG]`` while the body writes ``MOTEM`` / ``DGJ``: when the
  printed acronym is not used in the body and exactly one form the body uses is an OCR variant
  of it (confusable characters, a doubled letter, or one edit for long acronyms), the entry takes
  the body's form and keeps the print in ``printed_acronym``.
- The glossary line lost its acronym (``A Plan zonal de sécurité``): when the body writes the
  expansion with its acronym (``plans zonaux de sécurité (PZS)``), the entry takes it; when the
  body never gives it, the entry is left as printed. Nothing is invented.
Every change, and every acronym left lost, is reported as an ``enrichment`` notice."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..model import GlossaryEntry, Notice
from ..textnorm import fold_aligned, within_one_edit
from .glossary_links import GlossaryMatcher, acronym_like

# Characters OCR confuses in capitals, each mapped to one representative.
_CONFUSABLE = str.maketrans({"]": "J", "0": "O", "1": "I", "l": "I", "|": "I", "!": "I"})
_DOUBLED_MIN = 3  # "CCU" -> "CU" is too short to trust a dropped doubled letter
_WORD = re.compile(r"[a-z0-9]+")
_ALNUM = re.compile(r"[A-Za-z0-9]")


def ocr_variant(printed: str, used: str) -> bool:
    """True when ``printed`` may be an OCR misreading of ``used``: confusable characters
    (``]``/``J``, ``0``/``O``, ``1``/``I``/``l``), a doubled letter (``MOTTEM``/``MOTEM``), or,
    for acronyms of five characters or more, one edit. Shorter acronyms are too dense for a
    free edit: ``RCCU`` and ``FCCU`` are different units."""
    if printed == used or not printed or not used:
        return False
    a, b = printed.translate(_CONFUSABLE), used.translate(_CONFUSABLE)
    if a == b:
        return True
    if _one_doubled_letter(a, b) or _one_doubled_letter(b, a):
        return True
    return min(len(a), len(b)) >= GlossaryMatcher.FUZZY_MIN and within_one_edit(a, b)


def _one_doubled_letter(longer: str, shorter: str) -> bool:
    return (
        len(longer) == len(shorter) + 1
        and len(shorter) >= _DOUBLED_MIN
        and any(longer[i] == longer[i + 1] and longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer) - 1))
    )


def lost(acronym: str) -> bool:
    """A glossary acronym the OCR lost: fewer than two letters or digits, or no capital, left
    once its confusable characters are read back (``A``, ``-``; ``DG]`` reads back as ``DGJ``,
    and ``DirCo`` is an acronym in its own right)."""
    text = acronym.strip().translate(_CONFUSABLE)
    return len(_ALNUM.findall(text)) < 2 or not any(ch.isupper() for ch in text)


def _singular(word: str) -> str:
    """French plural to singular, enough to compare noun phrases: zonaux -> zonal, plans -> plan."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def same_phrase(a: str, b: str) -> bool:
    """The same noun phrase, whatever the case, accents, elisions and number."""

    def norm(text: str) -> list[str]:
        return [_singular(w) for w in _WORD.findall(fold_aligned(text).lower())]

    return bool(norm(a)) and norm(a) == norm(b)


def reconcile_glossary(
    glossary: Sequence[GlossaryEntry], body_forms: Iterable[str], definitions: Mapping[str, str]
) -> tuple[list[GlossaryEntry], list[Notice]]:
    """``body_forms``: the tokens the body uses (folded); ``definitions``: acronym -> long form
    the body gives as ``Long Form (ACR)`` (``definitions.text_definitions``). Returns the glossary
    with body forms where the print was misread or lost, and a notice for each decision."""
    used = {form for form in body_forms if acronym_like(form)}
    used_upper = {form.upper() for form in used}
    printed = {entry.acronym.strip().upper() for entry in glossary}
    reconciled: list[GlossaryEntry] = []
    notices: list[Notice] = []
    for entry in glossary:
        acronym = entry.acronym.strip()
        if entry.printed_acronym is not None or acronym.upper() in used_upper:
            reconciled.append(entry)
            continue
        # a form another entry prints is that entry's acronym, not a misreading of this one
        if lost(acronym):
            candidates = sorted(
                a
                for a, long_form in definitions.items()
                if a.upper() not in printed and same_phrase(long_form, entry.expansion)
            )
        else:
            candidates = sorted(form for form in used if form.upper() not in printed and ocr_variant(acronym, form))
        message = _decision(entry, candidates)
        if len(candidates) == 1:
            entry = entry.model_copy(update={"acronym": candidates[0], "printed_acronym": acronym})
        reconciled.append(entry)
        if message:
            notices.append(Notice(kind="enrichment", message=message, page=entry.page))
    return reconciled, notices


def _decision(entry: GlossaryEntry, candidates: Sequence[str]) -> str | None:
    """The notice's message for an entry the body does not use as printed, or None."""
    acronym, what = entry.acronym.strip(), f"glossary acronym {entry.acronym.strip()!r} ({entry.expansion})"
    if len(candidates) == 1:
        why = "the text gives it with the expansion" if lost(acronym) else "an OCR misreading of the form the text uses"
        return f"{what} read as {candidates[0]!r}: {why}"
    if candidates:
        return f"{what} may be any of {', '.join(candidates)}: kept as printed"
    if lost(acronym):
        return f"{what}: the OCR lost the acronym and the text never gives it with the expansion: kept as printed"
    return None  # an acronym the text does not use, with no variant of it: nothing to say
