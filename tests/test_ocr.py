"""OCR ingestion: real Tesseract on a small scanned fixture, the page cache, fake engines, errors."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from PIL import Image

from pns_extract.errors import OcrFailedError, OcrUnavailableError
from pns_extract.ingest import IngestOptions
from pns_extract.ingest.cache import OcrCache, page_key
from pns_extract.ingest.layout import TextLine
from pns_extract.ingest.ocr import (
    OcrPage,
    OcrWord,
    TesseractEngine,
    fix_bullet,
    fix_heading_number,
    fix_item_ends,
    fix_quote_bullets,
    ocr_lines,
    parse_tsv,
)
from pns_extract.ingest.pdf import read_pdf
from pns_extract.ingest.text import read_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXCERPT_SCAN = DATA / "excerpt.scan.pdf"
EXCERPT_PDF = DATA / "excerpt.pdf"
EXCERPT_TEXT = DATA / "excerpt.txt"


class FakeEngine:
    """Returns fixed words for any image; counts calls (in-process runs only)."""

    lang = "fra"

    def __init__(self, words: tuple[OcrWord, ...] = ()) -> None:
        self.words = words
        self.calls = 0

    def check(self) -> None:
        pass

    def close(self) -> None:
        pass

    def settings_key(self) -> str:
        return "fake"

    def recognize(self, image: bytes, suffix: str, dpi: int, size: tuple[int, int], meanwhile=None) -> OcrPage:
        self.calls += 1
        if meanwhile is not None:
            meanwhile()
        return OcrPage(width=size[0], height=size[1], words=self.words)

    def recognize_block(self, image: bytes, dpi: int, size: tuple[int, int]) -> OcrPage:
        return OcrPage(width=size[0], height=size[1], words=())


class RefusingEngine(TesseractEngine):
    """Same cache key as Tesseract, but any real OCR is an error: proves a run came from the cache."""

    def recognize(self, image: bytes, suffix: str, dpi: int, size: tuple[int, int], meanwhile=None) -> OcrPage:
        raise OcrFailedError("OCR ran although the page was cached")


def fuzzy_share(reference: list[str], got: list[str], threshold: float = 0.9) -> float:
    hits = 0
    for line in reference:
        if max((difflib.SequenceMatcher(None, line, g).ratio() for g in got), default=0) >= threshold:
            hits += 1
    return hits / len(reference)


def reference_lines(page) -> list[str]:
    lines = []
    for line in page.lines:
        text = line.text.strip()
        if not text or text in {"»", "Y", "|II"}:
            continue
        lines.append(text)
    return lines


def test_real_tesseract_on_the_scanned_excerpt(tmp_path: Path) -> None:
    options = IngestOptions(jobs=2, use_cache=False)
    source = read_pdf(EXCERPT_SCAN, options)
    reference = read_text(EXCERPT_TEXT)
    assert source.ocr_pages == [1, 2]
    assert all(line.method == "ocr" for line in source.lines())
    assert [page.label for page in source.pages] == ["12", "13"]
    for want, got in zip(reference.pages, source.pages, strict=True):
        texts = [line.text for line in got.lines if line.text]
        assert fuzzy_share(reference_lines(want), texts, 0.85) >= 0.9
    hints = {line.text: line.hint for line in source.lines() if line.text}
    assert hints.get("1.1 Trafic de drogue") == "heading"
    assert hints.get("Plan national de sécurité 2026-2029 - 12") == "furniture"
    # paragraph breaks come out where the typeset page has them
    assert source.pages[0].lines[1].text == ""


def test_cache_makes_a_rerun_skip_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(tmp_path / "cache"))
    first = read_pdf(EXCERPT_SCAN, IngestOptions(jobs=2))
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 2
    again = read_pdf(EXCERPT_SCAN, IngestOptions(jobs=1), engine=RefusingEngine("fra"))
    assert [line.text for line in again.lines()] == [line.text for line in first.lines()]
    assert [line.bold for line in again.lines()] == [line.bold for line in first.lines()]
    # --no-cache bypasses it: the refusing engine is then asked to OCR, and every page fails
    bypassed = read_pdf(EXCERPT_SCAN, IngestOptions(jobs=1, use_cache=False), engine=RefusingEngine("fra"))
    assert bypassed.failed_pages == [1, 2]
    assert any(w.kind == "page-failed" and w.page == 1 and "OCR ran" in w.message for w in bypassed.warnings)


def test_cache_key_depends_on_image_and_settings(tmp_path: Path) -> None:
    assert page_key(b"image", "tesseract=5;lang=fra") != page_key(b"image", "tesseract=5;lang=eng")
    assert page_key(b"image", "a") != page_key(b"other", "a")
    cache = OcrCache(tmp_path)
    page = OcrPage(10, 20, (OcrWord("Bonjour", 1, 2, 3, 4, (1, 1, 1)),), weights=(0.11,))
    cache.put("ab" * 32, page)
    assert cache.get("ab" * 32) == page  # the stroke weights too: a cached page's image is not decoded
    (tmp_path / "ab" / f"{'ab' * 32}.json").write_text("{broken", encoding="utf-8")
    assert cache.get("ab" * 32) is None


def test_mixed_document_ocrs_only_the_scanned_page(tmp_path: Path) -> None:
    """Page 1 has a text layer, page 2 is an image: only page 2 goes to the (fake) engine."""
    from pypdfium2 import PdfDocument

    scan = PdfDocument(str(EXCERPT_SCAN))
    image = scan[1].render(scale=150 / 72, grayscale=True).to_pil()
    scan.close()
    image_pdf = tmp_path / "page2.pdf"
    image.save(image_pdf, format="PDF", resolution=150.0)
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.text(56, 80, "Le Plan national de securite traduit la Note-cadre en priorites.")
    pdf.add_page()
    png = tmp_path / "page2.png"
    image.save(png)
    pdf.image(str(png), x=0, y=0, w=pdf.w, h=pdf.h)
    mixed = tmp_path / "mixed.pdf"
    pdf.output(str(mixed))
    words = (
        OcrWord("Pour", 100, 100, 60, 20, (1, 1, 1)),
        OcrWord("la", 170, 100, 25, 20, (1, 1, 1)),
        OcrWord("Police", 205, 100, 80, 20, (1, 1, 1)),
        OcrWord("Locale", 295, 100, 80, 20, (1, 1, 1)),
        OcrWord(":", 385, 100, 8, 20, (1, 1, 1)),
    )
    engine = FakeEngine(words)
    source = read_pdf(mixed, IngestOptions(jobs=1, use_cache=False), engine=engine)
    assert source.ocr_pages == [2]
    assert engine.calls == 1
    assert [p.method for p in source.pages] == ["pdf", "ocr"]
    assert [line.text for line in source.pages[1].lines] == ["Pour la Police Locale :"]
    # --ocr never leaves the scanned page empty (and says so); --ocr always OCRs the text page too
    never = read_pdf(mixed, IngestOptions(jobs=1, ocr="never"), engine=FakeEngine(words))
    assert never.ocr_pages == [] and [(w.kind, w.page) for w in never.warnings] == [("page-empty", 2)]
    always = read_pdf(mixed, IngestOptions(jobs=1, ocr="always", use_cache=False), engine=FakeEngine(words))
    assert always.ocr_pages == [1, 2]


def test_missing_tesseract_is_reported_only_when_ocr_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    from pns_extract.ingest import tesseract_run

    monkeypatch.setattr(tesseract_run, "TESSERACT", "/nonexistent/tesseract")
    # a text PDF never asks for Tesseract
    assert read_pdf(EXCERPT_PDF, IngestOptions(jobs=1)).ocr_pages == []
    with pytest.raises(OcrUnavailableError, match="apt-get install tesseract-ocr tesseract-ocr-fra"):
        read_pdf(EXCERPT_SCAN, IngestOptions(jobs=1, use_cache=False))


def test_missing_language_data_names_the_package() -> None:
    with pytest.raises(OcrUnavailableError, match="tesseract-ocr-xyz"):
        TesseractEngine("xyz").check()


def test_ocr_timeout_is_a_failed_page(tmp_path: Path) -> None:
    image = Image.new("L", (2400, 3200), 255)
    path = tmp_path / "page.png"
    image.save(path)
    engine = TesseractEngine("fra", timeout=0.001)
    with pytest.raises(OcrFailedError, match="timed out"):
        engine.recognize(path.read_bytes(), ".png", 300, image.size)


def test_tsv_parsing_and_line_grouping() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t1000\t1400\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t100\t200\t80\t30\t96\tObjectifs\n"
        "5\t1\t1\t1\t1\t2\t190\t200\t120\t38\t95\tstratégiques\n"
        "5\t1\t1\t1\t2\t1\t100\t250\t40\t30\t91\tPour\n"
        "5\t1\t1\t1\t2\t2\t150\t250\t20\t22\t90\t \n"
    )
    page = parse_tsv(tsv, (1000, 1400))
    assert [w.text for w in page.words] == ["Objectifs", "stratégiques", "Pour"]
    lines = ocr_lines(page, 72 / 300)
    assert [line.text for line in lines] == ["Objectifs stratégiques", "Pour"]
    # positions in points, measured on the baseline (box bottom, no descenders in "Objectifs")
    assert lines[0].top < lines[1].top
    assert lines[0].bottom == pytest.approx(230 * 72 / 300, abs=2)


def test_heading_number_read_with_a_comma() -> None:
    assert fix_heading_number("9, Partenariats") == "9. Partenariats"
    assert fix_heading_number("1.4: Trafic d'armes") == "1.4. Trafic d'armes"
    assert fix_heading_number("2, 3 et 4 sont des nombres") == "2, 3 et 4 sont des nombres"


def test_ocr_bullets() -> None:
    assert fix_bullet("+ Coopération avec les partenaires") == "• Coopération avec les partenaires"
    assert fix_bullet("e Plan national drogues") == "• Plan national drogues"
    assert fix_bullet("« Violence as a service »") == "« Violence as a service »"
    assert fix_bullet("a la fois") == "a la fois"
    assert fix_bullet("*_ Orientation vers les résultats") == "• Orientation vers les résultats"  # a speck beside it
    assert fix_bullet("*_Nouvelle approche") == "• Nouvelle approche"
    assert fix_bullet("_ Criminalité numérique") == "• Criminalité numérique"
    assert fix_bullet("*Note") == "*Note"


def test_a_semicolon_read_as_a_colon_is_told_by_its_tail() -> None:
    """At a line's end, Tesseract's ':' whose box reaches below the baseline is a ';' (the item
    ends there); a colon's dots sit on the baseline (a sub-list follows). Mid-line colons (labels)
    are left as read."""

    def line(final_bottom: int, mid: str = "") -> str:
        words = [OcrWord("Renforcer", 100, 100, 120, 28, (1, 1, 1)), OcrWord("la", 230, 100, 25, 28, (1, 1, 1))]
        if mid:
            words.append(OcrWord(mid, 262, 110, 8, final_bottom - 110, (1, 1, 1)))
        words += [
            OcrWord("police", 280, 100, 80, 28, (1, 1, 1)),
            OcrWord(":", 368, 110, 8, final_bottom - 110, (1, 1, 1)),
        ]
        return ocr_lines(OcrPage(1000, 1000, tuple(words)), 1.0)[0]

    assert line(128).text == "Renforcer la police :"  # on the baseline (128): a colon
    assert not line(128).colon_doubt
    assert line(132).text == "Renforcer la police ;"  # a tenth of an em below: a semicolon's tail
    assert line(150).text == "Renforcer la police :"  # far below: a speck in the box, not a tail
    assert line(132, mid=":").text == "Renforcer la : police ;"
    doubtful = line(129)  # a few hundredths of an em: either; the list's shape decides (fix_item_ends)
    assert doubtful.text == "Renforcer la police :" and doubtful.colon_doubt


def test_a_doubtful_item_end_is_read_from_the_lists_shape() -> None:
    """A final ':' whose tail measures neither colon nor semicolon becomes ';' where its paragraph
    is an item followed by another of the same list, or several lines followed by a capitalised
    paragraph; it stays where it introduces a list of another kind. A measured colon stays."""

    def text_line(text: str, doubt: bool = True) -> TextLine:
        return TextLine(words=[], top=0.0, bottom=0.0, text=text, colon_doubt=doubt)

    parts = [
        ("• Criminalité numérique : coopération entre unités cyber et TEH. Renforcement", None),
        ("des capacités de veille numérique transversale :", text_line("des capacités … transversale :")),
        ("", None),
        ("• Fraude documentaire : coordination entre les services ;", None),
        ("", None),
        ("1. Les objectifs suivants :", text_line("1. Les objectifs suivants :")),
        ("", None),
        ("• premier objectif ;", None),
        ("", None),
        ("Maximiser la saisie des avantages patrimoniaux obtenus illicitement, dans les", None),
        ("limites des compétences policières :", text_line("limites des compétences policières :", doubt=False)),
        ("", None),
        ("Calculer et identifier les avantages patrimoniaux illicites ;", None),
    ]
    fix_item_ends(parts)
    assert parts[1][0] == "des capacités de veille numérique transversale ;"
    assert parts[1][1].text == parts[1][0]
    assert parts[5][0] == "1. Les objectifs suivants :"  # introduces a list of another kind
    assert parts[10][0] == "limites des compétences policières :"  # its glyph measured a colon


def test_a_raised_mark_the_engine_did_not_read_is_found_before_its_line() -> None:
    """A note's superscript number hung before its first line is ink the engine left unread; a
    speck, a mark on the baseline or another column's text there are not such marks."""
    import numpy as np

    from pns_extract.ingest.page_image import raised_marks

    ink = np.zeros((400, 900), dtype=bool)
    lines = {}
    for number, top in enumerate((100, 160, 220, 280), start=1):  # "Plan" and "note": em 28 / 0.72 = 39
        lines[number] = (
            OcrWord("Plan", 300, top, 60, 28, (1, 1, number)),
            OcrWord("note", 370, top, 60, 28, (1, 1, number)),
        )
    ink[100:108, 260:265] = True  # line 1: a small digit, its foot 20 px (half an em) above the baseline
    ink[150:151, 270:271] = True  # line 2: a speck above it
    ink[176:188, 260:268] = True  # and a mark down to its baseline (y 188): a glyph, not a superscript
    ink[220:228, 262:266] = True  # line 3: a small raised mark
    other = OcrWord("colonne", 150, 280, 150, 28, (2, 1, 1))  # line 4: another column's text ends there
    ink[282:290, 262:266] = True
    text = [OcrWord("Texte", 700, 100 + 50 * i, 100, 40, (3, 1, i)) for i in range(6)]  # larger than the notes
    page = OcrPage(900, 400, (*text, *[w for pair in lines.values() for w in pair], other))
    assert raised_marks(ink, page) == ((1, 1, 1), (1, 1, 3))
    ink[100:112, 660:666] = True  # a raised mark before a line of the text's size is no note's number
    assert (3, 1, 0) not in raised_marks(ink, page)


