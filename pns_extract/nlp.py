"""The one place that loads spaCy's French model, once per process and only
with the components a caller needs."""

from __future__ import annotations

import json
import logging
import sys
import types
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"
ALL_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner")
# the fields of a serialized spaCy tokenizer that hold regular expressions
TOKENIZER_PATTERNS = ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")
log = logging.getLogger(__name__)


@cache
def load_french(components: tuple[str, ...] = ("tok2vec", "morphologizer", "attribute_ruler")) -> Language:
    """Load ``fr_core_news_sm`` keeping only ``components`` (others are excluded, not just disabled,
    so they cost neither load time nor memory)."""
    spacy = import_spacy()  # imported here: spaCy's import alone takes half a second

    from .pattern_cache import prime

    # the tokenizer's patterns, compiled by an earlier process: 2-4 s saved (pattern_cache.py)
    prime(tokenizer_patterns())
    exclude = [name for name in ALL_COMPONENTS if name not in components]
    # "strings": the 150,000 strings of the model's training vocabulary (0.15-0.3 s to load).
    # They only name hashes; every string a token, a lexical attribute or a label uses is
    # added as it is made, so the tokens, features and tags are the same without them.
    return spacy.load(MODEL, exclude=[*exclude, "strings"])


def import_spacy() -> types.ModuleType:
    """``import spacy`` without its command line. The package's ``__init__`` imports
    ``spacy.cli`` only to export ``spacy.info``, and the CLI brings weasel, httpx, jinja2 and
    typer: 0.2-0.3 s of a 0.6-0.8 s import, in every process that loads the model, for code a
    library never runs. A stand-in ``spacy.cli.info`` lets that import finish; it is removed
    right after, so ``import spacy.cli`` anywhere still loads the real one, and ``spacy.info``
    loads it when called. The model, its components and its tokens are the same
    (``tests/test_enrich_nlp.py``)."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    package, module = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    module.info = _spacy_info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": package, "spacy.cli.info": module})
    try:
        import spacy
    finally:
        for name, stand_in in (("spacy.cli", package), ("spacy.cli.info", module)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        loaded = sys.modules.get("spacy")
        if loaded is not None and loaded.__dict__.get("cli") is package:
            del loaded.__dict__["cli"]
    return spacy


def _spacy_info(*args: object, **kwargs: object) -> object:
    """``spacy.info``: spaCy's own, from its command line, loaded when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def tokenizer_patterns() -> list[str]:
    """The regular expressions of the model's serialized tokenizer, as spaCy will compile them
    ([] when the installed model cannot be read this way: spaCy then loads it as usual)."""
    try:
        import srsly

        spec = find_spec(MODEL)
        if spec is None or not spec.submodule_search_locations:
            return []
        package = Path(next(iter(spec.submodule_search_locations)))
        meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
        folder = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
        data = srsly.msgpack_loads((folder / "tokenizer").read_bytes())
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.debug("the model's tokenizer patterns cannot be read (%s)", error)
        return []
    return [data[name] for name in TOKENIZER_PATTERNS if isinstance(data.get(name), str)]
