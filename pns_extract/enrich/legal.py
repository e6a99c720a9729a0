"""Laws, royal decrees, articles, circulars and EU acts cited anywhere in the text.

Patterns run on folded text (accents stripped, OCR elisions repaired, same length), so the
reference is sliced from the printed text exactly as it reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model import LegalKind, LegalReference
from ..textnorm import fold_aligned, squash
from .text_index import Passage

_MONTH = r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
DATE = rf"(?:\d{{1,2}}(?:er)?\s+{_MONTH}\s+\d{{4}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}})"
_TITLE_END = r"(?=\s*(?:[,;:()\[\].]|\s-\s|$))"
_SUBJECT = r"(?:sur|relatif|relatifs|relative?s?|portant|instituant|concernant|modifiant|organisant|organique|visant)"
_LAW_TAIL = rf"{_SUBJECT}\s+(?:[^,;:()\[\].\s]+\s*){{1,14}}?"
_MB = rf"(?:,\s*M\.\s*B\.\s*du\s+{DATE})?"
_CODE = (
    r"(?:nouveau\s+)?[Cc]ode\s+"
    r"(?:penal|civil|judiciaire|de\s+la\s+route|d'instruction\s+criminelle|frontieres\s+Schengen)"
)
LAW = (
    rf"\b[LlI]oi(?:-programme|\s+speciale|\s+ordinaire)?\s+(?:du\s+{DATE}(?:\s+{_LAW_TAIL}{_TITLE_END})?"
    rf"|{_LAW_TAIL}(?:\s*du\s+{DATE})?{_TITLE_END}{_MB}"
    rf"|[A-Z]{{2,}}\b)"
)
_ARTICLE_NUMBER = r"\d+(?:bis|ter|quater)?(?:\s*(?:/|,|et|a)\s*\d+(?:bis|ter|quater)?)*(?:,?\s*§\s*\d+)?"
ARTICLE = (
    rf"\bart(?:icles?|s?\.?)\s*{_ARTICLE_NUMBER}\s+"
    rf"(?:(?:de\s+la|de\s+l'|du|des|de)\s*)?(?:{LAW}|{_CODE}|[A-Z]{{2,}}[a-z]?\b)"
)

PATTERNS: tuple[tuple[LegalKind, re.Pattern[str]], ...] = (
    ("article", re.compile(ARTICLE)),
    ("law", re.compile(LAW)),
    ("law", re.compile(rf"\b{_CODE}\b")),
    ("royal_decree", re.compile(rf"\b(?:A\.?\s?R\.?|[Aa]rrete\s+royal)\s+du\s+{DATE}")),
    ("circular", re.compile(r"\b(?:COL|GPI|PLP|OOP|MFO)(?:\s|-)?\d{1,3}(?:/\d{2,4})?(?:bis|ter)?\b(?!\s*-\s*\d)")),
    (
        "circular",
        re.compile(
            rf"\b[Cc]irculaire\s+(?:(?:ministerielle|interministerielle|commune|federale)\s+)*du\s+{DATE}"
            rf"|\b[Dd]irective\s+(?:(?:ministerielle|interministerielle|commune)\s+)+du\s+{DATE}"
        ),
    ),
    (
        "eu_act",
        re.compile(
            r"\b(?:[Dd]irective|[Rr]eglement|[Rr]egulation|[Dd]ecision(?:-cadre)?)\s+(?:\((?:UE|CE|EU)\)\s*)?"
            r"(?:n[°o]\s*)?\d{2,4}/\d{1,4}(?:/(?:UE|CE|EU|JAI))?"
            r"|\b[Rr]eglement\s+general\s+sur\s+la\s+protection\s+des\s+donnees|\b(?:RGPD|GDPR)\b"
        ),
    ),
    (
        "other",
        re.compile(
            r"\bConventions?\s+(?:d'|de\s+|des\s+)[A-Z][\w-]+(?:\s+(?:[Uu]nies|[A-Z][\w-]+))*(?:\s+contre\s+la\s+[a-z]+)?"
        ),
    ),
)


def _kind(kind: LegalKind, folded: str) -> LegalKind:
    if kind == "law" and "schengen" in folded.lower():
        return "eu_act"
    return kind


def find_references(text: str) -> Iterator[tuple[LegalKind, int, int]]:
    """(kind, start, end) spans in ``text``, in order; a span inside a longer one of the same
    kind is dropped, but a law inside an article is kept (both are references)."""
    folded = fold_aligned(text)
    spans: list[tuple[LegalKind, int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            while end > start and folded[end - 1] in " ,;:":
                end -= 1
            spans.append((_kind(kind, folded[start:end]), start, end))
    kept = [
        (kind, s, e)
        for kind, s, e in spans
        if not any(k == kind and s2 <= s and e <= e2 and (s2, e2) != (s, e) for k, s2, e2 in spans)
    ]
    ordered = sorted(set(kept), key=lambda span: (span[1], -span[2], span[0]))
    # "Règlement général sur la protection des données (RGPD)": the acronym is the same reference
    yield from (
        span
        for i, span in enumerate(ordered)
        if not any(k == span[0] and folded[e : span[1]].strip() == "(" for k, _s, e in ordered[:i])
    )


def legal_references(passages: Iterable[Passage]) -> list[LegalReference]:
    found: list[LegalReference] = []
    seen: set[tuple[str, str, str | None, int]] = set()
    for passage in passages:
        for kind, start, end in find_references(passage.text):
            text = squash(passage.text[start:end])
            mark = (kind, fold_aligned(text).lower(), passage.theme, passage.page)
            if mark not in seen:
                seen.add(mark)
                found.append(LegalReference(kind=kind, text=text, theme=passage.theme, page=passage.page))
    return found
