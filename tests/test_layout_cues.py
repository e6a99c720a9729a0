"""Layout cues measured per document: body size, notes in small type, superscript calls, running
headers and footers in any format, columns; and the same cues from a scan (real Tesseract).

The PDFs are built here with fpdf2 in the styles other publishers use (notes without a rule, one
point smaller than the body, superscript numbers, footers ``12/47`` or ``- 12 -``), never with the
cues ``corpus/make_pdf.py`` plants."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fpdf import FPDF

from pns_extract.ingest import IngestOptions
from pns_extract.ingest.layout import (
    PageLayout,
    TextLine,
    Word,
    body_size,
    finish_line,
    group_words,
    mark_furniture,
    mark_page,
    paragraph_lines,
)
from pns_extract.ingest.lines import Line, SourceDocument
from pns_extract.ingest.pdf import read_pdf
from pns_extract.model import Theme
from pns_extract.parse import parse_document
from pns_extract.parse.footnotes import RawFootnote, attach_footnotes
from pns_extract.parse.furniture import prepare

FONTS = Path("/usr/share/fonts/truetype")
SANS = (FONTS / "dejavu/DejaVuSans.ttf", FONTS / "dejavu/DejaVuSans-Bold.ttf")
SERIF = (FONTS / "liberation2/LiberationSerif-Regular.ttf", FONTS / "liberation2/LiberationSerif-Bold.ttf")
WIDTH, HEIGHT = 595.28, 841.89


# ------------------------------------------------------------------ synthetic lines


def line_at(text: str, top: float, size: float = 10.0, x0: float = 56.0, bold: bool = False) -> TextLine:
    """One printed line of words, as the text layer gives them (a word per space)."""
    words = []
    x = x0
    for part in text.split():
        width = 0.5 * size * len(part)
        words.append(Word(part, x, x + width, top, top + size, size, bold))
        x += width + 0.3 * size
    line = TextLine(words=words, top=top, bottom=top + size)
    finish_line(line)
    return line


def page_of(lines: list[TextLine], number: int = 1) -> PageLayout:
    return PageLayout(number=number, width=WIDTH, height=HEIGHT, method="pdf", lines=lines)


WORDS = "sécurité police fraude drogue frontière réseau enquête victime justice prévention".split()


def body_lines(
    start: float, count: int, size: float = 10.0, x0: float = 56.0, pitch: float = 12.5, shift: int = 0
) -> list[TextLine]:
    """``count`` lines of body text, each of different words (as running text is)."""
    return [
        line_at(f"Une ligne sur la {WORDS[(i + shift) % 10]} et la {WORDS[(i * 3) % 10]}.", start + i * pitch, size, x0)
        for i in range(count)
    ]


def test_body_size_is_the_size_most_characters_use_measured_exactly() -> None:
    heading = line_at("1.1 Trafic de drogue", 80, 15, bold=True)
    notes = [line_at("1 Une note en petits caractères, assez longue pour peser.", 760 + 9 * i, 7.5) for i in range(3)]
    page = page_of([heading, *body_lines(110, 12, 9.3), *notes])
    # 9.3 pt, not rounded to the half point (rounding would bring it nearer to the notes)
    assert body_size([page]) == pytest.approx(9.3)
    assert body_size([]) == 0.0


def test_notes_are_small_type_at_the_bottom_from_a_numbered_line() -> None:
    caption = line_at("Source : enquête nationale de sécurité", 690, 8.5)
    first = line_at("1 L’article 77bis de la loi du", 740, 8.5)
    wrapped = line_at("15 décembre 1980 sanctionne les auteurs.", 750, 8.5)
    second = line_at("2 Le hawala est un système informel.", 760, 8.5)
    footer = line_at("12", 800, 8.5)
    footer.hint = "furniture"
    high = line_at("3 Un petit chiffre en haut de page", 120, 8.5)
    page = page_of([high, *body_lines(150, 30, 9.5), caption, first, wrapped, second, footer])
    mark_page(page, body_size([page]))
    hints = {line.text: line.hint for line in page.lines}
    assert hints[first.text] == hints[wrapped.text] == hints[second.text] == "footnote"
    assert hints[caption.text] is None  # small, but above the first numbered line: not a note
    assert hints[high.text] is None  # small and numbered, but in the upper part of the page
    # one point smaller than the body is enough for the text layer's exact sizes
    paragraphs = paragraph_lines(page, 9.5, 1.25)
    texts = [text for text, _ in paragraphs]
    start = texts.index(first.text)
    # a wrapped line that begins with a number does not start a note; the next number does
    assert texts[start : start + 4] == [first.text, wrapped.text, "", second.text]
    assert texts[start - 1] == ""  # the notes begin a paragraph even without a rule or a gap


def test_notes_at_the_bottom_of_each_column() -> None:
    left = body_lines(100, 40, 9.5, x0=56)
    left_note = line_at("1 Note de la colonne de gauche.", 620, 7.5, x0=56)
    right = body_lines(100, 40, 9.5, x0=310)
    right_note = line_at("2 Note de la colonne de droite.", 620, 7.5, x0=310)
    page = page_of([*left, left_note, *right, right_note])  # reading order: left, then right
    mark_page(page, 9.5)
    assert left_note.hint == right_note.hint == "footnote"
    assert all(line.hint is None for line in left + right)
    texts = [text for text, _ in paragraph_lines(page, 9.5, 1.25)]
    # the right column's text after the left column's note starts a paragraph of its own
    assert texts[texts.index(left_note.text) + 1] == ""


@pytest.mark.parametrize(
    "footer",
    ["{n}", "{n}/47", "- {n} -", "Page {n}", "p. {n}", "Plan national de sécurité 2026-2029 | {n}"],
)
def test_running_header_and_footer_formats_are_furniture(footer: str) -> None:
    pages = []
    for number in range(1, 7):
        header = line_at("Plan national de sécurité 2026-2029", 30, 8)
        foot = line_at(footer.format(n=number + 10), 805, 8)
        pages.append(page_of([header, *body_lines(90, 5 + number, 10, shift=number), foot], number))
    mark_furniture(pages)
    for page in pages:
        assert page.lines[0].hint == page.lines[-1].hint == "furniture"
        assert all(line.hint is None for line in page.lines[1:-1])
    assert [page.label for page in pages] == [str(n + 10) for n in range(1, 7)]


def test_superscripts_stay_in_their_line_and_are_calls() -> None:
    size = 10.0
    words = [
        Word("Le", 56, 62, 100, 110, size),
        Word("trafic", 65, 90, 100, 110, size),
        Word("humains", 93, 130, 100, 110, size),
        # set high: its centre is above the line's box
        Word("1", 130.3, 133.5, 94, 100, 6.0),
        Word("touche", 136, 166, 100, 110, size),
        Word("la", 169, 177, 100, 110, size),
        Word("Belgique.", 180, 220, 100, 110, size),
    ]
    lines = group_words(words)
    assert [line.text for line in lines] == ["Le trafic humains1 touche la Belgique."]
    assert lines[0].calls == ["1"] and not lines[0].lead_number
    note = group_words([Word("1", 56, 59, 754, 760, 5.0), Word("L’article", 60, 90, 755, 763, 8.0)])
    assert [line.text for line in note] == ["1 L’article"] and note[0].lead_number and note[0].calls == []
    # an exponent is not a call
    area = group_words(
        [Word("500", 56, 70, 100, 110, size), Word("m", 73, 78, 100, 110, size), Word("2", 78, 81, 97, 103, 6)]
    )
    assert area[0].calls == []


# ------------------------------------------------------------------ footnotes and calls


def note_line(text: str, number: int, page: int = 1, method: str = "text", calls: tuple[str, ...] = ()) -> Line:
    return Line(page=page, number=number, text=text, method=method, calls=calls)  # type: ignore[arg-type]


def test_attach_footnotes_records_calls_and_warns_without_them() -> None:
    theme_a = Theme(id="theme_1", number="1", parent=None, title="A", page=1)
    theme_b = Theme(id="theme_2", number="2", parent=None, title="B", page=1)
    body = [
        note_line("Le trafic d’êtres humains1, pour sa part, touche", 10),
        note_line("2. Renforcer la lutte contre les réseaux", 20),  # a list number, not a call
        note_line("la fraude à la TVA8 est visée.", 30, page=2),
        note_line("un texte avec un appel en exposant", 40, page=2, method="pdf", calls=("9",)),
        # a text layer that sets its calls as superscripts: a number glued to a word is no call there
        note_line("avec Europol/EC8 et le CCB", 41, page=2, method="pdf"),
    ]
    notes = [
        RawFootnote("1", "L’article 77bis.", 1, 15),
        RawFootnote("2", "Une note sans appel.", 1, 16),
        RawFootnote("8", "Obtention d’avantages.", 2, 45),
    ]
    owner = {10: theme_a, 20: theme_a, 15: theme_b, 16: theme_b, 30: theme_b, 40: theme_b, 41: theme_b, 45: theme_b}
    warnings = attach_footnotes(notes, body, owner.get)
    # note 1 is called from theme A's text: it belongs there, though printed under theme B's lines
    assert [(f.number, [(r.page, r.line) for r in f.refs]) for f in theme_a.footnotes] == [(1, [(1, 10)])]
    assert [(f.number, [(r.page, r.line) for r in f.refs]) for f in theme_b.footnotes] == [(2, []), (8, [(2, 30)])]
    assert [(w.kind, w.page, w.line) for w in warnings] == [("footnote", 1, 16), ("footnote", 2, 40)]
    assert "no call" in warnings[0].message and "call 9" in warnings[1].message


def test_a_call_read_as_a_sign_by_ocr() -> None:
    theme = Theme(id="theme_1", number="1", parent=None, title="A", page=3)
    body = [
        note_line("les facilitateurs, les hawaladars? et les passeurs ;", 5, page=3, method="ocr"),
        note_line("Pourquoi ? Parce que la question se pose !", 6, page=3, method="ocr"),
    ]
    warnings = attach_footnotes([RawFootnote("2", "Le hawala est un système.", 3, 9)], body, lambda _: theme)
    assert [(r.page, r.line) for r in theme.footnotes[0].refs] == [(3, 5)]
    assert warnings == []


def test_a_note_without_an_owner_goes_to_the_unowned_paragraphs() -> None:
    kept: list[str] = []
    attach_footnotes([RawFootnote("1", "Une note du préambule.", 1, 3)], [], lambda _: None, unowned=kept)
    assert kept == ["1 Une note du préambule."]


# ------------------------------------------------------------------ real PDFs


class Typesetter:
    """A minimal page-by-page typesetter over fpdf2: baseline positions, sizes, superscripts."""

    def __init__(self, faces: tuple[Path, Path] = SANS) -> None:
        self.pdf = FPDF(format="A4", unit="pt")
        self.pdf.add_font("f", "", str(faces[0]))
        self.pdf.add_font("f", "B", str(faces[1]))
        self.pdf.set_auto_page_break(False)

    def page(self) -> None:
        self.pdf.add_page()

    def text(self, x: float, y: float, text: str, size: float, bold: bool = False) -> float:
        """Write ``text`` with its baseline at ``y``; ``^N`` sets N as a superscript call. Returns
        where the text ends."""
        for index, part in enumerate(text.split("^")):
            if index:
                digits = part[: len(part) - len(part.lstrip("0123456789"))]
                self.pdf.set_font("f", "", size * 0.6)
                self.pdf.text(x, y - 0.4 * size, digits)
                x += self.pdf.get_string_width(digits)
                part = part[len(digits) :]
            self.pdf.set_font("f", "B" if bold else "", size)
            self.pdf.text(x, y, part)
            x += self.pdf.get_string_width(part)
        return x

    def note(self, x: float, y: float, number: int, text: str, size: float, superscript: bool) -> None:
        if superscript:
            self.pdf.set_font("f", "", size * 0.6)
            self.pdf.text(x, y - 0.35 * size, str(number))
            self.text(x + size, y, text, size)
        else:
            self.text(x, y, f"{number} {text}", size)

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


PLAN_START = [
    ("Préambule", 15, True),
    ("La sécurité est une promesse faite à chaque citoyen.", 9.5, False),
    ("Chapitre 2", 15, True),
    ("1. Criminalité organisée", 15, True),
]


def small_plan(path: Path, *, note_size: float, superscript: bool, footer: str, faces=SANS) -> Path:
    """Two pages of a plan: a theme whose text calls two notes set small at the page bottom, no
    rule; a running header; the footer in ``footer`` format."""
    doc = Typesetter(faces)
    body = 9.5
    texts = [
        [
            "La criminalité organisée^1 touche l’ensemble du territoire et",
            "mobilise des moyens considérables dans tous les arrondissements.",
            "Les facilitateurs comme les banquiers criminels, les hawaladars^2",
            "et les passeurs sont visés par les enquêtes de la police.",
        ],
        [
            "La fraude à la TVA^3 reste une priorité du plan pour la période.",
            "Les services d’inspection et la police travaillent ensemble.",
        ],
    ]
    notes = [
        [
            (1, "L’article 77bis de la loi du 15 décembre 1980 sanctionne les auteurs."),
            (2, "Le hawala est un système informel de transfert d’argent."),
        ],
        [(3, "Obtention d’avantages patrimoniaux illicites en ne payant pas la TVA.")],
    ]
    for index, (lines, page_notes) in enumerate(zip(texts, notes, strict=True)):
        doc.page()
        doc.text(56, 30, "Plan national de sécurité 2026-2029", 7.5)
        y = 80.0
        if index == 0:
            for text, size, bold in PLAN_START:
                doc.text(56, y, text, size, bold)
                y += size * 2.2
        for text in lines:
            doc.text(56, y, text, body)
            y += body * 1.25
        y = 760.0 - len(page_notes) * note_size * 1.25
        for number, text in page_notes:
            doc.note(56, y, number, text, note_size, superscript)
            y += note_size * 1.25
        label = footer.format(n=index + 7)
        doc.text(WIDTH / 2 - 10, 805, label, 7.5)
    return doc.save(path)


@pytest.mark.parametrize(
    ("note_size", "superscript", "footer", "faces"),
    [
        (8.5, False, "{n}", SANS),  # one point smaller than the body, no rule
        (7.0, True, "{n}/47", SANS),  # superscript numbers
        (8.0, True, "- {n} -", SERIF),  # a serif face
        (7.5, False, "Page {n}", SERIF),
    ],
)
def test_small_notes_without_rule_and_their_calls(
    tmp_path: Path, note_size: float, superscript: bool, footer: str, faces
) -> None:
    path = small_plan(tmp_path / "plan.pdf", note_size=note_size, superscript=superscript, footer=footer, faces=faces)
    source = read_pdf(path, IngestOptions(jobs=1))
    assert source.typography["pdf"].body_size == pytest.approx(9.5)
    assert source.typography["pdf"].note_size == pytest.approx(note_size, abs=0.1)
    prepared, _ = prepare(source.lines())
    assert [(n.printed, n.page) for n in prepared.footnotes] == [("1", 1), ("2", 1), ("3", 2)]
    assert prepared.footnotes[0].text.startswith("L’article 77bis de la loi du 15 décembre 1980")
    assert prepared.page_labels == {"1": "7", "2": "8"}
    assert {r.text for r in prepared.residue if r.kind == "furniture"} >= {"Plan national de sécurité 2026-2029"}
    # the calls are recorded and the words stay whole ("organisée1", as OCR reads it)
    texts = [line.text for line in prepared.body]
    assert "La criminalité organisée1 touche l’ensemble du territoire et" in texts
    theme = Theme(id="theme_1", number="1", parent=None, title="Criminalité organisée", page=1)
    warnings = attach_footnotes(prepared.footnotes, prepared.body, lambda _: theme)
    assert warnings == []
    calls = {f.number: [(r.page, source.lines()[r.line - 1].text[:20]) for r in f.refs] for f in theme.footnotes}
    assert calls == {
        1: [(1, "La criminalité organ")],
        2: [(1, "Les facilitateurs co")],
        3: [(2, "La fraude à la TVA3 ")],
    }
    # through the whole parser: no note becomes body text
    document = parse_document(source)
    assert sum(len(t.footnotes) for t in document.themes) == 3
    assert not any("hawala est" in o.text for t in document.themes for o in t.objectives)


def test_two_columns_with_notes_at_each_column_bottom(tmp_path: Path) -> None:
    doc = Typesetter()
    doc.page()
    left = [
        f"Colonne gauche, ligne {i} du texte^1." if i == 3 else f"Colonne gauche, ligne {i} du texte."
        for i in range(30)
    ]
    right = [
        f"Colonne droite, ligne {i} du texte^2." if i == 5 else f"Colonne droite, ligne {i} du texte."
        for i in range(30)
    ]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        doc.text(56, 100 + 12.5 * i, a, 10)
        doc.text(310, 100 + 12.5 * i, b, 10)
    doc.note(56, 520, 1, "Note de la colonne de gauche.", 7.5, True)
    doc.note(310, 520, 2, "Note de la colonne de droite.", 7.5, True)
    source = read_pdf(doc.save(tmp_path / "columns.pdf"), IngestOptions(jobs=1))
    prepared, _ = prepare(source.lines())
    assert [(n.printed, n.text) for n in prepared.footnotes] == [
        ("1", "Note de la colonne de gauche."),
        ("2", "Note de la colonne de droite."),
    ]
    texts = [line.text for line in prepared.body if line.text]
    assert texts[:30] == [t.replace("^", "") for t in left]
    assert texts[30:] == [t.replace("^", "") for t in right]


# ------------------------------------------------------------------ scans


def scan_of(pdf_path: Path, out: Path, dpi: int = 300) -> Path:
    """An image-only PDF of ``pdf_path``'s pages rendered at ``dpi`` (what a scanner gives)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf_path))
    scan = FPDF(format="A4", unit="pt")
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        scan.add_page()
        scan.image(buffer, 0, 0, WIDTH, HEIGHT)
    document.close()
    scan.output(str(out))
    return out


