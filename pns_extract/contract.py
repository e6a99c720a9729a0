"""The contract between the stages: typed options, the run context, and the stage protocol.

Ground floor: imports only ``errors`` and ``limits`` (``model`` for type checkers only: a command
answered from the result cache builds its options without loading pydantic), so every stage, the
pipeline, the CLI, ``batch``, ``dataset`` and the library API build and read options one way.

- ``IngestOptions`` / ``ExtractOptions``: frozen, so a run can be cached by its options.
- ``Run``: what a run learns besides its value — warnings the stages add, pages that failed,
  per-stage timings, whether the result is partial.
- ``Stage``: a named step ``run(value, run) -> value`` that the options can switch off.
- ``SpareCpu``: the PDF reader's signal of what its page workers leave for other work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TYPE_CHECKING, Generic, Literal, Protocol, TypedDict, TypeVar, Unpack

from . import limits
from .errors import PageRangeError

if TYPE_CHECKING:
    from .model import Notice

OcrMode = Literal["auto", "always", "never"]
Progress = Callable[[int, int], None]  # (pages done, pages in all)


class SpareCpu(Enum):
    """What the page workers leave of the machine for other work (the NLP load), as the PDF
    reader sees it after a page: its signal to the pipeline (``read_pdf``'s ``on_spare_cpu``)."""

    IDLE_MOMENTS = "idle moments"  # every worker is OCR'ing: only the moments Tesseract leaves idle
    A_CORE = "a core"  # a core is free, or the pages are text-layer ones that end soon


_RANGE = re.compile(r"\s*(\d+)\s*(?:(-)\s*(\d+)?)?\s*")


@dataclass(frozen=True)
class PageRange:
    """Physical pages ``first``..``last`` (1-based, inclusive); ``last`` None: to the end."""

    first: int
    last: int | None = None

    def __post_init__(self) -> None:
        if self.first < 1 or (self.last is not None and self.last < self.first):
            raise ValueError(f"{self}: give pages as N, N-M or N- with 1 <= N <= M")

    @classmethod
    def parse(cls, text: str) -> PageRange:
        """``"13"``, ``"13-21"`` or ``"13-"`` (to the last page). Raises ``ValueError``."""
        match = _RANGE.fullmatch(text)
        if match is None:
            raise ValueError(f"{text!r}: give pages as N, N-M or N- (e.g. 13-21)")
        first = int(match.group(1))
        if match.group(2) is None:
            return cls(first, first)
        return cls(first, int(match.group(3)) if match.group(3) else None)

    def numbers(self, count: int, name: str) -> range:
        """The page numbers that the range selects in ``name``, a document of ``count`` pages; an
        end past the last page stops there, a start past it is an error."""
        if self.first > count:
            pages = f"{count} page{'s' if count != 1 else ''}"
            raise PageRangeError(f"{name}: --pages {self} starts after the last page (the document has {pages})")
        return range(self.first, min(self.last or count, count) + 1)

    def __str__(self) -> str:
        if self.last == self.first:
            return str(self.first)
        return f"{self.first}-{self.last if self.last is not None else ''}"


@dataclass(frozen=True)
class IngestOptions:
    ocr: OcrMode = "auto"
    lang: str = "fra"
    jobs: int = 0  # 0: one per core
    use_cache: bool = True
    password: str | None = None
    max_pages: int = 500
    max_image_pixels: int = 60_000_000
    ocr_timeout: float = 120.0  # seconds per page
    pages: PageRange | None = None  # None: every page
    max_bytes: int = limits.MAX_BYTES  # the input file
    max_lines: int = limits.MAX_LINES  # lines of the document
    max_stream_bytes: int = limits.MAX_STREAM_BYTES  # one decompressed PDF stream
    max_page_memory: int = limits.MAX_PAGE_MEMORY  # address space a page worker may add


@dataclass(frozen=True)
class ExtractOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    repair: bool = True
    enrich: bool = True
    allow_partial: bool = False


class ExtractSettings(TypedDict, total=False):
    """The extraction options as keywords (``pns_extract.extract(path, **settings)``): the fields of
    ``IngestOptions`` and ``ExtractOptions``, each optional; ``pages`` may be written ``"13-21"``."""

    ocr: OcrMode
    lang: str
    jobs: int
    use_cache: bool
    password: str | None
    max_pages: int
    max_image_pixels: int
    ocr_timeout: float
    pages: PageRange | str | None
    max_bytes: int
    max_lines: int
    max_stream_bytes: int
    max_page_memory: int
    repair: bool
    enrich: bool
    allow_partial: bool


def build_options(**settings: Unpack[ExtractSettings]) -> ExtractOptions:
    """The one way options are built from keywords (library API and CLI); a keyword left out
    keeps its default. Raises ``TypeError`` on an unknown keyword, ``ValueError`` on a malformed
    page range."""
    unknown = sorted(set(settings) - set(ExtractSettings.__annotations__))
    if unknown:
        raise TypeError(f"unknown extraction option(s): {', '.join(unknown)}")
    ingest = {name: value for name, value in settings.items() if name in _INGEST_FIELDS}
    if isinstance(ingest.get("pages"), str):
        ingest["pages"] = PageRange.parse(ingest["pages"])
    stages = {name: value for name, value in settings.items() if name not in _INGEST_FIELDS}
    return ExtractOptions(ingest=IngestOptions(**ingest), **stages)


# the keywords that belong to ingestion; the others toggle the later stages
_INGEST_FIELDS = frozenset(option.name for option in fields(IngestOptions))


@dataclass(frozen=True, slots=True)
class PageFailure:
    """A page whose text could not be read (its OCR failed or timed out)."""

    page: int
    reason: str


StageName = Literal["ingest", "repair", "parse", "enrich", "validate"]


@dataclass
class Run:
    """The context of one extraction, handed to every stage beside its value."""

    options: ExtractOptions
    name: str  # the input's file name, for messages
    progress: Progress | None = None
    # notices the stages add beyond those their values carry; the last stage files them
    warnings: list[Notice] = field(default_factory=list)
    failed_pages: list[PageFailure] = field(default_factory=list)
    # seconds per stage; "cache": a stored result's load; "nlp": the part of "ingest" spent waiting
    # for the NLP resources that load beside the pages
    timings: dict[StageName | Literal["cache", "nlp"], float] = field(default_factory=dict)
    partial: bool = False  # something is missing (failed pages, no structure) and allow_partial let it pass

    @property
    def status(self) -> Literal["ok", "partial"]:
        return "partial" if self.partial else "ok"


In = TypeVar("In", contravariant=True)
Out = TypeVar("Out", covariant=True)
In_ = TypeVar("In_")
Out_ = TypeVar("Out_")


class StageRun(Protocol[In, Out]):
    """The stage protocol: transform the value, record what else was learned in ``run``."""

    def __call__(self, value: In, run: Run, /) -> Out: ...


def always(options: ExtractOptions) -> bool:
    return True


@dataclass(frozen=True)
class Stage(Generic[In_, Out_]):
    """One named step of the pipeline; ``enabled(options)`` False skips it."""

    name: StageName
    run: StageRun[In_, Out_]
    enabled: Callable[[ExtractOptions], bool] = always
