"""Where the parts of the plan begin: preamble, chapters (marked or not), the
first theme, the signatories. Chapter titles and the markers of chapters 1-2
can be missing altogether; the plan's conventions still place them:
chapters start on a new page, the preamble ends with its signatures, and the
themes chapter opens with the page that introduces it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.lines import Line
from .patterns import (
    FUNCTION_WORDS,
    AttentionSection,
    NumberedHeading,
    SectionKind,
    chapter_marker,
    ends_terminal,
    fold,
    group_heading,
    in_capitals,
    last_word,
    numbered_heading,
    preamble_heading,
    section_heading,
    split_heading,
    starts_lowercase,
)

_NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[- ][A-ZÀ-Ý][a-zà-ÿ]+)*\s+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+)*"
_NAMES_LINE = re.compile(rf"^\s*({_NAME})(\s+{_NAME})*\s*$")
_ROLE_START = re.compile(r"\b(Vice-Premi[eè]re?|Premi[eè]re?|Ministre|Secr[ée]taire|Pr[ée]sident|Commissaire)")


@dataclass(slots=True)
class Outline:
    preamble: int | None = None  # index of the preamble heading
    signatures: int | None = None  # index of the names line
    chapters: dict[int, tuple[int, str | None, bool]] = field(default_factory=dict)  # n -> (index, title, marked)
    first_theme: int | None = None
    # pages from the middle of the plan may open inside a theme whose heading they lack: before
    # "1.4" it can only be 1.3; before "4" it is 3 or one of 3's sub-themes (minor None)
    inherited_theme: tuple[int, int | None] | None = None
    excerpt: bool = False  # pages from inside the themes chapter, without the plan's opening


def page_starts(body: list[Line]) -> list[int]:
    return [i for i, line in enumerate(body) if i == 0 or line.page != body[i - 1].page]


def heading_at(body: list[Line], i: int) -> tuple[NumberedHeading, int] | None:
    """The numbered heading starting at line ``i`` and the index of its last line: one line
    (``1.2 Violence…``), a number alone with the title on the next line, or a title set in heading
    type that a narrow measure wrapped mid-phrase (``3. RADICALISME,`` / ``EXTRÉMISME VIOLENT``)."""
    text = body[i].text.strip()
    if heading := numbered_heading(text):
        return heading, i
    if wrapped := _wrapped_heading(body, i):
        return wrapped
    for j in range(i + 1, min(i + 3, len(body))):
        if body[j].page != body[i].page:
            return None
        if body[j].text.strip():
            split = split_heading(text, body[j].text)
            return (split, j) if split is not None else None
    return None


def _wrapped_heading(body: list[Line], i: int) -> tuple[NumberedHeading, int] | None:
    head = body[i]
    if head.hint != "heading":
        return None
    text = head.text.strip()
    for j in range(i + 1, min(i + 4, len(body))):
        line = body[j]
        if line.page != head.page or not same_heading_type(head, line):
            return None
        text = f"{text} {line.text.strip()}"
        if heading := numbered_heading(text):
            return heading, j
    return None


def part_title_at(body: list[Line], i: int) -> tuple[tuple[SectionKind, AttentionSection | None], int] | None:
    """The theme's part title starting at line ``i`` and the index of its last line: one line, or a
    title a narrow measure wrapped before a few lowercase words ("Plans d'action et cadres" /
    "politiques pertinents")."""
    text = body[i].text.strip()
    single = section_heading(text)
    j = i + 1
    if j < len(body) and body[j].page == body[i].page:
        rest = body[j].text.strip()
        wrapped = rest and starts_lowercase(rest) and len(rest.split()) <= 3 and section_heading(f"{text} {rest}")
        if wrapped:
            return wrapped, j
    return (single, i) if single is not None else None


# OCR estimates a line's size from its box: capitals with accents ("FRONTIÈRES") or without
# descenders read up to a quarter larger or smaller than the line above in the same type
_OCR_SIZE_RATIO = 1.3


def same_heading_type(head: Line, line: Line) -> bool:
    """Two lines set in the same heading type: the text layer's sizes are exact, OCR's estimated."""
    if head.hint != "heading" or line.hint != "heading" or head.font_size is None or line.font_size is None:
        return False
    if "ocr" in (head.method, line.method):
        low, high = sorted((head.font_size, line.font_size))
        return low > 0 and high / low <= _OCR_SIZE_RATIO
    return abs(head.font_size - line.font_size) < 0.1


def heading_tail(body: list[Line], i: int) -> list[int]:
    """Lines that carry on a heading wrapped by the layout: set in the same heading type (even
    when the words look like a part title: ``8. CONDITIONS ET`` / ``POINTS D'ATTENTION``), or, in
    plain text, a lowercase line after a heading that stops on a word like 'aux'."""
    head = body[i]
    tail: list[int] = []
    title = head.text.strip()
    for j in range(i + 1, min(i + 3, len(body))):
        line = body[j]
        text = line.text.strip()
        if not text or line.page != head.page or numbered_heading(text):
            break
        same_type = same_heading_type(head, line)
        if section_heading(text) and not same_type:
            break
        unfinished = last_word(title) in FUNCTION_WORDS and starts_lowercase(text) and len(text.split()) <= 6
        # a heading set in capitals wraps in capitals; body text never follows it without a break
        capitals = in_capitals(title) and in_capitals(text) and len(text.split()) <= 6
        if not (same_type or unfinished or capitals):
            break
        tail.append(j)
        title = f"{title} {text}"
    return tail


def standalone(body: list[Line], i: int, last: int | None = None) -> bool:
    """A heading set apart (lines ``i`` to ``last``): a sentence ends above it and a break follows."""
    line = body[i]
    if line.hint == "heading":
        return True
    before_ok = (
        i == 0 or not body[i - 1].text.strip() or body[i - 1].page != line.page or ends_terminal(body[i - 1].text)
    )
    last = i if last is None else last
    end = last + len(heading_tail(body, last))
    after_ok = end + 1 == len(body) or not body[end + 1].text.strip() or body[end + 1].page != line.page
    return before_ok and after_ok


def signature_names(text: str) -> list[str]:
    if not _NAMES_LINE.match(text):
        return []
    return [match.group(0).strip() for match in re.finditer(_NAME, text)]


def split_roles(text: str, count: int) -> list[str | None]:
    """Roles printed side by side under the names: split where each role's first word starts."""
    if count == 1:
        return [text.strip()]
    starts = [m.start() for m in _ROLE_START.finditer(text)]
    starts = [s for s in starts if s == 0 or text[s - 1] == " "]
    # keep only starts that begin a role, not words inside one ("Vice-Premier Ministre")
    picked: list[int] = []
    for start in starts:
        if not picked or text[picked[-1] : start].strip().count(" ") >= 1:
            picked.append(start)
    if len(picked) == count:
        bounds = [*picked, len(text)]
        return [text[bounds[k] : bounds[k + 1]].strip() for k in range(count)]
    return [text.strip(), *([None] * (count - 1))]


def find_outline(body: list[Line]) -> Outline:
    """Preamble, signatures, printed chapter markers, and where the themes seem to begin (the
    numbering decides; ``place_chapters`` then places what no marker prints)."""
    outline = Outline()
    for i, line in enumerate(body):
        text = line.text.strip()
        if not text:
            continue
        if outline.preamble is None and outline.first_theme is None and preamble_heading(text):
            outline.preamble = i
        elif (marker := chapter_marker(text)) and standalone_marker(body, i):
            outline.chapters.setdefault(marker[0], (i, marker[1], True))
        elif outline.signatures is None and outline.first_theme is None and signature_names(text):
            if len(signature_names(text)) >= 1 and outline.preamble is not None:
                outline.signatures = i
        elif (
            outline.first_theme is None
            and (found := heading_at(body, i))
            and (found[0].major, found[0].minor) == (1, None)
            and standalone(body, i, found[1])
        ):
            outline.first_theme = i
    opening = _first_theme_with_parts(body)
    if opening is not None and (outline.first_theme is None or opening < outline.first_theme):
        outline.first_theme = opening  # an excerpt: a theme other than 1 comes first
    return outline


def place_chapters(outline: Outline, body: list[Line], first_theme: int | None, first_number: str | None) -> None:
    """Once the numbering has said where the themes begin and with which number: chapters 1 and 2
    where no marker prints them, or, for pages from inside the themes chapter, no chapter to
    invent and the sub-theme they open inside (before "1.4" it can only be 1.3)."""
    outline.first_theme = first_theme
    starts = page_starts(body)
    if first_number not in (None, "1") and not outline.chapters and outline.preamble is None:
        assert first_theme is not None and first_number is not None
        outline.chapters[2] = (0, None, False)
        outline.excerpt = True
        major, _, minor = first_number.partition(".")
        content_before = any(line.text.strip() for line in body[:first_theme])
        if minor and int(minor) > 1 and content_before:
            outline.inherited_theme = (int(major), int(minor) - 1)
        elif not minor and int(major) > 1 and _holds_theme_parts(body[:first_theme]):
            outline.inherited_theme = (int(major) - 1, None)
        return
    if 1 not in outline.chapters:
        after = outline.signatures if outline.signatures is not None else outline.preamble
        if after is None:
            first = 0
        else:
            later = [s for s in starts if s > after]
            first = later[0] if later else None
        if first is not None and (outline.first_theme is None or first <= outline.first_theme):
            outline.chapters[1] = (first, None, False)
    if 2 not in outline.chapters and outline.first_theme is not None:
        ch1 = outline.chapters.get(1, (0, None, False))[0]
        candidates = [s for s in starts if ch1 < s < outline.first_theme]
        announcing = [s for s in candidates if _announces_chapter(body, s, starts)]
        if announcing:
            outline.chapters[2] = (announcing[-1], None, False)
        elif candidates:
            outline.chapters[2] = (candidates[-1], None, False)
        else:
            outline.chapters[2] = (outline.first_theme, None, False)


def _holds_theme_parts(lines: list[Line]) -> bool:
    """Lines that carry a theme's parts: a part title (objectives, attention points, plans) or an
    actor's group of objectives, as opposed to an introduction."""
    for k, line in enumerate(lines):
        text = line.text.strip()
        if text and (part_title_at(lines, k) is not None or (group_heading(text) or ("other",))[0] != "other"):
            return True
    return False


def _first_theme_with_parts(body: list[Line]) -> int | None:
    """The first numbered heading followed, before the next one, by a theme's part title
    (objectives, attention points, plans). Pages taken from the middle of the plan start
    with some theme other than 1."""
    headings = [i for i in range(len(body)) if (found := heading_at(body, i)) and standalone(body, i, found[1])]
    for k, i in enumerate(headings):
        end = headings[k + 1] if k + 1 < len(headings) else len(body)
        if any(part_title_at(body, k) for k in range(i + 1, end) if body[k].text.strip()):
            return i
    return None


def standalone_marker(body: list[Line], i: int) -> bool:
    """'Chapitre 3' as a title, not the words 'chapitre 3' inside a sentence."""
    text = body[i].text.strip()
    return len(text.split()) <= 12 and not ends_terminal(text)


def _announces_chapter(body: list[Line], start: int, starts: list[int]) -> bool:
    later = [s for s in starts if s > start]
    end = later[0] if later else len(body)
    text = fold(" ".join(line.text for line in body[start:end]))
    return bool(re.search(r"\b(ce|du present) chapitre\b", text))
