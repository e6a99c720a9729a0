"""The Note-cadre de sécurité intégrale (NCSI) and its six dimensions, as the PNS
names them; patterns run on folded text (see ``textnorm.fold_aligned``)."""

from __future__ import annotations

import re

from ..model import NcsiDimension

# The framework itself, under its name or its acronym.
FRAMEWORK = re.compile(r"\bnote[- ]?cadre(?: de)? securite integrale\b|\bNCSI\b", re.IGNORECASE)

# A qualifier of an NCSI citation names its dimension with a keyword...
KEYWORDS: dict[NcsiDimension, re.Pattern[str]] = {
    "personne": re.compile(r"\bliee?s? a la personne\b|\bpersonnes?\b", re.I),
    "societale": re.compile(r"\bsocietale\b", re.I),
    "economique": re.compile(r"\beconomique\b", re.I),
    "ecologique": re.compile(r"\becologique\b", re.I),
    "espace_public": re.compile(r"\bespace public\b|\bvaleurs democratiques\b", re.I),
    "numerique": re.compile(r"\bnumerique\b", re.I),
}
# ...while running text must name it in full ("sécurité économique"), since "numérique"
# alone is everywhere in a plan about cybercrime.
PHRASES: dict[NcsiDimension, re.Pattern[str]] = {
    "personne": re.compile(r"\bsecurite liee a la personne\b", re.I),
    "societale": re.compile(r"\bsecurite societale\b", re.I),
    "economique": re.compile(r"\bsecurite economique\b", re.I),
    "ecologique": re.compile(r"\bsecurite ecologique\b", re.I),
    "espace_public": re.compile(r"\bsecurite de l'espace public\b", re.I),
    "numerique": re.compile(r"\bsecurite numerique\b", re.I),
}
ORDER: tuple[NcsiDimension, ...] = tuple(KEYWORDS)


def dimensions_named(folded: str, *, qualifier: bool) -> list[NcsiDimension]:
    """Dimensions a folded text names: keywords in an NCSI qualifier, full phrases in prose."""
    table = KEYWORDS if qualifier else PHRASES
    return [dim for dim in ORDER if table[dim].search(folded)]
