"""NLP enrichment of an extracted Document: glossary links, action-plan index, NCSI ties,
legal references, organisations and the figures of the resources chapter.

``enrich(document)`` returns an enriched copy and never changes its input. spaCy's French
model is loaded only here, on first use, with no trained component: everything is read
with its tokenizer plus rules (see ``docs/enrichment.md`` for why)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Document, Notice, Theme
from ..textnorm import fold_aligned
from .acronyms import reconcile_glossary
from .action_plans import build_index
from .definitions import text_definitions
from .entities import EntityFinder, entities_by_theme, organisations
from .figures import chapter_figures
from .glossary_links import link_glossary
from .legal import find_references, legal_references
from .ncsi import ties_by_theme
from .text_index import Passage, passages

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Components of fr_core_news_sm the enrichment needs: none beyond the tokenizer.
COMPONENTS: tuple[str, ...] = ()
BATCH_SIZE = 256


def load_model() -> Language:
    from ..nlp import load_french

    return load_french(components=COMPONENTS)


def enrich(document: Document, *, nlp: Language | None = None) -> Document:
    """An enriched copy of ``document``; ``nlp`` defaults to the cached French model."""
    nlp = nlp if nlp is not None else load_model()
    all_passages = list(passages(document))
    with nlp.select_pipes(enable=[]):  # a caller's full pipeline runs as a bare tokenizer here
        docs = list(nlp.pipe((fold_aligned(p.text) for p in all_passages), batch_size=BATCH_SIZE))
    analysed = list(zip(all_passages, docs, strict=True))

    words = [(p, _words(p, d)) for p, d in analysed]
    # the body's forms (what a reader looks up) win over the glossary's OCR misreadings
    body = [w for _, ws in words for w in ws]
    glossary, notices = reconcile_glossary(document.glossary, body, text_definitions(p.text for p in all_passages))
    glossary, undefined = link_glossary(glossary, words)
    definitions = text_definitions(p.text for p in all_passages if p.kind != "action_plan")
    themes, index, citations = build_index(document.themes, glossary, definitions)
    notices += _unindexed_sentences(themes)
    numbers = [theme.number for theme in themes]
    ties = ties_by_theme(numbers, citations, all_passages)
    finder = EntityFinder(nlp, organisations(glossary))
    entities = entities_by_theme(finder, analysed)
    themes = [
        theme.model_copy(
            update={"ncsi_dimensions": ties.get(theme.number, []), "entities": entities.get(theme.number, [])}
        )
        for theme in themes
    ]
    return document.model_copy(
        deep=True,
        update={
            "themes": themes,
            "glossary": glossary,
            "undefined_acronyms": undefined,
            "action_plan_index": index,
            "legal_references": legal_references(all_passages),
            "figures": chapter_figures(all_passages),
            # enriching twice adds nothing: a notice already recorded is not repeated
            "warnings": [*document.warnings, *(n for n in notices if n not in document.warnings)],
        },
    )


def _unindexed_sentences(themes: list[Theme]) -> list[Notice]:
    return [
        Notice(
            kind="enrichment",
            message=f"theme {theme.number}: the plan-list entry {ref.title!r} is a sentence that names no cited plan",
            page=ref.page,
        )
        for theme in themes
        for ref in theme.action_plans
        if ref.sentence and ref.index_id is None
    ]


def _words(passage: Passage, doc: Doc) -> list[str]:
    """Token texts of a passage, without those of circular numbers: the GPI of "GPI 100" is a
    series of circulars, not the Police Intégrée."""
    spans = [(start, end) for kind, start, end in find_references(passage.text) if kind == "circular"]
    return [token.text for token in doc if not any(start <= token.idx < end for start, end in spans)]


__all__ = ["COMPONENTS", "enrich", "load_model"]
