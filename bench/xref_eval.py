"""Precision and recall of the action-plan index's merges on the hand-decided near-miss pairs.

    .venv/bin/python bench/xref_eval.py [PLAN] [--pairs tests/data/xref_pairs.tsv]

The plan (default: the corpus) is extracted as the CLI does (repair and enrichment included);
each pair is then cited in two probe themes beside the plan's own citations. Prints one line,
then every pair decided against the hand decision."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pns_extract.enrich.merge_measure import read_pairs, score  # noqa: E402
from pns_extract.ingest import IngestOptions  # noqa: E402
from pns_extract.pipeline import ExtractOptions, extract  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan", nargs="?", type=Path, default=ROOT / "corpus" / "pns-2026-2029.ocr.txt")
    parser.add_argument("--pairs", type=Path, default=ROOT / "tests" / "data" / "xref_pairs.tsv")
    args = parser.parse_args()

    pairs = read_pairs(args.pairs)
    document = extract(args.plan, ExtractOptions(ingest=IngestOptions(use_cache=False))).document
    result = score(pairs, document)
    expected = sum(p.merge for p in pairs)
    print(
        f"xref merges on {len(pairs)} near-miss pairs ({expected} should merge, {len(pairs) - expected} should not): "
        f"precision {result.precision:.3f}, recall {result.recall:.3f} "
        f"({result.true_merges} right merges, {result.false_merges} wrong, {result.missed_merges} missed); "
        f"{len(document.action_plan_index)} index entries"
    )
    for pair in result.wrong:
        verdict = "merged, should not" if not pair.merge else "kept apart, should merge"
        print(f"  {verdict}: {pair.a!r} / {pair.b!r} ({pair.reason})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
