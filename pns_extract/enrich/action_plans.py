"""One canonical entry per cited plan or framework, whatever the spelling.

A citation is read as ``base`` + optional ``qualifier``:
- ``Note-cadre de sécurité intégrale 2026-2029 — « Sécurité économique »``: base + NCSI dimension;
- ``EMPACT : la Police Fédérale fournit ...``, ``Stratégie ... — Cyber Law Enforcement``: head + detail;
- ``Plan national drogues (Commissariat National Drogue)``: trailing parenthesis = qualifier,
  unless it is an acronym (``(PGSP)``), which becomes an alias of the base;
- ``(Futur) plan d'action ...``: leading parenthesis = qualifier.
Bases are compared on a key that ignores case, accents, dashes, quotes, years and a leading
article, with a leading acronym replaced by its expansion (glossary or ``Name (ACR)`` citations).
A named plan (one with an acronym) also absorbs longer citations that start with its name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import ActionPlanIndexEntry, GlossaryEntry, Theme, slug
from ..textnorm import fold_aligned, squash
from .glossary_links import acronym_like
from .ncsi_terms import FRAMEWORK
from .normalise import key

_BULLET = re.compile(r"^\s*(?:[•·▪◦*»>=¢-]|e(?=\s+[A-Z(«\"]))\s+")
_LEAD_PAREN = re.compile(r"^\(([^()]{1,40})\)\s*")
_TRAIL_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_COLON = re.compile(r"\s*:\s+")
_DASH = re.compile(r"\s+[-—–]+\s+")
_QUOTED = re.compile(r"\s*[-—–]?\s*[«\"“]\s*([^«»\"“”]+?)\s*[»\"”]\s*$")
# Years and year ranges (not the year of a date "13-07-2023" or of an act number "2021/555").
_YEARS = re.compile(
    r"(?:,?\s*(?:legislature|periode)\s*)?(?<![-/\d])\b(?:19|20)\d\d(?:\s*-+\s*(?:19|20)\d\d)?\b(?![/\d])"
)
_LOST_L = re.compile(r"(?<=\s)'(?=[a-z])")  # OCR dropped the l of "l'UE": "de 'UE"
_PARENS = re.compile(r"\([^()]*\)")
_ARTICLE = re.compile(r"^(?:la|le|les|l')\s*")
_NON_WORD = re.compile(r"[^a-z0-9']+")


@dataclass(slots=True)
class Citation:
    theme: str
    printed: str  # as printed, whitespace squashed
    base: str  # printed base, qualifier removed
    qualifier: str | None
    alias: str | None  # acronym given in parentheses
    own_key: str = ""  # key of its own base
    key: str = ""  # key of the entry it ends up in


@dataclass(slots=True)
class _Entry:
    key: str
    citations: list[Citation] = field(default_factory=list)
    named: bool = False


def split_citation(printed: str) -> tuple[str, str | None, str | None]:
    """``printed`` -> (base, qualifier, alias)."""
    text = _BULLET.sub("", squash(printed))
    qualifiers: list[str] = []
    alias: str | None = None
    lead = _LEAD_PAREN.match(text)
    if lead and len(text) > lead.end():
        qualifiers.append(lead.group(1).strip())
        text = text[lead.end() :]
        text = text[:1].upper() + text[1:]
    quoted = _QUOTED.search(text)
    if quoted and quoted.start() > 0:
        dash_before = bool(re.search(r"[-—–]\s*[«\"“]", text[quoted.start() : quoted.end()]))
        if dash_before or FRAMEWORK.search(fold_aligned(text[: quoted.start()])):
            qualifiers.insert(0, quoted.group(1).strip())
            text = text[: quoted.start()].rstrip()
    colon = _COLON.search(text)
    if colon:
        qualifiers.insert(0, text[colon.end() :].strip())
        text = text[: colon.start()].rstrip()
    dash = _DASH.search(text)
    if dash:
        head, tail = text[: dash.start()].rstrip(), text[dash.end() :].strip()
        first, _, rest = tail.partition(" ")
        rest = rest.strip()
        # "Comité ... — CIPCIA (AR du ...)": the acronym is an alias, the parenthesis a qualifier
        if acronym_like(first) and not acronym_like(head) and (not rest or rest.startswith("(")):
            alias = first
            if rest:
                qualifiers.insert(0, rest.strip("() "))
        else:
            qualifiers.insert(0, tail)
        text = head
    trail = _TRAIL_PAREN.search(text)
    if trail and trail.start() > 0:
        inner = trail.group(1).strip()
        if acronym_like(inner) and " " not in inner:
            alias = alias or inner
        elif inner:
            qualifiers.insert(0, inner)
        text = text[: trail.start()].rstrip()
    qualifier = " — ".join(q for q in qualifiers if q) or None
    return text.strip(" ,;"), qualifier, alias


def base_key(base: str, expansions: dict[str, str]) -> str:
    text = fold_aligned(base)
    first, _, rest = text.partition(" ")
    if first in expansions:  # "NCSI — ..." is the Note-cadre; "EMPACT Firearms" is EMPACT's
        text = f"{expansions[first]} {rest}"
    text = _LOST_L.sub("l'", _PARENS.sub(" ", text.lower()))
    text = _YEARS.sub(" ", text)
    text = _ARTICLE.sub("", key(text))
    return _NON_WORD.sub(" ", text).strip()


def _expansions(
    glossary: Sequence[GlossaryEntry], citations: Sequence[Citation], definitions: Mapping[str, str]
) -> dict[str, str]:
    """acronym -> expansion: the glossary first, then ``Name (ACR)`` citations, then the text."""
    table = {e.acronym.strip(): e.expansion for e in glossary if len(e.acronym.strip()) >= 2}
    for citation in citations:  # "Plan Global de Sécurité et de Prévention (PGSP)" defines PGSP
        if citation.alias:
            table.setdefault(citation.alias, citation.base)
    for acronym, expansion in definitions.items():
        table.setdefault(acronym, expansion)
    return {acronym: fold_aligned(expansion) for acronym, expansion in table.items()}


def build_index(
    themes: Sequence[Theme], glossary: Sequence[GlossaryEntry], definitions: Mapping[str, str] | None = None
) -> tuple[list[Theme], list[ActionPlanIndexEntry], list[tuple[str, Citation]]]:
    """Returns themes with ``index_id``/``duplicate`` set on their references, the index in
    order of first citation, and every (index id, citation) in document order.
    ``definitions`` are acronyms the running text defines (``definitions.text_definitions``)."""
    citations: list[list[Citation]] = []
    for theme in themes:
        row = []
        for ref in theme.action_plans:
            base, qualifier, alias = split_citation(ref.title)
            row.append(Citation(theme.number, squash(ref.title), base, qualifier, alias))
        citations.append(row)
    flat = [c for row in citations for c in row]
    expansions = _expansions(glossary, flat, definitions or {})
    defined = {slug(base_key(expansion, {})) for expansion in expansions.values()}
    entries: dict[str, _Entry] = {}
    for citation in flat:
        # entries are keyed by the slug of the key: what differs only in punctuation is one plan
        citation.own_key = citation.key = slug(base_key(citation.base, expansions) or key(citation.printed))
        entry = entries.setdefault(citation.key, _Entry(citation.key))
        entry.citations.append(citation)
        named = bool(citation.alias) or citation.base.strip() in expansions or citation.key in defined
        entry.named = entry.named or named
    _absorb_longer_names(entries)
    _absorb_acronym_mentions(entries, expansions)
    final: dict[str, _Entry] = {}
    for citation in flat:
        final.setdefault(citation.key, _Entry(citation.key)).citations.append(citation)

    ids = _entry_ids(final.values())
    themed: list[Theme] = []
    pairs: list[tuple[str, Citation]] = []
    for theme, row in zip(themes, citations, strict=True):
        seen: set[tuple[str, str | None]] = set()
        refs = []
        for ref, citation in zip(theme.action_plans, row, strict=True):
            index_id = ids[citation.key]
            mark = (index_id, key(citation.qualifier) if citation.qualifier else None)
            update = {"index_id": index_id, "qualifier": citation.qualifier, "duplicate": mark in seen}
            refs.append(ref.model_copy(update=update))
            seen.add(mark)
            pairs.append((index_id, citation))
        themed.append(theme.model_copy(update={"action_plans": refs}))
    return themed, [_to_model(entry, ids[entry.key]) for entry in final.values()], pairs


def _absorb_longer_names(entries: dict[str, _Entry]) -> None:
    """``Plan global de sécurité et de prévention de la Région de Bruxelles-Capitale`` is the
    PGSP: a named plan absorbs the citations whose key starts with its own."""
    named = sorted((e.key for e in entries.values() if e.named), key=len, reverse=True)
    for other in list(entries.values()):
        for name in named:
            if other.key != name and other.key.startswith(name + "-"):
                for citation in other.citations:
                    citation.key = name
                    rest = _after_name(citation.base, name)
                    if rest:
                        citation.base = citation.base[: len(citation.base) - len(rest)].rstrip(" ,;-—–")
                        citation.qualifier = f"{rest} — {citation.qualifier}" if citation.qualifier else rest
                break


def _absorb_acronym_mentions(entries: dict[str, _Entry], expansions: Mapping[str, str]) -> None:
    """``Programme européen EMPACT (...)`` and ``Priorités EMPACT THB`` cite EMPACT: a citation whose
    base names, as a word, the acronym of a cited plan belongs to that plan (its base becomes the
    qualifier). Parentheses are not looked into: ``Priorités UE (cf. EMPACT)`` only refers to it."""
    acronyms: dict[str, str] = {}
    for acronym, expansion in expansions.items():
        entry_key = slug(base_key(expansion, {}))
        if entry_key in entries and acronym_like(acronym):
            acronyms[acronym] = entry_key
    for entry in entries.values():
        for citation in entry.citations:
            if citation.alias:
                acronyms.setdefault(citation.alias, citation.key)
            if acronym_like(citation.base):
                acronyms.setdefault(citation.base, citation.key)
    for entry in entries.values():
        for citation in entry.citations:
            words = re.findall(r"[A-Za-z0-9]+", fold_aligned(_PARENS.sub(" ", citation.base)))
            target = next((acronyms[w] for w in words if w in acronyms), None)
            if target is None or target == citation.key or acronym_like(citation.base):
                continue
            citation.key = target
            rest = citation.base
            citation.qualifier = f"{rest} — {citation.qualifier}" if citation.qualifier else rest


def _after_name(base: str, name: str) -> str:
    """What follows ``name`` (a key) in the printed ``base``, years skipped:
    ``Note-cadre de sécurité intégrale 2026-2029 Sécurité économique`` -> ``Sécurité économique``."""
    words = [re.escape(word) for word in name.split("-")]
    pattern = r"[\W_]*" + r"[\W_]+".join(words) + r"\b"
    match = re.match(pattern, fold_aligned(base).lower().replace("'", " "))
    if not match:
        return ""
    rest = base[match.end() :].lstrip(" ,;:-—–")
    skipped = _YEARS.match(fold_aligned(rest))
    if skipped:
        rest = rest[skipped.end() :]
    return rest.strip(' ,;-—–"«»')


def _title(entry: _Entry) -> str:
    """The entry's own spelling (not an absorbed longer one), written out rather than
    abbreviated where possible, the most frequent, then the first."""
    own = [c.base for c in entry.citations if c.own_key == entry.key] or [c.base for c in entry.citations]
    candidates = [b for b in own if not acronym_like(b)] or own
    counts = Counter(candidates)
    return max(candidates, key=lambda b: (counts[b], -candidates.index(b)))


def _entry_ids(entries: Iterable[_Entry]) -> dict[str, str]:
    """Ids from the canonical title ("plan_empact", not the glossary's expansion of it),
    falling back on the full key if two titles would collide."""
    ids: dict[str, str] = {}
    for entry in entries:
        candidate = f"plan_{slug(base_key(_title(entry), {}) or entry.key)}"
        if candidate in ids.values():
            candidate = f"plan_{entry.key}"
        while candidate in ids.values():
            candidate += "-bis"
        ids[entry.key] = candidate
    return ids


def _to_model(entry: _Entry, entry_id: str) -> ActionPlanIndexEntry:
    citations = entry.citations
    title = _title(entry)
    qualifiers = {key(c.qualifier) if c.qualifier else None for c in citations}
    qualifier = citations[0].qualifier if len(qualifiers) == 1 else None
    variants = list(dict.fromkeys(c.printed for c in citations))
    cited_by = list(dict.fromkeys(c.theme for c in citations))
    return ActionPlanIndexEntry(id=entry_id, title=title, qualifier=qualifier, variants=variants, cited_by=cited_by)


def is_ncsi(citation: Citation) -> bool:
    return bool(FRAMEWORK.search(fold_aligned(citation.base)))
