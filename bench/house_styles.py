"""The plan in house styles it has never been seen in: the corpus text typeset in seeded random
styles (and the issue's named ones), and scanned.

    .venv/bin/python -m bench.house_styles --seed 7 out.pdf          # a random style
    .venv/bin/python -m bench.house_styles --style two-columns-reflowed out.pdf
    .venv/bin/python -m bench.house_styles --seed 7 --scan out.pdf   # the same, scanned
    .venv/bin/python -m bench.house_styles --seed 7 --pages 10-18 out.pdf  # an excerpt (text pages)
    .venv/bin/python -m bench.house_styles --list                    # the named styles, and seeds 0-9

What each line of the corpus is (theme heading, part, actor group, objective title, list item,
footnote, glossary, furniture) comes from the text-path extraction of the corpus (``typeset.plan``);
the styles are in ``typeset.style``, the typesetter in ``typeset.layout``, the scanner in
``typeset.scan``. Output is deterministic: the same style gives the same bytes.
"""

from __future__ import annotations

import argparse
import tempfile
from functools import cache
from pathlib import Path

from bench.typeset.layout import typeset
from bench.typeset.plan import Plan, load_plan
from bench.typeset.scan import ScanParams, random_scan, scan
from bench.typeset.style import FACES, NAMED, Style, random_style

__all__ = [
    "FACES",
    "NAMED",
    "Plan",
    "ScanParams",
    "Style",
    "corpus_plan",
    "random_scan",
    "random_style",
    "render",
    "scan",
]


@cache
def corpus_plan() -> Plan:
    """The corpus read through the text path, once per process (about 15 s)."""
    return load_plan()


def render(style: Style, out: Path, plan: Plan | None = None, pages: tuple[int, int] | None = None) -> int:
    """Typeset the corpus (or text pages ``pages`` = (first, last) of it) in ``style`` into ``out``;
    returns the number of PDF pages."""
    plan = plan or corpus_plan()
    if pages is not None:
        plan = plan.excerpt(*pages)
    return typeset(style, plan, out)


def render_scan(
    style: Style, params: ScanParams, out: Path, plan: Plan | None = None, pages: tuple[int, int] | None = None
) -> int:
    with tempfile.TemporaryDirectory(prefix="pns-style-") as folder:
        source = Path(folder) / "source.pdf"
        count = render(style, source, plan, pages)
        scan(source, out, params)
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Typeset the corpus in a house style (and scan it).")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--seed", type=int, help="a random style drawn from this seed")
    parser.add_argument("--style", choices=sorted(NAMED), help="a named style")
    parser.add_argument("--scan", action="store_true", help="scan the typeset pages into an image-only PDF")
    parser.add_argument("--scan-seed", type=int, help="scan parameters drawn from this seed (default: --seed)")
    parser.add_argument("--pages", help="text pages FIRST-LAST of the corpus only")
    parser.add_argument("--list", action="store_true", help="print the named styles and seeds 0-9")
    args = parser.parse_args(argv)
    if args.list:
        for style in [*NAMED.values(), *(random_style(seed) for seed in range(10))]:
            print(f"{style.name:<32} {style.describe()}")
        return
    if args.out is None or (args.seed is None) == (args.style is None):
        parser.error("give OUT.pdf and exactly one of --seed or --style")
    style = NAMED[args.style] if args.style else random_style(args.seed)
    pages = tuple(int(p) for p in args.pages.split("-")) if args.pages else None
    print(style.name, style.describe())
    if args.scan:
        params = random_scan(args.scan_seed if args.scan_seed is not None else (args.seed or 0))
        print(params.describe())
        count = render_scan(style, params, args.out, pages=pages)
    else:
        count = render(style, args.out, pages=pages)
    print(f"wrote {args.out} ({count} pages)")


if __name__ == "__main__":
    main()
