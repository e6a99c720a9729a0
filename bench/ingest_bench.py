"""Ingestion benchmark: the pipeline against the raw tools, side by side, in one run.

    .venv/bin/python -m bench.ingest_bench            # whole documents (a few minutes: OCR twice)
    .venv/bin/python -m bench.ingest_bench --quick    # the 2-page excerpts

Every measurement runs in a fresh Python process (imports excluded, model loading included),
text-PDF figures are the median of ``--repeat`` runs. Rows:

- text PDF: raw ``pdfplumber`` ``extract_text`` over all pages (one process) against
  ``load_source`` (ingestion) and ``extract`` (the whole pipeline, default options);
- scan: the raw ``tesseract`` CLI at its best setting on this machine (``OMP_THREAD_LIMIT=1``,
  one process per core, on the page images the pipeline OCRs) against ``extract`` with an
  empty OCR cache (cold) and again with the cache filled (warm).

Peak memory (RSS, the process and its workers) is printed for each pipeline run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

RUNNER = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
from pathlib import Path
if kind == "plumber":
    import pdfplumber
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        chars = sum(len(page.extract_text() or "") for page in pdf.pages)
    elapsed = time.perf_counter() - start
elif kind == "ingest":
    from pns_extract.ingest import IngestOptions, load_source
    start = time.perf_counter()
    source = load_source(Path(path), IngestOptions())
    elapsed = time.perf_counter() - start
    chars = sum(len(line.text) for line in source.lines())
elif kind == "extract-twice":
    # the same document twice with caches off: the first call pays spaCy's one-time load,
    # the second is what each further document costs in a process that has it loaded
    from pns_extract.ingest import IngestOptions
    from pns_extract.pipeline import ExtractOptions, extract
    options = ExtractOptions(ingest=IngestOptions(use_cache=False))
    start = time.perf_counter()
    result = extract(Path(path), options)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    extract(Path(path), options)
    warm = time.perf_counter() - start
    chars = len(result.document.themes)
else:
    from pns_extract.pipeline import extract
    start = time.perf_counter()
    result = extract(Path(path))
    elapsed = time.perf_counter() - start
    chars = len(result.document.themes)
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": elapsed, "warm_seconds": locals().get("warm"), "peak_mb": peak / 1024, "size": chars}))
"""


