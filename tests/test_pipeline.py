"""The pipeline runner: stages declared as data, run in order, toggled by the options, timed;
the failed-page and no-structure signals; page ranges."""

from __future__ import annotations

import threading
from dataclasses import replace
from operator import attrgetter
from pathlib import Path

import pytest
from conftest import PREAMBLE, plan

from pns_extract import pipeline, result_cache
from pns_extract.contract import ExtractOptions, IngestOptions, PageFailure, PageRange, Run, SpareCpu, Stage
from pns_extract.errors import NotAPnsError, OcrFailedError, PageRangeError
from pns_extract.ingest import load_source, select_pages
from pns_extract.ingest.text import read_text
from pns_extract.processes import THREAD_PRIORITY, lower_thread_priority

FAST = ExtractOptions(repair=False, enrich=False)
THEME = "1. Criminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n1. Agir.\n"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache of each test's own: a result stored by another test never answers."""
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(plan(THEME, THEME.replace("1. Criminalité organisée", "2. Cybercriminalité")), encoding="utf-8")
    return path


def test_the_pipeline_is_declared_in_order():
    assert [stage.name for stage in pipeline.STAGES] == ["ingest", "repair", "parse", "enrich", "validate"]
    switched = [stage.name for stage in pipeline.STAGES if not stage.enabled(FAST)]
    assert switched == ["repair", "enrich"]


def _recorder(name: str, seen: list[str]):
    def stage(value: list[str], run: Run) -> list[str]:
        seen.append(name)
        return [*value, name]

    return stage


def test_runner_passes_the_value_through_enabled_stages_in_order_and_times_each():
    seen: list[str] = []
    stages = (
        Stage("ingest", _recorder("ingest", seen)),
        Stage("repair", _recorder("repair", seen), enabled=attrgetter("repair")),
        Stage("parse", _recorder("parse", seen)),
        Stage("enrich", _recorder("enrich", seen), enabled=attrgetter("enrich")),
    )
    run = Run(options=ExtractOptions(repair=False), name="x")
    assert pipeline.run_stages(stages, [], run) == ["ingest", "parse", "enrich"]
    assert seen == ["ingest", "parse", "enrich"]
    assert list(run.timings) == ["ingest", "parse", "enrich"]
    assert all(seconds >= 0 for seconds in run.timings.values())


def test_extract_times_the_stages_it_runs_and_a_re_run_comes_from_the_cache(small_plan):
    first = pipeline.extract(small_plan, FAST)
    assert first.status == "ok" and [t.number for t in first.document.themes] == ["1", "2"]
    assert list(first.timings) == ["ingest", "parse", "validate"]
    again = pipeline.extract(str(small_plan), FAST)  # a str is a path too
    assert list(again.timings) == ["cache"]
    assert again.document == first.document
    uncached = pipeline.extract(small_plan, replace(FAST, ingest=IngestOptions(use_cache=False)))
    assert list(uncached.timings) == ["ingest", "parse", "validate"]


def _failing_source(path: Path, options: IngestOptions, progress=None, on_spare_cpu=None):
    source = read_text(path)
    source.failures.append(PageFailure(page=2, reason="tesseract timed out after 1 s"))
    return source


def test_a_failed_page_stops_the_run_after_ingestion_unless_partial_is_allowed(small_plan, monkeypatch):
    import pns_extract.parse as parse_package  # the parse stage imports it when it runs

    parse_document = parse_package.parse_document
    monkeypatch.setattr(pipeline, "load_source", _failing_source)
    monkeypatch.setattr(parse_package, "parse_document", lambda source: pytest.fail("parsed after a failed page"))
    with pytest.raises(OcrFailedError) as failure:
        pipeline.extract(small_plan, FAST)
    assert failure.value.message == (
        "plan.txt: OCR failed on page(s) 2 (page 2: tesseract timed out after 1 s); "
        "use --allow-partial to write the rest"
    )
    monkeypatch.setattr(parse_package, "parse_document", parse_document)
    partial = pipeline.extract(small_plan, replace(FAST, allow_partial=True))
    assert partial.status == "partial"
    assert partial.document.source.failed_pages == [2]
    key = result_cache.result_key(small_plan, replace(FAST, allow_partial=True))
    assert result_cache.load(key) is None  # a partial result is never cached


