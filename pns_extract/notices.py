"""Warnings as a reader sees them: grouped by kind (in ``model.NoticeKind``'s order), each with
its page and line, in document order within a kind. Plain lines: the CLI prints them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

from .model import Notice, NoticeKind

KINDS: tuple[NoticeKind, ...] = get_args(NoticeKind)


def where(notice: Notice) -> str:
    """``p. 4, l. 120``, ``p. 4``, ``l. 120`` or ``""``."""
    page = f"p. {notice.page}" if notice.page is not None else ""
    line = f"l. {notice.line}" if notice.line is not None else ""
    return ", ".join(part for part in (page, line) if part)


def notice_lines(notices: Sequence[Notice]) -> list[str]:
    """``kind (count)`` headings, each followed by its notices indented: ``  p. 4, l. 120: message``."""
    lines: list[str] = []
    for kind in KINDS:
        group = [notice for notice in notices if notice.kind == kind]
        if not group:
            continue
        lines.append(f"{kind} ({len(group)})")
        for notice in group:
            place = where(notice)
            lines.append(f"  {place}: {notice.message}" if place else f"  {notice.message}")
    return lines
