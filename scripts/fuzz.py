"""A longer hostile-input run than the test suite's (``make fuzz``; not part of ``make test``).

Mutates the corpus text, the typeset excerpt PDF (with pikepdf: content streams replaced by
garbage, truncated, inflated, resources removed, pages duplicated, raw bytes flipped) and a
JSON/YAML output (types changed, deep nesting, long integers, aliases), runs ``pns-extract`` on
each as a separate process with a time limit, and reports the count of outcomes per command
and exit code. An outcome is *unexpected* when the exit code is not one the command documents
for bad input, the process is killed by a signal or times out, stderr holds a traceback or more
than one line on an error, the peak memory passes a bound, or a temporary file is left: those
cases are kept in ``fuzz-out/`` (input, command, stderr) and make the run exit 1.

    python scripts/fuzz.py --seconds 600 --seed 1
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "pns-2026-2029.ocr.txt"
EXCERPT_PDF = ROOT / "tests" / "data" / "excerpt.pdf"
OUTPUT_JSON = ROOT / "outputs" / "pns-2026-2029.json"
FAST = ["--no-repair", "--no-enrich", "--quiet", "--jobs", "2"]
EXPECTED = {  # exit codes each command documents for bad input
    "extract": {0, 4, 5, 6, 8, 9},
    "validate": {0, 4, 9, 11},
    "diff": {0, 1, 2},
}
MAX_RSS_KB = 1_500_000
TIMEOUT = 180


# ------------------------------------------------------------------ text mutations

CONTROL = ["\x00", "\x1b[31m", "\x85", "\u2028", "\ufeff", "\r", "\f", "\t"]


def mutate_text(rng: random.Random, text: str) -> bytes:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 12)):
        operation = rng.choice(["delete", "duplicate", "swap", "insert", "control", "cr", "truncate", "shuffle"])
        at = rng.randrange(len(lines)) if lines else 0
        if operation == "delete" and lines:
            del lines[at : at + rng.randint(1, 50)]
        elif operation == "duplicate" and lines:
            lines[at:at] = lines[at : at + rng.randint(1, 200)] * rng.randint(1, 5)
        elif operation == "swap" and len(lines) > 1:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "insert":
            lines.insert(at, rng.choice(["1. Titre", " ", "» Objectifs stratégiques", "ABC Un sigle", "x" * 5000]))
        elif operation == "control" and lines:
            lines[at] = lines[at] + rng.choice(CONTROL)
        elif operation == "cr":
            return "\r".join(lines).encode("utf-8", "surrogatepass")
        elif operation == "truncate":
            lines = lines[: rng.randrange(len(lines) + 1)]
        elif operation == "shuffle" and lines:
            chunk = lines[at : at + 30]
            rng.shuffle(chunk)
            lines[at : at + 30] = chunk
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.2 and data:  # raw byte damage
        raw = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    return data


# ------------------------------------------------------------------ PDF mutations


def mutate_pdf(rng: random.Random, source: bytes) -> bytes:
    import pikepdf

    operation = rng.choice(
        [
            "garbage content",
            "flate garbage",
            "truncate stream",
            "bomb",
            "drop resources",
            "many pages",
            "huge mediabox",
            "nested array",
            "raw flips",
            "truncate file",
            "wrong filter",
        ]
    )
    if operation == "raw flips":
        raw = bytearray(source)
        for _ in range(rng.randint(1, 40)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if operation == "truncate file":
        return source[: rng.randrange(len(source))]
    pdf = pikepdf.open(io.BytesIO(source))
    page = pdf.pages[rng.randrange(len(pdf.pages))]
    if operation == "garbage content":
        page.obj.Contents = pdf.make_stream(rng.randbytes(rng.randint(1, 20_000)))
    elif operation == "flate garbage":
        stream = pdf.make_stream(b"")
        stream.write(rng.randbytes(5000), filter=pikepdf.Name.FlateDecode)
        page.obj.Contents = stream
    elif operation == "truncate stream":
        contents = page.obj.Contents
        first = contents[0] if isinstance(contents, pikepdf.Array) else contents
        raw = first.read_raw_bytes()
        first.write(raw[: max(1, len(raw) // rng.randint(2, 10))], filter=first.get("/Filter"))
    elif operation == "bomb":
        page.obj.Contents = pdf.make_stream(zlib.compress(b" " * (rng.choice([8, 80, 200]) << 20), 9))
        page.obj.Contents.Filter = pikepdf.Name.FlateDecode
    elif operation == "drop resources":
        del page.obj["/Resources"]
    elif operation == "many pages":
        for _ in range(rng.choice([10, 600])):
            pdf.pages.append(pdf.pages[0])
    elif operation == "huge mediabox":
        page.obj.MediaBox = pikepdf.Array([0, 0, rng.choice([0, 1e6, -5, 14400]), rng.choice([0, 1e6, 842])])
    elif operation == "nested array":
        nested = pikepdf.Array([])
        for _ in range(rng.choice([50, 500])):
            nested = pikepdf.Array([nested])
        page.obj["/Nested"] = nested
    elif operation == "wrong filter":
        contents = page.obj.Contents
        first = contents[0] if isinstance(contents, pikepdf.Array) else contents
        first.Filter = rng.choice([pikepdf.Name.LZWDecode, pikepdf.Name.DCTDecode, pikepdf.Name("/Nonsense")])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ data mutations


def mutate_data(rng: random.Random, document: dict) -> tuple[str, bytes]:
    data = json.loads(json.dumps(document))
    operation = rng.choice(["type", "deep", "bigint", "surrogate", "alias", "drop", "yaml date", "page string"])
    theme = data["themes"][rng.randrange(len(data["themes"]))]
    if operation == "type":
        theme[rng.choice(list(theme))] = rng.choice([None, 3, "x", [], {}, True, 1.5])
    elif operation == "deep":  # written as text: json.dumps itself would recurse too deep
        depth = rng.choice([70, 5000, 100_000])
        nested = "[" * depth + "1" + "]" * depth
        return "doc.json", json.dumps(data).replace('"title": ', f'"title": {nested}, "old_title": ', 1).encode()
    elif operation == "bigint":
        return "doc.json", json.dumps(data).replace('"page": ', '"page": ' + "9" * rng.choice([25, 5000]), 1).encode()
    elif operation == "surrogate":
        return "doc.json", json.dumps(data).replace('"title": "', '"title": "\\udc80', 1).encode()
    elif operation == "alias":
        bomb = "a: &a [" + ",".join(["x"] * 9) + "]\n"
        bomb += "".join(
            f"{chr(98 + n)}: &{chr(98 + n)} [" + ",".join([f"*{chr(97 + n)}"] * 9) + "]\n" for n in range(9)
        )
        return "doc.yaml", bomb.encode()
    elif operation == "drop":
        data.pop(rng.choice(list(data)))
    elif operation == "yaml date":
        return "doc.yaml", json.dumps(data).replace('"tool_version": "0.1.0"', '"tool_version": 2026-01-01').encode()
    elif operation == "page string":
        theme["page"] = str(theme["page"])
    return "doc.json", json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


# ------------------------------------------------------------------ running


def run_case(command: list[str], temp: Path) -> tuple[int | str, str, int]:
    environment = {**os.environ, "TMPDIR": str(temp), "PNS_EXTRACT_CACHE": str(temp.parent / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "pns_extract.cli", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
        start_new_session=True,
    )
    deadline = time.monotonic() + TIMEOUT
    chunks = []
    os.set_blocking(process.stderr.fileno(), False)
    while True:
        try:
            chunk = process.stderr.read()
            if chunk:
                chunks.append(chunk)
        except BlockingIOError:
            pass
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.killpg(process.pid, 9)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = -9
            return "timeout", b"".join(chunks).decode("utf-8", "replace"), usage.ru_maxrss
        time.sleep(0.05)
    rest = process.stderr.read() or b""
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = (b"".join(chunks) + rest).decode("utf-8", "replace")
    code: int | str = process.returncode if process.returncode >= 0 else f"signal {-process.returncode}"
    return code, stderr, usage.ru_maxrss


def problems_of(kind: str, code: int | str, stderr: str, rss: int, temp: Path) -> list[str]:
    found = []
    if code not in EXPECTED[kind]:
        found.append(f"exit {code}")
    if "Traceback" in stderr:
        found.append("traceback")
    lines = [line for line in stderr.splitlines() if line.strip()]
    if code not in (0, 1) and kind != "validate" and len(lines) != 1:
        found.append(f"{len(lines)} stderr lines")
    if rss > MAX_RSS_KB:
        found.append(f"peak memory {rss // 1024} MB")
    left = [path.name for path in temp.iterdir()]
    if left:
        found.append(f"left in TMPDIR: {left[:3]}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz-out")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    corpus = CORPUS.read_text(encoding="utf-8")
    excerpt = EXCERPT_PDF.read_bytes()
    document = json.loads(OUTPUT_JSON.read_text(encoding="utf-8"))
    makers: list[tuple[str, str, Callable[[], tuple[str, bytes]]]] = [
        ("extract", "text", lambda: ("plan.txt", mutate_text(rng, corpus))),
        ("extract", "pdf", lambda: ("plan.pdf", mutate_pdf(rng, excerpt))),
        ("validate", "data", lambda: mutate_data(rng, document)),
        ("diff", "data", lambda: mutate_data(rng, document)),
    ]
    outcomes: Counter[tuple[str, str, str]] = Counter()
    unexpected = 0
    work = Path(tempfile.mkdtemp(prefix="pns-fuzz-"))
    start = time.monotonic()
    cases = 0
    try:
        while time.monotonic() - start < args.seconds:
            kind, source, make = makers[cases % len(makers)]
            cases += 1
            try:
                name, data = make()
            except Exception as error:  # a mutation pikepdf refuses: not a case
                outcomes[(kind, source, f"mutation skipped ({type(error).__name__})")] += 1
                continue
            case_dir = work / f"case{cases}"
            temp = case_dir / "tmp"
            temp.mkdir(parents=True)
            path = case_dir / name
            path.write_bytes(data)
            if kind == "extract":
                command = [str(path), *FAST, "-o", str(case_dir / "out.json")]
            elif kind == "validate":
                command = ["validate", str(path)]
            else:
                command = ["diff", str(OUTPUT_JSON), str(path)]
            code, stderr, rss = run_case(command, temp)
            outcomes[(kind, source, str(code))] += 1
            found = problems_of(kind, code, stderr, rss, temp)
            if found:
                unexpected += 1
                keep = args.out / f"{kind}-{source}-{cases}"
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, keep / name)
                (keep / "report.txt").write_text(
                    f"seed {seed}\ncommand: {' '.join(command)}\nproblems: {found}\nexit: {code}\n\n{stderr}",
                    encoding="utf-8",
                )
            shutil.rmtree(case_dir, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"seed {seed}: {cases} cases in {time.monotonic() - start:.0f} s, {unexpected} unexpected")
    print(f"{'command':<10} {'input':<6} {'outcome':<32} count")
    for (kind, source, outcome), count in sorted(outcomes.items()):
        print(f"{kind:<10} {source:<6} {outcome:<32} {count}")
    if unexpected:
        print(f"unexpected outcomes kept in {args.out}/")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