class BlockEngine(FakeEngine):
    """Reads any block as the given words (in the block's own pixels); records the block's size."""

    def __init__(self, block_words: tuple[OcrWord, ...]) -> None:
        super().__init__()
        self.block_words = block_words
        self.blocks: list[tuple[int, int]] = []

    def recognize_block(self, image: bytes, dpi: int, size: tuple[int, int]) -> OcrPage:
        self.blocks.append(size)
        return OcrPage(width=size[0], height=size[1], words=self.block_words)


def test_a_label_column_the_engine_skipped_is_read_again_beside_its_lines() -> None:
    """Tesseract's layout analysis may drop the lower part of a glossary's acronym column at low
    resolution: the expansions' lines start far right of the page's text with ink before them;
    that column is read again as one block and each label joins the line it stands beside."""
    import numpy as np
    from PIL import Image

    from pns_extract.ingest.page_image import recover_skipped_labels

    grey = Image.new("L", (1000, 600), 255)
    ink = np.zeros((600, 1000), dtype=bool)
    words = []
    for i, (acronym, expansion) in enumerate(
        [
            ("HVT", "High Value"),
            ("IBM", "Border Management"),
            ("PIP", "Plan d'intervention"),
            ("PJF", "Police Judiciaire"),
            ("PNS", "Plan national"),
        ]
    ):
        top = 100 + 40 * i
        if i < 2:  # read by the engine
            words.append(OcrWord(acronym, 100, top, 60, 24, (1, 1, i + 1)))
        else:  # skipped: ink only
            ink[top : top + 24, 100:160] = True
        first, second = expansion.split(" ", 1)
        words += [OcrWord(first, 250, top, 80, 24, (2, i + 1, 1)), OcrWord(second, 340, top, 160, 24, (2, i + 1, 1))]
    page = OcrPage(1000, 600, tuple(words))
    block_top = 100 + 80 - 10  # the block starts a third of an em above the first bare line
    read = tuple(
        OcrWord(a, 10, 100 + 40 * i + 80 - block_top, 60, 24, (1, 1, i + 1))
        for i, a in enumerate(["PIP", "PJF", "PNS"])
    )
    engine = BlockEngine(read)
    recovered = recover_skipped_labels(grey, ink, page, engine, 150)
    lines = [line.text for line in ocr_lines(recovered, 0.48)]
    assert lines[-3:] == ["PIP Plan d'intervention", "PJF Police Judiciaire", "PNS Plan national"]
    assert len(engine.blocks) == 1
    junk = BlockEngine((OcrWord("illustration-sans-légende-aucune", 10, 10, 60, 24, (1, 1, 1)), *read[1:]))
    assert len(recover_skipped_labels(grey, ink, page, junk, 150).words) == len(words) + 2  # not a label


