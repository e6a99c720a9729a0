"""Escaping and page furniture shared by every human-readable output: the report, the diff and
the whole-document rendering. One escaper per target language and one stylesheet, so a title
taken from the input is inert everywhere (no live link, no tag, no broken table).
"""

from __future__ import annotations

import html
import re

# Characters with a meaning inside a Markdown line (CommonMark + GitHub tables and strikethrough);
# with the brackets escaped no link or image can form, so parentheses may stay as they are.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# A line opening like a block (heading, list item, rule, numbered item) would start one.
_MD_BLOCK_START = re.compile(r"^(-(?=[\s-]|$)|\+(?=\s|$)|#{1,6}(?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")


def md_text(text: str | None) -> str:
    """``text`` as literal Markdown on one line: emphasis, links, images, code, HTML, table pipes and
    block markers are escaped, so ``[d](javascript:alert(1))`` stays visible text and never a link."""
    flat = " ".join((text or "").split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    if match := _MD_BLOCK_START.match(flat):
        marker = match.group(1)
        # "1." is escaped as "1\." (a backslash before a digit is not an escape); others get one before
        return f"{marker}\\{flat[len(marker) :]}" if marker[0].isdigit() else "\\" + flat
    return flat


def md_code(text: str) -> str:
    """An inline code span holding ``text`` verbatim, whatever backticks it contains."""
    flat = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def h(text: str | int | None) -> str:
    """Text (or an attribute value) safe inside HTML: ``& < > " '`` escaped."""
    return html.escape("" if text is None else str(text), quote=True)


def anchor(element_id: str) -> str:
    """An id usable as an HTML id and a URL fragment as is: the document's ids (``theme_8.10``,
    ``chapter_3__section_1``) pass unchanged; anything else becomes ``-``."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", element_id) or "-"


# One stylesheet for every page: readable from a 360 px phone to a desktop; wide tables scroll in
# their own box instead of widening the page.
STYLESHEET = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem auto;max-width:72rem;
color:#1d232a;line-height:1.45;padding:0 1rem;overflow-wrap:break-word}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}h3{font-size:1.05rem}
a{color:#1f4e9a}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
.scroll>table{margin:0}
#objectives-table td:first-child{min-width:11rem}
.page{color:#57606a;font-size:.85em;white-space:nowrap}
.facts,.note{color:#57606a;font-size:.9em}
ul.outline{padding-left:1rem}ul.outline ul{padding-left:1.2rem}ul.outline li{margin:2px 0}
svg.chart{display:block;width:100%;max-width:42rem;height:auto}
ins{background:#d1f7d6;text-decoration:none;color:#0a5d1a}
del{background:#ffd7d5;color:#8a1313}
.k{font-weight:600;padding:.1rem .4rem;border-radius:.3rem;font-size:.85em}
.added{background:#d1f7d6}.removed{background:#ffd7d5}.modified{background:#fff1bf}
.renumbered{background:#d6ecff}.moved{background:#f1ddff}
.f{color:#57606a;font-size:.85em;margin-right:.3rem}
@media (max-width:40rem){
table.changes,table.changes tbody,table.changes tr,table.changes td{display:block;width:100%}
table.changes tr:first-child{display:none}
table.changes tr{border:1px solid #d0d7de;margin:.5rem 0;padding:.2rem 0}
table.changes td{border:none;padding:.15rem .5rem}
table.changes td:empty{display:none}
table.changes td::before{content:attr(data-label) " ";color:#57606a;font-size:.8em}
}
#plan-matrix th.theme{vertical-align:bottom;padding:.3rem .1rem}
#plan-matrix th.theme a{writing-mode:vertical-rl;text-orientation:sideways;transform:rotate(180deg);
white-space:nowrap;font-weight:normal;font-size:.85em;color:inherit;text-decoration:none}
#plan-matrix td.cell{width:1.4rem;min-width:1.4rem;padding:0;text-align:center}
#plan-matrix td.hit{background:#1f4e9a;color:#ffffff;font-size:.7em}
#plan-matrix td.plan{font-size:.9em;min-width:12rem;max-width:26rem}
#plan-matrix tr:nth-child(even) td.plan{background:#f3f3f3}
"""


def html_page(title: str, body: list[str], lang: str = "fr") -> str:
    """A self-contained page (inline CSS, no script, no external asset) around ``body``'s lines;
    ``title`` is plain text, the body lines are HTML already."""
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{h(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(title)}</title>",
        f"<style>{STYLESHEET}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"
