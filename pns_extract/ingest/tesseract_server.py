"""A resident Tesseract: libtesseract's C API in a process of its own, reading page after page.

``tesseract_resident`` runs it as ``python -I -S tesseract_server.py LANG`` with one OpenMP
thread; it uses the standard library only (it runs without the package on its path). Beside the
``tesseract`` command run once per page, it saves what the command repeats on each page: loading
the language data (0.1 s of CPU), and the TSV renderer, which walks Tesseract's results a
character at a time where this walks them a word at a time (the renderer cost 6 % of the OCR's
CPU on the corpus scan's pages). The recognition is the command's own: Leptonica decodes the
image (``pixReadMem``, as ``tesseract stdin``), the page segmentation mode and resolution are set
as ``--psm`` and ``--dpi`` set them, and the rows are the TSV's word rows, numbered as it numbers
them (a test compares the two on the same pages).

The protocol, on standard input and output; numbers are little-endian unsigned 32-bit:

- on start, a reply whose text is the library's version (status 0), or why it cannot read pages
  here (status 1: no library, no language data); the process then ends;
- a request: page segmentation mode, resolution in dpi, the image's length, the image (any format
  Leptonica reads);
- a reply: status (0: the TSV follows; 1: the page cannot be read, the text says why), the text's
  length, the UTF-8 text: Tesseract's TSV header and a row per word (level 5).

End of input ends the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import sys
from typing import Any, BinaryIO

REQUEST = struct.Struct("<III")  # psm, dpi, image length
REPLY = struct.Struct("<II")  # status, text length
READY, REFUSED = 0, 1
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"

# the iterator's levels (tesseract/publictypes.h)
_BLOCK, _PARAGRAPH, _LINE, _WORD = 0, 1, 2, 3
# the sonames of Tesseract 5 and 4, then what the linker's cache knows
_LIBRARY_NAMES = ("libtesseract.so.5", "libtesseract.so.4", "libtesseract.5.dylib", "libtesseract.dylib")


def _library() -> Any:
    names = [*_LIBRARY_NAMES, ctypes.util.find_library("tesseract")]
    for name in filter(None, names):
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        _declare(library)
        return library
    raise OSError("libtesseract is not installed")


def _declare(library: Any) -> None:
    """The C API's signatures (tesseract/capi.h); Leptonica's are found through libtesseract,
    which links it."""
    handle, text, integer = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    box = [ctypes.POINTER(ctypes.c_int)] * 4
    signatures = {
        "TessVersion": ([], text),
        "TessBaseAPICreate": ([], handle),
        "TessBaseAPIInit3": ([handle, text, text], integer),
        "TessBaseAPISetPageSegMode": ([handle, integer], None),
        "TessBaseAPISetVariable": ([handle, text, text], integer),
        "TessBaseAPIClearAdaptiveClassifier": ([handle], None),
        "TessBaseAPISetImage2": ([handle, handle], None),
        "TessBaseAPIRecognize": ([handle, handle], integer),
        "TessBaseAPIGetIterator": ([handle], handle),
        "TessBaseAPIClear": ([handle], None),
        "TessBaseAPIEnd": ([handle], None),
        "TessBaseAPIDelete": ([handle], None),
        "TessResultIteratorGetPageIterator": ([handle], handle),
        "TessResultIteratorNext": ([handle, integer], integer),
        "TessResultIteratorGetUTF8Text": ([handle, integer], handle),  # freed with TessDeleteText
        "TessResultIteratorConfidence": ([handle, integer], ctypes.c_float),
        "TessResultIteratorDelete": ([handle], None),
        "TessPageIteratorIsAtBeginningOf": ([handle, integer], integer),
        "TessPageIteratorBoundingBox": ([handle, integer, *box], integer),
        "TessDeleteText": ([handle], None),
        "pixReadMem": ([ctypes.c_char_p, ctypes.c_size_t], handle),
        "pixDestroy": ([ctypes.POINTER(handle)], None),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(library, name)
        function.argtypes, function.restype = arguments, result


class Reader:
    """One TessBaseAPI, initialised once for ``lang``, reading one image after another."""

    def __init__(self, lang: str) -> None:
        self.lib = _library()
        self.api = self.lib.TessBaseAPICreate()
        if self.lib.TessBaseAPIInit3(self.api, None, lang.encode()) != 0:
            self.lib.TessBaseAPIDelete(self.api)
            raise OSError(f"Tesseract has no '{lang}' language data")
        self.version = self.lib.TessVersion().decode("ascii", "replace")

    def read(self, image: bytes, psm: int, dpi: int) -> tuple[int, str]:
        lib, api = self.lib, self.api
        pix = ctypes.c_void_p(lib.pixReadMem(image, len(image)))
        if not pix.value:
            return REFUSED, "Leptonica cannot decode the image"
        try:
            # each page as if it were the only one: nothing the legacy classifier adapted to
            # on an earlier page, and this page's own settings
            lib.TessBaseAPIClearAdaptiveClassifier(api)
            lib.TessBaseAPISetPageSegMode(api, psm)
            lib.TessBaseAPISetVariable(api, b"user_defined_dpi", str(dpi).encode())
            lib.TessBaseAPISetImage2(api, pix)
            if lib.TessBaseAPIRecognize(api, None) != 0:
                return REFUSED, "recognition failed"
            return READY, TSV_HEADER + "".join(self._rows())
        finally:
            lib.TessBaseAPIClear(api)
            lib.pixDestroy(ctypes.byref(pix))

    def _rows(self) -> list[str]:
        """The TSV's word rows: words with text, numbered by block, paragraph and line among those."""
        lib = self.lib
        results = lib.TessBaseAPIGetIterator(self.api)
        if not results:  # nothing on the page
            return []
        page = lib.TessResultIteratorGetPageIterator(results)
        left, top, right, bottom = (ctypes.c_int() for _ in range(4))
        rows: list[str] = []
        block = paragraph = line = word = 0
        try:
            while True:
                pointer = lib.TessResultIteratorGetUTF8Text(results, _WORD)
                if pointer:  # none in a block without words (an image)
                    text = ctypes.string_at(pointer).decode("utf-8", "replace")
                    lib.TessDeleteText(pointer)
                    if lib.TessPageIteratorIsAtBeginningOf(page, _BLOCK):
                        block, paragraph, line, word = block + 1, 0, 0, 0
                    if lib.TessPageIteratorIsAtBeginningOf(page, _PARAGRAPH):
                        paragraph, line, word = paragraph + 1, 0, 0
                    if lib.TessPageIteratorIsAtBeginningOf(page, _LINE):
                        line, word = line + 1, 0
                    word += 1
                    lib.TessPageIteratorBoundingBox(page, _WORD, *(ctypes.byref(v) for v in (left, top, right, bottom)))
                    confidence = lib.TessResultIteratorConfidence(results, _WORD)
                    x, y, width, height = left.value, top.value, right.value - left.value, bottom.value - top.value
                    rows.append(
                        f"5\t1\t{block}\t{paragraph}\t{line}\t{word}\t{x}\t{y}\t{width}\t{height}\t{confidence:.6f}\t{text}\n"
                    )
                if not lib.TessResultIteratorNext(results, _WORD):
                    return rows
        finally:
            lib.TessResultIteratorDelete(results)

    def close(self) -> None:
        self.lib.TessBaseAPIEnd(self.api)
        self.lib.TessBaseAPIDelete(self.api)


def reply(stream: BinaryIO, status: int, text: str) -> None:
    data = text.encode("utf-8")
    stream.write(REPLY.pack(status, len(data)) + data)
    stream.flush()


def serve(lang: str, requests: BinaryIO, replies: BinaryIO) -> int:
    try:
        reader = Reader(lang)
    except OSError as error:
        reply(replies, REFUSED, str(error))
        return 1
    reply(replies, READY, reader.version)
    try:
        while len(header := requests.read(REQUEST.size)) == REQUEST.size:
            psm, dpi, size = REQUEST.unpack(header)
            image = requests.read(size)
            if len(image) < size:
                break
            reply(replies, *reader.read(image, psm, dpi))
    finally:
        reader.close()
    return 0


if __name__ == "__main__":
    # the replies keep standard output's pipe on a descriptor of their own; whatever the C
    # libraries print there goes to standard error instead, never into a reply
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.exit(serve(sys.argv[1], sys.stdin.buffer, replies))
