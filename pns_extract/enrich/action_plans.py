"""One canonical entry per cited plan or framework, whatever the spelling, and never one
entry for two plans.

A citation is read as ``base`` + optional ``qualifier``:
- ``Note-cadre de sécurité intégrale 2026-2029 — « Sécurité économique »``: base + NCSI dimension;
- ``Stratégie ... — Cyber Law Enforcement``: head + detail;
- ``Plan national drogues (Commissariat National Drogue)``: trailing parenthesis = qualifier,
  unless it is an acronym (``(PGSP)``), which becomes an alias of the base;
- ``(Futur) plan d'action ...``: leading parenthesis = qualifier;
- ``EMPACT : la Police Fédérale fournit ...``: a sentence, not a title — a *mention* of the plan
  its head names (``title_grammar.is_sentence``).
Bases are compared on a key that ignores case, accents, dashes, quotes, years and a leading
article, with acronyms replaced by their expansions (glossary, ``Name (ACR)`` citations, text).
Then, precise first:
- a *named* plan (one with an acronym) absorbs a longer citation that starts with its name,
  unless what follows is a complement that makes it another plan ("de la Région de
  Bruxelles-capitale", "wallonne", "et de prévention": ``title_grammar.distinguishing_complement``);
- a *programme* cited by its acronym (EMPACT) is one entry; what a citation names after the
  acronym ("EMPACT Firearms", "Priorités EMPACT THB et Migrant Smuggling") are its *parts*,
  sub-entries of the programme;
- two titles with the same words in another order, a region named by its noun or its adjective
  ("Vlaanderen", "Vlaamse Overheid"), are one plan.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import ActionPlanIndexEntry, ActionPlanPart, GlossaryEntry, PlanMention, Theme, slug
from ..textnorm import fold_aligned, squash
from .glossary_links import acronym_like
from .ncsi_terms import FRAMEWORK
from .normalise import key
from .title_grammar import distinguishing_complement, heads_programme, is_sentence, word_bag, words

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
_ACRONYM_TOKEN = re.compile(r"\b[A-Za-z][A-Za-z0-9]+\b")
_PART_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+(?:et|and|&)\s+")
_ONLY_YEARS = re.compile(r"^[\s\d\-–—/]*$")


@dataclass(slots=True)
class Citation:
    theme: str
    printed: str  # as printed, whitespace squashed
    base: str  # printed base, qualifier removed
    qualifier: str | None
    alias: str | None  # acronym given in parentheses
    sentence: str | None = None  # the sentence, when the list entry is one rather than a title
    parts: list[str] = field(default_factory=list)  # parts of a programme it names, as printed
    own_key: str = ""  # key of its own base
    key: str = ""  # key of the entry it ends up in ("" when it names no plan)

    @property
    def headless(self) -> bool:
        """A sentence with no title before a colon: it can only point at a plan it names."""
        return self.sentence is not None and self.base == self.sentence


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


def read_citation(theme: str, printed: str) -> Citation:
    """A list entry as a citation. A sentence keeps the title before its colon as the plan it
    names ("EMPACT : la Police Fédérale fournit ..." names EMPACT); with no such title, the
    whole entry is the sentence (``headless``)."""
    text = squash(printed)
    body = _BULLET.sub("", text).strip()
    colon = _COLON.search(body)
    if colon and colon.start() > 0 and is_sentence(fold_aligned(body[colon.end() :]), after_colon=True):
        base, qualifier, alias = split_citation(body[: colon.start()])
        return Citation(theme, text, base, qualifier, alias, sentence=body[colon.end() :].strip())
    if is_sentence(fold_aligned(body)):
        return Citation(theme, text, body, None, None, sentence=body)
    base, qualifier, alias = split_citation(text)
    return Citation(theme, text, base, qualifier, alias)


def base_key(base: str, expansions: Mapping[str, str]) -> str:
    """The comparison key of a base: acronyms written out ("NCSI — ..." is the Note-cadre,
    "Plan d'action TEH" the "Plan d'action Traite des êtres humains"), case, accents, dashes,
    quotes, years, parentheses and a leading article ignored."""
    text = fold_aligned(base)
    if expansions:
        text = _ACRONYM_TOKEN.sub(lambda m: _expanded(m.group(), expansions), text)
    text = _LOST_L.sub("l'", _PARENS.sub(" ", text.lower()))
    text = _YEARS.sub(" ", text)
    text = _ARTICLE.sub("", key(text))
    return _NON_WORD.sub(" ", text).strip()


def _expanded(token: str, expansions: Mapping[str, str]) -> str:
    return expansions.get(token, token) if acronym_like(token) else token


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
    """Returns themes with ``index_id``/``duplicate``/``sentence``/``parts`` set on their
    references, the index in order of first citation, and every (index id, citation) in document
    order. ``definitions`` are acronyms the running text defines (``definitions.text_definitions``).
    A sentence that names no cited plan gets no ``index_id``."""
    citations = [[read_citation(theme.number, ref.title) for ref in theme.action_plans] for theme in themes]
    flat = [c for row in citations for c in row]
    titled = [c for c in flat if not c.headless]
    expansions = _expansions(glossary, titled, definitions or {})
    for citation in titled:
        # entries are keyed by the slug of the key: what differs only in punctuation is one plan
        citation.own_key = citation.key = slug(base_key(citation.base, expansions) or key(citation.printed))
    programmes = _programmes(titled, expansions)
    for citation in titled:
        _join_programme(citation, programmes)
    defined = {slug(base_key(expansion, {})) for expansion in expansions.values()} | set(programmes.values())
    entries = _group(titled)
    for entry in entries.values():
        entry.named = any(c.alias or c.base.strip() in expansions or c.key in defined for c in entry.citations)
    _absorb_longer_names(entries)
    _merge_same_words(_group(titled))
    entries = _group(titled)
    for citation in flat:
        if citation.headless:
            citation.key = _plan_named_in(citation.sentence or "", entries, programmes)
    final = _group(c for c in flat if c.key)
    acronyms = {programme_key: acronym for acronym, programme_key in sorted(programmes.items(), reverse=True)}

    ids = _entry_ids(final.values(), acronyms)
    index = [_to_model(entry, ids[entry.key], acronyms.get(entry.key)) for entry in final.values()]
    part_ids = {(entry.id, key(part.title)): part.id for entry in index for part in entry.parts}
    themed: list[Theme] = []
    pairs: list[tuple[str, Citation]] = []
    for theme, row in zip(themes, citations, strict=True):
        seen: set[tuple[str, str | None]] = set()
        refs = []
        for ref, citation in zip(theme.action_plans, row, strict=True):
            index_id = ids.get(citation.key)
            mark = (index_id or "", key(citation.qualifier) if citation.qualifier else None)
            update = {
                "index_id": index_id,
                "qualifier": citation.qualifier,
                "duplicate": index_id is not None and mark in seen,
                "sentence": citation.sentence is not None,
                "parts": [part_ids[(index_id, key(p))] for p in citation.parts if (index_id, key(p)) in part_ids],
            }
            refs.append(ref.model_copy(update=update))
            if index_id is not None:
                seen.add(mark)
                pairs.append((index_id, citation))
        themed.append(theme.model_copy(update={"action_plans": refs}))
    return themed, index, pairs


def _group(citations: Iterable[Citation]) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    for citation in citations:
        entries.setdefault(citation.key, _Entry(citation.key)).citations.append(citation)
    return entries


def _title_words(base: str) -> list[str]:
    """Words of a base outside parentheses, a leading article dropped."""
    tokens = words(fold_aligned(_PARENS.sub(" ", base)))
    return tokens[1:] if tokens and tokens[0].lower() in {"la", "le", "les", "l"} else tokens


def _programmes(citations: Sequence[Citation], expansions: Mapping[str, str]) -> dict[str, str]:
    """acronym -> entry key, for the acronyms that name a cited programme: cited alone ("NCSI —
    ...", "EMPACT : ..."), given as a plan's alias ("... (PGSP)"), or heading two titles or more
    ("EMPACT Firearms", "Programme européen EMPACT"). An acronym that only qualifies a title
    ("Digital Investigation DGJ", "Recommandations de GRETA") names no programme."""
    alone: set[str] = set()
    heading: Counter[str] = Counter()
    for citation in citations:
        if citation.alias:
            alone.add(citation.alias)
        tokens = _title_words(citation.base)
        if len(tokens) == 1 and acronym_like(tokens[0]):
            alone.add(tokens[0])
        for i, token in enumerate(tokens):
            if acronym_like(token) and heads_programme(tokens[:i]):
                heading[token] += 1
    names = alone | {acronym for acronym, count in heading.items() if count >= 2}
    return {acronym: slug(base_key(acronym, expansions)) for acronym in sorted(names)}


def _join_programme(citation: Citation, programmes: Mapping[str, str]) -> None:
    """A title whose head is a programme's acronym cites that programme; what it names after
    the acronym are parts of it. Not when the acronym is followed by a complement that makes
    another plan ("EMPACT de la Région ...") or by a comma (an apposition: "GREVIO, recommandations")."""
    tokens = _title_words(citation.base)
    for i, token in enumerate(tokens):
        if token not in programmes or not heads_programme(tokens[:i]):
            continue
        if citation.own_key == programmes[token]:
            return  # the programme's own title or acronym
        found = re.search(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])", citation.base)
        rest = citation.base[found.end() :] if found else ""
        if fold_aligned(rest).lstrip().startswith(",") or distinguishing_complement(fold_aligned(rest)):
            return
        citation.key = programmes[token]
        citation.parts = _parts(rest) or _listed_parts(citation.printed, token)
        detail = rest.strip(" ,;-—–") if i == 0 else citation.base
        if detail:
            citation.qualifier = f"{detail} — {citation.qualifier}" if citation.qualifier else detail
        return


def _parts(text: str) -> list[str]:
    """Items of a list of parts as printed: "CCH et SYD/NPS" -> ["CCH", "SYD/NPS"]."""
    items = (item.strip(' ()-—–"«»') for item in _PART_SEPARATOR.split(text))
    return [item for item in items if item and not _ONLY_YEARS.match(item)]


def _listed_parts(printed: str, acronym: str) -> list[str]:
    """Parts listed in parentheses right after the acronym: "EMPACT (CO, drogues de synthèse,
    armes à feu)". A single item there is a qualifier, not a list of parts."""
    listed = re.search(rf"(?<![A-Za-z0-9]){re.escape(acronym)}\s*\(([^()]*)\)", printed)
    items = _parts(listed.group(1)) if listed else []
    return items if len(items) >= 2 else []