def cues(source: SourceDocument) -> list[tuple[str, str | None, bool | None]]:
    """(first word, hint, bold) of every printed line; words as both paths read them."""
    return [(line.text.split()[0], line.hint, line.bold) for line in source.lines() if line.text]


@pytest.mark.integration
def test_a_scan_gives_the_same_cues_as_the_text_layer(tmp_path: Path) -> None:
    """Real Tesseract: heading by size, bold part title, body, notes one size smaller at the page
    bottom, a header and a footer; the scan's lines carry sizes, weights and positions the same
    rules read as the text layer's."""
    doc = Typesetter(SERIF)
    for page in range(2):
        doc.page()
        doc.text(56, 36, "Plan national de sécurité 2026-2029", 8)
        doc.text(56, 90, f"1.{page + 1} Traite des êtres humains", 15, bold=True)
        doc.text(56, 125, "Objectifs stratégiques", 10, bold=True)
        y = 150.0
        for i in range(14):
            call = f"^{page + 1}" if i == 6 else ""
            doc.text(56, y, f"Renforcer la lutte contre les réseaux criminels organisés{call} numéro {i}.", 10)
            y += 12.5
        note = ("Une note de bas de page, plus petite que le texte.", "Le hawala est un système informel de transfert.")
        doc.note(56, 750, page + 1, note[page], 8, False)
        doc.text(WIDTH / 2 - 8, 805, f"- {page + 3} -", 8)
    text_pdf = doc.save(tmp_path / "text.pdf")
    text = read_pdf(text_pdf, IngestOptions(jobs=1))
    scan = read_pdf(scan_of(text_pdf, tmp_path / "scan.pdf"), IngestOptions(jobs=1, use_cache=False))
    assert scan.ocr_pages == [1, 2] and text.ocr_pages == []
    # the same hints and weights line for line (Tesseract may drop the lone page number "- 3 -")
    printed_text = [cue for cue in cues(text) if cue[1] != "furniture" or cue[0] != "-"]
    assert [cue for cue in cues(scan) if cue[1] != "furniture" or cue[0] != "-"] == printed_text
    ratios = {}
    for name, source in (("text", text), ("scan", scan)):
        typography = next(iter(source.typography.values()))
        heading = next(line for line in source.lines() if line.text.startswith("1.1"))
        note = next(line for line in source.lines() if line.text.startswith("2 Le hawala"))
        ratios[name] = (heading.font_size / typography.body_size, note.font_size / typography.body_size)
    assert ratios["scan"][0] == pytest.approx(ratios["text"][0], rel=0.1)
    assert ratios["scan"][1] == pytest.approx(ratios["text"][1], rel=0.12)

    # positions in points on both paths: where a line starts and stands
    def printed(source: SourceDocument) -> list[Line]:  # Tesseract may drop the lone "- 3 -"
        return [line for line in source.lines() if line.text and not line.text.startswith("- ")]

    for ours, theirs in zip(printed(scan), printed(text), strict=True):
        assert ours.x0 == pytest.approx(theirs.x0, abs=3) and ours.top == pytest.approx(theirs.top, abs=4)
    for source in (text, scan):
        prepared, _ = prepare(source.lines())
        assert [(n.printed, n.page) for n in prepared.footnotes] == [("1", 1), ("2", 2)]


