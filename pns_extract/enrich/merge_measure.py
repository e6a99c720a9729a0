"""Measure the action-plan index on near-miss pairs decided by hand (``tests/data/xref_pairs.tsv``):
does the index give two titles one entry exactly when they name one plan?

Each pair is cited in two probe themes added to a real plan's themes, so the decision is taken
with everything the index knows there (glossary, acronyms defined in the text, the other
citations); a pair is *merged* when both citations get the same ``index_id``. Precision is the
share of merges that were right, recall the share of expected merges that were made."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import ActionPlanRef, Document, GlossaryEntry, Theme
from .action_plans import build_index
from .definitions import text_definitions
from .text_index import passages


@dataclass(frozen=True, slots=True)
class Pair:
    merge: bool  # the hand decision: one plan?
    origin: str  # 'printed' (both titles in the plan) or 'variant' (the second re-spelled)
    a: str
    b: str
    reason: str


@dataclass(slots=True)
class Score:
    true_merges: int = 0
    false_merges: int = 0
    missed_merges: int = 0
    kept_apart: int = 0
    wrong: list[Pair] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        return self.true_merges + self.false_merges + self.missed_merges + self.kept_apart

    @property
    def precision(self) -> float:
        merges = self.true_merges + self.false_merges
        return self.true_merges / merges if merges else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_merges + self.missed_merges
        return self.true_merges / expected if expected else 1.0


def read_pairs(path: Path) -> list[Pair]:
    """The TSV's rows (header ``merge origin a b reason``; ``#`` lines are comments)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Pair(row["merge"] == "yes", row["origin"], row["a"], row["b"], row["reason"]) for row in rows]


def _probe(name: str, title: str) -> Theme:
    ref = ActionPlanRef(id=f"theme_{name}__plan_1", title=title, page=1)
    return Theme(id=f"theme_{name}", number=name, parent=None, title=None, page=1, action_plans=[ref])


def merged(
    pair: Pair, themes: Sequence[Theme], glossary: Sequence[GlossaryEntry], definitions: Mapping[str, str]
) -> bool:
    probes = [*themes, _probe("probe-a", pair.a), _probe("probe-b", pair.b)]
    indexed, _, _ = build_index(probes, glossary, definitions)
    first, second = indexed[-2].action_plans[0].index_id, indexed[-1].action_plans[0].index_id
    return first is not None and first == second


def score(pairs: Iterable[Pair], document: Document) -> Score:
    """The index's merges on ``pairs``, in the context of ``document`` (an extracted plan)."""
    definitions = text_definitions(p.text for p in passages(document) if p.kind != "action_plan")
    result = Score()
    for pair in pairs:
        decided = merged(pair, document.themes, document.glossary, definitions)
        if decided and pair.merge:
            result.true_merges += 1
        elif decided:
            result.false_merges += 1
        elif pair.merge:
            result.missed_merges += 1
        else:
            result.kept_apart += 1
        if decided != pair.merge:
            result.wrong.append(pair)
    return result
