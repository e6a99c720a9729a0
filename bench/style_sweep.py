"""The structure through house styles the tool has never seen: F1 per element kind per style.

    .venv/bin/python -m bench.style_sweep                 # 30 seeded styles, the named ones, 5 scans
    .venv/bin/python -m bench.style_sweep --quick         # 6 seeded styles, the named ones, 2 scans
    .venv/bin/python -m bench.style_sweep --jobs 2 --markdown

Every case is the corpus typeset in a style (``bench.house_styles``), scanned for the scan cases,
then extracted in a new process exactly as a user would (``python -m pns_extract.cli IN -o OUT.json
--quiet --no-cache``) and scored with ``structure_eval.scores`` against the extraction of the corpus
text. Excerpts are cut from the text's pages *before* typesetting (a reflowed style moves page
breaks, so the rendered pages are not the text's): the reference is the text path restricted to
those same text pages (``structure_eval.restrict``), whatever pages the rendering has.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.house_styles import NAMED, ScanParams, Style, corpus_plan, random_scan, random_style, render, scan
from bench.structure_eval import KINDS, restrict, scores

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "pns-2026-2029.ocr.txt"
COLUMNS = (*KINDS, "all")
SHORT = {
    "attention_points": "attn",
    "action_plans": "plans",
    "objectives": "obj",
    "footnotes": "notes",
    "glossary": "gloss",
}


@dataclass(frozen=True)
class Case:
    id: str
    style: Style
    pages: tuple[int, int] | None = None  # text pages of an excerpt
    scan: ScanParams | None = None

    def describe(self) -> str:
        parts = [self.style.describe()]
        if self.scan is not None:
            parts.append(self.scan.describe())
        if self.pages is not None:
            parts.append(f"text pages {self.pages[0]}-{self.pages[1]}")
        return "; ".join(parts)


def cases(quick: bool, pages: int) -> list[Case]:
    """Scans first (the longest), then the named text styles, then the seeded ones."""
    seeds = range(6) if quick else range(30)
    named_text = [s for name, s in NAMED.items() if not name.startswith("scan-")]
    scans = [
        Case(
            "scan-300dpi-footer-12",
            NAMED["scan-source-footer-12"],
            None,
            ScanParams(dpi=300, skew=0.4, blur=0.4, seed=1),
        ),
        Case("scan-9p-in-1.3-large-titles", NAMED["scan-source-large-titles"], (10, 18), ScanParams(dpi=200, seed=2)),
    ]
    if not quick:
        scans += [
            Case("scan-seed-100", random_style(100), None, random_scan(100)),
            Case("scan-seed-101-9p", random_style(101), _nine(101, pages), random_scan(101)),
            Case("scan-seed-102-9p", random_style(102), _nine(102, pages), random_scan(102)),
        ]
    return [*scans, *(Case(s.name, s) for s in named_text), *(Case(f"seed-{n}", random_style(n)) for n in seeds)]


def _nine(seed: int, pages: int) -> tuple[int, int]:
    first = 2 + (seed * 7) % (pages - 10)
    return first, first + 8


def extract(path: Path, out: Path, jobs: int) -> dict:
    command = [
        sys.executable,
        "-m",
        "pns_extract.cli",
        str(path),
        "-o",
        str(out),
        "--quiet",
        "--no-cache",
        "--jobs",
        str(jobs),
    ]
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def run_case(case: Case, reference: dict, folder: Path, ocr_jobs: int) -> dict:
    start = time.perf_counter()
    pdf = folder / f"{case.id}.pdf"
    render(case.style, pdf, pages=case.pages)
    if case.scan is not None:
        scanned = folder / f"{case.id}.scan.pdf"
        scan(pdf, scanned, case.scan)
        pdf = scanned
    document = extract(pdf, folder / f"{case.id}.json", ocr_jobs)
    expected = restrict(reference, *case.pages) if case.pages else reference
    result = scores(expected, document)
    return {
        "id": case.id,
        "scan": case.scan is not None,
        "describe": case.describe(),
        "f1": {kind: result[kind][2] for kind in COLUMNS},
        "warnings": len(document["warnings"]),
        "seconds": time.perf_counter() - start,
    }


def _worker(args: tuple[Case, dict, Path, int]) -> dict:
    return run_case(*args)


def table(rows: list[dict], markdown: bool) -> str:
    head = ["style", *(SHORT.get(k, k) for k in COLUMNS), "warn", "description"]
    lines = []
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "|" + "|".join(["---", *["---:"] * (len(COLUMNS) + 1), "---"]) + "|"]
    else:
        lines.append(f"{'style':<30} " + " ".join(f"{h:>6}" for h in head[1:-1]) + "  description")
    for row in rows:
        cells = [f"{row['f1'][k]:.3f}" for k in COLUMNS]
        if markdown:
            lines.append(f"| {row['id']} | " + " | ".join(cells) + f" | {row['warnings']} | {row['describe']} |")
        else:
            lines.append(
                f"{row['id']:<30} " + " ".join(f"{c:>6}" for c in cells) + f" {row['warnings']:>6}  {row['describe']}"
            )
    for label, group in (
        ("worst text PDF", [r for r in rows if not r["scan"]]),
        ("worst scan", [r for r in rows if r["scan"]]),
    ):
        if not group:
            continue
        worst = [min(r["f1"][k] for r in group) for k in COLUMNS]
        cells = [f"{w:.3f}" for w in worst]
        if markdown:
            lines.append(f"| **{label}** | " + " | ".join(cells) + " | | |")
        else:
            lines.append(f"{label:<30} " + " ".join(f"{c:>6}" for c in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer styles and scans")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="cases run at once (default: cores)")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown (for the README)")
    parser.add_argument("--only", help="run only the cases whose id contains this")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    plan = corpus_plan()  # once, before forking: every worker inherits it
    with tempfile.TemporaryDirectory(prefix="pns-sweep-") as name:
        folder = Path(name)
        reference = extract(CORPUS, folder / "reference.json", 1)
        todo = [c for c in cases(args.quick, plan.pages) if not args.only or args.only in c.id]
        ocr_jobs = max(1, (os.cpu_count() or 1) // max(args.jobs, 1))
        work = [(case, reference, folder, ocr_jobs) for case in todo]
        if args.jobs > 1:
            with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
                rows = pool.map(_worker, work, chunksize=1)
        else:
            rows = [_worker(w) for w in work]
    print(table(rows, args.markdown))
    print(
        f"\n{len(rows)} cases ({sum(r['scan'] for r in rows)} scans) in {time.perf_counter() - started:.0f} s "
        f"with --jobs {args.jobs}"
    )


if __name__ == "__main__":
    main()
