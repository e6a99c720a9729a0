"""Before any page is parsed: every compressed stream of the PDF is measured, and damaged ones
are found, with bounded memory.

pdfminer inflates a content stream whole, in memory, before it parses it: a 1 MB file holding
a 1 GB flate stream would take gigabytes. Here each stream stored in the file (content
streams, forms, fonts, object streams) is inflated in 1 MB steps and only counted, so a stream
over ``max_stream_bytes`` is refused (``LimitExceededError``, exit 9) before a worker touches
it. Images are left to PDFium and the page-image pixel limit: pdfminer never decodes them.

A stream whose compressed data is corrupt makes its page's text silently incomplete: the
pages that draw one (as content or through a form) are reported, so the reader sends them to
OCR from the page image, or records them as failed pages (never silently empty).

The same walk over the pages weighs each one: the stored size of what it draws, which the reader
uses to hand the heaviest pages out first.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LimitExceededError

STEP = 1 << 20


@dataclass
class StreamReport:
    damaged_pages: dict[int, str] = field(default_factory=dict)  # 0-based page index -> what is wrong
    # 0-based page index -> bytes of the streams the page draws, as stored: the cost of reading
    # it, roughly, known before any page is read
    page_weights: dict[int, int] = field(default_factory=dict)


class _Damaged(Exception):
    pass


def scan_pdf(path: Path, password: str | None, max_stream_bytes: int) -> StreamReport:
    """Measure every stream of the PDF at ``path``; raise ``LimitExceededError`` for one that
    inflates past ``max_stream_bytes``; return the pages whose content is damaged."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as handle:
        try:
            document = PDFDocument(PDFParser(handle), password=password or "")
        except Exception:  # PDFium opened it; the page workers report what pdfminer cannot read
            return StreamReport()
        damaged = _damaged_streams(document, path.name, max_stream_bytes)
        return _walk_pages(document, damaged)


def _direct_streams(document: Any) -> Iterator[Any]:
    """The streams stored directly in the file. Objects inside object streams are never streams
    themselves, and reading them would inflate their object stream whole: they are skipped."""
    from pdfminer.pdftypes import PDFStream

    seen: set[int] = set()
    for xref in document.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                container, _, _ = xref.get_pos(objid)
            except Exception:
                continue
            if container is not None:
                continue
            try:
                value = document.getobj(objid)
            except Exception:  # a broken object: the page that uses it is reported by its worker
                continue
            if isinstance(value, PDFStream):
                yield value


def _damaged_streams(document: Any, name: str, limit: int) -> dict[int, str]:
    from pdfminer.psparser import LIT

    damaged: dict[int, str] = {}
    for stream in _direct_streams(document):
        if stream.get("Subtype") is LIT("Image"):
            continue
        try:
            size = _inflated_size(stream, limit)
        except _Damaged as problem:
            damaged[stream.objid] = str(problem)
            continue
        if size > limit:
            raise LimitExceededError(
                f"{name}: stream {stream.objid} decompresses to more than {limit} bytes "
                "(the limit on one PDF stream): refused"
            )
    return damaged


def _inflated_size(stream: Any, limit: int) -> int:
    """The decoded size of ``stream``, counted up to ``limit + 1``, keeping at most one step in
    memory for the last filter. Raises ``_Damaged`` when its compressed data is corrupt."""
    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
        LITERALS_LZW_DECODE,
    )

    data = stream.rawdata or b""
    if stream.decipher and stream.objid is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = [name for name, _ in stream.get_filters()]
    size = len(data)
    for position, name in enumerate(filters):
        last = position == len(filters) - 1
        if name in LITERALS_FLATE_DECODE:
            size, data = _inflate(data, limit, keep=not last)
        elif name in LITERALS_LZW_DECODE:
            size, data = _unlzw(data, limit, keep=not last)
        elif name in LITERALS_ASCII85_DECODE or name in LITERALS_ASCIIHEX_DECODE:
            from pdfminer.ascii85 import ascii85decode, asciihexdecode

            decode = ascii85decode if name in LITERALS_ASCII85_DECODE else asciihexdecode
            data = decode(data)  # never larger than its input
            size = len(data)
        else:  # image codecs, RunLength, Crypt: pdfminer's content parsing does not inflate them
            return size
        if size > limit:
            return size
    return size


