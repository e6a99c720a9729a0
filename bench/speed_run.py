"""One measured run in a new process, for bench/speed_bench.py; prints one JSON line.

    python bench/speed_run.py pipeline PATH OUT [--cache] [--twice]
    python bench/speed_run.py plumber PATH
    python bench/speed_run.py loads

``pipeline`` runs what ``pns-extract PATH -o OUT --quiet [--no-cache]`` runs (``launch.run``:
the imports it needs, ``api.extraction`` with the stages timed by ``Run.timings``, the JSON dump
and the atomic write), and exits as the command does (``launch.finish``: without tearing the
interpreter down); ``import`` is the time until the extraction starts.
``--twice`` extracts a second time in the same process (spaCy and the lexicon loaded: what each
further document of a batch costs). ``plumber`` is raw pdfplumber ``extract_text`` over every
page. ``loads`` times the French NLP resources alone (lexicon, spaCy import, model).
Seconds are wall-clock from the first line of this script; the interpreter's own start is what
the caller measures beyond ``total``.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def peaks() -> dict[str, float]:
    """Peak resident memory in MB: this process, and its largest child (page workers, Tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_mb": own, "peak_child_mb": children}


def pipeline(path: Path, out: Path, *, cache: bool, twice: bool) -> dict:
    import pns_extract.api as api
    from pns_extract import launch

    # the command's own path (launch.run), with the library's extraction recorded on its way
    runs: list[tuple[float, object, float]] = []
    extraction = api.extraction

    def recorded(*args, **kwargs):
        begun = time.perf_counter()
        result = extraction(*args, **kwargs)
        runs.append((begun, result, time.perf_counter()))
        return result

    api.extraction = recorded
    code = launch.run([str(path), "-o", str(out), "--quiet", *([] if cache else ["--no-cache"])])
    done = time.perf_counter()
    if code != 0 or not runs:
        raise SystemExit(f"pns-extract exited {code} without an extraction to measure")
    begun, result, extracted = runs[0]
    report = {
        "import": begun - START,
        **result.timings,
        "write": done - extracted,
        "total": done - START,
        "lines": result.document.coverage.lines,
        "themes": len(result.document.themes),
    }
    if twice:
        again = time.perf_counter()
        second = extraction(path, result_options(cache))
        report["again"] = {**second.timings, "total": time.perf_counter() - again}
    return report


def result_options(cache: bool):
    from pns_extract.contract import build_options

    return build_options(use_cache=cache)


def plumber(path: Path) -> dict:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        chars = sum(len(page.extract_text() or "") for page in pdf.pages)
    return {"total": time.perf_counter() - START, "chars": chars}


def loads() -> dict:
    from pns_extract.repair.lexicon import load_lexicon

    begin = time.perf_counter()
    load_lexicon()
    lexicon = time.perf_counter()
    from pns_extract.nlp import import_spacy

    import_spacy()  # as the pipeline imports it (without spaCy's command line)
    imported = time.perf_counter()
    from pns_extract.nlp import load_french

    load_french()
    loaded = time.perf_counter()
    return {"lexicon": lexicon - begin, "spacy import": imported - lexicon, "model": loaded - imported}


def main() -> None:
    kind = sys.argv[1]
    if kind == "pipeline":
        report = pipeline(
            Path(sys.argv[2]), Path(sys.argv[3]), cache="--cache" in sys.argv, twice="--twice" in sys.argv
        )
    elif kind == "plumber":
        report = plumber(Path(sys.argv[2]))
    elif kind == "loads":
        report = loads()
    else:
        raise SystemExit(f"unknown measurement {kind!r}")
    print(json.dumps({**report, **peaks()}), flush=True)
    if kind == "pipeline":
        os._exit(0)  # as the pns-extract command exits (launch.finish): no interpreter teardown


if __name__ == "__main__":
    main()
