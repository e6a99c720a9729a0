"""PDF text-layer ingestion: lines, paragraph breaks, layout hints, page labels, errors."""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import pytest
from fpdf import FPDF

from pns_extract.contract import PageRange, SpareCpu
from pns_extract.errors import EncryptedPdfError, InputUnreadableError, LimitExceededError
from pns_extract.ingest import IngestOptions, load_source
from pns_extract.ingest.pdf import read_pdf
from pns_extract.ingest.text import read_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXCERPT_PDF = DATA / "excerpt.pdf"
EXCERPT_SCAN = DATA / "excerpt.scan.pdf"
EXCERPT_TEXT = DATA / "excerpt.txt"
CORPUS_PDF = ROOT / "corpus" / "pns-2026-2029.pdf"
CORPUS_TEXT = ROOT / "corpus" / "pns-2026-2029.ocr.txt"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# lines the typesetting script drops or rewrites (pictogram noise, OCR bullets)
NOISE = {"»", "Y", "|II", "¥", "%", "))"}


def normalise(text: str) -> str:
    text = text.strip()
    for prefix in ("» ", "¥ ", "% ", ")) ", "Y "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.startswith(("e ", "¢ ")):
        text = "• " + text[2:]
    return text


def matched_fraction(reference: list[str], got: list[str]) -> tuple[float, float]:
    """Exact and fuzzy (ratio >= 0.9) fraction of reference lines found among ``got``."""
    exact = fuzzy = 0
    pool = set(got)
    for line in reference:
        if line in pool:
            exact += 1
            fuzzy += 1
        elif max((difflib.SequenceMatcher(None, line, g).ratio() for g in got), default=0) >= 0.9:
            fuzzy += 1
    return exact / len(reference), fuzzy / len(reference)


def content(page) -> list[str]:
    return [line.text for line in page.lines if line.text and line.hint != "furniture"]


def test_excerpt_lines_match_the_text_path() -> None:
    source = read_pdf(EXCERPT_PDF, IngestOptions(jobs=1))
    reference = read_text(EXCERPT_TEXT)
    assert source.kind == "pdf" and source.ocr_pages == []
    assert [page.number for page in source.pages] == [1, 2]
    assert [page.label for page in source.pages] == ["12", "13"]
    assert all(line.method == "pdf" for line in source.lines())
    for want, got in zip(reference.pages, source.pages, strict=True):
        expected = [normalise(line.text) for line in want.lines if line.text.strip()]
        expected = [line for line in expected if line not in NOISE]
        exact, _ = matched_fraction(expected, content(got))
        assert exact >= 0.98
    # paragraph breaks where the text has blank lines (the text also has some spurious ones)
    breaks_text = sum(1 for line in reference.lines() if not line.text.strip())
    breaks_pdf = sum(1 for line in source.lines() if not line.text)
    assert abs(breaks_text - breaks_pdf) <= 3


def test_excerpt_layout_hints() -> None:
    source = read_pdf(EXCERPT_PDF, IngestOptions(jobs=1))
    hints = {line.text: line.hint for line in source.lines() if line.text}
    assert hints["1.1 Trafic de drogue"] == "heading"
    assert hints["Objectifs stratégiques"] == "heading"  # bold section title
    assert hints["Plan national de sécurité 2026-2029 - 12"] == "furniture"
    assert hints["Pour la Police Fédérale :"] is None
    numbers = [line.number for line in source.lines()]
    assert numbers == list(range(1, len(numbers) + 1))
    heading = next(line for line in source.lines() if line.text == "1.1 Trafic de drogue")
    assert heading.bold is True and heading.font_size and heading.font_size > 12


def test_load_source_dispatches_pdf_with_progress() -> None:
    calls: list[tuple[int, int]] = []
    source = load_source(EXCERPT_PDF, IngestOptions(jobs=2), progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 2), (2, 2)]
    assert len(source.pages) == 2


def test_a_spare_core_is_announced_once_after_the_first_text_page() -> None:
    """Text-layer pages are cheap: the NLP load may start beside them after the first one."""
    calls: list[tuple[int, SpareCpu]] = []
    seen: list[int] = []
    read_pdf(
        CORPUS_PDF,
        IngestOptions(jobs=2, use_cache=False, pages=PageRange(1, 6)),
        progress=lambda done, total: seen.append(done),
        on_spare_cpu=lambda spare: calls.append((len(seen), spare)),
    )
    assert calls == [(1, SpareCpu.A_CORE)]