def _inflate(data: bytes, limit: int, *, keep: bool) -> tuple[int, bytes]:
    inflater = zlib.decompressobj()
    kept: list[bytes] = []
    size = 0
    pending = data
    try:
        while pending:
            chunk = inflater.decompress(pending, STEP)
            size += len(chunk)
            if size > limit:
                return size, b""
            if keep:
                kept.append(chunk)
            stalled = not chunk and inflater.unconsumed_tail == pending
            pending = inflater.unconsumed_tail
            if inflater.eof or stalled:
                break
    except zlib.error as error:
        # a wrong checksum after complete data loses nothing (pdfminer recovers the data)
        if "incorrect data check" not in str(error):
            raise _Damaged(f"its compressed data is damaged ({error})") from None
    return size, b"".join(kept)


def _unlzw(data: bytes, limit: int, *, keep: bool) -> tuple[int, bytes]:
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    kept: list[bytes] = []
    size = 0
    try:
        for chunk in LZWDecoder(BytesIO(data)).run():
            size += len(chunk)
            if size > limit:
                return size, b""
            if keep:
                kept.append(chunk)
    except Exception as error:
        raise _Damaged(f"its LZW data is damaged ({type(error).__name__})") from None
    return size, b"".join(kept)


def _walk_pages(document: Any, damaged: dict[int, str]) -> StreamReport:
    """Each page's weight (``StreamReport.page_weights``) and, for a page that draws a damaged
    stream, what is wrong with it."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import PDFStream, resolve1

    report = StreamReport()
    walk = _XObjectWalk(damaged)
    try:
        for index, page in enumerate(PDFPage.create_pages(document)):
            streams = [stream for stream in map(resolve1, page.contents or []) if isinstance(stream, PDFStream)]
            weight = sum(map(_stored_size, streams))
            problems = [damaged[stream.objid] for stream in streams if stream.objid in damaged]
            drawn, inner = walk.weigh(page.resources)
            report.page_weights[index] = weight + drawn
            problem = f"its content stream is damaged: {problems[0]}" if problems else inner
            if problem is not None:
                report.damaged_pages[index] = problem
    except Exception:  # a broken page tree: the workers report it page by page
        return StreamReport(damaged_pages=report.damaged_pages)
    return report


class _XObjectWalk:
    """The images and forms a resource dictionary draws, forms' own within them: their stored
    size and the first damaged one. Each XObject dictionary is walked once for the whole
    document (pages and forms share them; walked per page, a file could make the walk
    quadratic), and a form that draws itself is not followed again."""

    def __init__(self, damaged: dict[int, str]) -> None:
        self.damaged = damaged
        self.done: dict[int, tuple[Any, int, str | None]] = {}  # id(dictionary) -> it, weight, damage

    def weigh(self, resources: Any) -> tuple[int, str | None]:
        from pdfminer.pdftypes import PDFStream, resolve1
        from pdfminer.psparser import LIT

        resources = resolve1(resources)
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict):
            return 0, None
        if id(xobjects) in self.done:
            _, weight, problem = self.done[id(xobjects)]
            return weight, problem
        self.done[id(xobjects)] = (xobjects, 0, None)  # being walked: a form inside it draws nothing more
        weight, problem = 0, None
        for value in xobjects.values():
            xobject = resolve1(value)
            if not isinstance(xobject, PDFStream):
                continue
            weight += _stored_size(xobject)
            form = xobject.get("Subtype") is LIT("Form")
            if problem is None and xobject.objid in self.damaged:
                role = "a form it draws" if form else "an image it draws"
                problem = f"{role} is damaged: {self.damaged[xobject.objid]}"
            if form:
                inner_weight, inner = self.weigh(xobject.get("Resources"))
                weight += inner_weight
                problem = problem or inner
        self.done[id(xobjects)] = (xobjects, weight, problem)
        return weight, problem


def _stored_size(stream: Any) -> int:
    """A stream's size in the file: what it costs to read the page grows with it (the text
    a content stream draws, the pixels an image holds), whatever the codec."""
    return len(stream.rawdata) if stream.rawdata is not None else len(stream.data or b"")