def _absorb_longer_names(entries: dict[str, _Entry]) -> None:
    """``Note-cadre de sécurité intégrale 2026-2029 Sécurité économique`` is the Note-cadre: a
    named plan absorbs the citations whose key starts with its own, unless what follows its name
    is a complement that makes another plan (the Brussels region's "Plan global de sécurité et de
    prévention de la Région de Bruxelles-capitale" is not the national PGSP)."""
    named = sorted((e.key for e in entries.values() if e.named), key=len, reverse=True)
    for other in list(entries.values()):
        for name in named:
            if other.key == name or not other.key.startswith(name + "-"):
                continue
            if distinguishing_complement(other.key[len(name) + 1 :].replace("-", " ")):
                continue
            for citation in other.citations:
                citation.key = name
                rest = _after_name(citation.base, name)
                if rest:
                    citation.base = citation.base[: len(citation.base) - len(rest)].rstrip(" ,;-—–")
                    citation.qualifier = f"{rest} — {citation.qualifier}" if citation.qualifier else rest
            break


def _merge_same_words(entries: dict[str, _Entry]) -> None:
    """Titles with the same content words in another order are one plan ("Beleidsnota Financiën
    en begroting Vlaanderen" and "Beleidsnota Vlaamse Overheid, Financiën en begroting")."""
    first: dict[tuple[str, ...], str] = {}
    for entry in entries.values():
        bag = tuple(sorted(word_bag(entry.key.replace("-", " ")).elements()))
        if len(bag) < 2:
            continue
        target = first.setdefault(bag, entry.key)
        if target != entry.key:
            for citation in entry.citations:
                citation.key = target