def test_ocr_pages_offer_their_idle_moments_then_a_core(tmp_path: Path) -> None:
    """While every worker OCRs, only idle moments are on offer; a core once the last pages are
    being read. (A fake engine: what is measured here is the workers' schedule, not the OCR.)"""
    import pypdfium2 as pdfium
    from test_ocr import FakeEngine  # no words: a blank page, at once

    scan = pdfium.PdfDocument(str(EXCERPT_SCAN))
    four = pdfium.PdfDocument.new()
    while len(four) < 4:
        four.import_pages(scan, [0])
    path = tmp_path / "four.pdf"
    four.save(str(path))
    calls: list[tuple[int, SpareCpu]] = []
    seen: list[int] = []
    read_pdf(
        path,
        IngestOptions(jobs=2, use_cache=False),
        progress=lambda done, total: seen.append(done),
        on_spare_cpu=lambda spare: calls.append((len(seen), spare)),
        engine=FakeEngine(),
    )
    assert calls == [(1, SpareCpu.IDLE_MOMENTS), (3, SpareCpu.A_CORE)]


def test_each_page_weighs_what_it_draws_and_the_heaviest_are_read_first(tmp_path: Path) -> None:
    """A page's weight is the stored size of what it draws: a scanned page, its image (checked
    against PDFium's own view of it) and a short content stream; a blank page, nothing. The
    workers take the heaviest pages first, page order among equals."""
    import pypdfium2 as pdfium

    from pns_extract.ingest.pdf import heaviest_first
    from pns_extract.ingest.stream_guard import scan_pdf

    scan = pdfium.PdfDocument(str(EXCERPT_SCAN))
    mixed = pdfium.PdfDocument.new()
    mixed.new_page(595, 842)
    mixed.import_pages(scan, [1])
    mixed.new_page(595, 842)
    mixed.import_pages(scan, [0])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    images = []
    for index in (1, 3):
        (image,) = mixed[index].get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)
        images.append(len(bytes(image.get_data(decode_simple=False))))
    weights = scan_pdf(path, None, 1 << 26).page_weights
    assert weights[0] == weights[2] == 0
    for index, image in zip((1, 3), images, strict=True):
        assert image <= weights[index] < image + 500  # the image, and the stream that places it
    assert images[0] != images[1]
    expected = [3, 1] if images[1] > images[0] else [1, 3]
    assert heaviest_first([0, 1, 2, 3], weights) == [*expected, 0, 2]
    assert heaviest_first([0, 1, 2], {}) == [0, 1, 2]  # weights unknown: page order


@pytest.mark.parametrize(
    ("workers", "cores", "left", "method", "spare"),
    [
        (2, 2, 7, "ocr", SpareCpu.IDLE_MOMENTS),  # every worker has OCR to do
        (2, 2, 1, "ocr", SpareCpu.A_CORE),  # the last page: one worker idles
        (2, 2, 7, "pdf", SpareCpu.A_CORE),  # text-layer pages end soon
        (1, 2, 7, "ocr", SpareCpu.A_CORE),  # one worker on two cores
    ],
)
def test_spare_cpu_rule(monkeypatch, workers, cores, left, method, spare) -> None:
    from pns_extract.ingest import pdf

    monkeypatch.setattr(pdf, "usable_cores", lambda: cores)
    assert pdf.spare_cpu(workers, left, method) is spare


@pytest.mark.integration
def test_whole_typeset_pdf_gives_the_text_structure() -> None:
    from pns_extract.pipeline import ExtractOptions, extract

    options = ExtractOptions(repair=False, enrich=False)
    text = extract(CORPUS_TEXT, options).document
    pdf = extract(CORPUS_PDF, options).document
    assert [t.number for t in pdf.themes] == [t.number for t in text.themes]
    assert [t.title for t in pdf.themes] == [t.title for t in text.themes]
    assert [t.page for t in pdf.themes] == [t.page for t in text.themes]
    for ours, theirs in zip(pdf.themes, text.themes, strict=True):
        assert Counter(o.actor for o in ours.objectives) == Counter(o.actor for o in theirs.objectives)
        assert len(ours.attention_points) == len(theirs.attention_points)
        assert len(ours.footnotes) == len(theirs.footnotes)
    assert len(pdf.glossary) == len(text.glossary)
    assert pdf.source.page_labels.get("1") == "7"
    assert pdf.source.ocr_pages == []


