"""What the CLI reports about an extracted document, as plain data: the table of themes, the
counts, the warnings' lines. Computed from the ``Document`` once; the result cache stores it
beside the document, so a re-run answered from the cache reports the same without loading the
models (this module imports no pydantic)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from .errors import ExitCode

if TYPE_CHECKING:
    from .model import Document


@dataclass(frozen=True)
class ThemeRow:
    """One theme in the summary table: its objectives per actor and its parts."""

    number: str
    title: str
    federal: int
    local: int
    other: int
    attention_points: int
    action_plans: int
    footnotes: int
    page: int


@dataclass(frozen=True)
class Summary:
    title: str  # the plan's title, else the file name
    themes: tuple[ThemeRow, ...]
    objectives: int
    glossary_entries: int
    lines: int
    placed: int
    residue: int
    warnings: int
    warning_lines: tuple[str, ...]  # notices.notice_lines: grouped by kind, with page and line

    def exit_code(self, *, strict: bool) -> ExitCode:
        """``--strict``: a document that carries warnings exits 14 (after it is written)."""
        return ExitCode.WARNINGS if strict and self.warnings else ExitCode.OK

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Any) -> Summary:
        """The summary stored by ``to_data``; ``TypeError``/``KeyError`` when it is not one."""
        if not isinstance(data, dict):
            raise TypeError("the summary is not an object")
        summary = cls(
            **{
                **data,
                "themes": tuple(ThemeRow(**row) for row in data["themes"]),
                "warning_lines": tuple(data["warning_lines"]),
            }
        )
        _check_types(summary)
        return summary


def _check_types(summary: Summary) -> None:
    strings = [summary.title, *summary.warning_lines, *(row.number for row in summary.themes)]
    strings += [row.title for row in summary.themes]
    numbers = [summary.objectives, summary.glossary_entries, summary.lines, summary.placed, summary.residue]
    numbers.append(summary.warnings)
    for row in summary.themes:
        numbers += [row.federal, row.local, row.other, row.attention_points, row.action_plans, row.footnotes, row.page]
    if not all(isinstance(text, str) for text in strings) or not all(
        isinstance(number, int) and not isinstance(number, bool) for number in numbers
    ):
        raise TypeError("the summary holds values of the wrong types")


def summarize(document: Document) -> Summary:
    from .model import count_by_actor
    from .notices import notice_lines

    rows = []
    for theme in document.themes:
        actors = count_by_actor(theme.objectives)
        rows.append(
            ThemeRow(
                number=theme.number,
                title=theme.title or "",
                federal=actors["federal"],
                local=actors["local"],
                other=actors["other"],
                attention_points=len(theme.attention_points),
                action_plans=len(theme.action_plans),
                footnotes=len(theme.footnotes),
                page=theme.page,
            )
        )
    return Summary(
        title=document.document.title or document.source.file,
        themes=tuple(rows),
        objectives=sum(len(theme.objectives) for theme in document.themes),
        glossary_entries=len(document.glossary),
        lines=document.coverage.lines,
        placed=document.coverage.placed,
        residue=document.coverage.residue,
        warnings=len(document.warnings),
        warning_lines=tuple(notice_lines(document.warnings)),
    )
