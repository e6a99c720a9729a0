"""Shared by the tests/test_reliability_*.py files: run the CLI in-process or as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import plan

from pns_extract.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXCERPT_PDF = DATA / "excerpt.pdf"
EXCERPT_SCAN = DATA / "excerpt.scan.pdf"
EXCERPT_TEXT = DATA / "excerpt.txt"
FAST = ["--no-repair", "--no-enrich", "--quiet"]
CLI = [sys.executable, "-m", "pns_extract.cli"]

SMALL_PLAN = plan(
    "1. Criminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n"
    "1. Réaliser une image ;\n\n2. Définir des mesures.\n"
)


def run(args: list[object], capsys) -> tuple[int, str, str]:
    code = main([os.fsdecode(arg) if isinstance(arg, bytes) else str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_process(args: list[object], timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """The CLI as a real process (a hang becomes a failed test, not a stuck suite)."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([*CLI, *map(str, args)], timeout=timeout, check=False, **kwargs)


def one_error_line(stderr: str | bytes) -> str:
    """The single line the CLI prints on an error; fails when there is more (a traceback)."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]