def test_no_theme_is_not_a_plan_unless_partial_is_allowed(tmp_path):
    letter = tmp_path / "lettre.txt"
    letter.write_text(PREAMBLE, encoding="utf-8")
    with pytest.raises(NotAPnsError):
        pipeline.extract(letter, FAST)
    result = pipeline.extract(letter, replace(FAST, allow_partial=True))
    assert result.status == "partial"
    assert result.document.warnings[-1].kind == "structure"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13-21", PageRange(13, 21)),
        ("13", PageRange(13, 13)),
        ("13-", PageRange(13, None)),
        (" 2 - 3 ", PageRange(2, 3)),
    ],
)
def test_page_ranges_parse(text, expected):
    assert PageRange.parse(text) == expected


@pytest.mark.parametrize("text", ["", "a", "0", "3-2", "1-2-3", "-4"])
def test_bad_page_ranges_are_refused(text):
    with pytest.raises(ValueError):
        PageRange.parse(text)


def test_a_page_range_selects_pages_and_keeps_their_numbers(small_plan):
    source = read_text(small_plan)
    assert len(source.pages) == 5  # three of the preamble, one per theme
    chosen = select_pages(source, PageRange(4, 9))  # an end past the last page stops there
    assert [page.number for page in chosen.pages] == [4, 5]
    assert chosen.lines()[0].number == source.pages[3].lines[0].number
    with pytest.raises(
        PageRangeError, match=r"plan.txt: --pages 6- starts after the last page \(the document has 5 pages\)"
    ):
        select_pages(source, PageRange(6))
    only = load_source(small_plan, IngestOptions(pages=PageRange(5, 5)))
    assert [page.number for page in only.pages] == [5]
    themes = pipeline.extract(small_plan, replace(FAST, ingest=IngestOptions(pages=PageRange(5)))).document.themes
    assert [theme.number for theme in themes] == ["2"]


@pytest.mark.skipif(not THREAD_PRIORITY, reason="a thread's own priority is Linux's")
def test_a_thread_lowers_its_own_priority_and_no_other() -> None:
    import os

    seen: dict[str, int] = {}

    def lower() -> None:
        assert lower_thread_priority()
        seen["thread"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = os.getpriority(os.PRIO_PROCESS, 0)
    thread = threading.Thread(target=lower)
    thread.start()
    thread.join()
    assert seen["thread"] == 19
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # the process (its main thread) as it was


@pytest.mark.parametrize(("priority", "offers", "started", "low"), [
    (True, [SpareCpu.IDLE_MOMENTS, SpareCpu.A_CORE], True, True),  # beside OCR, then a core: one start
    (True, [SpareCpu.A_CORE], True, False),  # beside text-layer pages: at once, full priority
    (False, [SpareCpu.IDLE_MOMENTS], False, False),  # a priority it cannot lower: wait for a core
    (False, [SpareCpu.IDLE_MOMENTS, SpareCpu.A_CORE], True, False),
])  # fmt: skip
def test_the_nlp_load_takes_what_the_page_workers_leave(monkeypatch, priority, offers, started, low) -> None:
    lowered: list[str] = []
    monkeypatch.setattr(pipeline, "THREAD_PRIORITY", priority)
    monkeypatch.setattr(pipeline, "lower_thread_priority", lambda: lowered.append(threading.current_thread().name))
    warm_up = pipeline._WarmUp(repair=False, enrich=False)
    for spare in offers:
        warm_up.offer(spare)
    assert warm_up._started is started
    warm_up.start()  # after the pages, in every case: a no-op when an offer started it
    warm_up.join()
    assert lowered == (["nlp-warm-up"] if low else [])