def test_a_bullet_read_as_an_opening_quote_that_never_closes() -> None:
    """A small square bullet comes out of Tesseract as ``“`` glued to the item's first word; a
    quotation that opens a line and closes is a quotation."""
    parts = [
        ("“Rechercher les fonctionnaires corrompus dans les hubs logistiques : la Police", None),
        ("recherche les fonctionnaires qui abusent de leur position.", None),
        ("“Outre la forte association entre corruption et criminalité", None),
        ("organisée, il convient de souligner que la corruption en", None),
        ("", None),
        ("“Sécurité intégrale” est le titre de la note-cadre ;", None),
        ("“La note-cadre de sécurité intégrale, disait le ministre,", None),
        ("sera évaluée chaque année.”", None),
        ("“_ Note-cadre de sécurité intégrale 2026-2029", None),
    ]
    fix_quote_bullets(parts)
    assert parts[0][0].startswith("• Rechercher")
    assert parts[2][0].startswith("• Outre")
    assert parts[5][0].startswith("“Sécurité intégrale”")  # closes on its line
    assert parts[6][0].startswith("“La note-cadre")  # closes on a later line of its paragraph
    assert fix_bullet(parts[8][0]) == "• Note-cadre de sécurité intégrale 2026-2029"


@pytest.mark.eval  # OCRs 39 pages: about a minute on two cores, so in `make eval`
def test_whole_scan_gives_the_text_structure() -> None:
    from collections import Counter

    from pns_extract.pipeline import ExtractOptions, extract

    options = ExtractOptions(repair=False, enrich=False)
    text = extract(ROOT / "corpus" / "pns-2026-2029.ocr.txt", options).document
    scan = extract(ROOT / "corpus" / "pns-2026-2029.scan.pdf", options).document
    assert scan.source.ocr_pages == list(range(1, 40))
    assert [t.number for t in scan.themes] == [t.number for t in text.themes]
    for ours, theirs in zip(scan.themes, text.themes, strict=True):
        mine, want = Counter(o.actor for o in ours.objectives), Counter(o.actor for o in theirs.objectives)
        assert all(abs(mine[k] - want[k]) <= 1 for k in set(mine) | set(want)), ours.number


