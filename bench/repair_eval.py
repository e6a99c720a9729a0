"""Measure the OCR repair stage: word error rate on the hand-corrected sample, words broken,
per-rule counts and timings on the whole corpus.

    .venv/bin/python bench/repair_eval.py [--explain]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pns_extract.ingest import load_source  # noqa: E402
from pns_extract.repair import repair_source  # noqa: E402
from pns_extract.repair.measure import read_sample, score, words  # noqa: E402

CORPUS = ROOT / "corpus" / "pns-2026-2029.ocr.txt"
SAMPLE = ROOT / "tests" / "data" / "repair_sample.tsv"
HOLDOUT = ROOT / "tests" / "data" / "repair_holdout.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--explain", action="store_true", help="list the sample lines still wrong")
    args = parser.parse_args()

    started = time.perf_counter()
    from pns_extract.nlp import load_french
    from pns_extract.repair.lexicon import load_lexicon

    load_lexicon()
    lexicon_s = time.perf_counter() - started
    load_french()
    load_s = time.perf_counter() - started

    source = load_source(CORPUS)
    begin = time.perf_counter()
    result = repair_source(source)
    repair_s = time.perf_counter() - begin
    begin = time.perf_counter()
    again = repair_source(result.source)
    second_s = time.perf_counter() - begin
    no_nlp = repair_source(source, nlp=False)

    repaired = {line.number: line.text for line in result.source.lines()}
    repaired_plain = {line.number: line.text for line in no_nlp.source.lines()}
    lines = len(source.lines())
    for path in (SAMPLE, HOLDOUT):
        rows = read_sample(str(path))
        full = score((ocr, repaired[n], ref) for n, ocr, ref in rows)
        plain = score((ocr, repaired_plain[n], ref) for n, ocr, ref in rows)
        print(f"{path.name}: {len(rows)} lines, {full.reference_words} words")
        print(f"  WER before repair          {full.wer_before:6.2%}  ({full.errors_before} word errors)")
        print(f"  WER after repair, no spaCy {plain.wer_after:6.2%}  ({plain.errors_after})")
        print(f"  WER after repair           {full.wer_after:6.2%}  ({full.errors_after})")
        print(f"  words fixed {full.fixed}, correct words broken {full.broken} "
              f"({full.broken / full.reference_words:.2%} of words)")
        if args.explain:
            for number, ocr, ref in rows:
                if words(repaired[number]) != words(ref):
                    print(f"    {number}: ocr      {ocr}\n    {number}: repaired {repaired[number]}"
                          f"\n    {number}: expected {ref}")
    print(f"corpus: {lines} lines, {len(result.changes)} changes")
    for rule, count in result.counts.items():
        print(f"  {rule:10} {count}")
    print(f"  idempotent: {not again.changes}")
    print("time:")
    print(f"  lexicon load {lexicon_s:.2f} s, + spaCy model load {load_s - lexicon_s:.2f} s")
    print(f"  repair of the whole corpus {repair_s:.2f} s (models loaded; first pass, cold caches)")
    print(f"  second pass over the repaired corpus {second_s:.2f} s")
    print(f"  total with model load {load_s + repair_s:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
