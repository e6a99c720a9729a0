"""The plan's numbering, decided for the whole document rather than line by line.

Every line shaped like a numbered heading (``2. Cybercriminalité``, ``1.5 Mettre l'accent…``,
``9. Partenariats``) is a *candidate*, with the cues around it: typography where the input has
some, whether it stands apart, whether a theme's parts follow it, whether it continues a numbered
list. The reading kept is the labelling of all candidates that scores best while the numbering
stays one consistent tree:

- themes ``N.`` unique and increasing, sub-themes ``N.M`` only under ``N`` and increasing;
- a theme made of numbered points (``8. Conditions…`` then ``1.``, ``2.``…) reads them as
  ``8.1``, ``8.2``…, and they stay under it;
- a numbered item that continues a list inside an objectives part is an objective, whatever its
  typeface.

A candidate the reading rejects although it looks like a heading, and a gap or a duplicate in
the numbering, become warnings that name the page and line. The layer is generic — numbered
sections with levels — and knows the plan only through the part titles it is told about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..ingest.lines import Line
from ..model import Notice
from .outline import heading_at, heading_tail, part_title_at, standalone
from .patterns import NumberedHeading, group_heading, in_capitals, list_marker, lone_number, section_heading

Label = Literal["top", "dotted", "point", "text"]
Style = Literal["none", "dotted", "plain"]

# Weights of the cues. A theme earns its place by what follows it (its objectives, its sub-themes,
# its points); a numbered line continuing a list of objectives is an objective.
OPENS_OBJECTIVES = 2.0
HAS_CHILDREN = 2.0
HAS_POINTS = 1.5
TYPESET = 1.0
PAGE_TOP = 0.5
# A theme followed by none of its parts: doubtful, and more so inside a theme of numbered points,
# where a bare numbered heading is most likely the next point.
NO_EVIDENCE = 0.25
NO_EVIDENCE_AMONG_POINTS = 1.0
CONTINUES_LIST = 3.0
OPENS_GROUPS = 5.0  # an actor's group of objectives with no objectives title before it
GAP = 1.0  # per number skipped
DOTTED = 3.0  # a sub-theme number N.M is rarely anything else
POINT = 1.0
REJECT_DOTTED = 1.5
LOST_DOT = 1.5  # a two-digit number read as a sub-theme number whose dot was lost
REJECT_HEADING = 0.5


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int  # body index of the number's line
    end: int  # body index of the heading's last line (a number alone has its title below)
    heading: NumberedHeading
    line: Line
    typeset: bool  # set as a heading (larger or bold) where the input has typography
    page_top: bool
    continues_list: bool  # the numbered item before it, in the same list, has the number before
    starts_list: bool  # numbered 1 where no list is open (after a part title or a group heading)
    opens_objectives: bool  # an objectives title follows before the next candidate
    has_children: bool  # the next sub-theme number after it is N.x
    has_points: bool  # the next candidate is a plain 1. outside objectives: a theme of points
    opens_groups: bool  # an actor's group of objectives ("Pour la Police Locale :") follows before any part title

    @property
    def dotted(self) -> bool:
        return self.heading.minor is not None


@dataclass(slots=True)
class Numbering:
    """The reading kept: theme number per body index, and what was doubted."""

    themes: dict[int, str] = field(default_factory=dict)  # body index -> "2", "1.5", "8.9"
    points: set[str] = field(default_factory=set)  # numbers read as points of a theme of points
    ends: dict[int, int] = field(default_factory=dict)  # body index -> last index of the heading
    warnings: list[Notice] = field(default_factory=list)
    consistent: bool = True  # no gap, duplicate or rejected heading


@dataclass(frozen=True, slots=True)
class PartTitle:
    index: int
    kind: str  # "objectives" | "attention" | "plans"


@dataclass(frozen=True, slots=True)
class _State:
    top: int | None
    sub: int
    style: Style
    part: str | None = None  # the part title last met inside the current theme


@dataclass(frozen=True, slots=True)
class _Choice:
    label: Label
    number: str
    in_objectives: bool


@dataclass(slots=True)
class _Path:
    score: float
    choices: tuple[_Choice, ...]


def find_candidates(body: list[Line], start: int, stop: int) -> tuple[list[Candidate], list[PartTitle]]:
    """Numbered headings and part titles between ``start`` and ``stop`` (body indexes), with the
    cues around each heading."""
    found: list[tuple[int, int, NumberedHeading]] = []
    parts: list[tuple[int, str]] = []  # (index, part kind) of the part titles
    groups: list[int] = []  # indexes of actor group headings
    tails: set[int] = set()  # lines that carry on a heading's title: never a part title of their own
    for i in range(start, stop):
        text = body[i].text.strip()
        if not text or i in tails:
            continue
        if (part := part_title_at(body, i)) is not None:
            parts.append((i, part[0][0]))
            tails.update(range(i + 1, part[1] + 1))
            continue
        if (group := group_heading(text)) is not None and group[0] != "other":
            groups.append(i)
        if (heading := heading_at(body, i)) is not None and (
            standalone(body, i, heading[1]) or body[i].hint == "heading"
        ):
            found.append((i, heading[1], heading[0]))
            tails.update(range(i + 1, heading[1] + 1), heading_tail(body, heading[1]))
    previous_number = _previous_numbers(body, start, stop)
    candidates: list[Candidate] = []
    for k, (i, end, heading) in enumerate(found):
        after = found[k + 1][0] if k + 1 < len(found) else stop
        following = [kind for index, kind in parts if i < index < after]
        next_part = min((index for index, _ in parts if index > i), default=stop)
        next_dotted = next((h for _, _, h in found[k + 1 :] if h.minor is not None), None)
        next_dotted_index = next((j for j, _, h in found[k + 1 :] if h.minor is not None), stop)
        next_plain = found[k + 1][2] if k + 1 < len(found) else None
        candidates.append(
            Candidate(
                index=i,
                end=end,
                heading=heading,
                line=body[i],
                typeset=body[i].hint == "heading",
                page_top=_at_page_top(body, i),
                continues_list=heading.minor is None and previous_number.get(i) == heading.major - 1,
                starts_list=heading.minor is None and heading.major == 1 and previous_number.get(i) is None,
                opens_objectives="objectives" in following,
                # its first sub-theme (or the second, the first lost): a later one proves nothing
                has_children=next_dotted is not None
                and next_dotted.major == heading.major
                and (next_dotted.minor or 0) <= 2,
                has_points=next_plain is not None
                and next_plain.minor is None
                and next_plain.major == 1
                and "objectives" not in following,
                opens_groups=any(i < index < min(next_part, next_dotted_index) for index in groups),
            )
        )
    return candidates, [PartTitle(index, kind) for index, kind in parts]


def _previous_numbers(body: list[Line], start: int, stop: int) -> dict[int, int | None]:
    """For each line, the number of the numbered list item before it in the same list: part
    titles and group headings (``Pour la Police Locale :``) start a new list."""
    numbers: dict[int, int | None] = {}
    last: int | None = None
    for i in range(start, stop):
        text = body[i].text.strip()
        if not text:
            continue
        numbers[i] = last
        if section_heading(text) is not None or group_heading(text) is not None:
            last = None
        elif (number := lone_number(text)) is not None:
            last = number
        elif (marker := list_marker(text)) is not None and marker.kind == "number":
            last = int(marker.glyph)
        elif (heading := heading_at(body, i)) is not None and heading[0].minor is None:
            last = heading[0].major
    return numbers


def _at_page_top(body: list[Line], i: int) -> bool:
    page = body[i].page
    j = i - 1
    while j >= 0 and body[j].page == page:
        if body[j].text.strip():
            return False
        j -= 1
    return True


def decide(
    candidates: list[Candidate],
    parts: list[PartTitle],
    *,
    first: int | None,
) -> Numbering:
    """Label every candidate (theme, sub-theme, point, or plain text) so that the numbering is one
    consistent tree and the cues agree with it as much as they can.

    ``first``: body index of the first theme found by the outline (an excerpt may start with any
    number there)."""
    start = _State(None, 0, "none")
    paths: dict[_State, _Path] = {start: _Path(0.0, ())}
    events: list[Candidate | PartTitle] = sorted([*candidates, *parts], key=lambda event: event.index)
    for event in events:
        advanced: dict[_State, _Path] = {}
        for state, path in sorted(paths.items(), key=lambda item: _state_key(item[0])):
            if isinstance(event, PartTitle):
                moves = [("", "", _with_part(state, event.kind), 0.0)]
            else:
                moves = _moves(event, state, first)
            for label, number, new_state, gain in moves:
                score = path.score + gain
                choices = path.choices
                if isinstance(event, Candidate):
                    choices = (*choices, _Choice(label, number, state.part == "objectives"))
                best = advanced.get(new_state)
                if best is None or score > best.score + 1e-9:
                    advanced[new_state] = _Path(score, choices)
        paths = advanced
    best_path = max(paths.values(), key=lambda path: (round(path.score, 6), _choices_key(path.choices)))
    numbering = Numbering()
    for candidate, choice in zip(candidates, best_path.choices, strict=True):
        if choice.label != "text":
            numbering.themes[candidate.index] = choice.number
            if choice.label == "point":
                numbering.points.add(choice.number)
            numbering.ends[candidate.index] = candidate.end
    _report(candidates, best_path.choices, numbering)
    return numbering


def _with_part(state: _State, kind: str) -> _State:
    return _State(state.top, state.sub, state.style, kind)


def _choices_key(choices: tuple[_Choice, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((choice.label, choice.number) for choice in choices)


def _state_key(state: _State) -> tuple[int, int, str, str]:
    return (-1 if state.top is None else state.top, state.sub, state.style, state.part or "")


def _moves(candidate: Candidate, state: _State, first: int | None) -> list[tuple[Label, str, _State, float]]:
    """What the candidate can be from ``state``, with what each reading gains. Any reading that
    makes it a heading starts a new part-less stretch: the part titles met so far were its
    predecessor's."""
    heading = candidate.heading
    in_objectives = state.part == "objectives"
    moves: list[tuple[Label, str, _State, float]] = [("text", "", state, -_rejection_cost(candidate, in_objectives))]
    if candidate.dotted:
        assert heading.minor is not None
        opening = state.top is None  # pages opening on a sub-theme (an excerpt)
        if (state.top == heading.major and state.style != "plain" and heading.minor > state.sub) or opening:
            gap = 0 if opening else heading.minor - state.sub - 1
            moves.append(
                (
                    "dotted",
                    f"{heading.major}.{heading.minor}",
                    _State(heading.major, heading.minor, "dotted"),
                    DOTTED - GAP * gap,
                )
            )
        return moves
    number = heading.major
    if state.top is not None and number >= 10 and state.style != "plain" and not candidate.continues_list:
        # "17." where "1.7" is due: OCR lost the dot of a sub-theme number
        major, minor = divmod(number, 10)
        if major == state.top and minor > state.sub:
            gain = DOTTED - LOST_DOT - GAP * (minor - state.sub - 1)
            moves.append(("dotted", f"{major}.{minor}", _State(major, minor, "dotted"), gain))
    if state.top is None:
        if number == 1 or candidate.index == first:
            moves.append(("top", str(number), _State(number, 0, "none"), _theme_gain(candidate, 0, state)))
        return moves
    if number > state.top:
        gain = _theme_gain(candidate, number - state.top - 1, state)
        moves.append(("top", str(number), _State(number, 0, "none"), gain))
    # a theme of points has no parts of its own: no objectives, attention or plans titles
    if state.style != "dotted" and number > state.sub and state.part is None:
        gain = POINT + (TYPESET if candidate.typeset else 0.0) - GAP * (number - state.sub - 1)
        moves.append(("point", f"{state.top}.{number}", _State(state.top, number, "plain"), gain))
    return moves


