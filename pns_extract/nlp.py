"""The one place that loads spaCy's French model, once per process and only
with the components a caller needs."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"
ALL_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner")


@cache
def load_french(components: tuple[str, ...] = ("tok2vec", "morphologizer", "attribute_ruler")) -> Language:
    """Load ``fr_core_news_sm`` keeping only ``components`` (others are excluded, not just disabled,
    so they cost neither load time nor memory)."""
    import spacy  # imported here: spaCy's import alone takes about a second

    exclude = [name for name in ALL_COMPONENTS if name not in components]
    return spacy.load(MODEL, exclude=exclude)
