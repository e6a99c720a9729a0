"""PDF ingestion: text-layer pages through pdfplumber, scanned pages through OCR, page by page.

Pages are processed in a pool of worker processes (one per core): each worker
opens the PDF once and returns only the positioned lines of each page, so no
page image or character list outlives its page and memory stays flat as
documents grow. Document-wide analysis (body size, line spacing, running
headers and footers) runs afterwards on those lines.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..contract import IngestOptions, PageFailure, Progress, SpareCpu
from ..errors import (
    EncryptedPdfError,
    InputUnreadableError,
    LimitExceededError,
    OcrFailedError,
    PnsExtractError,
)
from ..processes import PAGE_WORKER_MB, init_worker, usable_cores, worker_count
from ..storage import file_sha256
from . import columns, layout
from .cache import OcrCache, page_key
from .layout import PageLayout, Word
from .lines import Line, Method, Page, SourceDocument, Typography
from .ocr import (
    OcrEngine,
    OcrPage,
    TesseractEngine,
    fix_heading_number,
    fix_item_ends,
    fix_quote_bullets,
    ocr_lines,
)
from .page_image import PagePixels, measure_page
from .stream_guard import scan_pdf

if TYPE_CHECKING:
    from ..model import Notice

RENDER_DPI = 300
MIN_TEXT_CHARS = 30  # fewer printable characters than this on an inked page: it is a scan
SCAN_IMAGE_COVERAGE = 0.6  # a page mostly covered by images with little text is a scan, too
SCAN_MAX_TEXT_CHARS = 200
# (small, large) fractions of the body size below/above which a line is small/large type: the text
# layer's sizes are exact; OCR's are estimated from box heights and vary from line to line
# (box heights carry a pixel or two of ink bleed, which draws small type's estimate towards the body's)
SIZE_RATIOS: dict[Method, tuple[float, float]] = {"pdf": (0.95, 1.18), "ocr": (0.9, 1.25)}


@dataclass(frozen=True)
class _Job:
    path: str
    password: str | None
    ocr: str
    max_image_pixels: int
    engine: OcrEngine
    cache_dir: str | None  # None: no cache
    damaged: dict[int, str] = field(default_factory=dict)  # page index -> why its text layer is unusable
    max_page_memory: int | None = None  # address space a pool worker may add (RLIMIT_AS)
    parent_pid: int = field(default_factory=os.getpid)


def read_pdf(
    path: Path,
    options: IngestOptions,
    progress: Progress | None = None,
    *,
    engine: OcrEngine | None = None,
    on_spare_cpu: Callable[[SpareCpu], None] | None = None,
) -> SourceDocument:
    """Read a PDF (``options.pages`` only, when set) into pages of lines. ``engine`` replaces
    Tesseract (tests use a fake one). ``progress(done, total)`` is called after each page;
    ``on_spare_cpu(what)`` after a page, once for each thing the page workers come to leave of
    the machine for other work (``spare_cpu``)."""
    sha256 = file_sha256(path)
    page_count = _open_check(path, options.password)
    selected = options.pages.numbers(page_count, path.name) if options.pages else range(1, page_count + 1)
    if len(selected) > options.max_pages:
        raise LimitExceededError(
            f"{path.name}: {len(selected)} pages, more than the limit of {options.max_pages} (see --max-pages)"
        )
    # every stream measured (bounded) before pdfminer inflates any; damaged pages found
    report = scan_pdf(path, options.password, options.max_stream_bytes)
    engine = engine or TesseractEngine(options.lang, options.ocr_timeout)
    job = _Job(
        path=str(path),
        password=options.password,
        ocr=options.ocr,
        max_image_pixels=options.max_image_pixels,
        engine=engine,
        cache_dir=str(OcrCache().directory) if options.use_cache else None,
        damaged=report.damaged_pages,
        max_page_memory=options.max_page_memory,
    )
    workers = worker_count(options.jobs, PAGE_WORKER_MB, len(selected))  # no more than the pages
    layouts: list[PageLayout] = []
    announced: set[SpareCpu] = set()
    indices = [number - 1 for number in selected]
    for done, page in enumerate(_pages(job, indices, workers, report.page_weights), start=1):
        layouts.append(page)
        if progress is not None:
            progress(done, len(selected))
        spare = spare_cpu(workers, len(selected) - done, page.method)
        if on_spare_cpu is not None and spare not in announced:
            announced.add(spare)
            on_spare_cpu(spare)
    layouts.sort(key=attrgetter("number"))  # the workers hand pages back as they finish them
    source = _assemble(path, sha256, layouts)
    from ..model import Notice

    for index, problem in sorted(report.damaged_pages.items()):
        if index + 1 in selected and index + 1 not in source.failed_pages:
            source.warnings.append(Notice(kind="other", message=f"{problem}; read by OCR", page=index + 1))
    return source


def spare_cpu(workers: int, pages_left: int, last_method: str) -> SpareCpu:
    """What the page workers leave for other work, after a page.

    A core (``A_CORE``): fewer workers than cores, fewer pages left than workers (the last ones
    are being read), or pages read from their text layer (cheap: the reading ends soon, and work
    started now overlaps it instead of following it). While every worker OCRs, only the moments
    Tesseract leaves idle (``IDLE_MOMENTS``): work started beside it at full priority would slow
    it as much as it gains."""
    if usable_cores() > workers or pages_left < workers or last_method == "pdf":
        return SpareCpu.A_CORE
    return SpareCpu.IDLE_MOMENTS


# ------------------------------------------------------------------ opening


def _open_check(path: Path, password: str | None) -> int:
    """Validate the file with PDFium (fast, strict about damage) and return its page count."""
    import pypdfium2 as pdfium

    with path.open("rb") as handle:
        head = handle.read(1024)
    if not head.strip():
        raise InputUnreadableError(f"{path.name}: the file is empty")
    if b"%PDF" not in head:
        kind = _sniff(head)
        raise InputUnreadableError(f"{path.name}: not a PDF{kind}; give the plan as a PDF or a UTF-8 .txt")
    try:
        document = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            if password:
                raise EncryptedPdfError(f"{path.name}: wrong password for this encrypted PDF") from None
            raise EncryptedPdfError(f"{path.name}: the PDF is encrypted; give its password with --password") from None
        raise InputUnreadableError(f"{path.name}: damaged or truncated PDF ({error})") from None
    try:
        count = len(document)
    finally:
        document.close()
    if count == 0:
        raise InputUnreadableError(f"{path.name}: the PDF has no pages")
    return count


def _sniff(head: bytes) -> str:
    signatures = {
        b"\x89PNG": "PNG image",
        b"\xff\xd8\xff": "JPEG image",
        b"II*\x00": "TIFF image",
        b"MM\x00*": "TIFF image",
        b"GIF8": "GIF image",
        b"PK\x03\x04": "ZIP archive (a Word or OpenDocument file?)",
    }
    for magic, name in signatures.items():
        if head.startswith(magic):
            return f" (it is a {name})"
    return ""


# ------------------------------------------------------------------ workers


def _pages(job: _Job, indices: list[int], workers: int, weights: dict[int, int]) -> Iterator[PageLayout]:
    if workers <= 1:
        _init_worker(job)
        try:
            for index in indices:
                yield _page_task(index)
        finally:
            _close_worker()
        return
    with _context().Pool(workers, initializer=_init_pool_worker, initargs=(job,)) as pool:
        # as each page is done, not in page order: the moment a worker runs out of pages is seen
        # at once (``spare_cpu``), not when the pages before the one it finished are done too
        tasks = pool.imap_unordered(_pool_task, heaviest_first(indices, weights), chunksize=1)
        yield from _first_error_in_page_order(tasks, indices)
        # every page read: the workers are let go, not terminated, and end what they started
        pool.close()
        pool.join()


def heaviest_first(indices: list[int], weights: dict[int, int]) -> list[int]:
    """The pages in the order the workers take them: heaviest first (``StreamReport.page_weights``),
    page order among equals. Taken in page order, a heavy page near the end keeps one worker
    busy while the others wait; taken last, the light pages even out the workers' ends."""
    return sorted(indices, key=lambda index: -weights.get(index, 0))


