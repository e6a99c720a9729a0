"""Speed and memory of pns-extract beside the raw tools, measured in one run (``make bench``).

    .venv/bin/python -m bench.speed_bench            # about 5 minutes on 2 quiet cores
    .venv/bin/python -m bench.speed_bench --quick    # about 2 minutes: 1 round, scaling to 4x

Every measurement is a new process (``bench/speed_run.py``): pns-extract runs what
``pns-extract INPUT -o OUT --quiet --no-cache`` runs, imports included, and reports its stages
(``Run.timings``) with the import and the write; seconds are the process's wall clock as the
shell sees it. ``--no-cache`` turns off the caches of results (OCR'd pages, extractions); the
compiled spaCy patterns (``pattern_cache.py``) are made by the first run on a machine and used
by all later ones, like Python's own ``.pyc`` files: their one-time cost is shown apart. The
raw tools run beside it, interleaved round by round (raw, pns-extract, raw, ...), and medians
are compared, so a machine busy with other work slows both sides alike.

- text PDF (the corpus typeset, 39 pages): raw pdfplumber ``extract_text`` over every page, in
  its own process, against pns-extract with caches off; then a warm re-run (caches on, new
  process: the ``pns-extract`` command itself) and a further document in the same process
  (spaCy and the lexicon loaded);
- 9-page scan (pages 1-9 of the corpus scan): the raw ``tesseract`` CLI at its best setting on
  this machine, writing plain text, on the page images the pipeline OCRs: the fastest of one
  single-threaded process per core, a process per page; one per core, each over a list of pages
  (the language data loaded once per process, as pns-extract's resident Tesseract does); and,
  measured once, one process with its own threads. Against it, pns-extract with empty caches,
  then warm; and the scan's ratio round by round, with what pns-extract adds in seconds;
- scaling: the plan at 1x, 4x and 10x (``bench/scaled_inputs.py``: theme pages repeated and
  renumbered), as text and typeset as a text-layer PDF: seconds, seconds per 1,000 lines, and
  the peak memory of the main process and of its largest worker.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.scaled_inputs import page_slice, scaled_text, typeset_text

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RUN = str(ROOT / "bench" / "speed_run.py")
COMMAND = str(Path(PYTHON).parent / "pns-extract")  # the console script of this environment
STAGES = ("import", "ingest", "repair", "parse", "enrich", "validate", "write")
# the table's columns: "ingest" is split into the pages and the wait for the NLP load after them
COLUMNS = ("import", "pages", "nlp wait", "repair", "parse", "enrich", "validate", "write")
SCAN_PAGES = (1, 9)


@dataclass
class Measure:
    """One process: wall seconds as the caller sees them, CPU seconds of it and its children,
    and what it reported about itself."""

    wall: float
    cpu: float
    report: dict = field(default_factory=dict)


def timed(command: list[str], env: dict[str, str] | None = None) -> Measure:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})}, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise SystemExit(f"{' '.join(command[:4])}… failed: {last}")
    lines = done.stdout.strip().splitlines()
    return Measure(wall, cpu, json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {})


def pipeline(path: Path, out: Path, cache_root: Path, *extra: str) -> Measure:
    return timed([PYTHON, RUN, "pipeline", str(path), str(out), *extra], {"PNS_EXTRACT_CACHE": str(cache_root)})


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# ------------------------------------------------------------------ the raw tools


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


def raw_tesseract(images: list[tuple[Path, int]], processes: int, threads: int, lists: bool = False) -> Measure:
    """The tesseract CLI over the images, ``processes`` at a time, each with ``threads`` threads,
    writing plain text: one process per page, or (``lists``) one per core reading a list of
    pages (the language data loaded once per process; pages dealt in turn, those of another
    resolution in a list of their own)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": str(threads)}
    if lists:
        jobs: list[list[tuple[Path, int]]] = [[] for _ in range(processes)]
        for index, item in enumerate(images):
            jobs[index % processes].append(item)
    else:
        jobs = [[item] for item in images]

    def one(job: list[tuple[Path, int]]) -> None:
        for dpi in sorted({dpi for _, dpi in job}):
            paths = [path for path, its in job if its == dpi]
            source = str(paths[0])
            if len(paths) > 1:
                listing = paths[0].with_name(f"list-{paths[0].stem}-{dpi}.txt")
                listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
                source = str(listing)
            base = str(paths[0].with_suffix(""))
            command = ["tesseract", source, base, "-l", "fra", "--psm", "3", "--dpi", str(dpi)]
            subprocess.run(command, check=True, capture_output=True, env=env)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(one, jobs))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Measure(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


# ------------------------------------------------------------------ reporting


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


def _column(report: dict, column: str) -> float | None:
    if column == "pages":
        return report["ingest"] - report.get("nlp", 0.0) if "ingest" in report else None
    return report.get({"nlp wait": "nlp"}.get(column, column))


def stage_row(runs: list[Measure]) -> list[str]:
    """Median seconds per column, and what the process spent outside the stages (interpreter
    start, pool shutdown, exit)."""
    cells = []
    for column in COLUMNS:
        values = [value for run in runs if (value := _column(run.report, column)) is not None]
        cells.append(f"{median(values):.2f}" if values else "-")
    inside = [sum(run.report.get(stage, 0.0) for stage in STAGES) for run in runs]
    other = median([run.wall - spent for run, spent in zip(runs, inside, strict=True)])
    wall = median([run.wall for run in runs])
    return [*cells, f"{other:.2f}", f"{wall:.2f}"]


def peak(runs: list[Measure]) -> str:
    main = max(run.report.get("peak_mb", 0.0) for run in runs)
    child = max(run.report.get("peak_child_mb", 0.0) for run in runs)
    return f"{main:.0f} / {child:.0f}"


class Table:
    def __init__(self, title: str, header: list[str]) -> None:
        self.lines = [f"\n{title}\n", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def add(self, *cells: object) -> None:
        self.lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")

    def print(self) -> None:
        print("\n".join(self.lines), flush=True)


# ------------------------------------------------------------------ the measurements


def text_pdf(pdf: Path, folder: Path, rounds: int) -> tuple[list[Measure], list[Measure], Measure]:
    """Raw pdfplumber and pns-extract, interleaved; then one process extracting twice (the second
    extraction: what a further document costs once the NLP resources are loaded)."""
    raw, ours = [], []
    for index in range(rounds):
        raw.append(timed([PYTHON, RUN, "plumber", str(pdf)]))
        ours.append(pipeline(pdf, folder / "text.json", folder / "machine"))
        note(f"round {index + 1}: pdfplumber {raw[-1].wall:.2f} s, pns-extract {ours[-1].wall:.2f} s")
    return raw, ours, pipeline(pdf, folder / "text.json", folder / "machine", "--twice")


def scan(scan_pdf: Path, folder: Path, rounds: int, quick: bool) -> tuple[dict[str, list[Measure]], list[Measure]]:
    """Raw Tesseract at each setting and pns-extract, interleaved round by round; Tesseract's
    own threads are measured once (several times slower than a process per core on 2 cores)."""
    images = page_images(scan_pdf, folder)
    cores = os.cpu_count() or 1
    settings = {
        f"{cores} processes x 1 thread, a process per page": (cores, 1, False),
        f"{cores} processes x 1 thread, each over a list of pages": (cores, 1, True),
    }
    if not quick and cores > 1:
        settings[f"1 process x {cores} threads, a process per page"] = (1, cores, False)
    raw: dict[str, list[Measure]] = {name: [] for name in settings}
    ours = []
    for index in range(rounds):
        for name, (processes, threads, lists) in settings.items():
            if threads > 1 and index:
                continue
            raw[name].append(raw_tesseract(images, processes, threads, lists))
        ours.append(pipeline(scan_pdf, folder / "scan.json", folder / "machine"))
        tesseract = ", ".join(f"{runs[-1].wall:.2f} s" for runs in raw.values())
        note(f"round {index + 1}: tesseract {tesseract}, pns-extract {ours[-1].wall:.2f} s")
    return raw, ours


def command(path: Path, out: Path, cache_root: Path) -> Measure:
    """The ``pns-extract`` command itself, as a user runs it (``launch.entry``: a re-run the
    result cache answers is answered before the CLI loads); CPU and peak memory of that one
    process, from ``wait4``."""
    env = {**os.environ, "PNS_EXTRACT_CACHE": str(cache_root)}
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            [COMMAND, str(path), "-o", str(out), "--quiet"], stdout=stdout, stderr=stderr, cwd=ROOT, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            stderr.seek(0)
            raise SystemExit(f"pns-extract {path.name} failed: {stderr.read().decode(errors='replace')[-300:]}")
    report = {"peak_mb": usage.ru_maxrss / 1024, "peak_child_mb": 0.0}
    return Measure(wall, usage.ru_utime + usage.ru_stime, report)


def warm(path: Path, folder: Path, rounds: int) -> list[Measure]:
    cache = folder / "warm"
    if (folder / "machine").is_dir():
        shutil.copytree(folder / "machine", cache, dirs_exist_ok=True)  # the prepared NLP patterns
    command(path, folder / "warm.json", cache)  # fills the OCR and result caches
    return [command(path, folder / "warm.json", cache) for _ in range(rounds)]


def scaling(folder: Path, factors: list[int], rounds: int, make: Callable[[int], Path]) -> dict[int, list[Measure]]:
    inputs = {factor: make(factor) for factor in factors}
    runs: dict[int, list[Measure]] = {factor: [] for factor in factors}
    for _ in range(rounds):
        for factor, path in inputs.items():
            runs[factor].append(pipeline(path, folder / f"x{factor}.json", folder / "machine"))
            note(f"{path.name}: {runs[factor][-1].wall:.2f} s")
    return runs


def nlp_loads(folder: Path) -> tuple[Measure, Measure]:
    """The French NLP resources alone in a new process: on a machine where pns-extract never ran
    (spaCy's tokenizer patterns compiled and stored: storage.cache_dir("patterns")), then after."""
    first = timed([PYTHON, RUN, "loads"], {"PNS_EXTRACT_CACHE": str(folder / "machine")})
    return first, timed([PYTHON, RUN, "loads"], {"PNS_EXTRACT_CACHE": str(folder / "machine")})


def note(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def report_raw_tools(
    text_name: str, raw_text, ours_text, twice, warm_text, scan_name: str, raw_scan, ours_scan, warm_scan
) -> None:
    plumber = median([m.wall for m in raw_text])
    table = Table(
        "Against the raw tools (new processes, caches off unless warm; median wall seconds)",
        ["input", "measurement", "seconds", "CPU s", "peak MB (main / largest child)", "ratio"],
    )
    table.add(
        f"`{text_name}` (39 p.)", "raw pdfplumber `extract_text`, all pages, one process",
        f"{plumber:.2f}", f"{median([m.cpu for m in raw_text]):.2f}", peak(raw_text), "baseline",
    )  # fmt: skip
    cold = median([m.wall for m in ours_text])
    table.add(
        "", "pns-extract, caches off", f"{cold:.2f}", f"{median([m.cpu for m in ours_text]):.2f}",
        peak(ours_text), f"**{cold / plumber:.2f}×**",
    )  # fmt: skip
    warm_wall = median([m.wall for m in warm_text])
    table.add("", "pns-extract, warm (result cache), new process", f"{warm_wall:.2f}", "", peak(warm_text),
              f"{100 * warm_wall / cold:.1f} % of cold")  # fmt: skip
    again = twice.report["again"]["total"]
    table.add("", "a further document in the same process (NLP loaded)", f"{again:.2f}", "", "",
              f"{again / plumber:.2f}×")  # fmt: skip
    best_name, best = min(raw_scan.items(), key=lambda item: median([m.wall for m in item[1]]))
    tesseract = median([m.wall for m in best])
    for name, runs in raw_scan.items():
        first = f"`{scan_name}` (9 p.)" if name == next(iter(raw_scan)) else ""
        ratio = "baseline (best)" if name == best_name else f"{median([m.wall for m in runs]) / tesseract:.2f}×"
        table.add(first, f"raw `tesseract` CLI, {name}", f"{median([m.wall for m in runs]):.2f}",
                  f"{median([m.cpu for m in runs]):.2f}", "", ratio)  # fmt: skip
    cold_scan = median([m.wall for m in ours_scan])
    table.add("", "pns-extract, caches off", f"{cold_scan:.2f}", f"{median([m.cpu for m in ours_scan]):.2f}",
              peak(ours_scan), f"**{cold_scan / tesseract:.2f}×**")  # fmt: skip
    warm_scan_wall = median([m.wall for m in warm_scan])
    table.add("", "pns-extract, warm (result cache), new process", f"{warm_scan_wall:.2f}", "", peak(warm_scan),
              f"{100 * warm_scan_wall / cold_scan:.1f} % of cold")  # fmt: skip
    table.print()
    if len(best) == len(ours_scan) > 1:
        # each round's own pair: the host's pace, which wanders between rounds, cancels out
        ratios = ", ".join(f"{ours.wall / raw.wall:.2f}" for raw, ours in zip(best, ours_scan, strict=True))
        added = median([ours.wall - raw.wall for raw, ours in zip(best, ours_scan, strict=True)])
        print(f"\n9-page scan, round by round: pns-extract / raw Tesseract ({best_name}) {ratios}; "
              f"pns-extract adds {added:.2f} s to raw Tesseract (median of the rounds)")  # fmt: skip

    shares = Table(
        "Where pns-extract's time goes (median seconds; 'pages': reading the pages, the NLP resources loading "
        "beside them; 'nlp wait': waiting for that load after the pages; 'other': interpreter start, exit)",
        ["run", *COLUMNS, "other", "wall"],
    )
    shares.add("text PDF, caches off", *stage_row(ours_text))
    shares.add("text PDF, warm", *stage_row(warm_text))
    shares.add("9-page scan, caches off", *stage_row(ours_scan))
    shares.add("9-page scan, warm", *stage_row(warm_scan))
    shares.print()


def report_growth(factors: list[int], scaled_texts, scaled_pdfs) -> None:
    growth = Table(
        "Growth with the input (caches off; lines: the document's non-empty lines)",
        ["input", "lines", "seconds", "s per 1,000 lines", "× time", "× lines", "peak MB (main / largest child)"],
    )
    for kind, series in (("text", scaled_texts), ("text-layer PDF", scaled_pdfs)):
        base_wall = median([m.wall for m in series[factors[0]]])
        base_lines = series[factors[0]][0].report["lines"]
        for factor, runs in series.items():
            wall = median([m.wall for m in runs])
            lines = runs[0].report["lines"]
            growth.add(f"{kind} {factor}×", lines, f"{wall:.2f}", f"{1000 * wall / lines:.2f}",
                       f"{wall / base_wall:.2f}", f"{lines / base_lines:.2f}", peak(runs))  # fmt: skip
    growth.print()


def report_loads(first_load: Measure, later_load: Measure) -> None:
    loads = Table(
        "The French NLP resources alone, new process (seconds)",
        ["when", "lexicon", "spaCy import", "model (fr_core_news_sm, tagger)", "wall"],
    )
    for when, run in (("first run on the machine (patterns compiled, stored)", first_load),
                      ("every later run", later_load)):  # fmt: skip
        r = run.report
        loads.add(when, f"{r['lexicon']:.2f}", f"{r['spacy import']:.2f}", f"{r['model']:.2f}", f"{run.wall:.2f}")
    loads.print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round, scaling to 4x only")
    parser.add_argument("--rounds", type=int, help="rounds per comparison with a raw tool (default 3, 1 with --quick)")
    parser.add_argument("--scale-rounds", type=int, default=1, help="runs per input size (default 1)")
    args = parser.parse_args()
    if shutil.which("tesseract") is None:
        raise SystemExit("tesseract is not installed: sudo apt-get install tesseract-ocr tesseract-ocr-fra")
    rounds = args.rounds or (1 if args.quick else 3)
    factors = [1, 4] if args.quick else [1, 4, 10]
    print(f"machine: {machine()}; {rounds} round(s) against the raw tools, medians", flush=True)
    text_pdf_path = ROOT / "corpus" / "pns-2026-2029.pdf"
    with tempfile.TemporaryDirectory(prefix="pns-bench-") as name:
        folder = Path(name)
        # the machine's pattern cache, made once as by any first run; every run below is --no-cache
        # (no OCR or result cache) unless it is a warm one
        note("the NLP resources alone")
        first_load, later_load = nlp_loads(folder)
        note("text PDF: raw pdfplumber and pns-extract, interleaved")
        raw_text, ours_text, twice = text_pdf(text_pdf_path, folder, rounds)
        warm_text = warm(text_pdf_path, folder, rounds)
        note("9-page scan: raw tesseract and pns-extract, interleaved")
        nine = folder / f"scan-pages-{SCAN_PAGES[0]}-{SCAN_PAGES[1]}.pdf"
        page_slice(ROOT / "corpus" / "pns-2026-2029.scan.pdf", *SCAN_PAGES, nine)
        raw_scan, ours_scan = scan(nine, folder, rounds, args.quick)
        warm_scan = warm(nine, folder, rounds)
        report_raw_tools(
            text_pdf_path.name,
            raw_text,
            ours_text,
            twice,
            warm_text,
            nine.name,
            raw_scan,
            ours_scan,
            warm_scan,
        )

        def text_of(factor: int) -> Path:
            path = folder / f"plan-x{factor}.txt"
            path.write_text(scaled_text(factor), encoding="utf-8")
            return path

        def pdf_of(factor: int) -> Path:
            path = folder / f"plan-x{factor}.pdf"
            typeset_text((folder / f"plan-x{factor}.txt").read_text(encoding="utf-8"), path)
            return path

        note(f"growth: the plan at {', '.join(f'{f}x' for f in factors)}, as text then as a typeset PDF")
        scaled_texts = scaling(folder, factors, args.scale_rounds, text_of)
        scaled_pdfs = scaling(folder, factors, args.scale_rounds, pdf_of)
        report_growth(factors, scaled_texts, scaled_pdfs)
    report_loads(first_load, later_load)


if __name__ == "__main__":
    main()