def _theme_gain(candidate: Candidate, gap: int, state: _State) -> float:
    evidence = (
        OPENS_OBJECTIVES * candidate.opens_objectives
        + HAS_CHILDREN * candidate.has_children
        + HAS_POINTS * candidate.has_points
    )
    gain = evidence + TYPESET * candidate.typeset + PAGE_TOP * candidate.page_top - GAP * gap
    if not evidence:
        gain -= NO_EVIDENCE_AMONG_POINTS if state.style == "plain" else NO_EVIDENCE
    # a numbered line followed by a list's next item, or by an actor's group of objectives with no
    # objectives title between, stands inside a list of objectives
    if not candidate.opens_objectives:
        gain -= CONTINUES_LIST * candidate.continues_list + OPENS_GROUPS * candidate.opens_groups
    return gain


def _rejection_cost(candidate: Candidate, in_objectives: bool) -> float:
    if candidate.dotted:
        return REJECT_DOTTED
    if _list_item(candidate, in_objectives):
        return 0.0  # an objective or a list item: text is what it should be
    return REJECT_HEADING * (1 + candidate.typeset)


def _list_item(candidate: Candidate, in_objectives: bool) -> bool:
    """Numbered like the next item of a list, or like the first item of the objectives (after their
    title, or before an actor's group of them)."""
    return candidate.continues_list or (candidate.starts_list and (in_objectives or candidate.opens_groups))


