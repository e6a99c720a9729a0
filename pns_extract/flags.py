"""The extraction options as the command line spells them, declared once and without the
command-line framework: ``cli.py`` makes typer options of them, ``launch.py`` reads a plain
``extract`` command line with them before typer (and the pydantic it validates with) loads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .contract import PageRange
from .limits import MAX_BYTES, MAX_LINES


class OcrMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _same(value: Any) -> Any:
    return value


def _negated(value: bool) -> bool:
    return not value


def _enum_value(value: StrEnum) -> str:
    return value.value


@dataclass(frozen=True)
class Flag:
    """One extraction option on the command line, and the keyword of ``contract.build_options``
    it becomes (through ``convert``)."""

    name: str  # the command's parameter
    kind: Any  # its type
    default: Any
    decls: tuple[str, ...]
    help: str
    setting: str
    convert: Callable[[Any], Any] = _same
    min: int | None = None
    check: Callable[[str], object] | None = None  # raises ValueError on a value the parser must refuse


OCR_HELP = "OCR scanned pages: auto (pages without text), always, never."
PAGES_HELP = "Only these pages: N, N-M or N- (e.g. 13-21)."
PARTIAL_HELP = "Write what was found when structure or pages are missing."
# The extraction options, declared once; each command takes the ones that mean something to it.
FLAGS = {
    flag.name: flag
    for flag in (
        Flag("ocr", OcrMode, OcrMode.auto, ("--ocr",), OCR_HELP, "ocr", _enum_value),
        Flag("lang", str, "fra", ("--lang",), "Tesseract language(s).", "lang"),
        Flag("jobs", int, 0, ("--jobs", "-j"), "OCR processes (0: one per core).", "jobs", min=0),
        Flag("no_cache", bool, False, ("--no-cache",), "Do not use the OCR and result caches.", "use_cache", _negated),
        Flag("password", str | None, None, ("--password",), "Password of an encrypted PDF.", "password"),
        Flag("pages", str | None, None, ("--pages",), PAGES_HELP, "pages", check=PageRange.parse),
        Flag("max_pages", int, 500, ("--max-pages",), "Refuse documents with more pages.", "max_pages", min=1),
        Flag(
            "max_image_pixels",
            int,
            60_000_000,
            ("--max-image-pixels",),
            "Refuse to OCR a page image larger than this.",
            "max_image_pixels",
            min=1,
        ),
        Flag("ocr_timeout", float, 120.0, ("--ocr-timeout",), "Seconds allowed to OCR one page.", "ocr_timeout", min=1),
        Flag(
            "max_bytes",
            int,
            MAX_BYTES,
            ("--max-bytes",),
            "Refuse input files larger than this (bytes).",
            "max_bytes",
            min=1,
        ),
        Flag("max_lines", int, MAX_LINES, ("--max-lines",), "Refuse documents with more lines.", "max_lines", min=1),
        Flag("no_repair", bool, False, ("--no-repair",), "Skip the French OCR repair stage.", "repair", _negated),
        Flag("no_enrich", bool, False, ("--no-enrich",), "Skip spaCy enrichment.", "enrich", _negated),
        Flag("allow_partial", bool, False, ("--allow-partial",), PARTIAL_HELP, "allow_partial"),
    )
}

INGEST_FLAGS = (
    "ocr",
    "lang",
    "jobs",
    "no_cache",
    "password",
    "pages",
    "max_pages",
    "max_image_pixels",
    "ocr_timeout",
    "max_bytes",
    "max_lines",
)
ALL_FLAGS = (*INGEST_FLAGS, "no_repair", "no_enrich", "allow_partial")
