"""The resident Tesseract (libtesseract in a process of its own, ``tesseract_server``): the words
the ``tesseract`` command reads, page after page and in any order; its failures named; where it
cannot run, the command reads the page; no server outlives the reading."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from pns_extract.contract import PageRange
from pns_extract.errors import OcrFailedError
from pns_extract.ingest import IngestOptions, tesseract_resident
from pns_extract.ingest.ocr import TesseractEngine
from pns_extract.ingest.pdf import read_pdf
from pns_extract.ingest.tesseract_resident import ResidentTesseract
from pns_extract.ingest.tesseract_run import TESSERACT, tesseract_version

EXCERPT_SCAN = Path(__file__).resolve().parent / "data" / "excerpt.scan.pdf"
DPI = 200  # the excerpt scan's pages: 1654 px across 595 pt


def scan_pages() -> list[bytes]:
    """The scan's page images, as stored (JPEG)."""
    document = pdfium.PdfDocument(str(EXCERPT_SCAN))
    try:
        images = []
        for page in document:
            (image,) = page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)
            images.append(bytes(image.get_data(decode_simple=False)))
        return images
    finally:
        document.close()


def png_excerpt(jpeg: bytes, height: int) -> tuple[bytes, tuple[int, int]]:
    """The top of a page as a PNG: another format, and a quick page."""
    with Image.open(io.BytesIO(jpeg)) as picture:
        part = picture.crop((0, 0, picture.width, height))
    out = io.BytesIO()
    part.save(out, format="PNG")
    return out.getvalue(), part.size


def command_engine() -> TesseractEngine:
    engine = TesseractEngine()
    engine.resident = False
    return engine


def server_pids() -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if tesseract_resident.SERVER.encode() in command:
                found.add(int(entry.name))
    return found


def test_the_resident_engine_reads_what_the_command_reads() -> None:
    """The same words, boxes and numbering, whatever the resident engine read before: a block read
    on its own (psm 6), a whole page (JPEG), then the block's page part as a page (PNG)."""
    jpeg = scan_pages()[1]
    png, png_size = png_excerpt(scan_pages()[0], 500)
    size = (1654, 2339)
    command = command_engine()
    expected_page = command.recognize(jpeg, ".jpg", DPI, size)
    expected_part = command.recognize(png, ".png", DPI, png_size)
    expected_block = command.recognize_block(png, DPI, png_size)
    resident = TesseractEngine()
    try:
        block = resident.recognize_block(png, DPI, png_size)
        page = resident.recognize(jpeg, ".jpg", DPI, size)
        part = resident.recognize(png, ".png", DPI, png_size)
        server = resident._server
        assert server is not None and server.pid is not None  # all read by one server
    finally:
        resident.close()
    assert len(expected_page.words) > 200 and len(expected_part.words) > 20
    assert (page, part, block) == (expected_page, expected_part, expected_block)


def test_a_server_that_dies_mid_page_is_named_and_replaced() -> None:
    jpeg = scan_pages()[0]
    png, size = png_excerpt(jpeg, 400)
    engine = TesseractEngine()
    try:
        before = engine.recognize(png, ".png", DPI, size)
        server = engine._server
        assert server is not None and server.pid is not None
        killed = server.pid
        with pytest.raises(OcrFailedError, match=r"^Tesseract crashed \(killed by SIGKILL\)$"):
            engine.recognize(jpeg, ".jpg", DPI, (1654, 2339), meanwhile=lambda: os.kill(killed, signal.SIGKILL))
        assert engine.recognize(png, ".png", DPI, size) == before  # the next page starts another
        assert server.pid not in (None, killed)
    finally:
        engine.close()


def test_an_image_tesseract_cannot_decode_fails_its_page_only() -> None:
    png, size = png_excerpt(scan_pages()[0], 400)
    engine = TesseractEngine()
    try:
        with pytest.raises(OcrFailedError, match="cannot read the page image"):
            engine.recognize(b"\xff\xd8\xff" + bytes(5000), ".jpg", DPI, (100, 100))
        assert engine.recognize(png, ".png", DPI, size).words  # the same server reads on
    finally:
        engine.close()


def test_a_timeout_stops_the_server(tmp_path: Path) -> None:
    image = Image.new("L", (2400, 3200), 255)
    path = tmp_path / "page.png"
    image.save(path)
    engine = TesseractEngine("fra", timeout=0.001)
    with pytest.raises(OcrFailedError, match=r"timed out after 0\.001 s"):
        engine.recognize(path.read_bytes(), ".png", 300, image.size)
    assert engine._server is not None and engine._server.pid is None


@pytest.mark.parametrize(
    ("lang", "version", "server"),
    [
        ("fra", "0.0.1", None),  # a library that is not the command's Tesseract
        ("xyz", None, None),  # no language data for the library
        ("fra", None, "missing.py"),  # the server cannot start
    ],
)
def test_where_the_server_cannot_run_nothing_runs(tmp_path, monkeypatch, lang, version, server) -> None:
    if server is not None:
        monkeypatch.setattr(tesseract_resident, "SERVER", str(tmp_path / server))
    resident = ResidentTesseract(lang, version or tesseract_version(TESSERACT))
    ran: list[bool] = []
    assert resident.run(b"image", 3, DPI, 30.0, lambda: ran.append(True)) is None
    assert not resident.available and resident.pid is None and ran == []


def test_where_the_server_cannot_run_the_command_reads(tmp_path, monkeypatch) -> None:
    png, size = png_excerpt(scan_pages()[1], 500)
    monkeypatch.setattr(tesseract_resident, "SERVER", str(tmp_path / "missing.py"))
    engine = TesseractEngine()
    page = engine.recognize(png, ".png", DPI, size)
    assert engine._server is not None and not engine._server.available
    assert page == command_engine().recognize(png, ".png", DPI, size) and page.words


@pytest.mark.parametrize("pages", [PageRange(2, 2), PageRange(1, 2)])  # in this process, in 2 workers
def test_no_server_outlives_the_reading(pages: PageRange) -> None:
    before = server_pids()
    source = read_pdf(EXCERPT_SCAN, IngestOptions(jobs=2, use_cache=False, pages=pages))
    assert source.ocr_pages == list(range(pages.first, 3)) and not source.failed_pages
    assert server_pids() <= before
