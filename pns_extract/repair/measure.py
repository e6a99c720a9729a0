"""Word error rate of a text against a hand-corrected reference, and the words a repair broke.

Words are whitespace-separated tokens compared exactly (case and accents count), except that the
two apostrophes ' and ’ are the same character: the corpus mixes them and the repair keeps the
style it finds, so counting them would measure typography, not OCR."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def words(text: str) -> list[str]:
    return text.replace("’", "'").split()


def _matched(hypothesis: list[str], reference: list[str]) -> tuple[int, list[bool]]:
    """Levenshtein distance, and for each reference word whether the alignment kept it unchanged."""
    rows, cols = len(hypothesis), len(reference)
    dist = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows + 1):
        dist[i][0] = i
    for j in range(cols + 1):
        dist[0][j] = j
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            same = hypothesis[i - 1] == reference[j - 1]
            dist[i][j] = min(dist[i - 1][j] + 1, dist[i][j - 1] + 1, dist[i - 1][j - 1] + (0 if same else 1))
    kept = [False] * cols
    i, j = rows, cols
    while i and j:
        same = hypothesis[i - 1] == reference[j - 1]
        if dist[i][j] == dist[i - 1][j - 1] + (0 if same else 1):
            kept[j - 1] = same
            i, j = i - 1, j - 1
        elif dist[i][j] == dist[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return dist[rows][cols], kept


@dataclass(frozen=True, slots=True)
class Score:
    reference_words: int
    errors_before: int
    errors_after: int
    broken: int  # reference words the OCR had right and the repair made wrong
    fixed: int  # reference words the OCR had wrong and the repair made right

    @property
    def wer_before(self) -> float:
        return self.errors_before / max(self.reference_words, 1)

    @property
    def wer_after(self) -> float:
        return self.errors_after / max(self.reference_words, 1)


def score(triples: Iterable[tuple[str, str, str]]) -> Score:
    """``triples``: (ocr, repaired, reference) line by line."""
    total = before = after = broken = fixed = 0
    for ocr, repaired, reference in triples:
        ref = words(reference)
        errors_raw, kept_raw = _matched(words(ocr), ref)
        errors_new, kept_new = _matched(words(repaired), ref)
        total += len(ref)
        before += errors_raw
        after += errors_new
        broken += sum(1 for a, b in zip(kept_raw, kept_new, strict=True) if a and not b)
        fixed += sum(1 for a, b in zip(kept_raw, kept_new, strict=True) if b and not a)
    return Score(total, before, after, broken, fixed)


def read_sample(path: str) -> list[tuple[int, str, str]]:
    """The hand-corrected sample: ``line<TAB>ocr<TAB>corrected``, '#' lines are comments."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            number, ocr, corrected = line.split("\t")
            rows.append((int(number), ocr, corrected))
    return rows