def _plan_named_in(sentence: str, entries: Mapping[str, _Entry], programmes: Mapping[str, str]) -> str:
    """The entry a sentence names: the acronym of a cited plan ("... la mise en œuvre du PND"),
    else the longest cited title it contains; "" when it names none."""
    for token in words(fold_aligned(sentence)):
        if token in programmes and programmes[token] in entries:
            return programmes[token]
    text = f"-{slug(base_key(sentence, {}))}-"
    inside = [k for k in entries if k.count("-") >= 1 and f"-{k}-" in text]
    return max(inside, key=len, default="")


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


def _title(entry: _Entry, acronym: str | None) -> str:
    """The entry's own spelling (not an absorbed longer one, never a sentence), written out
    rather than abbreviated where possible, the most frequent, then the first; a programme known
    only through its parts is titled by its acronym."""
    titled = [c for c in entry.citations if not c.headless]
    own = [c.base for c in titled if c.own_key == entry.key]
    if not own and acronym:
        return acronym
    own = own or [c.base for c in titled]
    candidates = [b for b in own if not acronym_like(b)] or own
    counts = Counter(candidates)
    return max(candidates, key=lambda b: (counts[b], -candidates.index(b)))


def _entry_ids(entries: Iterable[_Entry], acronyms: Mapping[str, str]) -> dict[str, str]:
    """Ids from the canonical title ("plan_empact", not the glossary's expansion of it),
    falling back on the full key if two titles would collide."""
    ids: dict[str, str] = {}
    for entry in entries:
        candidate = f"plan_{slug(base_key(_title(entry, acronyms.get(entry.key)), {}) or entry.key)}"
        if candidate in ids.values():
            candidate = f"plan_{entry.key}"
        while candidate in ids.values():
            candidate += "-bis"
        ids[entry.key] = candidate
    return ids


def _to_model(entry: _Entry, entry_id: str, acronym: str | None) -> ActionPlanIndexEntry:
    citations = entry.citations
    titles = [c for c in citations if c.sentence is None]
    qualifiers = {key(c.qualifier) if c.qualifier else None for c in titles}
    qualifier = titles[0].qualifier if titles and len(qualifiers) == 1 else None
    parts: dict[str, tuple[str, list[str]]] = {}
    for citation in citations:
        for part in citation.parts:
            themes = parts.setdefault(key(part), (part, []))[1]
            if citation.theme not in themes:
                themes.append(citation.theme)
    return ActionPlanIndexEntry(
        id=entry_id,
        title=_title(entry, acronym),
        qualifier=qualifier,
        variants=list(dict.fromkeys(c.printed for c in titles)),
        cited_by=list(dict.fromkeys(c.theme for c in citations)),
        parts=[
            ActionPlanPart(id=f"{entry_id}__{slug(title)}", title=title, cited_by=themes)
            for title, themes in parts.values()
        ],
        mentions=[PlanMention(theme=c.theme, text=c.printed) for c in citations if c.sentence is not None],
    )


def is_ncsi(citation: Citation) -> bool:
    return bool(FRAMEWORK.search(fold_aligned(citation.base)))
