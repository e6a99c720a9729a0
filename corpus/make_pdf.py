"""Typeset the corpus text into a PDF that looks like the published plan, and scan it.

Reproducible: fixed seeds, fixed PDF metadata and dates; running it twice gives
byte-identical files.

    .venv/bin/python corpus/make_pdf.py            # whole documents into corpus/
    .venv/bin/python corpus/make_pdf.py --excerpts # also the small test fixtures in tests/data/

Requirements: fpdf2, pypdfium2 (ships with pdfplumber), Pillow, and the DejaVu
fonts (Debian: ``apt-get install fonts-dejavu-core``).

The layout: A4, one PDF page per page of the text (the text's page breaks are
kept so page numbers match the text path), the text's own line breaks, theme
headings bold and larger, section titles bold, footnotes in small type at the
page bottom above a short rule, and a running footer ``Plan national de
sécurité 2026-2029 - N`` whose N is the printed page number (physical page + 6,
as in the published plan where the preamble is page 7). The OCR text's
pictogram noise (lines like ``»`` or ``|II`` and their prefixes on section
titles) is dropped, its ``e`` bullets are set as real bullets.

The scan: every page rendered at 200 dpi, slightly rotated, with noise and
JPEG compression, saved as an image-only PDF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pns_extract.ingest.text import split_pages  # noqa: E402

CORPUS = ROOT / "corpus" / "pns-2026-2029.ocr.txt"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.UTC)
FOOTER = "Plan national de sécurité 2026-2029 - {}"
LABEL_OFFSET = 6
EXCERPT_PAGES = (6, 7)  # theme 1.1 Trafic de drogue

NOISE = re.compile(r"^(?:[»«%¥Y|I)(\]\[]|\|II|\)\))$")
TITLE_PREFIX = re.compile(r"^(?:[»%¥Y)]|\)\))\s+(?=Objectifs|Points d|Plans d)")
SECTION_TITLE = re.compile(
    r"^(?:Objectifs stratégiques|Points d['’]attention (?:transversaux|généraux)"
    r"|Plans d['’]action et cadres politiques pertinents)$"
)
BULLET = re.compile(r"^[e¢«]\s+(?=\S)")
HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})?\.?\s*[A-ZÉÈÀ][^;:]{1,70}|Chapitre \d+|Pr[ée]ambule)$")
FOOTER_LINE = re.compile(r"^Plan national de sécurité 2026-2029 - \d+$")
FOOTNOTE_START = re.compile(r"^\d{1,2}\s+\S")


@dataclass
class Item:
    kind: str  # body | heading | title | gap | footnote
    text: str = ""


def clean(text: str) -> str:
    text = TITLE_PREFIX.sub("", text)
    text = BULLET.sub("• ", text)
    return re.sub(r"^(\d+\.\d+)(?=[A-ZÉ])", r"\1 ", text)  # "1.2Violence" -> "1.2 Violence"


def classify(lines: list[str]) -> list[Item]:
    """One page of text lines -> typeset items."""
    lines = [line for line in lines if not NOISE.match(line.strip()) and not FOOTER_LINE.match(line.strip())]
    # footnotes: the page's trailing blocks that start with a number and are set wider than the body
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    if not blocks[-1]:
        blocks.pop()
    notes: list[str] = []
    # (list items numbered "1 " end with ";", notes with a full stop; notes are set wider)
    while blocks and FOOTNOTE_START.match(blocks[-1][0]) and (
        max(len(x) for x in blocks[-1]) > 112 or not blocks[-1][-1].rstrip().endswith((";", ":"))
    ):
        notes = blocks.pop() + notes
    body_count = sum(len(b) for b in blocks)
    items: list[Item] = []
    seen = 0
    previous_blank = True
    for index, line in enumerate(lines):
        if seen >= body_count:
            break
        text = clean(line.strip())
        if not text:
            if items and items[-1].kind != "gap":
                items.append(Item("gap"))
            previous_blank = True
            continue
        seen += 1
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if SECTION_TITLE.match(text):
            kind = "title"
        elif HEADING.match(text) and previous_blank and next_blank and not text.endswith("."):
            kind = "heading"
        else:
            kind = "body"
        items.append(Item(kind, text))
        previous_blank = False
    while items and items[-1].kind == "gap":
        items.pop()
    items.extend(Item("footnote", clean(note.strip())) for note in notes)
    return items


def typeset(pages: list[list[Item]], labels: list[int], out: Path) -> list[float]:
    """Write the PDF; returns each page's body size (overfull pages are set smaller)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Plan national de sécurité 2026-2029")
    pdf.set_author("pns-extract corpus (typeset from the OCR text)")
    pdf.set_auto_page_break(False)
    pdf.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    width, height = 595.28, 841.89
    sizes: list[float] = []
    left, right, top, bottom = 50.0, 42.0, 56.0, 70.0
    usable = width - left - right
    for items, label in zip(pages, labels, strict=True):
        pdf.add_page()
        body = [i for i in items if i.kind != "footnote"]
        notes = [i for i in items if i.kind == "footnote"]
        note_size = 6.5
        note_block = (len(notes) * note_size * 1.2 + 10) if notes else 0
        # natural height at 9.5 pt; overfull pages (two printed pages in one text page) shrink to fit
        size = 9.5

        def needed(s: float, body: list[Item] = body) -> float:
            total = 0.0
            for item in body:
                total += {"heading": s * 2.2, "gap": s * 0.7}.get(item.kind, s * 1.25)
            return total

        room = height - top - bottom - note_block
        if needed(size) > room:
            size = size * room / needed(size)
        sizes.append(size)
        y = top
        for item in body:
            if item.kind == "gap":
                y += size * 0.7
                continue
            if item.kind == "heading":
                pdf.set_font("body", "B", size * 1.4)
                y += size * 0.5
                step = size * 1.7
            else:
                pdf.set_font("body", "B" if item.kind == "title" else "", size)
                step = size * 1.25
            fit_text(pdf, left, y + step * 0.8, item.text, usable)
            y += step
        if notes:
            y = height - bottom - note_block + 4
            pdf.set_line_width(0.5)
            pdf.line(left, y, left + 140, y)
            y += 4
            pdf.set_font("body", "", note_size)
            for note in notes:
                fit_text(pdf, left, y + note_size, note.text, usable)
                y += note_size * 1.2
        pdf.set_font("body", "", 8)
        footer = FOOTER.format(label)
        pdf.text(width - right - pdf.get_string_width(footer), height - 36, footer)
    out.write_bytes(bytes(pdf.output()))
    return sizes