# ---------------------------------------------------------------- synthetic layouts


def make_pdf(path: Path, pages: list[list[tuple[str, str, float, float]]], footer: str | None = None) -> Path:
    """Pages of (text, style, size, y) rows, plus an optional running footer with the page number."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    pdf.set_auto_page_break(False)
    for number, rows in enumerate(pages, start=1):
        pdf.add_page()
        for text, style, size, y in rows:
            pdf.set_font("dv", style, size)
            pdf.text(56, y, text)
        if footer:
            pdf.set_font("dv", "", 8)
            pdf.text(400, 805, footer.format(number + 20))
    pdf.output(str(path))
    return path


def body(start: float, texts: list[str], size: float = 10, pitch: float = 12.5) -> list[tuple[str, str, float, float]]:
    return [(text, "", size, start + i * pitch) for i, text in enumerate(texts)]


def test_footnotes_furniture_headings_and_labels(tmp_path: Path) -> None:
    topics = ["la fraude sociale", "les frontières", "la cybercriminalité"]
    pages = [
        [
            ("3.4 Sécurité numérique", "B", 14, 80),
            *body(110, [f"Le plan traite de {topic} et de ses effets.", "Seconde ligne du paragraphe."]),
            *body(160, ["Un nouveau paragraphe après un blanc."]),
            (f"7 Une note de bas de page sur {topic}.", "", 7, 760),
            (f"8 Une seconde note, elle aussi sur {topic}.", "", 7, 769),
        ]
        for topic in topics
    ]
    path = make_pdf(tmp_path / "notes.pdf", pages, footer="Plan national de sécurité 2026-2029 - {}")
    source = read_pdf(path, IngestOptions(jobs=1))
    assert [p.label for p in source.pages] == ["21", "22", "23"]
    first = source.pages[0].lines
    texts = [line.text for line in first]
    assert texts[:5] == [
        "3.4 Sécurité numérique",
        "",
        "Le plan traite de la fraude sociale et de ses effets.",
        "Seconde ligne du paragraphe.",
        "",
    ]
    by_text = {line.text: line.hint for line in first}
    assert by_text["3.4 Sécurité numérique"] == "heading"
    assert by_text["7 Une note de bas de page sur la fraude sociale."] == "footnote"
    assert by_text["8 Une seconde note, elle aussi sur la fraude sociale."] == "footnote"
    assert by_text["Plan national de sécurité 2026-2029 - 21"] == "furniture"
    # each footnote is its own paragraph, like in the text format
    note = texts.index("8 Une seconde note, elle aussi sur la fraude sociale.")
    assert texts[note - 1] == ""


def test_dehyphenation_and_bullets(tmp_path: Path) -> None:
    rows = body(
        100,
        [
            "La lutte contre la criminalité organi-",
            "sée exige une approche intégrée, vers le Royaume-",
            "Uni notamment.",
            "\u25aa Premier point de la liste ;",
        ],
    )
    source = read_pdf(make_pdf(tmp_path / "hyphen.pdf", [rows]), IngestOptions(jobs=1))
    texts = [line.text for line in source.lines() if line.text]
    assert texts[0] == "La lutte contre la criminalité organisée"
    assert texts[1] == "exige une approche intégrée, vers le Royaume-"  # a real compound keeps its hyphen
    assert texts[2] == "Uni notamment."
    assert texts[3] == "• Premier point de la liste ;"


def test_blank_page_needs_no_ocr(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    path = tmp_path / "blank.pdf"
    pdf.output(str(path))
    source = read_pdf(path, IngestOptions(jobs=1))
    assert source.ocr_pages == []
    assert [(w.kind, w.page) for w in source.warnings] == [("page-empty", 1)]


# ------------------------------------------------------------------------- errors


def test_image_renamed_pdf_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(InputUnreadableError, match="PNG image"):
        load_source(path)


def test_truncated_pdf_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(EXCERPT_PDF.read_bytes()[:4000])
    with pytest.raises(InputUnreadableError) as caught:
        load_source(path)
    assert "\n" not in caught.value.message


def test_encrypted_pdf_needs_its_password(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, "Plan national de securite")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(EncryptedPdfError, match="--password"):
        read_pdf(path, IngestOptions(jobs=1))
    with pytest.raises(EncryptedPdfError, match="wrong password"):
        read_pdf(path, IngestOptions(jobs=1, password="nope"))
    source = read_pdf(path, IngestOptions(jobs=1, password="secret"))
    assert [line.text for line in source.lines()] == ["Plan national de securite"]


def test_page_limit(tmp_path: Path) -> None:
    with pytest.raises(LimitExceededError, match="2 pages"):
        read_pdf(EXCERPT_PDF, IngestOptions(max_pages=1))


@pytest.mark.integration
def test_independently_laid_out_edition_keeps_the_structure(tmp_path: Path) -> None:
    """Reflowed justified serif text, other margins, headings not bold, superscript footnote numbers,
    a running header and centred page numbers: the themes and their objectives survive."""
    import sys

    from pns_extract.pipeline import ExtractOptions, extract

    sys.path.insert(0, str(ROOT / "corpus"))
    try:
        import make_pdf
    finally:
        sys.path.pop(0)
    from pns_extract.ingest.text import split_pages

    pages = split_pages(CORPUS_TEXT.read_text(encoding="utf-8"))
    alt = tmp_path / "alt.pdf"
    make_pdf.typeset_alt([make_pdf.classify([line.text for line in page.lines]) for page in pages], alt)
    source = read_pdf(alt, IngestOptions())
    assert source.pages[0].label == "5"  # "– 5 –" centred at the bottom
    assert sum(1 for line in source.lines() if line.hint == "furniture") == 2 * len(source.pages)

    options = ExtractOptions(repair=False, enrich=False)
    text = extract(CORPUS_TEXT, options).document
    pdf = extract(alt, options).document
    assert [t.number for t in pdf.themes] == [t.number for t in text.themes]
    same_titles = sum(a.title == b.title for a, b in zip(pdf.themes, text.themes, strict=True))
    assert same_titles >= len(text.themes) - 2
    for ours, theirs in zip(pdf.themes, text.themes, strict=True):
        mine, want = Counter(o.actor for o in ours.objectives), Counter(o.actor for o in theirs.objectives)
        # the reflow itself may join two short list lines of the text: allow a small drift
        assert sum(abs(mine[k] - want[k]) for k in set(mine) | set(want)) <= 2, ours.number


def test_superscript_footnote_numbers(tmp_path: Path) -> None:
    """A note's number set as a superscript is followed by a space; a call in the text stays glued."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    pdf.set_font("dv", "", 10)
    pdf.text(56, 100, "Le trafic d’êtres humains")
    x = 56 + pdf.get_string_width("Le trafic d’êtres humains")
    pdf.set_font("dv", "", 6)
    pdf.text(x + 0.3, 96, "1")
    after = x + 0.3 + pdf.get_string_width("1 ")  # the word space follows the superscript
    pdf.set_font("dv", "", 10)
    pdf.text(after, 100, "touche à la fois la Belgique.")
    pdf.set_font("dv", "", 4.5)
    pdf.text(56, 757, "1")
    pdf.set_font("dv", "", 7)
    pdf.text(59, 760, "L’article 77bis de la loi du 15 décembre 1980.")
    path = tmp_path / "sup.pdf"
    pdf.output(str(path))
    texts = [line.text for line in read_pdf(path, IngestOptions(jobs=1)).lines() if line.text]
    assert texts[0] == "Le trafic d’êtres humains1 touche à la fois la Belgique."
    assert texts[-1] == "1 L’article 77bis de la loi du 15 décembre 1980."


def test_two_column_page_reads_left_then_right(tmp_path: Path) -> None:
    left = [f"Colonne gauche, ligne {i} du texte." for i in range(1, 9)]
    right = [f"Colonne droite, ligne {i} du texte." for i in range(1, 9)]
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    pdf.add_page()
    pdf.set_font("dv", "B", 14)
    pdf.text(56, 100, "2. Cybercriminalité et sécurité numérique dans les deux colonnes")
    pdf.set_font("dv", "", 10)
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.text(56, 130 + 12.5 * i, a)
        pdf.text(310, 130 + 12.5 * i, b)
    pdf.text(56, 250, "Une ligne pleine largeur qui traverse la gouttière entre les deux colonnes du texte.")
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))
    texts = [line.text for line in read_pdf(path, IngestOptions(jobs=1)).lines() if line.text]
    assert texts[0].startswith("2. Cybercriminalité")
    assert texts[1:9] == left
    assert texts[9:17] == right
    assert texts[17].startswith("Une ligne pleine largeur")
