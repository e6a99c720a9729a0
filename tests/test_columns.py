"""Two columns whose lines do not share a baseline grid: a heading set larger in the right column
shifts its lines, so grouping words by height would interleave the columns."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from hypothesis import given
from hypothesis import strategies as st

from pns_extract.ingest import IngestOptions
from pns_extract.ingest.pdf import read_pdf

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def two_columns(path: Path, *, right_offset: float) -> tuple[list[str], list[str]]:
    left = [f"Gauche {i} : la coopération policière se renforce." for i in range(1, 13)]
    right = [f"Droite {i} : les partenariats sont consolidés." for i in range(1, 10)]
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    pdf.add_page()
    pdf.set_font("dv", "", 9.5)
    for i, text in enumerate(left):
        pdf.text(50, 100 + 12 * i, text)
    pdf.set_font("dv", "B", 13)
    pdf.text(305, 100, "2. Cybercriminalité")
    pdf.set_font("dv", "", 9.5)
    for i, text in enumerate(right):
        pdf.text(305, 100 + right_offset + 12 * i, text)
    pdf.text(50, 300, "Une note en pleine largeur qui traverse la gouttière entre les deux colonnes de ce texte.")
    pdf.output(str(path))
    return left, right


def test_columns_off_each_others_grid_are_read_one_after_the_other(tmp_path: Path) -> None:
    path = tmp_path / "columns.pdf"
    left, right = two_columns(path, right_offset=21)  # the heading pushes the right column down half a line
    texts = [line.text for line in read_pdf(path, IngestOptions(jobs=1, use_cache=False)).lines() if line.text]
    assert texts[: len(left)] == left
    assert texts[len(left)] == "2. Cybercriminalité"
    assert texts[len(left) + 1 : len(left) + 1 + len(right)] == right
    assert texts[-1].startswith("Une note en pleine largeur")


def test_one_column_page_is_not_split(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    pdf.set_font("dv", "", 10)
    lines = [
        f"Ligne {i} d'un paragraphe ordinaire qui court sur toute la largeur de la page, sans gouttière."
        for i in range(20)
    ]
    for i, text in enumerate(lines):
        pdf.text(50, 100 + 13 * i, text)
    pdf.output(str(path))
    texts = [line.text for line in read_pdf(path, IngestOptions(jobs=1, use_cache=False)).lines() if line.text]
    assert texts == lines


def test_a_tabbed_glossary_in_two_columns_parts_at_the_middle(tmp_path: Path) -> None:
    """Each column of the glossary sets its acronyms at one tab and its expansions at another: the
    tab's empty band inside the right column is wider than the gutter, yet it is no gutter."""
    entries = [(f"AC{chr(65 + i)}", f"Expansion numéro {i} du glossaire") for i in range(24)]
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    pdf.set_font("dv", "", 8)
    for i, (acronym, expansion) in enumerate(entries):
        column, row = divmod(i, 12)
        x = 50 + 200 * column  # a gutter of about 30 pt
        pdf.text(x, 100 + 12 * row, acronym)
        pdf.text(x + (40 if column == 0 else 85), 100 + 12 * row, expansion)  # a band of about 65 pt
    path = tmp_path / "glossary.pdf"
    pdf.output(str(path))
    texts = [line.text for line in read_pdf(path, IngestOptions(jobs=1, use_cache=False)).lines() if line.text]
    assert texts == [f"{acronym} {expansion}" for acronym, expansion in entries]


def test_a_short_right_column_beside_a_full_one(tmp_path: Path) -> None:
    """A theme ending high on its page leaves two lines in the right column, beside a full left
    one: still two columns, the heading on the left is not glued to the right column's line."""
    left = [f"Gauche {i} : la coopération se renforce." for i in range(1, 25)]
    right = ["mesures préventives et réactives.", "Pour la Police Locale :"]
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    pdf.add_page()
    pdf.set_font("dv", "B", 12)
    pdf.text(50, 100, "1.5 METTRE L'ACCENT SUR")
    pdf.set_font("dv", "", 9)
    for i, text in enumerate(left):
        pdf.text(50, 120 + 12 * i, text)
    for i, text in enumerate(right):
        pdf.text(300, 100 + 12 * i, text)
    path = tmp_path / "short.pdf"
    pdf.output(str(path))
    texts = [line.text for line in read_pdf(path, IngestOptions(jobs=1, use_cache=False)).lines() if line.text]
    assert texts == ["1.5 METTRE L'ACCENT SUR", *left, *right]