def test_image_pixel_limit(tmp_path: Path) -> None:
    from pns_extract.errors import LimitExceededError

    with pytest.raises(LimitExceededError, match="page 1: the page image has 3868706 pixels"):
        read_pdf(EXCERPT_SCAN, IngestOptions(jobs=1, max_image_pixels=1_000_000), engine=FakeEngine())


def test_a_column_of_labels_read_as_a_block_of_its_own_goes_back_beside_its_text() -> None:
    """Tesseract may read a glossary's acronyms, tabbed before their expansions, as one block and
    the expansions as another (as it did on a 150-dpi scan): each acronym returns to its line."""
    entries = [("HVT", "High Value Targets"), ("IBM", "Integrated Border Management"), ("ILP", "Intelligence Led")]
    words = [OcrWord(acronym, 100, 200 + 60 * i, 90, 30, (1, 1, i + 1)) for i, (acronym, _) in enumerate(entries)]
    for i, (_, expansion) in enumerate(entries):
        left = 400
        for word in expansion.split():
            words.append(OcrWord(word, left, 200 + 60 * i, 30 * len(word), 30, (2, 1, i + 1)))
            left += 30 * len(word) + 20
    lines = ocr_lines(OcrPage(width=2400, height=3400, words=tuple(words)), 72 / 300)
    assert [line.text for line in lines] == [f"{a} {e}" for a, e in entries]
    # two columns of text stay two columns, even when lines of one are a single word
    words = [
        OcrWord(w, 100, 200 + 60 * i, 200, 30, (1, 1, i + 1)) for i, w in enumerate(["Gauche", "colonne", "texte"])
    ]
    words.append(OcrWord("longue", 100, 380, 200, 30, (1, 1, 4)))
    words.append(OcrWord("ligne", 320, 380, 160, 30, (1, 1, 4)))
    words += [
        OcrWord(w, 1300, 200 + 60 * i, 200, 30, (2, 1, i + 1)) for i, w in enumerate(["Droite", "autre", "texte"])
    ]
    lines = ocr_lines(OcrPage(width=2400, height=3400, words=tuple(words)), 72 / 300)
    assert [line.text for line in lines] == ["Gauche", "colonne", "texte", "longue ligne", "Droite", "autre", "texte"]