def _report(
    candidates: list[Candidate],
    choices: tuple[_Choice, ...],
    numbering: Numbering,
) -> None:
    """Warnings for gaps, and for heading-shaped lines the numbering left out. Numbering before
    the first number read is not a gap: pages may start anywhere in the plan."""
    previous: dict[str, int] = {}  # parent ("" for themes) -> last number kept under it
    for candidate, choice in zip(candidates, choices, strict=True):
        where = {"page": candidate.line.page, "line": candidate.line.number}
        number = choice.number
        if choice.label == "text":
            if _looks_like_heading(candidate, choice.in_objectives):
                numbering.consistent = False
                numbering.warnings.append(
                    Notice(
                        kind="heading-rejected",
                        message=f"{candidate.line.text.strip()!r} looks like a heading but does not fit "
                        "the plan's numbering; read as text",
                        **where,
                    )
                )
            continue
        if choice.label == "dotted" and not candidate.dotted:
            numbering.warnings.append(
                Notice(
                    kind="numbering",
                    message=f"{candidate.line.text.strip()!r} read as {number}: its number lost a dot",
                    **where,
                )
            )
        parent, _, own = number.rpartition(".")
        expected = previous.get(parent, 0) + 1
        if int(own) != expected and (parent in previous or (parent and parent in _read(previous))):
            missing = ", ".join(f"{parent + '.' if parent else ''}{n}" for n in range(expected, int(own)))
            numbering.consistent = False
            numbering.warnings.append(
                Notice(kind="numbering", message=f"{number} follows a gap: {missing} not found", **where)
            )
        previous[parent] = int(own)


def _looks_like_heading(candidate: Candidate, in_objectives: bool) -> bool:
    if candidate.dotted:
        return True
    # a list item set apart in capitals is set like a heading: left out, it is a doubt to report
    if _list_item(candidate, in_objectives) and not in_capitals(candidate.heading.title):
        return False
    return candidate.typeset or candidate.page_top or not in_objectives


def _read(previous: dict[str, int]) -> set[str]:
    """The theme numbers read so far, from the last number kept under each parent."""
    return {f"{parent}.{n}" if parent else str(n) for parent, last in previous.items() for n in range(1, last + 1)}