def test_a_line_that_fills_its_column_wraps(tmp_path: Path) -> None:
    """In a narrow column, a title wrapped by the layout fills the line ('… — Cyber Law' /
    'Enforcement': the next word would not have fitted); a short title ends where it ends."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    pdf.set_font("dv", "", 9)
    measure = pdf.get_string_width("Plan d’urgence cybernétique 3.0 — Cyber Law")
    body = "La police renforce la coopération avec ses partenaires dans un cadre intégré et"
    words, line, lines = body.split(), "", []
    for word in words:  # a paragraph set to the same measure gives the column its right edge
        if line and pdf.get_string_width(f"{line} {word}") > measure:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    texts = [
        *lines,
        "Plan d’urgence cybernétique 3.0 — Cyber Law",
        "Enforcement",
        "Plan Grandes villes",
        "Maas-Kempenplan",
    ]
    for i, text in enumerate(texts):
        pdf.text(50, 100 + 12 * i, text)
    path = tmp_path / "narrow.pdf"
    pdf.output(str(path))
    source = read_pdf(path, IngestOptions(jobs=1, use_cache=False))
    wraps = {line.text: line.wraps for line in source.lines() if line.text}
    assert wraps["Plan d’urgence cybernétique 3.0 — Cyber Law"] is True
    assert wraps["Enforcement"] is False and wraps["Plan Grandes villes"] is False


def _reference_bands(xs: list[float], lines: list) -> tuple[list[int], list]:
    """The gutter scan as first written: every x tests every word."""
    from pns_extract.ingest.columns import _band

    counts, bands = [], []
    for x in xs:
        crossing = {id(line) for line in lines if any(word.x0 < x < word.x1 for word in line.words)}
        counts.append(len(crossing))
        bands.append(_band(x, crossing, lines))
    return counts, bands


coordinate = st.floats(min_value=0, max_value=600, allow_nan=False) | st.sampled_from([100.0, 297.5, 300.0, 420.0])


@given(
    st.lists(st.lists(st.tuples(coordinate, st.floats(min_value=0, max_value=80)), min_size=1, max_size=8), max_size=12)
)
def test_the_gutter_scan_by_bisection_finds_what_testing_every_word_finds(spans) -> None:
    from pns_extract.ingest.columns import _bands
    from pns_extract.ingest.layout import TextLine, Word

    lines = [
        TextLine(words=[Word(text="mot", x0=x, x1=x + w, top=10.0 * i, bottom=10.0 * i + 8, size=9) for x, w in line],
                 top=10.0 * i, bottom=10.0 * i + 8)
        for i, line in enumerate(spans)
    ]  # fmt: skip
    xs = [178.5 + 2.975 * k for k in range(81)]  # the scan's steps on an A4 page
    assert _bands(xs, lines) == _reference_bands(xs, lines)


def _justified(pdf: FPDF, words: list[str], x: float, y: float, right: float) -> None:
    """One line set flush to both edges, as justified text sets every line but a paragraph's last."""
    widths = [pdf.get_string_width(word) for word in words]
    gap = (right - x - sum(widths)) / (len(words) - 1)
    assert gap > pdf.get_string_width(" ")
    for word, width in zip(words, widths, strict=True):
        pdf.text(x, y, word)
        x += width + gap


