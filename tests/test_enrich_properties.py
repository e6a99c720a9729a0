"""Properties of the enrichment rules on arbitrary text: no crash, folding keeps length,
spans stay inside the text."""

from __future__ import annotations

from enrich_helpers import document, theme
from hypothesis import given, settings
from hypothesis import strategies as st

from pns_extract.enrich.action_plans import base_key, build_index, split_citation
from pns_extract.enrich.definitions import text_definitions
from pns_extract.enrich.figures import find_figures
from pns_extract.enrich.legal import find_references
from pns_extract.enrich.title_grammar import is_sentence
from pns_extract.textnorm import fold_aligned

FRENCHISH = st.text(
    alphabet=st.sampled_from(list("abcdeéèêàçilorstuACDEILNPSU0123456789 '’-—–«»\"()/.,:;%€|I§")), max_size=120
)


@given(FRENCHISH)
def test_fold_preserves_length_and_is_idempotent(text):
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert fold_aligned(folded) == folded


@given(FRENCHISH)
def test_legal_spans_and_figures_stay_inside_the_text(text):
    for _kind, start, end in find_references(text):
        assert 0 <= start < end <= len(text)
    for _kind, value in find_figures(text):
        assert value.replace(" ", "") in text.replace(" ", "").replace("\u00a0", "")


@settings(max_examples=60)
@given(st.lists(FRENCHISH.filter(str.strip), min_size=1, max_size=6))
def test_index_never_crashes_and_points_every_reference_at_an_entry(titles):
    split = [split_citation(title) for title in titles]
    assert all(isinstance(base_key(base, {}), str) for base, _, _ in split)
    text_definitions(titles)
    doc = document(theme("1", plans=titles[:3]), theme("2", plans=titles[3:]))
    themes, index, _ = build_index(doc.themes, doc.glossary)
    ids = [entry.id for entry in index]
    assert len(ids) == len(set(ids))
    # every title is indexed; only a sentence that names no cited plan may stay out
    assert all(ref.index_id in ids or (ref.sentence and ref.index_id is None) for t in themes for ref in t.action_plans)
    assert all(not is_sentence(fold_aligned(entry.title)) for entry in index)
    for entry in index:
        citing = [t.number for t in themes if any(ref.index_id == entry.id for ref in t.action_plans)]
        assert entry.cited_by == citing
