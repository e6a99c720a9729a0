"""Hostile PDFs made on the fly: a flate bomb, a page with a damaged content stream."""

from __future__ import annotations

import re
import zlib
from pathlib import Path


def minimal_pdf(content: bytes, *, raw: bool = False) -> bytes:
    """A one-page PDF whose page content stream is ``content``, flate-compressed (``raw``: given
    already compressed). The cross-reference table is exact, so readers take it as valid."""
    stream = content if raw else zlib.compress(content, 9)
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def shared_forms_pdf(pages: int, forms: int) -> bytes:
    """``pages`` pages sharing one resource dictionary of ``forms`` small forms; the first form
    lists the same dictionary as its own resources, so it draws itself."""
    kids = b" ".join(b"%d 0 R" % (5 + forms + page) for page in range(pages))
    names = b" ".join(b"/X%d %d 0 R" % (form, 5 + form) for form in range(forms))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /XObject << %s >> >>" % names,
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    for form in range(forms):
        resources = b" /Resources 3 0 R" if form == 0 else b""
        form_dict = b"<< /Type /XObject /Subtype /Form /BBox [0 0 1 1]%s /Length 0 >>" % resources
        objects.append(form_dict + b"\nstream\n\nendstream")
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 3 0 R >>")
    return pdf_of(objects)


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with an exact
    cross-reference table, so readers take it as valid."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def flate_bomb(inflated_bytes: int) -> bytes:
    """A small PDF whose content stream inflates to ``inflated_bytes`` (spaces: valid content).

    Made fast: after a full flush a compressor restarts from an empty window, so the compressed
    form of one 1 MB block can be repeated; the final checksum is computed for the whole."""
    block = b" " * (1 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()[:-4]  # the last (empty) block, without the checksum of two blocks
    blocks = max(1, inflated_bytes >> 20)
    checksum = 1
    for _ in range(blocks):
        checksum = zlib.adler32(block, checksum)
    stream = first + again * (blocks - 1) + end + checksum.to_bytes(4, "big")
    return minimal_pdf(stream, raw=True)


def damage_page_content(pdf: Path, page: int, out: Path) -> Path:
    """A copy of ``pdf`` whose ``page`` (1-based) has its flate content stream overwritten with
    garbage in the middle, same length: the file's structure stays valid, the page's text is lost."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    data = bytearray(pdf.read_bytes())
    with pdf.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        target = list(PDFPage.create_pages(document))[page - 1]
        stream = resolve1(target.contents[0])
        objid, length = stream.objid, len(stream.rawdata)
    header = re.search(rb"(?<![0-9])%d 0 obj" % objid, data)
    assert header is not None
    start = data.index(b"stream", header.end()) + len(b"stream")
    start += 2 if data[start : start + 2] == b"\r\n" else 1
    middle = start + 2 + length // 4  # keep the zlib header: the damage is inside the data
    data[middle : middle + 64] = bytes(range(64))
    out.write_bytes(bytes(data))
    return out
