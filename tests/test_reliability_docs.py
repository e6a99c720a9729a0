"""The README's exit-code and limits tables cover the code (issue 16)."""

from __future__ import annotations

import re
import signal
from pathlib import Path

from pns_extract import interrupts, limits
from pns_extract.errors import ExitCode

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(title)
    following = re.search(r"^#{2,3} ", README[start + len(title) :], re.MULTILINE)
    return README[start : start + len(title) + (following.start() if following else len(README))]


def test_every_exit_code_is_in_the_readme_table():
    table = section("## Exit codes and errors")
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    assert documented == {int(code) for code in ExitCode}


def test_signals_exit_with_their_documented_codes():
    assert interrupts.exit_code(interrupts.Interrupted(signal.SIGTERM)) == ExitCode.TERMINATED
    assert interrupts.exit_code(interrupts.Interrupted(signal.SIGINT)) == ExitCode.INTERRUPTED
    assert interrupts.exit_code(KeyboardInterrupt()) == ExitCode.INTERRUPTED
    assert interrupts.exit_code(interrupts.Interrupted(signal.SIGHUP)) == ExitCode.HANGUP


def test_every_limit_is_in_the_readme_limits_table():
    table = section("### Limits")
    names = [name for name in vars(limits) if name.startswith("MAX_")]
    assert names and all(f"limits.{name}" in table for name in names)
    for option in ("--max-bytes", "--max-lines", "--max-pages", "--max-image-pixels", "--ocr-timeout"):
        assert option in table