def run(kind: str, path: Path, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run(
        [PYTHON, "-c", RUNNER, kind, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        print(f"warning: {kind} on {path.name} failed: {last}", file=sys.stderr)
        return {"seconds": float("nan"), "peak_mb": float("nan"), "failed": last}
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_run(kind: str, path: Path, repeat: int) -> dict:
    runs = [run(kind, path) for _ in range(repeat)]
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "all_warm": [r.get("warm_seconds") or float("nan") for r in runs],
    }


def page_images(scan: Path, folder: Path) -> list[tuple[Path, int]]:
    """The images the pipeline OCRs: each page's own image (native resolution), else 300 dpi renderings."""
    import pypdfium2 as pdfium

    images = []
    document = pdfium.PdfDocument(str(scan))
    for index in range(len(document)):
        page = document[index]
        objects = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        target = folder / f"page-{index + 1:03d}"
        if len(objects) == 1 and objects[0].get_filters() == ["DCTDecode"]:
            path = target.with_suffix(".jpg")
            path.write_bytes(bytes(objects[0].get_data(decode_simple=False)))
            left, _, right, _ = objects[0].get_bounds()
            dpi = round(objects[0].get_px_size()[0] / ((right - left) / 72))
        else:
            path = target.with_suffix(".png")
            page.render(scale=300 / 72, grayscale=True).to_pil().save(path)
            dpi = 300
        images.append((path, dpi))
        page.close()
    document.close()
    return images


def raw_tesseract(images: list[tuple[Path, int]], jobs: int, lang: str = "fra") -> float:
    """The tesseract CLI, one single-threaded process per core (its fastest setting on small machines)."""
    import time

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(item: tuple[Path, int]) -> None:
        path, dpi = item
        subprocess.run(
            ["tesseract", str(path), str(path.with_suffix("")), "-l", lang, "--psm", "3", "--dpi", str(dpi)],
            check=True,
            capture_output=True,
            env=env,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - start


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return f"{model}, {os.cpu_count()} cores{memory}; {version}; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description="Ingestion benchmark")
    parser.add_argument("--quick", action="store_true", help="use the 2-page excerpts in tests/data")
    parser.add_argument("--repeat", type=int, default=3, help="runs per text-PDF measurement (median)")
    args = parser.parse_args()
    if args.quick:
        text_pdf, scan_pdf = ROOT / "tests/data/excerpt.pdf", ROOT / "tests/data/excerpt.scan.pdf"
    else:
        text_pdf, scan_pdf = ROOT / "corpus/pns-2026-2029.pdf", ROOT / "corpus/pns-2026-2029.scan.pdf"
    if shutil.which("tesseract") is None:
        raise SystemExit("tesseract is not installed: sudo apt-get install tesseract-ocr tesseract-ocr-fra")
    jobs = os.cpu_count() or 1
    print(f"machine: {machine()}")
    rows: list[tuple[str, str, float, float | None, str]] = []

    plumber = median_run("plumber", text_pdf, args.repeat)
    ingest = median_run("ingest", text_pdf, args.repeat)
    pipeline = median_run("extract-twice", text_pdf, args.repeat)
    base = plumber["seconds"]
    rows.append((text_pdf.name, "raw pdfplumber extract_text (1 process)", base, None, "baseline"))
    rows.append((text_pdf.name, "pns-extract ingestion (load_source)", ingest["seconds"], ingest["peak_mb"],
                 f"{ingest['seconds'] / base:.2f}x"))
    rows.append((text_pdf.name, "pns-extract pipeline, new process (spaCy loads)", pipeline["seconds"],
                 pipeline["peak_mb"], f"{pipeline['seconds'] / base:.2f}x"))
    warm_pipeline = statistics.median(pipeline["all_warm"])
    rows.append((text_pdf.name, "pns-extract pipeline, spaCy already loaded", warm_pipeline, None,
                 f"{warm_pipeline / base:.2f}x"))

    with tempfile.TemporaryDirectory(prefix="pns-bench-") as folder:
        images = page_images(scan_pdf, Path(folder))
        raw = raw_tesseract(images, jobs)
        cache = {"PNS_EXTRACT_CACHE": str(Path(folder) / "cache")}
        cold = run("extract", scan_pdf, cache)
        kind = "pipeline"
        if "failed" in cold:  # a later stage failed: time the ingestion (where the OCR is) instead
            kind = "ingestion"
            cold = run("ingest", scan_pdf, {"PNS_EXTRACT_CACHE": str(Path(folder) / "cache2")})
        warm = run("extract" if kind == "pipeline" else "ingest", scan_pdf,
                   cache if kind == "pipeline" else {"PNS_EXTRACT_CACHE": str(Path(folder) / "cache2")})
    rows.append((scan_pdf.name, f"raw tesseract CLI ({jobs} x 1 thread, {len(images)} pages)", raw, None,
                 "baseline"))
    rows.append((scan_pdf.name, f"pns-extract {kind}, cold cache", cold["seconds"], cold["peak_mb"],
                 f"{cold['seconds'] / raw:.2f}x"))
    rows.append((scan_pdf.name, f"pns-extract {kind}, warm cache", warm["seconds"], warm["peak_mb"],
                 f"{100 * warm['seconds'] / cold['seconds']:.1f}% of cold"))

    width = max(len(r[1]) for r in rows)
    print(f"{'input':<26} {'measurement':<{width}} {'seconds':>8} {'peak MB':>8}  ratio")
    for name, label, seconds, peak, ratio in rows:
        peak_text = f"{peak:8.0f}" if peak is not None else f"{'':>8}"
        print(f"{name:<26} {label:<{width}} {seconds:8.2f} {peak_text}  {ratio}")


if __name__ == "__main__":
    main()
