"""NLP enrichment of an extracted Document: glossary links, action-plan index, NCSI ties,
legal references, organisations and the figures of the resources chapter.

``enrich(document)`` returns an enriched copy and never changes its input. spaCy's French
model is loaded only here, on first use, with no trained component: everything is read
with its tokenizer plus rules (see ``docs/enrichment.md`` for why)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Document
from .action_plans import build_index
from .definitions import text_definitions
from .entities import EntityFinder, entities_by_theme, organisations
from .figures import chapter_figures
from .glossary_links import link_glossary
from .legal import legal_references
from .ncsi import ties_by_theme
from .normalise import fold
from .text_index import passages

if TYPE_CHECKING:
    from spacy.language import Language

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
        docs = list(nlp.pipe((fold(p.text) for p in all_passages), batch_size=BATCH_SIZE))
    analysed = list(zip(all_passages, docs, strict=True))

    glossary, undefined = link_glossary(
        document.glossary, [(p, [token.text for token in d]) for p, d in analysed]
    )
    definitions = text_definitions(p.text for p in all_passages if p.kind != "action_plan")
    themes, index, citations = build_index(document.themes, document.glossary, definitions)
    numbers = [theme.number for theme in themes]
    ties = ties_by_theme(numbers, citations, all_passages)
    finder = EntityFinder(nlp, organisations(document.glossary))
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
        },
    )


__all__ = ["COMPONENTS", "enrich", "load_model"]