def test_glossary_wrapped_by_a_narrow_column() -> None:
    from pns_extract.parse.furniture import parse_glossary

    texts = [
        "AIG Inspection générale (de la Police",
        "Fédérale et de la Police Locale)",  # wrapped: continues, though capitalised
        "ANPR Automatic Number Plate",
        "",  # the blank where a running header stood
        "",
        "Recognition",
        "CCU Computer Crime Unit",
        "",  # a paragraph break: what follows is an entry of its own
        "Europol Office européen de police",
    ]
    lines = [Line(page=1, number=i, text=text, method="pdf") for i, text in enumerate(texts, start=1)]
    entries, warnings, odd = parse_glossary(lines, furniture={4})
    assert [(e.acronym, e.expansion) for e in entries] == [
        ("AIG", "Inspection générale (de la Police Fédérale et de la Police Locale)"),
        ("ANPR", "Automatic Number Plate Recognition"),
        ("CCU", "Computer Crime Unit"),
        ("Europol", "Office européen de police"),
    ]
    assert [(w.kind, w.line) for w in warnings] == [("glossary", 9)]
    assert odd == []  # a wrapped expansion is no odd line


@pytest.mark.parametrize("footer", ["{n}", "- {n} -", "Page {n}", "{n}/47", "p. {n}"])
def test_text_format_page_numbers_are_furniture_and_labels(footer: str) -> None:
    from pns_extract.ingest.text import source_from_text

    pages = [
        f" Le texte de la page {word} continue ici.\nUne autre ligne sur la {word}.\n{footer.format(n=n + 4)}\n"
        for n, word in enumerate(["sécurité", "police", "fraude", "drogue"], start=1)
    ]
    prepared, _ = prepare(source_from_text("".join(pages)).lines())
    assert [r.text for r in prepared.residue if r.kind == "furniture"] == [footer.format(n=n) for n in range(5, 9)]
    assert prepared.page_labels == {"1": "5", "2": "6", "3": "7", "4": "8"}
    assert len([line for line in prepared.body if line.text]) == 8  # the two text lines of each page


