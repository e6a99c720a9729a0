"""Repair stage: real wordfreq lexicon and real spaCy model on small hand-made inputs and on the
hand-corrected sample of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from pns_extract.ingest.lines import Line, Page, SourceDocument
from pns_extract.repair import repair_source, repair_text
from pns_extract.repair.measure import read_sample, score, words

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parent.parent / "corpus" / "pns-2026-2029.ocr.txt"


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("les frontieres et les phénomenes", "les frontières et les phénomènes"),
        ("un réle central", "un rôle central"),
        ("la mise en ceuvre", "la mise en œuvre"),
        ("Nous renforgons la chaine", "Nous renforçons la chaîne"),
        ("une société slre", "une société sûre"),
        ("un Etat de droit", "un État de droit"),
        ("de prés ou de loin", "de près ou de loin"),
        ("I'extrémisme et |'accent", "l'extrémisme et l'accent"),
        ("gu’il", "qu’il"),
        ("Auniveau local", "Au niveau local"),
        ("fraude à I'impo6t", "fraude à l'impôt"),
        ("des contrOles", "des contrôles"),
        ("AlG Inspection générale", "AIG Inspection générale"),
        ("la Sûreté de |Etat", "la Sûreté de l'État"),
        ("mettre ‘accent sur", "mettre l’accent sur"),
    ],
)
def test_word_repairs(ocr: str, expected: str) -> None:
    assert repair_text(ocr, nlp=False) == expected


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("Ce plan vise a renforcer la sécurité.", "Ce plan vise à renforcer la sécurité."),
        ("Le plan a été adopté.", "Le plan a été adopté."),
        ("Il y a des menaces liées a la drogue.", "Il y a des menaces liées à la drogue."),
        ("A notre tour, nous remercions tous.", "À notre tour, nous remercions tous."),
        ("Ce plan est des lors une invitation.", "Ce plan est dès lors une invitation."),
        ("une prévention maximale la ou c’est possible", "une prévention maximale là où c’est possible"),
        ("les pays d’ou proviennent les groupes", "les pays d’où proviennent les groupes"),
        ("des mesures ou des actions", "des mesures ou des actions"),
    ],
)
def test_context_decisions(ocr: str, expected: str) -> None:
    assert repair_text(ocr) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "Follow the money",
        "Beleidsnota Veiligheid 2025",
        "MTCNi, GPI, BruNat et PLP41",
        "e Mineurs : renforcer la prévention",
        "12 Voir art. 95/102 LPI",
        "Crime as a service",
    ],
)
def test_leaves_non_prose_alone(kept: str) -> None:
    assert repair_text(kept) == kept


def test_line_structure_and_markers_are_kept() -> None:
    text = " Preambule\n\ne Etat de droit\n¢ une société slre\n1. Contréler les frontieres\n"
    out = repair_text(text)
    assert out.split("\n")[0] == " Préambule"
    assert out.count("\n") == text.count("\n")
    assert out.split("\n")[2].startswith("e ")
    assert out.split("\n")[3].startswith("¢ ")
    assert out.split("\n")[4] == "1. Contrôler les frontières"


def test_repair_is_idempotent_on_the_sample() -> None:
    rows = read_sample(str(DATA / "repair_sample.tsv"))
    once = repair_text("\n".join(ocr for _, ocr, _ in rows))
    assert repair_text(once) == once


def test_sample_word_error_rate_improves() -> None:
    """The hand-corrected sample (203 lines from every part of the plan): repair must cut the word
    error rate by at least three quarters and break almost nothing."""
    rows = read_sample(str(DATA / "repair_sample.tsv"))
    assert len(rows) >= 200
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    assert all(lines[number - 1] == ocr for number, ocr, _ in rows)  # the sample is the corpus's text
    repaired = repair_text("\n".join(lines)).split("\n")
    result = score((ocr, repaired[number - 1], corrected) for number, ocr, corrected in rows)
    assert result.wer_before > 0.05
    assert result.wer_after <= 0.02
    assert result.broken <= result.reference_words / 500
    assert result.fixed > 10 * result.broken


def test_holdout_word_error_rate_improves() -> None:
    """A second hand-corrected sample, disjoint from the first and never used to tune the rules."""
    rows = read_sample(str(DATA / "repair_holdout.tsv"))
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    assert all(lines[number - 1] == ocr for number, ocr, _ in rows)
    repaired = repair_text("\n".join(lines)).split("\n")
    result = score((ocr, repaired[number - 1], corrected) for number, ocr, corrected in rows)
    assert result.wer_before > 0.05
    assert result.wer_after <= 0.02
    assert result.broken <= result.reference_words / 500


def test_corrected_text_is_left_as_it_is() -> None:
    """The hand-corrected lines are good French: the repair must not find anything to change."""
    references = [
        ref for name in ("repair_sample.tsv", "repair_holdout.tsv") for _, _, ref in read_sample(str(DATA / name))
    ]
    text = "\n".join(references)
    assert repair_text(text) == text


def test_repair_source_keeps_provenance_and_reports_changes() -> None:
    lines = [
        Line(page=3, number=10, text="la réponse policiere a une période", method="ocr", hint="heading"),
        Line(page=3, number=11, text="", method="ocr"),
        Line(page=4, number=12, text="Follow the money", method="ocr"),
    ]
    source = SourceDocument("x.pdf", "0" * 64, "pdf", [Page(3, lines[:2], "ocr"), Page(4, lines[2:], "ocr")])
    result = repair_source(source)
    new = result.source.lines()
    assert [(n.page, n.number, n.method, n.hint) for n in new] == [(n.page, n.number, n.method, n.hint) for n in lines]
    assert new[0].text == "la réponse policière à une période"
    assert new[2].text == "Follow the money"
    assert {(c.page, c.line, c.before, c.after, c.rule) for c in result.changes} == {
        (3, 10, "policiere", "policière", "accent"),
        (3, 10, "a", "à", "a/à"),
    }
    assert result.counts == {"accent": 1, "a/à": 1}
    assert source.lines()[0].text == "la réponse policiere a une période"  # input untouched


def test_clean_text_keeps_its_verbs() -> None:
    """A text that already has its à (a born-digital text layer): every a in it is the verb."""
    clean = "Le plan a pour objectif de contribuer à la sécurité et à la prévention.\nIl a un rôle à jouer."
    assert repair_text(clean) == clean


def test_year_ranges_follow_the_document() -> None:
    text = "plan 2026-2029 2020-2025\nnote 2024-2029 2021-2025\ncadre 2026-2030 2026-2027\nPlan 2026—-2029 et 2026—2029"
    assert repair_text(text, nlp=False).split("\n")[-1] == "Plan 2026-2029 et 2026-2029"
    lone = "Plan 2026—2029"  # no majority to follow: left alone
    assert repair_text(lone, nlp=False) == lone


def test_words_ignore_apostrophe_style() -> None:
    assert words("l’État et l'ordre") == ["l'État", "et", "l'ordre"]


def test_explain_report_lists_every_change() -> None:
    from pns_extract.repair import format_report

    lines = [Line(page=2, number=7, text="un réle a jouer")]
    result = repair_source(SourceDocument("x.txt", "0" * 64, "text", [Page(2, lines)]))
    report = format_report(result, explain=True)
    assert "page 2 line 7: réle -> rôle (confusion)" in report
    assert "page 2 line 7: a -> à (a/à)" in report
    assert report.splitlines()[0] == "repair: 2 changes"


def test_mixed_source_decides_a_on_ocr_pages_only() -> None:
    """A clean text layer keeps its verbs; the OCR'd page of the same PDF still gets its à back."""
    clean = [
        Line(page=1, number=i, text=t, method="pdf")
        for i, t in enumerate(
            [
                "Le plan a pour objectif de contribuer à la sécurité.",
                "Il vise à renforcer la coopération à tous",
                "les niveaux, grâce à une approche intégrée.",
                "La police a un rôle à jouer.",
            ],
            start=1,
        )
    ]
    scanned = [Line(page=2, number=5, text="Ce plan vise a renforcer la sécurité.", method="ocr")]
    source = SourceDocument("x.pdf", "0" * 64, "pdf", [Page(1, clean, "pdf"), Page(2, scanned, "ocr")])
    lines = repair_source(source).source.lines()
    assert [line.text for line in lines[:4]] == [line.text for line in clean]
    assert lines[4].text == "Ce plan vise à renforcer la sécurité."


