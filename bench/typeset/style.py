"""A house style: every typographic choice a publisher (or a scanner) makes, drawn from a seed.

``random_style(seed)`` draws one from the space real publishers vary in; ``NAMED`` holds fixed
styles that reproduce the layouts the issue measured. A style is frozen and prints on one line
(``describe``), so a sweep's table says exactly what was set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

FONT_ROOT = Path("/usr/share/fonts/truetype")

# face -> (package, regular, bold, italic); all TrueType from Debian's font packages
FACES: dict[str, tuple[str, str, str, str]] = {
    "dejavu-sans": (
        "fonts-dejavu-core",
        "dejavu/DejaVuSans.ttf",
        "dejavu/DejaVuSans-Bold.ttf",
        "dejavu/DejaVuSans-Oblique.ttf",
    ),
    "dejavu-serif": (
        "fonts-dejavu-core",
        "dejavu/DejaVuSerif.ttf",
        "dejavu/DejaVuSerif-Bold.ttf",
        "dejavu/DejaVuSerif-Italic.ttf",
    ),
    "liberation-sans": (
        "fonts-liberation2",
        "liberation2/LiberationSans-Regular.ttf",
        "liberation2/LiberationSans-Bold.ttf",
        "liberation2/LiberationSans-Italic.ttf",
    ),
    "liberation-serif": (
        "fonts-liberation2",
        "liberation2/LiberationSerif-Regular.ttf",
        "liberation2/LiberationSerif-Bold.ttf",
        "liberation2/LiberationSerif-Italic.ttf",
    ),
    "free-sans": (
        "fonts-freefont-ttf",
        "freefont/FreeSans.ttf",
        "freefont/FreeSansBold.ttf",
        "freefont/FreeSansOblique.ttf",
    ),
    "free-serif": (
        "fonts-freefont-ttf",
        "freefont/FreeSerif.ttf",
        "freefont/FreeSerifBold.ttf",
        "freefont/FreeSerifItalic.ttf",
    ),
    "carlito": (
        "fonts-crosextra-carlito",
        "crosextra/Carlito-Regular.ttf",
        "crosextra/Carlito-Bold.ttf",
        "crosextra/Carlito-Italic.ttf",
    ),
    "caladea": (
        "fonts-crosextra-caladea",
        "crosextra/Caladea-Regular.ttf",
        "crosextra/Caladea-Bold.ttf",
        "crosextra/Caladea-Italic.ttf",
    ),
}
FALLBACK = ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf")  # glyphs a face lacks (▪, ◦, ►)

Numbering = Literal["1.1", "1.1.", "1.1 –", "1 1.1"]  # see layout._numbered
Footer = Literal["none", "12", "12/47", "- 12 -", "Page 12", "title - 12"]
TITLE = "Plan national de sécurité 2026-2029"


@dataclass(frozen=True)
class Style:
    name: str
    face: str = "dejavu-sans"
    body_size: float = 9.5
    leading: float = 1.25  # line pitch / type size
    margins: tuple[int, int, int, int] = (56, 48, 60, 72)  # left, right, top, bottom (pt)
    columns: int = 1
    justify: bool = False
    reflow: bool = False  # False: the text's own line breaks are kept
    paragraph_gap: float = 0.7  # space between paragraphs, in line pitches
    item_gap: float = 0.0  # space between list items, in line pitches
    # headings: size relative to the body, and weight, for themes (1), sub-themes (2), numbered points (3)
    heading_sizes: tuple[float, float, float] = (1.6, 1.3, 1.05)
    heading_bold: tuple[bool, bool, bool] = (True, True, True)
    theme_caps: Literal["none", "top", "all"] = "none"
    numbering: Numbering = "1.1"
    number_own_line: bool = False
    new_page: Literal["none", "top", "all"] = "all"  # which theme headings start a page
    part_style: Literal["bold", "italic", "bold-large"] = "bold"
    group_style: Literal["plain", "bold", "italic"] = "plain"
    objective_title: Literal["body", "bold", "heading"] = "body"
    bullet: str = "•"
    pictogram: Literal["none", "glyph", "drawn"] = "none"
    header: Literal["none", "title", "title-rule"] = "none"
    footer: Footer = "title - 12"
    footer_align: Literal["center", "right", "outer"] = "right"
    page_offset: int = 6
    note_size: float = 0.72  # relative to the body
    note_rule: bool = True
    note_number: Literal["normal", "superscript"] = "normal"
    glossary: Literal["inline", "tabbed"] = "inline"

    def describe(self) -> str:
        """One line: every choice, abbreviated."""
        sizes = "/".join(f"{s:g}{'B' if b else ''}" for s, b in zip(self.heading_sizes, self.heading_bold, strict=True))
        return (
            f"{self.face} {self.body_size:g}pt/{self.leading:g} m{','.join(map(str, self.margins))} "
            f"{self.columns}col {'J' if self.justify else 'L'} {'reflow' if self.reflow else 'lines'} "
            f"gap{self.paragraph_gap:g}/{self.item_gap:g} h{sizes} caps={self.theme_caps} "
            f"num='{self.numbering}'{'+own' if self.number_own_line else ''} newpage={self.new_page} "
            f"part={self.part_style} group={self.group_style} obj={self.objective_title} "
            f"bullet={self.bullet} picto={self.pictogram} header={self.header} "
            f"footer='{self.footer}'@{self.footer_align}+{self.page_offset} "
            f"notes={self.note_size:g}{'+rule' if self.note_rule else ''}/{self.note_number} gloss={self.glossary}"
        )


def font_path(relative: str) -> Path:
    return FONT_ROOT / relative


def random_style(seed: int) -> Style:
    """A style drawn from ``seed`` (the same seed always gives the same style)."""
    rng = random.Random(f"house-style-{seed}")
    columns = rng.choice((1, 1, 2))
    theme_bold = rng.random() < 0.8
    top = round(rng.uniform(1.25, 1.9), 2) if theme_bold else round(rng.uniform(1.5, 2.0), 2)
    sub = round(rng.uniform(1.1, min(top, 1.5)), 2)
    point = round(rng.uniform(1.0, min(sub, 1.2)), 2)
    sub_bold = rng.random() < 0.85
    point_bold = rng.random() < 0.6 if point > 1.05 else True  # a point in body size needs its weight
    return Style(
        name=f"seed-{seed}",
        face=rng.choice(sorted(FACES)),
        body_size=round(rng.uniform(8.5, 10.5), 1),
        leading=round(rng.uniform(1.15, 1.4), 2),
        margins=(rng.randint(40, 85), rng.randint(36, 80), rng.randint(45, 85), rng.randint(55, 90)),
        columns=columns,
        justify=rng.random() < 0.5,
        reflow=columns == 2 or rng.random() < 0.5,  # two columns cannot keep the text's long lines
        paragraph_gap=round(rng.uniform(0.35, 1.0), 2),
        item_gap=rng.choice((0.0, 0.0, 0.25, 0.5)),
        heading_sizes=(top, sub, point),
        heading_bold=(theme_bold, sub_bold or sub < 1.2, point_bold),
        theme_caps=rng.choice(("none", "none", "top", "all")),
        numbering=rng.choice(("1.1", "1.1.", "1.1 –", "1 1.1")),
        number_own_line=rng.random() < 0.25,
        new_page=rng.choice(("none", "top", "all")),
        part_style=rng.choice(("bold", "italic", "bold-large")),
        group_style=rng.choice(("plain", "bold", "italic")),
        objective_title=rng.choice(("body", "bold", "heading")),
        bullet=rng.choice(("•", "–", "▪", "◦")),
        pictogram=rng.choice(("none", "glyph", "drawn")),
        header=rng.choice(("none", "title", "title-rule")),
        footer=rng.choice(("none", "12", "12/47", "- 12 -", "Page 12", "title - 12")),
        footer_align=rng.choice(("center", "right", "outer")),
        page_offset=rng.randint(0, 8),
        note_size=round(rng.uniform(0.65, 0.85), 2),
        note_rule=rng.random() < 0.6,
        note_number=rng.choice(("normal", "superscript")),
        glossary=rng.choice(("inline", "tabbed")),
    )


_LARGE_TITLES = Style(
    name="large-objective-titles-sans",
    face="liberation-sans",
    body_size=10,
    heading_sizes=(1.5, 1.5, 1.1),
    objective_title="heading",
    new_page="all",
    footer="12",
    footer_align="center",
    page_offset=6,
)

# The layouts the issue measured (issue 11's table), fixed.
NAMED: dict[str, Style] = {
    s.name: s
    for s in (
        _LARGE_TITLES,
        replace(_LARGE_TITLES, name="large-objective-titles-serif", face="liberation-serif", note_rule=False),
        Style(
            name="plain-small-notes-no-rule",
            face="carlito",
            body_size=10,
            note_size=0.7,
            note_rule=False,
            footer="12/47",
            header="title",
        ),
        Style(
            name="superscript-notes",
            face="dejavu-serif",
            body_size=9,
            note_number="superscript",
            justify=True,
            footer="- 12 -",
            footer_align="center",
            page_offset=4,
        ),
        Style(
            name="two-columns-reflowed",
            face="free-serif",
            body_size=9.5,
            columns=2,
            reflow=True,
            justify=True,
            new_page="none",
            margins=(50, 50, 60, 70),
            header="title-rule",
            footer="Page 12",
        ),
        Style(
            name="one-column-reflowed-wide",
            face="free-sans",
            body_size=9,
            reflow=True,
            margins=(40, 40, 56, 64),
            new_page="top",
            numbering="1.1.",
            footer="12",
        ),
        # the source of the scans below
        Style(name="scan-source-footer-12", face="liberation-sans", body_size=10, footer="12", footer_align="center"),
        replace(_LARGE_TITLES, name="scan-source-large-titles", face="dejavu-sans"),
    )
}
