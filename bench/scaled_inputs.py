"""Inputs for the speed benchmark, generated (deterministic) from the corpus, never committed.

- ``scaled_text(copies)``: the plan with its theme pages repeated ``copies`` times, each copy's
  themes renumbered after the previous ones (copy 2 of theme ``1.3`` is ``9.3`` in a plan of 8
  themes), the preamble before and the chapters after once: a longer plan of the same shape.
- ``typeset_text(text, out)``: that text typeset as a text-layer PDF (``corpus/make_pdf.py``'s
  layout), one PDF page per page of the text.
- ``page_slice(pdf, first, last, out)``: pages of a PDF copied into a new one (a 9-page scan).

    .venv/bin/python -m bench.scaled_inputs 10 /tmp/plan-x10.txt [--pdf /tmp/plan-x10.pdf]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "pns-2026-2029.ocr.txt"
_LEADING_NUMBER = re.compile(r"^(\s*)(\d{1,2})")


def scaled_text(copies: int, corpus: Path = CORPUS) -> str:
    """The corpus with its theme pages ``copies`` times (renumbered); ``copies=1`` is the corpus."""
    from pns_extract.ingest.text import split_pages
    from pns_extract.pipeline import ExtractOptions, extract

    text = corpus.read_text(encoding="utf-8")
    raw = text.split("\n")
    pages = split_pages(text)
    document = extract(corpus, ExtractOptions(repair=False, enrich=False)).document
    first = document.themes[0].page
    after = min((c.page for c in document.chapters if c.page > first), default=len(pages) + 1)
    top = max(int(theme.number.split(".")[0]) for theme in document.themes if theme.parent is None)
    # the heading line of each theme that prints its own number (points print theirs in the theme)
    headings = [h for h in document.headings if h.role == "theme"]
    numbered = {
        heading.line: theme.number.split(".")[0]
        for heading, theme in zip(headings, document.themes, strict=True)
        if heading.text.startswith(theme.number)
        and not heading.text[len(theme.number) : len(theme.number) + 1].isdigit()
    }
    start = min(line.number for line in pages[first - 1].lines)  # 1-based raw line numbers
    end = min(line.number for line in pages[after - 1].lines) if after <= len(pages) else len(raw) + 1
    out = raw[: end - 1]
    for copy in range(1, copies):
        for number in range(start, end):
            line = raw[number - 1]
            if number in numbered:
                line = _LEADING_NUMBER.sub(lambda m, c=copy: m.group(1) + str(int(m.group(2)) + c * top), line, count=1)
            out.append(line)
    out += raw[end - 1 :]
    return "\n".join(out)


def typeset_text(text: str, out: Path) -> int:
    """Typeset ``text`` (the OCR-text format) as a text-layer PDF; returns its page count."""
    sys.path.insert(0, str(ROOT / "corpus"))
    from make_pdf import LABEL_OFFSET, classify, typeset

    from pns_extract.ingest.text import split_pages

    pages = split_pages(text)
    typeset(
        [classify([line.text for line in page.lines]) for page in pages], [p.number + LABEL_OFFSET for p in pages], out
    )
    return len(pages)


def page_slice(pdf: Path, first: int, last: int, out: Path) -> None:
    """Pages ``first``..``last`` (1-based) of ``pdf`` as a new PDF."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(pdf))
    part = pdfium.PdfDocument.new()
    part.import_pages(source, list(range(first - 1, last)))
    part.save(str(out))
    part.close()
    source.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("copies", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pdf", type=Path, help="also typeset it as a PDF here")
    args = parser.parse_args()
    text = scaled_text(args.copies)
    args.out.write_text(text, encoding="utf-8")
    if args.pdf:
        typeset_text(text, args.pdf)


if __name__ == "__main__":
    main()