def _reference_stroke_weights(image: bytes, page: OcrPage) -> list[float | None]:
    """Stroke weights as first written (numpy's pad and per-row nonzero, a bincount histogram)."""
    import io

    import numpy as np

    from pns_extract.ingest.ocr import em_height

    with Image.open(io.BytesIO(image)) as picture:
        gray = np.asarray(picture.convert("L"))
    histogram = np.bincount(gray.ravel(), minlength=256).astype(float)
    weight, mean = np.cumsum(histogram), np.cumsum(histogram * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * weight[-1]) ** 2 / (weight * (weight[-1] - weight))
    ink = gray < int(np.argmax(np.nan_to_num(between))) + 1
    weights: list[float | None] = []
    for word in page.words:
        box = ink[max(word.top, 0) : word.top + word.height, max(word.left, 0) : word.left + word.width]
        if not box.size or word.height <= 0:
            weights.append(None)
            continue
        weights.append(_reference_median_run(box) / em_height(word))
    return [w if w else None for w in weights]


def _reference_median_run(box) -> float:
    """The median length of a binary box's horizontal runs of ink, one box at a time (0 without ink)."""
    import numpy as np

    edges = np.diff(np.pad(box, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    starts, ends = np.nonzero(edges == 1), np.nonzero(edges == -1)
    return float(np.median(ends[1] - starts[1])) if len(starts[0]) else 0.0


def test_stroke_weights_are_those_of_the_first_measure(tmp_path: Path) -> None:
    """The faster measure (the image's own histogram, runs found on flat positions) gives the same
    weights, on the scanned excerpt's page image and word boxes of every size, edges included."""
    import io
    import random

    import pypdfium2 as pdfium

    from pns_extract.ingest.page_image import PagePixels, stroke_weights

    document = pdfium.PdfDocument(str(EXCERPT_SCAN))
    bitmap = document[0].render(scale=150 / 72, grayscale=True).to_pil()
    document.close()
    buffer = io.BytesIO()
    bitmap.save(buffer, format="JPEG", quality=40)
    image = buffer.getvalue()
    rng = random.Random(7)
    words = tuple(
        OcrWord("mot", rng.randrange(-20, bitmap.width), rng.randrange(-20, bitmap.height),
                rng.randrange(0, 300), rng.randrange(0, 60), (1, 1, 1))
        for _ in range(400)
    )  # fmt: skip
    page = OcrPage(width=bitmap.width, height=bitmap.height, words=words)
    found = stroke_weights(PagePixels(image).ink, page)
    assert found == _reference_stroke_weights(image, page)
    assert sum(w is not None for w in found) > 100  # the boxes do hold ink


def test_median_runs_of_many_boxes_are_each_boxs_own() -> None:
    """All boxes measured in one pass give each box's median run, as measured alone: odd and
    even counts of runs (the mean of the two middle ones), runs touching the edges, no ink."""
    import random

    import numpy as np

    from pns_extract.ingest.page_image import _median_runs

    rng = random.Random(11)
    boxes = [
        np.zeros((3, 4), dtype=bool),  # no ink: 0.0
        np.ones((2, 5), dtype=bool),  # one run per row, touching both edges
        np.array([[True, False, True, True]]),  # runs of 1 and 2: an even count
        np.array([[True]]),
        np.zeros((0, 3), dtype=bool),  # an empty box among the others
    ]
    for _ in range(300):
        rows, columns = rng.randrange(1, 12), rng.randrange(1, 40)
        boxes.append(np.array([[rng.random() < 0.4 for _ in range(columns)] for _ in range(rows)]))
    assert _median_runs(boxes) == [_reference_median_run(box) for box in boxes]
    assert _median_runs(boxes)[2] == 1.5
