"""Time the enrichment of the whole corpus plan once the French model is loaded.

    .venv/bin/python bench/enrich_bench.py [PLAN.txt|PLAN.pdf] [--runs N]

Prints one line: model load time, then the median and worst enrichment time over N runs
(the first run, which also builds the matchers' imports, is counted)."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from pns_extract.enrich import enrich, load_model
from pns_extract.pipeline import ExtractOptions, extract

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan", nargs="?", type=Path, default=ROOT / "corpus" / "pns-2026-2029.ocr.txt")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    document = extract(args.plan, ExtractOptions(repair=False, enrich=False)).document
    clock = time.perf_counter()
    nlp = load_model()
    load = time.perf_counter() - clock
    times = []
    for _ in range(max(1, args.runs)):
        clock = time.perf_counter()
        enrich(document, nlp=nlp)
        times.append(time.perf_counter() - clock)
    median, worst = statistics.median(times), max(times)
    verdict = "ok" if worst <= BUDGET_S else f"OVER the {BUDGET_S} s budget"
    print(
        f"enrich {args.plan.name}: median {median:.3f} s, worst {worst:.3f} s over {len(times)} runs "
        f"({len(document.themes)} themes; model load {load:.2f} s, not counted) — {verdict}"
    )


if __name__ == "__main__":
    main()