def test_a_title_wrapped_from_one_column_to_the_next_under_a_running_header(tmp_path: Path) -> None:
    """A plan title the layout broke at a column's foot ('Beleidsnota Financiën en begroting', set
    flush to the column's edge) carries on at the next column's top ('Vlaanderen 2024-2029'), even
    with the footer under the left column and the running header above the right one read between
    the two."""
    from pns_extract.parse import parse_document

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_font("dv", "B", FONT_BOLD)
    left, right, edge = 40.0, 315.0, 285.0
    for page in (1, 2):
        pdf.add_page()
        pdf.set_font("dv", "", 7)
        pdf.text(right + 60, 40, "Plan national de sécurité 2026-2029")
        pdf.text(left, 800, f"{page}/34")  # the left column's foot: read before the right column
        pdf.set_font("dv", "B", 14)
        pdf.text(left, 80, f"{page}. {'Criminalité organisée' if page == 1 else 'Cybercriminalité'}")
        pdf.set_font("dv", "", 9)
        y = 110.0
        for _ in range(8):
            _justified(pdf, "La police renforce la coopération avec ses".split(), left, y, edge)
            y += 12
        pdf.text(left, y, "partenaires.")
        pdf.set_font("dv", "B", 8)
        pdf.text(left, y + 24, "Plans d'action et cadres politiques pertinents")
        pdf.set_font("dv", "", 9)
        pdf.text(left, y + 48, "Plan d’action Traite des êtres humains")
        _justified(pdf, "Beleidsnota Financiën en begroting".split(), left, y + 60, edge)
        pdf.text(right, 110, "Vlaanderen 2024-2029")
        pdf.text(right, 122, "Plan Grandes villes")
        pdf.text(right, 134, "Plan zonal de sécurité")
        for i in range(8):  # the text after the list sets the right column's measure
            _justified(pdf, "Les zones de police renforcent la détection de".split(), right, 158 + 12 * i, 555)
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))
    source = read_pdf(path, IngestOptions(jobs=1, use_cache=False))
    texts = [line.text for line in source.lines() if line.text]
    at = texts.index("Beleidsnota Financiën en begroting")
    assert texts[at + 1 : at + 4] == ["1/34", "Plan national de sécurité 2026-2029", "Vlaanderen 2024-2029"]
    document = parse_document(source)
    titles = [plan.title for plan in document.themes[0].action_plans]
    assert titles[:3] == [
        "Plan d’action Traite des êtres humains",
        "Beleidsnota Financiën en begroting Vlaanderen 2024-2029",
        "Plan Grandes villes",
    ]


def test_a_column_too_short_to_find_alone_is_parted_at_the_documents_gutter(tmp_path: Path) -> None:
    """A theme's last plan spilled into the right column, alone beside the next theme's heading:
    one line is too little to show a gutter on its page, but the document's other pages share
    one, so the heading and the plan are two lines, the left column read first."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    for page in range(4):
        pdf.add_page()
        pdf.set_font("dv", "", 9.5)
        for i in range(30):  # the right column's one line is under a twentieth of page 4's text
            pdf.text(50, 120 + 12 * i, f"Gauche {page}.{i} : la coopération policière se renforce.")
            if page < 3:
                pdf.text(305, 100 + 12 * i, f"Droite {page}.{i} : les partenariats sont consolidés.")
        pdf.text(50, 100, "6.2 – Fraude fiscale")
        if page == 3:
            pdf.text(305, 100, "• Plan Global de Sécurité et de Prévention (PGSP)")
    path = tmp_path / "short.pdf"
    pdf.output(str(path))
    source = read_pdf(path, IngestOptions(jobs=1, use_cache=False))
    last = [line.text for line in source.pages[3].lines if line.text]
    assert last[0] == "6.2 – Fraude fiscale"
    assert last[-1] == "• Plan Global de Sécurité et de Prévention (PGSP)"
    assert len(last) == 32


def test_a_justified_space_that_lines_up_on_a_short_page_is_no_gutter(tmp_path: Path) -> None:
    """A page of a few justified lines whose stretched spaces happen to line up (7 pt at 9 pt
    type) has one column: a gutter is an em wide or more."""
    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    pdf.set_font("dv", "", 9)
    halves = [
        ("Loi du 13-07-2023 sur la prévention et la lutte contre", "les féminicides, les homicides fondés sur le"),
        ("Loi relative aux Centres de Prise en charge des", "Violences Sexuelles, M.B. du 26 avril 2024"),
        ("Plan Global de Sécurité et de Prévention et le plan", "national de sécurité de la Police Intégrée"),
    ]
    for i, (left, right) in enumerate(halves):
        _justified(pdf, left.split(), 56, 100 + 24 * i, 325)  # the stretched line's words, to 325
        pdf.text(332, 100 + 24 * i, right)  # the rest after a 7 pt space, at the same place each time
    pdf.text(56, 112, "genre (loi sur le féminicide)")
    pdf.text(56, 136, "Plan d'action national de lutte contre les violences")
    path = tmp_path / "justified.pdf"
    pdf.output(str(path))
    texts = [line.text for line in read_pdf(path, IngestOptions(jobs=1, use_cache=False)).lines() if line.text]
    assert texts[0] == " ".join(halves[0])
    assert len(texts) == 5