def paragraphs(items: list[Item]) -> list[Item]:
    """Join a page's printed lines back into paragraphs (for reflowing): a line continues the one
    above unless a gap, a list marker, a title, or the end of a sentence or clause separates them."""
    out: list[Item] = []
    previous_end = True
    for item in items:
        if item.kind == "gap":
            previous_end = True
            continue
        starts_item = bool(re.match(r"^(?:•|-|\d{1,2}[.)]?\s|\d{1,2}\.\s*\S)", item.text))
        joinable = (
            out
            and item.kind == "body"
            and out[-1].kind == item.kind
            and not previous_end
            and not starts_item
        )
        if joinable:
            out[-1].text += " " + item.text
        else:
            out.append(Item(item.kind, item.text))
        previous_end = item.kind != "body" or item.text.endswith((":", ";", ".")) or len(item.text) < 60
    return out


def typeset_alt(pages: list[list[Item]], out: Path) -> None:
    """An independent-looking edition: reflowed justified serif text, other margins, theme headings
    larger but not bold, superscript footnote numbers, a running header and centred page numbers."""
    from fpdf import FPDF

    class Alt(FPDF):
        notes: list[str]

        def header(self) -> None:
            self.set_font("serif", "I", 7.5)
            self.set_xy(72, 30)
            self.cell(0, 10, "Plan national de sécurité 2026-2029", align="R")
            self.set_y(60)

        def footer(self) -> None:
            y = self.h - 60 - 9.0 * sum(1 + len(n) // 150 for n in self.notes)
            if self.notes:
                self.line(72, y - 4, 200, y - 4)
            for note in self.notes:
                match = re.match(r"(\d{1,2})\s+(.*)", note)
                number, text = (match.group(1), match.group(2)) if match else ("", note)
                self.set_xy(72, y)
                self.set_font("serif", "", 5)
                self.cell(6, 5, number)
                self.set_font("serif", "", 7)
                self.set_xy(79, y)
                self.multi_cell(self.w - 72 - 72 - 7, 8.5, text, align="J")
                y = self.get_y() + 0.5
            self.notes = []
            self.set_font("serif", "", 8)
            self.set_xy(0, self.h - 40)
            self.cell(self.w, 10, f"– {self.page_no() + 4} –", align="C")

    pdf = Alt(format="A4", unit="pt")
    pdf.notes = []
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_font("serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("serif", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    pdf.set_margins(72, 60, 72)
    pdf.set_auto_page_break(True, margin=120)
    pdf.add_page()
    measure = pdf.w - 144
    for items in pages:
        notes = [i.text for i in items if i.kind == "footnote"]
        # a footnote block of the text may hold several notes: split at each "N " start
        split: list[str] = []
        for note in notes:
            if FOOTNOTE_START.match(note) or not split:
                split.append(note)
            else:
                split[-1] += " " + note
        for item in paragraphs([i for i in items if i.kind != "footnote"]):
            if item.kind == "heading":
                pdf.ln(10)
                pdf.set_font("serif", "", 15)
                pdf.multi_cell(measure, 19, item.text)
                pdf.ln(4)
            elif item.kind == "title":
                pdf.ln(4)
                pdf.set_font("serif", "B", 10.5)
                pdf.multi_cell(measure, 14, item.text)
            else:
                pdf.set_font("serif", "", 10)
                indent = 14 if item.text.startswith("•") else 0
                pdf.set_x(72 + indent)
                pdf.multi_cell(measure - indent, 13.5, item.text, align="J")
                pdf.ln(5)
        pdf.notes.extend(split)
    out.write_bytes(bytes(pdf.output()))


def fit_text(pdf, x: float, y: float, text: str, usable: float) -> None:
    """Write one line; a line wider than the measure is condensed horizontally, as a typesetter would."""
    natural = pdf.get_string_width(text)
    if natural > usable:
        pdf.set_stretching(100 * usable / natural)
        pdf.text(x, y, text)
        pdf.set_stretching(100)
    else:
        pdf.text(x, y, text)


def scan(pdf_path: Path, out: Path, sizes: list[float], seed: int = 2026) -> None:
    """Render every page, degrade it like a paper scan, save an image-only PDF.

    Pages at 200 dpi; pages set in small type (overfull pages shrunk to fit) at 300 dpi, as one
    would scan them to keep them legible."""
    import pypdfium2 as pdfium
    from fpdf import FPDF
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    document = pdfium.PdfDocument(str(pdf_path))
    out_pdf = FPDF(unit="pt", format="A4")
    out_pdf.set_creation_date(FIXED_DATE)
    out_pdf.set_title("Plan national de sécurité 2026-2029 (scan)")
    out_pdf.set_producer("pns-extract corpus")
    out_pdf.set_auto_page_break(False)
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        dpi = 300 if sizes[index] < 8 else 200
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        angle = rng.uniform(-0.8, 0.8)
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
        image = image.filter(ImageFilter.GaussianBlur(0.6 * dpi / 200))
        # low-frequency paper noise: cheap for JPEG, unlike pixel noise (Pillow's noise has a fixed seed)
        noise = Image.effect_noise((image.width // 3, image.height // 3), 30).resize(image.size)
        image = Image.blend(image, noise, 0.03)
        pixels = image.load()
        for _ in range(400):  # dust specks
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            pixels[x, y] = rng.randrange(0, 120)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=25, dpi=(dpi, dpi))
        out_pdf.add_page(format=(width, height))
        out_pdf.image(buffer, x=0, y=0, w=width, h=height)  # fpdf2 embeds the JPEG bytes as they are
    document.close()
    out.write_bytes(bytes(out_pdf.output()))


def build(pages_wanted: list[int] | None, pdf_out: Path, scan_out: Path, text_out: Path | None) -> None:
    pages = split_pages(CORPUS.read_text(encoding="utf-8"))
    chosen = [p for p in pages if pages_wanted is None or p.number in pages_wanted]
    items = [classify([line.text for line in page.lines]) for page in chosen]
    labels = [page.number + LABEL_OFFSET for page in chosen]
    sizes = typeset(items, labels, pdf_out)
    scan(pdf_out, scan_out, sizes)
    if text_out is not None:
        # the same pages in the text format, for comparisons in the tests
        text_out.write_text(
            "".join(" " + "\n".join(line.text for line in page.lines) + "\n" for page in chosen),
            encoding="utf-8",
        )
    print(f"wrote {pdf_out.relative_to(ROOT)} and {scan_out.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--excerpts", action="store_true", help="also write the test fixtures in tests/data/")
    parser.add_argument("--only-excerpts", action="store_true", help="write only the test fixtures")
    parser.add_argument("--alt", type=Path, help="also write an independently laid-out edition to this path")
    args = parser.parse_args()
    if args.alt:
        pages = split_pages(CORPUS.read_text(encoding="utf-8"))
        typeset_alt([classify([line.text for line in page.lines]) for page in pages], args.alt)
        print(f"wrote {args.alt}")
        return
    if not args.only_excerpts:
        build(None, ROOT / "corpus" / "pns-2026-2029.pdf", ROOT / "corpus" / "pns-2026-2029.scan.pdf", None)
    if args.excerpts or args.only_excerpts:
        data = ROOT / "tests" / "data"
        data.mkdir(parents=True, exist_ok=True)
        build(list(EXCERPT_PAGES), data / "excerpt.pdf", data / "excerpt.scan.pdf", data / "excerpt.txt")


if __name__ == "__main__":
    main()
