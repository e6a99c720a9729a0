"""Every input kind is bounded, and only regular files are read (issue 16: unbounded resources)."""

from __future__ import annotations

import json
import os
import stat
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reliability_helpers import EXCERPT_PDF, FAST, SMALL_PLAN, one_error_line, run, run_process

from pns_extract import limits
from pns_extract.errors import ExitCode, LimitExceededError
from pns_extract.ingest.text import source_from_text, split_pages


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


def special_file(kind: str, folder: Path) -> Path:
    if kind == "fifo":
        path = folder / "plan.txt"
        os.mkfifo(path)
        return path
    if kind == "link to /dev/zero":
        path = folder / "plan.pdf"
        path.symlink_to("/dev/zero")
        return path
    return Path(kind)


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "link to /dev/zero", "/dev/null"])
def test_a_special_file_is_refused_at_once(tmp_path, kind):
    """A FIFO would block forever and /dev/zero fill the memory: both are refused before any read."""
    path = special_file(kind, tmp_path)
    done = run_process([path, *FAST], timeout=30)
    assert done.returncode == ExitCode.INPUT_UNREADABLE
    assert "not a regular file" in one_error_line(done.stderr)
    assert done.stdout == b""


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
def test_max_bytes_applies_to_text_and_pdf(tmp_path, capsys, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(EXCERPT_PDF.read_bytes() if suffix == ".pdf" else SMALL_PLAN.encode())
    limit = path.stat().st_size - 1
    code, stdout, stderr = run([path, "--max-bytes", limit, *FAST], capsys)
    assert code == ExitCode.LIMIT_EXCEEDED and stdout == ""
    assert "--max-bytes" in one_error_line(stderr)
    assert run([path, "--max-bytes", limit + 1, "--allow-partial", *FAST], capsys)[0] == 0


def test_the_default_byte_limit_refuses_a_huge_file_without_reading_it(tmp_path, capsys):
    """A 300 MB file (sparse: no disk used) is refused from its size: the memory never grows."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)
    tracemalloc.start()
    try:
        code, _, stderr = run([path, *FAST], capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == ExitCode.LIMIT_EXCEEDED and "bytes" in one_error_line(stderr)
    assert peak < 20 * 1024 * 1024


@given(size=st.integers(0, 5000), limit=st.integers(1, 5000))
@settings(max_examples=40, deadline=None)
def test_read_bounded_never_returns_more_than_the_limit(tmp_path_factory, size, limit):
    path = tmp_path_factory.mktemp("bounded") / "data.bin"
    path.write_bytes(b"x" * size)
    if size > limit:
        with pytest.raises(LimitExceededError):
            limits.read_bounded(path, limit)
    else:
        assert limits.read_bounded(path, limit) == b"x" * size


def test_max_lines(tmp_path, capsys, small_plan):
    lines = small_plan.read_text(encoding="utf-8").count("\n")
    code, _, stderr = run([small_plan, "--max-lines", lines // 2, *FAST], capsys)
    assert code == ExitCode.LIMIT_EXCEEDED and "--max-lines" in one_error_line(stderr)
    # a plan repeated many times (the 200 MB case, scaled down): refused from its line count
    repeated = tmp_path / "repeated.txt"
    repeated.write_text(SMALL_PLAN * 2000, encoding="utf-8")
    code, _, stderr = run([repeated, "--max-lines", 10_000, *FAST], capsys)
    assert code == ExitCode.LIMIT_EXCEEDED


def test_a_line_too_long(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text(SMALL_PLAN + "x" * (limits.MAX_LINE_CHARS + 1) + "\n", encoding="utf-8")
    code, _, stderr = run([path, *FAST], capsys)
    assert code == ExitCode.LIMIT_EXCEEDED and "characters" in one_error_line(stderr)


@pytest.mark.parametrize("ending", ["\r", "\r\n", "mixed"])
def test_cr_only_and_mixed_line_endings(tmp_path, capsys, small_plan, ending):
    """Old Mac files (CR only) and files mixing endings give the same document as LF files."""
    expected = json.loads(run([small_plan, *FAST], capsys)[1])
    lines = SMALL_PLAN.split("\n")
    if ending == "mixed":
        # a CR before an empty line ending in LF would read as one CRLF (one line less, and the
        # themes' source lines would move): there a CRLF is written, which reads the same
        endings = [("\r", "\n", "\r\n")[i % 3] for i in range(len(lines))]
        for i, line in enumerate(lines[1:]):
            if endings[i] == "\r" and not line and endings[i + 1] == "\n":
                endings[i] = "\r\n"
        text = "".join(line + end for line, end in zip(lines, endings, strict=True))
    else:
        text = ending.join(lines)
    other = tmp_path / "plan-endings.txt"
    other.write_bytes(text.encode("utf-8"))
    code, stdout, _ = run([other, *FAST], capsys)
    assert code == 0
    got = json.loads(stdout)
    assert got["themes"] == expected["themes"] and got["coverage"] == expected["coverage"]


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_characters="\r\n\f"), max_size=20), min_size=1, max_size=30),
    st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=30, max_size=30),
)
@settings(max_examples=80, deadline=None)
def test_any_line_endings_split_like_lf(lines, endings):
    # a lone CR before an empty line ended by LF would read as one CRLF: not what is meant here
    ambiguous = any(
        endings[i] == "\r" and lines[i + 1] == "" and endings[i + 1].startswith("\n") for i in range(len(lines) - 1)
    )
    assume(not ambiguous)
    mixed = "".join(line + endings[i] for i, line in enumerate(lines))
    plain = "".join(line + "\n" for line in lines)
    as_text = [[line.text for line in page.lines] for page in split_pages(mixed)]
    assert as_text == [[line.text for line in page.lines] for page in split_pages(plain)]


@pytest.mark.parametrize("no_cache", [False, True])
def test_a_file_name_that_is_not_utf8(tmp_path, capsys, no_cache):
    name = os.fsdecode(b"plan-\xff\xfe.txt")
    path = tmp_path / name
    path.write_text(SMALL_PLAN, encoding="utf-8")
    out = tmp_path / os.fsdecode(b"out-\xff.json")
    code, _, stderr = run([path, "-o", out, *FAST, *(["--no-cache"] if no_cache else [])], capsys)
    assert code == 0, stderr
    document = json.loads(out.read_bytes())
    assert document["source"]["file"] == "plan-\ufffd\ufffd.txt"
    missing = tmp_path / os.fsdecode(b"gone-\xff.txt")
    code, _, stderr = run([missing, *FAST], capsys)
    assert code == ExitCode.INPUT_NOT_FOUND and "gone-\\xff.txt" in one_error_line(stderr)


def test_batch_skips_special_files_with_a_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_text(SMALL_PLAN, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    done = run_process(["batch", folder, "-o", tmp_path / "out", "-j", "1", "--no-repair"], timeout=240)
    assert done.returncode == ExitCode.PARTIAL, done.stderr
    assert (tmp_path / "out" / "plan.json").is_file()
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["plan.json"]
    report = done.stderr.decode()
    assert report.count("skipped") == 2 and "1 ok, 2 failed" in report
    assert stat.S_ISFIFO(os.stat(folder / "pipe.txt").st_mode)


def test_source_from_text_keeps_working_on_lone_cr():
    source = source_from_text("a\rb\r\nc")
    assert [(line.number, line.text) for line in source.lines()] == [(1, "a"), (2, "b"), (3, "c")]
