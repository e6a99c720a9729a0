"""Derive a fictitious *earlier* edition of the PNS from the corpus text, with known changes.

    python tests/make_edition.py OUTDIR [--source corpus/pns-2026-2029.ocr.txt]

writes ``OUTDIR/pns-2022-2025.fictitious.txt`` (same conventions as the OCR text: a line
starting with one space starts a page) and ``OUTDIR/expected-changes.json``: the records
``pns-extract diff OLD NEW`` must report with OLD = the fictitious edition and NEW = the
corpus. Deterministic: pure text surgery, located by headings and phrases (never by line
numbers), failing loudly when the source no longer contains an anchor.

The changes, seen from the NEW edition:
- theme 1.5 is new, so old 1.5 and 1.6 were renumbered 1.6 and 1.7;
- themes 5 and 6 swapped places (old 5 Fraude with sub-themes 5.1/5.2 is new 6, old 6
  Sécurité routière is new 5): two renumberings, the sub-themes follow their parent;
- old theme 5.3 (Fraude aux subventions) disappeared;
- theme 1.4 was renamed; objectives of themes 2 and 5 reworded, one objective added to
  theme 5 and one dropped from theme 3; an attention point and a footnote of 1.7 reworded;
- action plans added to 1.1 and 7, one dropped from 1.4;
- glossary: SPN reworded, VR added.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent / "corpus" / "pns-2026-2029.ocr.txt"
EDITION_NAME = "pns-2022-2025.fictitious.txt"
EXPECTED_NAME = "expected-changes.json"

# (kind, element, theme) in the order the diff lists them (NEW document order).
EXPECTED: list[tuple[str, str, str | None]] = [
    ("added", "action_plan", "1.1"),
    ("modified", "theme", "1.4"),
    ("removed", "action_plan", "1.4"),
    ("added", "theme", "1.5"),
    ("renumbered", "theme", "1.6"),
    ("renumbered", "theme", "1.7"),
    ("modified", "attention_point", "1.7"),
    ("modified", "footnote", "1.7"),
    ("modified", "objective", "2"),
    ("removed", "objective", "3"),
    ("renumbered", "theme", "5"),
    ("modified", "objective", "5"),
    ("added", "objective", "5"),
    ("renumbered", "theme", "6"),
    ("removed", "theme", "5.3"),
    ("added", "action_plan", "7"),
    ("modified", "glossary", None),
    ("added", "glossary", None),
]

EXTRA_THEME = """\
 5.3 Fraude aux subventions

La fraude aux subventions publiques détourne des moyens destinés a l'emploi, a l'innovation et a la
transition écologique. Elle prend la forme de déclarations fictives, de sociétés écrans et de faux
justificatifs, souvent avec l'aide de facilitateurs professionnels.

» Objectifs stratégiques
Pour la Police Fédérale :

1. Cartographier les schémas de fraude aux subventions régionales et européennes en collaboration
avec les administrations concernées ;

2. Renforcer les enquétes financiéres sur les bénéficiaires fictifs et saisir les montants indiment
percus.

Pour la Police Locale :

1. Signaler aux services compétents les indices de fraude aux subventions détectés lors du travail de
quartier.

» Plans d’action et cadres politiques pertinents