def test_two_bars_are_the_pronoun_il():
    from pns_extract.repair import repair_text

    assert repair_text("régionaux. || convient à cet égard", nlp=False) == "régionaux. Il convient à cet égard"


def test_the_lexicon_is_wordfreqs_french_list_as_wordfreq_gives_it() -> None:
    """The data file read without importing wordfreq gives the lexicon wordfreq's own
    get_frequency_dict("fr") gives: the same words, frequencies and accent variants."""
    import math

    from wordfreq import get_frequency_dict

    from pns_extract.repair.lexicon import MIN_ZIPF, french_buckets, load_lexicon, wordfreq_data
    from pns_extract.textnorm import fold_word

    frequencies = get_frequency_dict("fr")
    assert {word: frequency for frequency, words in french_buckets(wordfreq_data()) for word in words} == frequencies
    expected = {w: round(math.log10(f) + 9, 2) for w, f in frequencies.items() if f >= 10 ** (MIN_ZIPF - 9)}
    variants: dict[str, list[str]] = {}
    for word in expected:
        if not word.isascii():
            variants.setdefault(fold_word(word), []).append(word)
    lexicon = load_lexicon()
    assert lexicon.zipf_of == expected
    assert lexicon.variants == {key: tuple(words) for key, words in variants.items()}
