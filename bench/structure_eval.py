"""Structure agreement between two extractions, as precision/recall/F1 per kind of element.

    .venv/bin/python bench/structure_eval.py REFERENCE.json CANDIDATE.json [...]
    .venv/bin/python bench/structure_eval.py          # the corpus text against its PDF, scan, 9-page scans

With no independent annotation in the repository, the reference is the extraction of the OCR text
(whose counts the tests pin down by reading); the candidates are the same plan read through other
input paths. Elements are matched one to one inside the same theme (and actor, for objectives) when
their texts agree at 0.8 or more once accents, apostrophes, punctuation and spacing are folded.
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("themes", "objectives", "attention_points", "action_plans", "footnotes", "glossary")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\W+", " ", text).strip()


def elements(document: dict) -> dict[str, list[tuple[str, str]]]:
    """(group, text) per kind: the group is where an element must be found to count."""
    found: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for theme in document["themes"]:
        number = theme["number"]
        found["themes"].append((number, theme["title"] or ""))
        for objective in theme["objectives"]:
            text = " ".join(filter(None, [objective["title"], objective["text"], *objective["items"]]))
            found["objectives"].append((f"{number}/{objective['actor']}", text))
        for point in theme["attention_points"]:
            found["attention_points"].append((number, " ".join(filter(None, [point["label"], point["text"]]))))
        for plan in theme["action_plans"]:
            found["action_plans"].append((number, plan["title"]))
        for note in theme["footnotes"]:
            found["footnotes"].append((number, note["text"]))
    for entry in document["glossary"]:
        found["glossary"].append(("", f"{entry['acronym']} {entry['expansion']}"))
    return found


def matches(reference: list[tuple[str, str]], candidate: list[tuple[str, str]]) -> int:
    unused = [(group, fold(text)) for group, text in candidate]
    hits = 0
    for group, text in reference:
        key = fold(text)
        best, best_score = None, 0.8
        for index, (other_group, other) in enumerate(unused):
            if other_group != group:
                continue
            score = 1.0 if other == key else difflib.SequenceMatcher(None, key, other, autojunk=False).ratio()
            if score >= best_score:
                best, best_score = index, score
                if score == 1.0:
                    break
        if best is not None:
            unused.pop(best)
            hits += 1
    return hits


def scores(reference: dict, candidate: dict) -> dict[str, tuple[float, float, float]]:
    ref, cand = elements(reference), elements(candidate)
    out: dict[str, tuple[float, float, float]] = {}
    total_hits = total_ref = total_cand = 0
    for kind in KINDS:
        hits = matches(ref[kind], cand[kind])
        total_hits, total_ref, total_cand = total_hits + hits, total_ref + len(ref[kind]), total_cand + len(cand[kind])
        out[kind] = _prf(hits, len(ref[kind]), len(cand[kind]))
    out["all"] = _prf(total_hits, total_ref, total_cand)
    return out


def _prf(hits: int, n_ref: int, n_cand: int) -> tuple[float, float, float]:
    precision = hits / n_cand if n_cand else 1.0
    recall = hits / n_ref if n_ref else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def restrict(reference: dict, first: int, last: int) -> dict:
    """The reference cut to the physical pages an excerpt holds (its pages match the text's)."""

    def inside(item: dict) -> bool:
        return first <= item["page"] <= last

    themes = []
    for theme in reference["themes"]:
        parts = {
            key: [item for item in theme[key] if inside(item)]
            for key in ("objectives", "attention_points", "action_plans", "footnotes")
        }
        if inside(theme) or any(parts.values()):
            themes.append({**theme, **parts})
    return {**reference, "themes": themes, "glossary": [g for g in reference["glossary"] if inside(g)]}


def extract(path: Path, folder: Path) -> dict:
    out = folder / f"{path.stem}.json"
    subprocess.run(
        [sys.executable, "-m", "pns_extract.cli", str(path), "-o", str(out), "--quiet"], check=True, cwd=ROOT
    )
    return json.loads(out.read_text(encoding="utf-8"))


def nine_page_scans(folder: Path) -> list[tuple[Path, int]]:
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(str(ROOT / "corpus" / "pns-2026-2029.scan.pdf"))
    paths = []
    for start in (0, 9, 20):
        part = pdfium.PdfDocument.new()
        part.import_pages(scan, list(range(start, start + 9)))
        path = folder / f"scan-pages-{start + 1}-{start + 9}.pdf"
        part.save(str(path))
        paths.append((path, start + 1))
    return paths


def report(name: str, result: dict[str, tuple[float, float, float]]) -> None:
    cells = "  ".join(f"{kind} {f1:.3f}" for kind, (_, _, f1) in result.items())
    print(f"{name:<34} F1  {cells}")


def main() -> None:
    if len(sys.argv) > 2:
        reference = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
        for path in sys.argv[2:]:
            report(Path(path).name, scores(reference, json.loads(Path(path).read_text(encoding="utf-8"))))
        return
    with tempfile.TemporaryDirectory(prefix="pns-eval-") as name:
        folder = Path(name)
        reference = extract(ROOT / "corpus" / "pns-2026-2029.ocr.txt", folder)
        print("reference: corpus/pns-2026-2029.ocr.txt")
        for path in [ROOT / "corpus" / "pns-2026-2029.pdf", ROOT / "corpus" / "pns-2026-2029.scan.pdf"]:
            report(path.name, scores(reference, extract(path, folder)))
        for path, first in nine_page_scans(folder):
            candidate = extract(path, folder)
            report(path.name, scores(restrict(reference, first, first + 8), candidate))


if __name__ == "__main__":
    main()
