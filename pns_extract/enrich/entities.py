"""Organisations and bodies named in each theme, counted under one normalised name.

Rules beat statistics here: the small French NER model is slow on the whole plan and tags
"Plan national drogues" or "Points" as ORG, so names come from a gazetteer extended with the
plan's own glossary (acronym <-> expansion), matched with spaCy's PhraseMatcher on folded text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import EntityCount, GlossaryEntry
from ..textnorm import fold_aligned, within_one_edit
from .normalise import key
from .organisations import ORGANISATIONS, OWN_ACTORS, Organisation
from .text_index import Passage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LABEL = "ORG"
# First (French) or last (English) word of a glossary expansion that names a body.
_HEADS_FIRST = frozenset(
    "organe office service services commissariat comite commission conseil college centre centres cellule "
    "cellules direction directions inspection academie autorite unite agence parquet institut surete task "
    "team equipe equipes groupe police bureau".split()
)
_HEADS_LAST = frozenset("unit centre center agency agencies corps office team force forces".split())


def _is_body(expansion: str) -> bool:
    words = key(expansion).replace("'", " ").split()
    return bool(words) and (words[0] in _HEADS_FIRST or words[-1] in _HEADS_LAST)


def organisations(glossary: Sequence[GlossaryEntry]) -> list[Organisation]:
    """The gazetteer extended by the glossary: a glossary acronym or expansion that names a known
    organisation becomes its alias; an expansion that names a body adds a new organisation."""
    table = [Organisation(o.name, tuple(o.aliases), tuple(o.exact)) for o in ORGANISATIONS]
    own = {key(name) for name in OWN_ACTORS}
    by_alias: dict[str, int] = {}
    for index, org in enumerate(table):
        for alias in (org.name, *org.aliases, *org.exact):
            by_alias.setdefault(key(alias), index)
    for entry in glossary:
        acronym, expansion = entry.acronym.strip(), entry.expansion.strip()
        if len(acronym) < 2 or key(acronym) in own or key(expansion) in own:
            continue
        index = by_alias.get(key(acronym), by_alias.get(key(expansion)))
        if index is None and len(acronym) >= 5:  # OCR: MOTTEM in the glossary, MOTEM in the text
            close = [i for alias, i in by_alias.items() if len(alias) >= 5 and within_one_edit(alias, key(acronym))]
            index = close[0] if len(set(close)) == 1 else None
        if index is not None:
            org = table[index]
            table[index] = Organisation(org.name, (*org.aliases, expansion), (*org.exact, acronym))
        elif _is_body(expansion):
            table.append(Organisation(acronym, (expansion,), (acronym,)))
            by_alias.setdefault(key(acronym), len(table) - 1)
    return table


class EntityFinder:
    def __init__(self, nlp: Language, orgs: Sequence[Organisation]):
        from spacy.matcher import PhraseMatcher

        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for org in orgs:
            loose = list(dict.fromkeys(fold_aligned(a) for a in org.aliases if a.strip()))
            exact = list(dict.fromkeys(fold_aligned(a) for a in org.exact if a.strip()))
            if loose:
                self.lower.add(org.name, list(nlp.tokenizer.pipe(loose)))
            if exact:
                self.exact.add(org.name, list(nlp.tokenizer.pipe(exact)))

    def names(self, doc: Doc) -> list[str]:
        """Organisations named in ``doc`` (a folded passage): longest match wins, ``Name (ACR)`` is one."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        matches = [*self.lower(doc), *self.exact(doc)]
        spans = filter_spans([Span(doc, start, end, label=match_id) for match_id, start, end in matches])
        names: list[str] = []
        previous: Span | None = None
        for span in spans:
            defined = (
                previous is not None
                and previous.label == span.label
                and doc[previous.end : span.start].text.strip() == "("
            )
            if not defined:
                names.append(span.label_)
            previous = span
        return names


def entities_by_theme(finder: EntityFinder, analysed: Sequence[tuple[Passage, Doc]]) -> dict[str, list[EntityCount]]:
    counts: dict[str, Counter[str]] = {}
    for passage, doc in analysed:
        if passage.theme is not None:
            counts.setdefault(passage.theme, Counter()).update(finder.names(doc))
    return {
        theme: [
            EntityCount(text=name, label=LABEL, count=n)
            for name, n in sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        ]
        for theme, counter in counts.items()
    }