def test_a_scanned_note_whose_number_ocr_lost() -> None:
    """Tesseract may read a column of hanging note numbers as a block of its own: the first note's
    text comes without its number. Set small at the page bottom, it is still a note, numbered in
    sequence, with a warning; on a text layer such lines would not be marked as notes at all."""
    from pns_extract.parse.footnotes import collect_footnotes

    def ocr(number: int, text: str, hint: str | None = None) -> Line:
        return Line(page=4, number=100 + number, text=text, method="ocr", hint=hint)  # type: ignore[arg-type]

    lines = [
        ocr(1, "La fraude fiscale mine l'économie belge."),
        ocr(2, ""),
        ocr(3, "Obtention d'avantages patrimoniaux illicites.", "footnote"),
        ocr(4, ""),
        ocr(5, "9 On parle de fraude à l'impôt sur les revenus.", "footnote"),
    ]
    notes, taken = collect_footnotes(lines, set())
    assert [(n.lost, n.text) for n in notes] == [
        (True, "Obtention d'avantages patrimoniaux illicites."),
        (False, "On parle de fraude à l'impôt sur les revenus."),
    ]
    assert taken == {103, 105}
    # the whole parser reads such a page too
    from pns_extract.ingest.lines import Page

    page_source = SourceDocument(file="scan.pdf", sha256="0", kind="pdf", pages=[Page(4, lines, "ocr")])
    assert parse_document(page_source).coverage.lines == 3
    theme = Theme(id="theme_6.2", number="6.2", parent=None, title="Fraude fiscale", page=4)
    earlier = [RawFootnote(str(n), f"Note {n}.", 2, n) for n in range(1, 8)]  # notes 1-7 before
    warnings = attach_footnotes([*earlier, *notes], [], lambda _: theme)
    assert [(f.number, f.printed_number) for f in theme.footnotes][-2:] == [(8, None), (9, None)]
    # renumbered (no readable number) and without a call: two warnings on the note's line
    assert [(w.kind, w.line) for w in warnings if w.line == 103] == [("footnote", 103)] * 2
    # a small page-bottom mark of the layout on mark_page's side: only OCR extends notes upwards
    page = page_of(
        [*body_lines(100, 40, 10), line_at("Obtention d'avantages.", 740, 7), line_at("9 On parle.", 752, 7)]
    )
    mark_page(page, 10.0)
    assert [line.hint for line in page.lines[-2:]] == [None, "footnote"]
    page.method = "ocr"
    for line in page.lines:
        line.hint = None
    mark_page(page, 10.0, 0.9, 1.25, lost_numbers=True)
    assert [line.hint for line in page.lines[-2:]] == ["footnote", "footnote"]


def test_a_scanned_page_whose_only_note_lost_its_number() -> None:
    """A small raised number read as a quote ("‘l'article"): clearly small lines at a scan's page
    bottom are still a note; the sign left by the number is dropped."""
    from pns_extract.parse.footnotes import collect_footnotes

    page = page_of([*body_lines(100, 40, 10), line_at("‘l'article 77bis de la loi.", 752, 7.5)])
    page.method = "ocr"
    mark_page(page, 10.0, 0.9, 1.25, lost_numbers=True)
    assert page.lines[-1].hint == "footnote"
    lines = [
        Line(page=2, number=1, text="Le trafic d'êtres humains', pour sa part.", method="ocr"),
        Line(page=2, number=2, text="", method="ocr"),
        Line(page=2, number=3, text="‘l'article 77bis de la loi.", method="ocr", hint="footnote"),
    ]
    notes, _ = collect_footnotes(lines, set())
    assert [(n.lost, n.text) for n in notes] == [(True, "l'article 77bis de la loi.")]
