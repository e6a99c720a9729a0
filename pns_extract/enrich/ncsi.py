"""Which of the NCSI's six dimensions each theme serves, with the evidence: its NCSI
citations (``Note-cadre ... — « Sécurité économique »``) and sentences of its own text
that name a dimension in full (``... la sécurité numérique ...``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import NcsiDimension, NcsiTie
from ..textnorm import fold_aligned, squash
from .action_plans import Citation, is_ncsi
from .ncsi_terms import ORDER, dimensions_named
from .text_index import PROSE_KINDS, Passage

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z«\"(])")


def sentences(text: str) -> list[str]:
    return [s for s in (squash(part) for part in _SENTENCE_END.split(text)) if s]


def theme_ties(citations: Iterable[Citation], passages: Iterable[Passage]) -> list[NcsiTie]:
    evidence: dict[NcsiDimension, list[str]] = {}
    for citation in citations:
        if is_ncsi(citation) and citation.qualifier:
            for dim in dimensions_named(fold_aligned(citation.qualifier), qualifier=True):
                evidence.setdefault(dim, []).append(citation.printed)
    for passage in passages:
        if passage.kind not in PROSE_KINDS:
            continue
        for sentence in sentences(passage.text):
            for dim in dimensions_named(fold_aligned(sentence), qualifier=False):
                evidence.setdefault(dim, []).append(sentence)
    return [NcsiTie(dimension=dim, evidence=list(dict.fromkeys(evidence[dim]))) for dim in ORDER if dim in evidence]


def ties_by_theme(
    numbers: Sequence[str], citations: Sequence[tuple[str, Citation]], passages: Sequence[Passage]
) -> dict[str, list[NcsiTie]]:
    return {
        number: theme_ties((c for _, c in citations if c.theme == number), (p for p in passages if p.theme == number))
        for number in numbers
    }