e Plan d’action contre la fraude aux subventions européennes
e Note-cadre de sécurité intégrale — Sécurité économique
"""


class AnchorError(RuntimeError):
    """The source text no longer contains a phrase the fixture relies on."""


def _heading(lines: list[str], number: str, title_start: str) -> int:
    """Index of the theme heading ``number`` + title (``1.5Mettre``, `` 6. Fraude``)."""
    pattern = re.compile(rf"^ ?{re.escape(number)}\.?\s*{re.escape(title_start)}")
    for index, line in enumerate(lines):
        if pattern.match(line):
            return index
    raise AnchorError(f"theme heading {number} {title_start!r} not found")


def _find(lines: list[str], phrase: str, start: int = 0) -> int:
    for index in range(start, len(lines)):
        if phrase in lines[index]:
            return index
    raise AnchorError(f"phrase {phrase!r} not found")


def _replace(lines: list[str], phrase: str, new: str, start: int = 0) -> int:
    index = _find(lines, phrase, start)
    lines[index] = lines[index].replace(phrase, new, 1)
    return index


def _renumber(lines: list[str], index: int, old_number: str, new_number: str) -> None:
    lines[index] = re.sub(rf"^( ?){re.escape(old_number)}", rf"\g<1>{new_number}", lines[index], count=1)


def make_edition(text: str) -> str:
    """The fictitious earlier edition derived from ``text`` (the 2026-2029 OCR text)."""
    lines = text.split("\n")

    # Blocks of whole pages: themes 1.5, 5 and 6 each start a page.
    start_15 = _heading(lines, "1.5", "Mettre")
    end_15 = _heading(lines, "1.6", "Corruption")
    assert lines[start_15].startswith(" ") and lines[end_15].startswith(" "), "1.5 must fill whole pages"

    # Edits inside blocks that keep their place, from the end of the text backwards so
    # that indexes found earlier stay valid.
    glossary_spn = _find(lines, "SPN Police de la Navigation")
    lines[glossary_spn] = "SPN Police de la navigation maritime et fluviale"
    del lines[_find(lines, "VR Virtual Reality", glossary_spn)]

    start_7 = _heading(lines, "7", "Violence intrafamiliale")
    start_8 = _heading(lines, "8", "Conditions")
    pgsp = max(i for i in range(start_7, start_8) if "Plan Global de Sécurité et de Prévention" in lines[i])
    del lines[pgsp]

    start_5 = _heading(lines, "5", "Sécurité routi")
    start_6 = _heading(lines, "6", "Fraude sociale")
    # theme 5: objective 2 reworded, objective 5 did not exist yet
    _replace(
        lines,
        "Approche guidée par les données et la technologie : exploiter au maximum",
        "Approche guidée par les données : exploiter davantage",
        start_5,
    )
    obj5 = _find(lines, "5. Continuer a mettre", start_5)
    obj5_end = _find(lines, "usagers de la route.", obj5)
    del lines[obj5 - 1 : obj5_end + 1]  # with the blank line before it
    obj4_end = _find(lines, "routiére et la criminalité ;", start_5)
    lines[obj4_end] = lines[obj4_end].replace(" ;", ".")

    # theme 3: an objective the new edition dropped
    gafi = _find(lines, "exigences du GAFI et de nos autorités.", _heading(lines, "3", "Radicalisme"))
    lines[gafi + 1 : gafi + 1] = [
        "",
        "6. Renforcer le suivi des personnes radicalisées détenant légalement des armes a feu, en",
        "collaboration avec les services de renseignement et les autorités administratives.",
    ]

    # theme 2: objective 1 reworded
    _replace(
        lines,
        "Renforcer I'approche guidée par I'intelligence de la cybercriminalité",
        "Développer I'approche guidée par le renseignement en matiere de cybercriminalité",
        _heading(lines, "2", "Cybercriminalité"),
    )

    # theme 1.7 (old 1.6): attention point and footnote reworded
    start_17 = _heading(lines, "1.7", "Blanchiment")
    _replace(
        lines,
        "Partenariats : développer des partenariats renforcés avec",
        "Partenariats : développer des partenariats durables avec",
        start_17,
    )
    _replace(lines, "Le hawala est un systéme informel", "Le hawala est un réseau parallele", start_17)
    _renumber(lines, start_17, "1.7", "1.6")
    _renumber(lines, end_15, "1.6", "1.5")

    # theme 1.4: renamed, and cited one more plan
    start_14 = _heading(lines, "1.4", "Trafic d")
    lines[start_14] = lines[start_14].rstrip() + " et d’explosifs"
    firearms = _find(lines, "EMPACT Firearms", start_14)
    lines[firearms + 1 : firearms + 1] = ["", "Plan d’action national contre le vol de métaux (2022-2025)"]

    # theme 1.1: Maas-Kempenplan not cited yet
    maas = _find(lines, "Maas-Kempenplan", _heading(lines, "1.1", "Trafic de drogue"))
    del lines[maas : maas + (2 if lines[maas + 1 : maas + 2] == [""] else 1)]

    # Reorder: drop 1.5, swap 5 and 6 (renumbered), add 5.3 after the fraud block.
    start_15 = _heading(lines, "1.5", "Mettre")
    end_15 = _heading(lines, "1.5", "Corruption")  # already renumbered above
    start_5 = _heading(lines, "5", "Sécurité routi")
    start_6 = _heading(lines, "6", "Fraude sociale")
    start_7 = _heading(lines, "7", "Violence intrafamiliale")
    road = lines[start_5:start_6]
    fraud = lines[start_6:start_7]
    _renumber(road, 0, "5", "6")
    _renumber(fraud, 0, "6", "5")
    for sub in ("6.1", "6.2"):
        _renumber(fraud, _heading(fraud, sub, "Fraude"), sub, "5" + sub[1:])
    extra = EXTRA_THEME.rstrip("\n").split("\n")
    lines[start_5:start_7] = fraud + extra + road
    del lines[start_15:end_15]

    # The earlier edition's own period, where the plan names itself (not in cited plans).
    first_theme = _heading(lines, "1", "Criminalité organisée")
    for index, line in enumerate(lines):
        if index < first_theme or re.match(r"^ ?Plan national de sécurité 2026-2029 - \d+\s*$", line):
            lines[index] = re.sub(r"2026\s*[-—–]+\s*2029", "2022-2025", line)
    return "\n".join(lines)


def expected_changes() -> list[dict[str, str | None]]:
    return [{"kind": kind, "element": element, "theme": theme} for kind, element, theme in EXPECTED]


def write_edition(folder: Path, source: Path = DEFAULT_SOURCE) -> Path:
    """Write the fictitious edition and its expected changes into ``folder``; return the edition path."""
    folder.mkdir(parents=True, exist_ok=True)
    edition = folder / EDITION_NAME
    edition.write_text(make_edition(source.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / EXPECTED_NAME).write_text(
        json.dumps(expected_changes(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return edition


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path, help="folder to write the edition and expected changes into")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the 2026-2029 OCR text")
    args = parser.parse_args(argv)
    try:
        path = write_edition(args.folder, args.source)
    except (OSError, AnchorError) as error:
        print(f"make_edition: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
