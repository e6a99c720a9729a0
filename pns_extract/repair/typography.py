"""Year ranges: OCR reads the hyphen of ``2026-2029`` as a dash, or as a dash plus a hyphen.

The document itself says which separator it prints: the one most of its year ranges use."""

from __future__ import annotations

import re
from collections import Counter

_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-—–]{1,3})((?:19|20)\d\d)(?!\d)")


def range_style(texts: list[str]) -> str | None:
    """The separator most year ranges of the document use, if one clearly dominates."""
    counts = Counter(match.group(2) for text in texts for match in _RANGE.finditer(text))
    if not counts:
        return None
    style, count = counts.most_common(1)[0]
    return style if len(style) == 1 and count >= 3 * (sum(counts.values()) - count) else None


def fix_ranges(text: str, style: str | None) -> tuple[str, list[tuple[str, str, str]]]:
    """Rewrite the year ranges of one line to the document's separator."""
    edits: list[tuple[str, str, str]] = []
    if style is None:
        return text, edits

    def swap(match: re.Match[str]) -> str:
        if match.group(2) == style:
            return match.group()
        new = match.group(1) + style + match.group(3)
        edits.append((match.group(), new, "dash"))
        return new

    return _RANGE.sub(swap, text), edits
