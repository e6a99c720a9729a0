"""Inside a theme: which paragraph is description, mission, objective, sub-item,
attention point or action-plan reference. One ``ThemeBuilder`` per theme
receives the theme's units in order and files each one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..ingest.lines import Line
from ..model import (
    ActionPlanRef,
    Actor,
    AttentionPoint,
    AttentionSection,
    Objective,
    ObjectiveGroup,
    Theme,
    slug,
)
from .patterns import (
    FUNCTION_WORDS,
    continues_discourse,
    ends_terminal,
    fold,
    group_intro,
    introduces_attention_points,
    introduces_list,
    introduces_missions,
    last_word,
    leading_form,
    starts_uppercase,
)
from .units import Unit, join_lines

Part = Literal["description", "missions", "objectives", "attention", "plans"]


@dataclass(slots=True)
class ThemeBuilder:
    theme: Theme
    line_width: int  # typical full line length, to tell a short title line from a wrapped one
    part: Part = "description"
    attention_kind: AttentionSection = "other"
    list_from_prose: bool = False  # a list announced by a sentence ends when prose resumes
    list_open: bool = False  # the last list item ended with ';' or ','
    group: ObjectiveGroup | None = None
    group_objectives: list[Objective] = field(default_factory=list)
    objective: Objective | None = None
    objective_glyph: str | None = None
    title_only: bool = False
    all_titled: bool = True  # every objective of the group so far has a title (own line or label)
    sub_marked: bool = False
    sub_form: str | None = None
    sub_list_closed: bool = False
    keys: dict[str, int] = field(default_factory=dict)

    # --- parts ------------------------------------------------------------

    def start_part(self, part: Part, attention_kind: AttentionSection | None = None) -> None:
        self.part = part
        self.list_from_prose = False
        self.list_open = False
        if attention_kind is not None:
            self.attention_kind = attention_kind
        if part != "objectives":
            self.objective = None
            self.title_only = False

    def start_group(self, actor: Actor, label: str | None, page: int, intro: str | None = None) -> None:
        self.group = ObjectiveGroup(actor=actor, label=label, intro=intro, page=page)
        self.theme.objective_groups.append(self.group)
        self.group_objectives = []
        self.objective = None
        self.title_only = False

    # --- filing -----------------------------------------------------------

    def add(self, unit: Unit) -> None:
        if self.part == "description":
            self._description(unit)
        elif self._continues_previous_item(unit):
            return
        elif self.part == "missions":
            if unit.marker is not None or self.list_open:
                self.theme.missions.append(unit.text)
                self.list_open = not unit.text.endswith(".")
            else:
                self.start_part("description")
                self._description(unit)
        elif self.part == "attention":
            if self.list_from_prose and unit.marker is None and unit.number is None and not self.list_open:
                self.start_part("description")
                self._description(unit)
                return
            if not self._continues_labelled_point(unit):
                self._attention_point(unit)
            self.list_open = not unit.text.endswith(".")
        elif self.part == "plans":
            self._plan(unit)
        else:
            self._objective_unit(unit)

    def _continues_previous_item(self, unit: Unit) -> bool:
        """A paragraph that refers back (``Elles collaborent…``) after an item ended with a full
        stop is more of that item, not a new one."""
        if unit.marker is not None or unit.number is not None or not continues_discourse(unit.text):
            return False
        if self.part == "missions" and self.theme.missions and self.theme.missions[-1].endswith("."):
            self.theme.missions[-1] = f"{self.theme.missions[-1]} {unit.text}"
            return True
        points = [p for p in self.theme.attention_points if p.section == self.attention_kind]
        if self.part == "attention" and points and not self.list_from_prose and points[-1].text.endswith("."):
            points[-1].text = f"{points[-1].text} {unit.text}"
            return True
        if self.part == "objectives" and self.objective is not None and not self.title_only:
            tail = self.objective.items[-1] if self.objective.items else self.objective.text
            if tail.endswith("."):
                self.objective.text = f"{self.objective.text} {unit.text}"
                return True
        return False

    def _continues_labelled_point(self, unit: Unit) -> bool:
        """Where every point of the section opens with a label (``Mineurs : …``), a paragraph
        without one, after a point ended with a full stop, is more of that point."""
        points = [p for p in self.theme.attention_points if p.section == self.attention_kind]
        if not points or unit.marker is not None or unit.number is not None or self.list_from_prose:
            return False
        if any(p.label is None for p in points) or not points[-1].text.endswith("."):
            return False
        if unit.label_and_text()[0] is not None:
            return False
        points[-1].text = f"{points[-1].text} {unit.text}"
        return True

    def _description(self, unit: Unit) -> None:
        text = unit.text
        self.theme.description.append(text)
        if unit.marker is not None:
            return
        if kind := introduces_attention_points(text):
            self.start_part("attention", kind)
            self.list_from_prose = True
            self.list_open = True
        elif introduces_missions(text):
            self.start_part("missions")
            self.list_open = True

    def _attention_point(self, unit: Unit) -> None:
        label, text = unit.label_and_text()
        number = sum(1 for p in self.theme.attention_points if p.section == self.attention_kind) + 1
        self.theme.attention_points.append(
            AttentionPoint(
                id=f"{self.theme.id}__ap_{self.attention_kind}_{number}",
                section=self.attention_kind,
                label=label,
                text=text,
                page=unit.page,
            )
        )

    def _plan(self, unit: Unit) -> None:
        number = len(self.theme.action_plans) + 1
        self.theme.action_plans.append(
            ActionPlanRef(id=f"{self.theme.id}__plan_{number}", title=unit.text, page=unit.page)
        )

    # --- objectives -------------------------------------------------------

    def _objective_unit(self, unit: Unit) -> None:
        text = unit.text
        numbered = unit.number is not None or (unit.marker is not None and unit.marker.kind == "number")
        if unit.marker is None and not numbered and (actor := group_intro(text)):
            self.start_group(actor, None, unit.page, intro=text)
            return
        if self.group is None:
            self.start_group("other", None, unit.page)
        objective = self.objective
        if numbered or objective is None:
            self._new_objective(unit)
        elif unit.marker is not None:
            if unit.marker.glyph != self.objective_glyph and (
                introduces_list(objective.text) or objective.items or unit.marker.glyph == "o"
            ):
                self._add_item(unit, marked=True)
            else:
                self._new_objective(unit)
        elif self.title_only and starts_uppercase(text):
            objective.text = text
            self.title_only = False
        elif introduces_list(objective.text) and not introduces_list(text) and not self.sub_list_closed:
            form = leading_form(text)
            if self.sub_marked and form == leading_form(objective.text) and form != self.sub_form:
                self._new_objective(unit)
            else:
                self._add_item(unit, marked=False)
        elif self.sub_list_closed and leading_form(text) != leading_form(objective.text):
            objective.text = f"{objective.text} {text}"  # prose after the sub-list: the objective's tail
        elif self.all_titled and self._untitled(unit) and objective.text.endswith("."):
            # where every objective opens with a title, a paragraph without one is more text
            objective.text = f"{objective.text} {text}"
        else:
            self._new_objective(unit)

    def _add_item(self, unit: Unit, *, marked: bool) -> None:
        assert self.objective is not None
        if self.title_only:  # the "title" was the objective's whole text after all
            self.objective.text, self.objective.title = self.objective.title or "", None
            self.title_only = False
        text = unit.text
        self.objective.items.append(text)
        if marked and not self.sub_marked:
            self.sub_marked = True
            self.sub_form = leading_form(text)
        self.sub_list_closed = text.endswith(".")

    def _new_objective(self, unit: Unit) -> None:
        assert self.group is not None
        if self.title_only and self.objective is not None:
            self.objective.text, self.objective.title = self.objective.title or "", None
        title, text, title_only = self._title_and_text(unit)
        self.all_titled = title is not None and (not self.group_objectives or self.all_titled)
        key = self.group.actor
        if self.group.label and not fold(self.group.label).startswith("pour la police"):
            key = f"{key}-{slug(self.group.label)}"
        self.keys[key] = self.keys.get(key, 0) + 1
        objective = Objective(
            id=f"{self.theme.id}__obj_{key}_{self.keys[key]}",
            actor=self.group.actor,
            group=self.group.label,
            number=len(self.group_objectives) + 1,
            title=title,
            text=text,
            items=[],
            page=unit.page,
        )
        self.theme.objectives.append(objective)
        self.group_objectives.append(objective)
        self.objective = objective
        self.objective_glyph = unit.marker.glyph if unit.marker and unit.marker.kind == "bullet" else None
        self.title_only = title_only
        self.sub_marked = False
        self.sub_form = None
        self.sub_list_closed = False

    def _title_and_text(self, unit: Unit) -> tuple[str | None, str, bool]:
        """A title on a line of its own (unfinished, the text below starts a sentence), or a
        label before ' : '. Returns (title, text, the unit is a title awaiting its text)."""
        lines = unit.raw_lines()
        first = lines[0]
        if len(lines) == 1 and self._title_shape(first) and len(first.split()) <= 16:
            return first, "", True
        # a short title a narrow measure wrapped: the whole paragraph has a title's shape
        if len(lines) > 1 and self._title_shape(whole := join_lines(lines)) and len(whole.split()) <= 16:
            return whole, "", True
        # a title the layout wrapped over several lines, set apart by its weight or size
        set_lines = next((k for k, line in enumerate(unit.lines) if not _set_apart(line)), len(lines))
        if set_lines > 1 and self._title_shape(title := join_lines(lines[:set_lines])):
            return title, join_lines(lines[set_lines:]), set_lines == len(lines)
        if len(lines) > 1 and self._title_shape(first) and starts_uppercase(lines[1]):
            set_apart = unit.lines[0].bold and not unit.lines[1].bold
            if set_apart or len(first) < 0.8 * self.line_width:
                return first, join_lines(lines[1:]), False
        label, text = unit.label_and_text()
        return label, text, False

    def _untitled(self, unit: Unit) -> bool:
        lines = unit.raw_lines()
        could_be_title = len(lines) == 1 and self._title_shape(lines[0])
        return not could_be_title and unit.label_and_text()[0] is None

    @staticmethod
    def _title_shape(line: str) -> bool:
        return (
            not ends_terminal(line)
            and not line.endswith(",")
            and last_word(line) not in FUNCTION_WORDS
            and starts_uppercase(line)
        )

    def finish(self) -> Theme:
        if self.title_only and self.objective is not None:
            self.objective.text, self.objective.title = self.objective.title or "", None
        return self.theme


def _set_apart(line: Line) -> bool:
    """Set in heading type (bold, or larger than the body) where the input has typography."""
    return bool(line.bold) or line.hint == "heading"