def _pool_task(index: int) -> tuple[int, PageLayout | PnsExtractError]:
    """A page, or the error that stops the run, handed back as a value (``_first_error_in_page_order``)."""
    try:
        return index, _page_task(index)
    except PnsExtractError as error:
        return index, error


def _first_error_in_page_order(
    outcomes: Iterator[tuple[int, PageLayout | PnsExtractError]], indices: list[int]
) -> Iterator[PageLayout]:
    """The pages as they are done. A page's error is raised once every page before it is done,
    so the error reported is always the first failing page's, whatever order the workers end in."""
    waiting = set(indices)
    errors: dict[int, PnsExtractError] = {}
    for index, outcome in outcomes:
        waiting.discard(index)
        if isinstance(outcome, PnsExtractError):
            errors[index] = outcome
        else:
            yield outcome
        if errors and not any(page < min(errors) for page in waiting):
            raise errors[min(errors)]


def _context() -> Any:
    """fork where it exists: workers inherit the imported modules and start in milliseconds, and
    they touch nothing the parent's other threads (a progress bar) may hold. spawn elsewhere."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_STATE: dict[str, Any] = {}


def _init_worker(job: _Job) -> None:
    _STATE.clear()
    _STATE["job"] = job
    os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract: one thread per process, one process per core


def _init_pool_worker(job: _Job) -> None:
    init_worker(job.parent_pid, job.max_page_memory)  # dies with the parent, bounded memory
    _init_worker(job)
    # when the pool lets it go: its resident Tesseract ends and is reaped (a terminated worker's
    # dies with it, ``child_setup``)
    multiprocessing.util.Finalize(None, _close_worker, exitpriority=0)


def _close_worker() -> None:
    if "job" in _STATE:
        _STATE["job"].engine.close()
    for key in ("plumber", "pdfium"):
        document = _STATE.pop(key, None)
        if document is not None:
            document.close()
    _STATE.clear()


def _plumber() -> Any:
    if "plumber" not in _STATE:
        import pdfplumber

        job: _Job = _STATE["job"]
        _STATE["plumber"] = pdfplumber.open(job.path, password=job.password or "")
    return _STATE["plumber"]


def _pdfium() -> Any:
    if "pdfium" not in _STATE:
        import pypdfium2 as pdfium

        job: _Job = _STATE["job"]
        _STATE["pdfium"] = pdfium.PdfDocument(job.path, password=job.password)
    return _STATE["pdfium"]


def _page_task(index: int) -> PageLayout:
    job: _Job = _STATE["job"]
    name = Path(job.path).name
    try:
        page = _plumber().pages[index]
        width, height = float(page.width), float(page.height)
        damage = job.damaged.get(index)
        try:
            content = _content(page) if damage is None else None
        except (PnsExtractError, MemoryError):
            raise
        except Exception as error:  # pdfminer on a damaged page: the page image may still be read
            content, damage = None, f"its text layer cannot be read ({type(error).__name__})"
        if content is not None and not _needs_ocr(content, page, job.ocr):
            result = PageLayout(number=index + 1, width=width, height=height, method="pdf")
            result.lines, result.gutter = columns.reading_order(_words(content), width)
        else:
            result = _ocr_layout(index, width, height, job, damage)
        page.close()  # pdfplumber keeps every parsed object until asked to drop them
        return result
    except PnsExtractError as error:
        raise type(error)(f"{name}: page {index + 1}: {error.message}") from None
    except MemoryError:  # the worker's address-space limit (RLIMIT_AS)
        raise LimitExceededError(f"{name}: page {index + 1} needs more memory than the limit of a page") from None
    except Exception as error:  # pdfminer/pdfium on a damaged document
        kind = type(error).__name__
        raise InputUnreadableError(f"{name}: page {index + 1} cannot be read ({kind})") from None


def _ocr_layout(index: int, width: float, height: float, job: _Job, damage: str | None) -> PageLayout:
    """A page read by OCR. A page whose text layer is damaged is never silently empty: without
    OCR, or when OCR finds nothing in its image, it is a failed page."""
    result = PageLayout(number=index + 1, width=width, height=height, method="ocr")
    try:
        if damage is not None and job.ocr == "never":
            raise OcrFailedError(f"{damage}, and OCR is off (--ocr never)")
        result.lines = _ocr_page(index, width, height, job)
        if damage is not None and not result.lines:
            raise OcrFailedError(f"{damage}, and OCR found no text in the page image")
    except OcrFailedError as error:  # one page's failure must not stop the others
        result.error = error.message
    return result


@dataclass(slots=True)
class _Content:
    """What a page's text layer holds, read once from pdfplumber's layout objects."""

    chars: list[Any]  # pdfminer LTChar, in content-stream order
    top: float  # the page box's upper edge: pdfplumber's ``top`` is measured from it
    left: float
    image_area: float
    curves: int


def _content(page: Any) -> _Content:
    """Characters, image area and vector shapes of a page.

    Read from ``page.layout`` (pdfplumber's pdfminer objects) rather than ``page.chars``: the
    per-character dictionaries (colours, matrices, marked content) cost more than the parsing
    itself, and the layout needs none of them."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage

    ltpage = page.layout
    chars: list[Any] = []
    area = 0.0
    curves = 0
    stack = list(ltpage)
    stack.reverse()
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            chars.append(obj)
        elif isinstance(obj, LTImage):
            area += max(0.0, obj.width) * max(0.0, obj.height)
        elif isinstance(obj, LTCurve):
            curves += 1
        elif isinstance(obj, LTContainer):  # figures (form XObjects) hold their own objects
            inner = list(obj)
            inner.reverse()
            stack.extend(inner)
    return _Content(chars=chars, top=ltpage.y1, left=ltpage.x0, image_area=area, curves=curves)


def _needs_ocr(content: _Content, page: Any, mode: str) -> bool:
    if mode == "always":
        return True
    if mode == "never":
        return False
    texts = [char.get_text() for char in content.chars]
    printable = sum(1 for text in texts if not text.isspace())
    # glyphs without a Unicode mapping come out as "(cid:N)": such a text layer is unusable
    unmapped = sum(1 for text in texts if text.startswith("(cid:"))
    if printable and unmapped > 0.3 * printable:
        return True
    if printable >= SCAN_MAX_TEXT_CHARS:
        return False
    coverage = min(content.image_area / max(float(page.width) * float(page.height), 1.0), 1.0)
    if printable < MIN_TEXT_CHARS:
        # blank pages need no OCR; pages drawn with many vector shapes may be outlined text
        return coverage > 0.05 or content.curves > 50
    return coverage >= SCAN_IMAGE_COVERAGE


def _words(content: _Content) -> list[Word]:
    """Characters -> words, in content-stream order: a word ends at a space, a gap, a jump back,
    a change of baseline or of size (superscripts become words of their own). One pass over the
    characters, each read once (a page has thousands)."""
    words: list[Word] = []
    left, top = content.left, content.top
    parts: list[str] = []
    first: Any = None  # the current word's first character; None between words
    last: Any = None
    x0 = x1 = y0 = y1 = 0.0

    def flush() -> None:
        words.append(
            Word(
                text="".join(parts),
                x0=x0 - left,
                x1=x1 - left,
                top=top - y1,
                bottom=top - y0,
                size=float(first.size),
                bold=layout.is_bold_font(first.fontname),
            )
        )

    for char in content.chars:
        text = char.get_text()
        if not text or text.isspace():
            if first is not None:
                flush()
                first = None
            continue
        if first is not None:
            size = max(char.size, last.size, 1e-6)
            if (
                abs(char.y0 - last.y0) > 0.3 * size
                or char.x0 < last.x1 - 0.5 * size
                or char.x0 - last.x1 > 0.2 * min(char.size, last.size)
                or abs(char.size - last.size) > 0.15 * size
            ):
                flush()
                first = None
        if first is None:
            first, parts = char, [text]
            x0, x1, y0, y1 = char.x0, char.x1, char.y0, char.y1
        else:
            parts.append(text)
            # min/max one character at a time: the same values as over the whole word
            x0, x1, y0, y1 = min(x0, char.x0), max(x1, char.x1), min(y0, char.y0), max(y1, char.y1)
        last = char
    if first is not None:
        flush()
    return words


# ---------------------------------------------------------------------- OCR


def _ocr_page(index: int, width: float, height: float, job: _Job) -> list[layout.TextLine]:
    image, suffix, dpi, size = _page_image(index, width, height, job.max_image_pixels)
    engine = job.engine
    if not _STATE.get("checked"):
        engine.check()  # raises OcrUnavailableError with the install command
        _STATE["checked"] = True
    cache = OcrCache(Path(job.cache_dir)) if job.cache_dir else None
    key = page_key(image, engine.settings_key()) if cache else ""
    result: OcrPage | None = cache.get(key) if cache else None
    if result is None or len(result.weights) != len(result.words):
        # measured once per image: a cached page needs no decoding of its image; a page being
        # read is decoded while Tesseract reads it
        pixels = PagePixels(image)
        result = result or engine.recognize(image, suffix, dpi, size, meanwhile=pixels.load)
        result = measure_page(pixels, result, engine, dpi)
        if cache:
            cache.put(key, result)
    del image
    return ocr_lines(result, 72.0 / dpi, list(result.weights))


PageImage = tuple[bytes, str, int, tuple[int, int]]  # encoded bytes, file suffix, dpi, pixel size


def _page_image(index: int, width: float, height: float, limit: int) -> PageImage:
    """The page's own image when the page is one full-page image (a scan), else a 300 dpi rendering.

    Returns encoded bytes, their file suffix, the resolution and the pixel size."""
    import pypdfium2 as pdfium

    page = _pdfium()[index]
    try:
        if page.get_rotation() == 0:
            native = _native_image(page, width, height, limit)
            if native is not None:
                return native
        pixels = int(width * RENDER_DPI / 72) * int(height * RENDER_DPI / 72)
        if pixels > limit:
            raise LimitExceededError(
                f"rendering at {RENDER_DPI} dpi needs {pixels} pixels, more than the limit of {limit}"
            )
        bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
        return _encode_pnm(image), ".pgm", RENDER_DPI, image.size
    except pdfium.PdfiumError as error:
        raise OcrFailedError(f"the page image cannot be extracted ({error})") from None
    finally:
        page.close()


def _native_image(page: Any, width: float, height: float, limit: int) -> PageImage | None:
    import pypdfium2 as pdfium

    images = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    if len(images) != 1:
        return None
    image = images[0]
    left, bottom, right, top = image.get_bounds()
    if (right - left) < 0.9 * width or (top - bottom) < 0.9 * height:
        return None
    matrix = image.get_matrix()
    if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
        return None  # rotated or mirrored in placement: render instead
    px_width, px_height = image.get_px_size()
    if px_width * px_height > limit:
        raise LimitExceededError(f"the page image has {px_width * px_height} pixels, more than the limit of {limit}")
    dpi = max(72, round(px_width / ((right - left) / 72)))
    if image.get_filters() == ["DCTDecode"] and image.get_metadata().colorspace in (1, 2):  # gray, RGB
        return bytes(image.get_data(decode_simple=False)), ".jpg", dpi, (px_width, px_height)
    bitmap = image.get_bitmap(render=False)
    pil = bitmap.to_pil()
    if pil.mode not in ("1", "L", "RGB"):
        pil = pil.convert("RGB")
    return _encode_pnm(pil), ".pnm" if pil.mode != "L" else ".pgm", dpi, pil.size


def _encode_pnm(image: Any) -> bytes:
    """Uncompressed: the fastest format for Tesseract to read and for us to write and hash."""
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue()


# ----------------------------------------------------------------- assembly


def _assemble(path: Path, sha256: str, layouts: list[PageLayout]) -> SourceDocument:
    from ..model import Notice  # after the pages: the workers start without waiting for pydantic

    columns.apply_document_gutter(layouts)
    layout.mark_furniture(layouts)
    warnings: list[Notice] = []
    parts: dict[int, list[tuple[str, layout.TextLine | None]]] = {}
    typography: dict[Method, Typography] = {}
    for method in ("pdf", "ocr"):
        group = [page for page in layouts if page.method == method]
        if not group:
            continue
        body = layout.body_size(group)
        pitch = layout.line_pitch(group, body) or 1.2
        small, large = SIZE_RATIOS[method]
        if method == "ocr":
            layout.mark_weights(group, body)
        for page in group:
            layout.mark_page(page, body, small, large, lost_numbers=method == "ocr")
            layout.dehyphenate(page.lines)
            layout.mark_wraps(page)
            if method == "ocr":
                for line in page.lines:
                    if line.hint == "heading":
                        line.text = fix_heading_number(line.text)
            parts[page.number] = layout.paragraph_lines(page, body, pitch)
        typography[method] = layout.measure_typography(method, group, body, pitch)
    # bullets and doubtful item ends are read over all OCR'd pages at once: lists cross page breaks
    flow = [
        (text, line)
        for page in layouts
        if page.method == "ocr"
        for text, line in parts[page.number]
        if line is None or line.hint not in ("furniture", "footnote")
    ]
    fix_quote_bullets(flow)
    fix_item_ends(flow)
    pages: list[Page] = []
    number = 0
    for page_layout in layouts:
        method = "ocr" if page_layout.method == "ocr" else "pdf"
        page = Page(number=page_layout.number, method=method, label=page_layout.label)
        for text, line in parts[page_layout.number]:
            number += 1
            page.lines.append(
                Line(
                    page=page.number,
                    number=number,
                    text=line.text if line is not None else text,
                    method=method,
                    hint=line.hint if line is not None else None,
                    bold=line.bold if line is not None else None,
                    font_size=round(line.size, 1) if line is not None and line.size else None,
                    calls=tuple(line.calls) if line is not None else (),
                    lost_mark=line.lost_mark if line is not None else False,
                    x0=round(line.x0, 1) if line is not None and line.words else None,
                    top=round(line.top, 1) if line is not None else None,
                    wraps=line.wraps if line is not None else None,
                )
            )
        if page_layout.error is not None:
            warnings.append(Notice(kind="page-failed", message=f"OCR failed: {page_layout.error}", page=page.number))
        elif not any(line.text for line in page.lines):
            warnings.append(Notice(kind="page-empty", message="no text found", page=page.number))
        pages.append(page)
    return SourceDocument(
        file=path.name,
        sha256=sha256,
        kind="pdf",
        pages=pages,
        ocr_pages=[page.number for page in pages if page.method == "ocr"],
        failures=[PageFailure(page.number, page.error) for page in layouts if page.error is not None],
        warnings=warnings,
        typography=typography,
    )
