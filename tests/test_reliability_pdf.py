"""PDFs that attack memory or hide damage: a flate bomb is refused with bounded memory, a page
whose content stream is corrupt is read by OCR or reported as failed, never silently empty."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
import zlib

import pytest
from hostile_pdfs import damage_page_content, flate_bomb, minimal_pdf, shared_forms_pdf
from reliability_helpers import CLI, EXCERPT_PDF, FAST, one_error_line, run

from pns_extract.errors import ExitCode, LimitExceededError
from pns_extract.ingest.stream_guard import scan_pdf


def test_the_bomb_helper_really_inflates():
    data = flate_bomb(8 << 20)
    stream = data[data.index(b"stream\n") + 7 : data.index(b"\nendstream")]
    inflater = zlib.decompressobj()
    assert len(inflater.decompress(stream)) == 8 << 20 and len(data) < 100_000


def test_a_stream_over_the_limit_is_refused_with_bounded_memory(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(flate_bomb(64 << 20))
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceededError, match="decompresses to more than"):
            scan_pdf(path, None, 16 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20  # counted in 1 MB steps, never held


def test_a_1_gb_flate_stream_in_a_small_pdf_is_exit_9(tmp_path):
    """The issue's case, as a process: exit 9 and one line; the process's peak memory is measured."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(flate_bomb(1 << 30))
    assert path.stat().st_size < 2_000_000
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *CLI, str(path), *FAST], capture_output=True, check=False, timeout=300
    )
    code, peak_kb = (int(value) for value in done.stdout.split())
    assert code == ExitCode.LIMIT_EXCEEDED
    assert "decompresses to more than" in one_error_line(done.stderr)
    assert peak_kb < 400 * 1024  # the interpreter and its libraries, not the stream


# Runs a command from a small process and prints its exit code and peak memory (kB). A child of
# pytest itself would be charged pytest's own peak: Linux keeps the high-water mark across exec.
MEASURED = """
import os, sys
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def test_a_small_stream_is_read(tmp_path, capsys):
    path = tmp_path / "plain.pdf"
    path.write_bytes(minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Bonjour) Tj ET"))
    assert scan_pdf(path, None, 1 << 20).damaged_pages == {}
    code, stdout, _ = run([path, "--allow-partial", *FAST], capsys)
    assert code == 0 and "Bonjour" in stdout


def test_pages_sharing_many_forms_are_weighed_once(tmp_path, monkeypatch):
    """Pages weighed one by one through a shared dictionary of forms would cost pages x forms;
    each dictionary is walked once, and a form that draws itself is not followed again."""
    from pns_extract.ingest import stream_guard

    path = tmp_path / "shared.pdf"
    path.write_bytes(shared_forms_pdf(pages=200, forms=500))
    sizes: list[int] = []
    measure = stream_guard._stored_size
    monkeypatch.setattr(stream_guard, "_stored_size", lambda stream: sizes.append(1) or measure(stream))
    report = scan_pdf(path, None, 1 << 20)
    assert len(report.page_weights) == 200 and report.damaged_pages == {}
    assert len(set(report.page_weights.values())) == 1  # the same drawing on every page
    assert len(sizes) <= 200 + 500  # each page's content stream, each form once


@pytest.fixture
def damaged(tmp_path):
    return damage_page_content(EXCERPT_PDF, 1, tmp_path / "damaged.pdf")


def test_a_damaged_page_is_found(damaged):
    report = scan_pdf(damaged, None, 1 << 26)
    assert list(report.damaged_pages) == [0] and "damaged" in report.damaged_pages[0]


def test_a_damaged_page_is_read_by_ocr(damaged, capsys):
    """Page 1's content stream is corrupt: its text comes from the page image, with a notice."""
    code, stdout, stderr = run([damaged, "--no-cache", "--jobs", "2", *FAST], capsys)
    assert code == 0, stderr
    document = json.loads(stdout)
    assert document["source"]["ocr_pages"] == [1] and document["source"]["failed_pages"] == []
    assert any(w["page"] == 1 and "damaged" in w["message"] for w in document["warnings"])
    intact = json.loads(run([EXCERPT_PDF, *FAST], capsys)[1])
    assert len(document["themes"]) == len(intact["themes"])


def test_a_damaged_page_without_ocr_is_a_failed_page(damaged, capsys, tmp_path):
    out = tmp_path / "out.json"
    code, _, stderr = run([damaged, "--ocr", "never", "-o", out, *FAST], capsys)
    assert code == ExitCode.OCR_FAILED and "damaged" in one_error_line(stderr)
    assert not out.exists()
    code, _, _ = run([damaged, "--ocr", "never", "--allow-partial", "-o", out, *FAST], capsys)
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["failed_pages"] == [1]


def test_library_log_lines_stay_off_stderr(tmp_path):
    """Found by `make fuzz`: fonts without a FontBBox made pdfminer log five lines on stderr."""
    import pikepdf

    path = tmp_path / "nobbox.pdf"
    with pikepdf.open(EXCERPT_PDF) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.FontDescriptor:
                del obj["/FontBBox"]
        pdf.save(path)
    done = subprocess.run([*CLI, str(path), *FAST, "--jobs", "2"], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stderr == b""
