"""Worker processes: capped, dying with their parent (SIGKILL included), stopped cleanly by Ctrl-C
and SIGTERM; OCR engine failures named for what they were, never cached (issue 16)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_helpers import EXCERPT_PDF, EXCERPT_SCAN, FAST, ROOT, run

from pns_extract import processes
from pns_extract.ingest import IngestOptions
from pns_extract.ingest.ocr import TesseractEngine
from pns_extract.ingest.pdf import read_pdf

SLOW_RUNS = ROOT / "tests" / "slow_runs.py"


def test_jobs_are_capped_by_cores_and_memory(monkeypatch):
    monkeypatch.setattr(processes, "usable_cores", lambda: 2)
    monkeypatch.setattr(processes, "available_memory_mb", lambda: 100_000)
    assert processes.worker_count(1000, 300) == 2
    assert processes.worker_count(0, 300) == 2
    assert processes.worker_count(1, 300) == 1
    assert processes.worker_count(1000, 300, tasks=1) == 1
    monkeypatch.setattr(processes, "available_memory_mb", lambda: 1000)
    assert processes.worker_count(1000, 800) == 1  # one 800 MB worker fits, two do not
    monkeypatch.setattr(processes, "available_memory_mb", lambda: 10)
    assert processes.worker_count(4, 800) == 1  # always at least one


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}  # a zombie is dead, only not reaped (PID 1 may not reap here)


def wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def start(args: list[str], tmp: Path, **kwargs) -> subprocess.Popen:
    environment = {**os.environ, "TMPDIR": str(tmp), "PNS_EXTRACT_CACHE": str(tmp / "cache")}
    return subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, **kwargs
    )


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT to the group"])
def test_a_scan_run_stopped_leaves_nothing_behind(tmp_path, how):
    """Workers reading pages: killed with their parent, or stopped with it on SIGTERM / Ctrl-C
    (one line, exit 143 / 130, no traceback); no temporary file left in TMPDIR."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = start(
        [str(SLOW_RUNS), "cli", str(EXCERPT_SCAN), "--jobs", "2", "-o", str(tmp_path / "out.json"), *FAST],
        temp,
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: len(children(process.pid)) >= 2), process.stderr.read() if process.poll() else ""
        time.sleep(1.0)  # the workers are in their pages
        workers = descendants(process.pid)
        if how == "SIGKILL":
            process.kill()
        elif how == "SIGTERM":
            process.terminate()
        else:
            os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), timeout=15), [command_of(p) for p in workers]
    finally:
        if process.poll() is None:
            process.kill()
    if how != "SIGKILL":
        assert process.returncode == (143 if how == "SIGTERM" else 130)
        assert stderr.decode().strip() == "pns-extract: interrupted"
    assert not (tmp_path / "out.json").exists()
    assert [path.name for path in temp.iterdir() if path.name != "cache"] == []


def test_a_killed_batch_leaves_no_worker(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("1. Thème\n", encoding="utf-8")
    process = start([str(SLOW_RUNS), "batch", str(folder), str(tmp_path / "out")], tmp_path)
    try:
        assert wait_for(lambda: len(children(process.pid)) >= 2)
        time.sleep(3.0)  # the spawned workers have started their documents
        workers = descendants(process.pid)
        process.kill()
        process.communicate(timeout=30)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), timeout=15), [command_of(p) for p in workers]
    finally:
        if process.poll() is None:
            process.kill()


def test_a_killed_run_takes_its_tesseract_children_along(tmp_path):
    """The real engine: Tesseract processes of the page workers die with them."""
    process = start(
        [
            "-m",
            "pns_extract.cli",
            str(EXCERPT_SCAN),
            "--jobs",
            "2",
            "--no-cache",
            "-o",
            str(tmp_path / "o.json"),
            *FAST,
        ],
        tmp_path,
    )
    try:
        engines = lambda: {pid for pid in descendants(process.pid) if "tesseract" in command_of(pid)}  # noqa: E731
        assert wait_for(lambda: bool(engines()), timeout=60)
        everything = descendants(process.pid)
        process.kill()
        process.communicate(timeout=30)
        assert wait_for(lambda: not any(alive(pid) for pid in everything), timeout=15)
    finally:
        if process.poll() is None:
            process.kill()


FAKE_TESSERACT = """#!/bin/sh
case "$1" in
  --version) echo "{version}"; exit 0;;
  --list-langs) printf 'List of available languages in "/x/" (1):\\nfra\\n'; exit 0;;
esac
cat > /dev/null
{behaviour}
"""
TSV_HEAD = "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n"
BEHAVIOURS = {
    "crash": ("kill -SEGV $$", "Tesseract crashed (killed by SIGSEGV)"),
    "garbage": ("echo 'Segmentation fault?'", "malformed"),
    "malformed TSV": (f"printf '{TSV_HEAD}5\\t1\\t1\\t1\\t1\\t1\\tx\\t1\\t1\\t1\\t90\\tmot\\n'", "malformed"),
    "empty": ("exit 0", "without output"),
    "error": ("echo 'Error: cannot read image' >&2; exit 1", "exit status 1: Error: cannot read image"),
    "timeout": ("exec sleep 30", "timed out after 2 s"),
}


@pytest.fixture
def fake_tesseract(tmp_path, monkeypatch):
    from pns_extract.ingest import tesseract_run

    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True).stdout
    real = tesseract_run.TESSERACT

    def install(behaviour: str) -> None:
        script = tmp_path / "tesseract"
        script.write_text(FAKE_TESSERACT.format(version=version.splitlines()[0], behaviour=behaviour))
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        monkeypatch.setattr(tesseract_run, "TESSERACT", str(script))
        monkeypatch.setattr(TesseractEngine, "resident", False)  # the stand-in is a command

    yield install
    tesseract_run.TESSERACT = real


@pytest.mark.parametrize("case", list(BEHAVIOURS))
def test_an_engine_failure_is_named_and_never_cached(tmp_path, monkeypatch, fake_tesseract, case):
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(tmp_path / "cache"))
    behaviour, message = BEHAVIOURS[case]
    fake_tesseract(behaviour)
    source = read_pdf(EXCERPT_SCAN, IngestOptions(jobs=1, ocr_timeout=2))
    assert source.failed_pages == [1, 2]
    failures = [notice.message for notice in source.warnings if notice.kind == "page-failed"]
    assert len(failures) == 2 and all(message in failure for failure in failures), failures
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").rglob("*.json"))


def test_after_an_empty_engine_the_real_one_reads_the_pages(tmp_path, monkeypatch, fake_tesseract):
    """The issue's case: an engine that exits 0 without output must not leave blank pages in the
    cache for the real Tesseract's next run."""
    from pns_extract.ingest import tesseract_run

    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(tmp_path / "cache"))
    real = tesseract_run.TESSERACT
    fake_tesseract("printf '" + TSV_HEAD + "'")  # valid TSV, no word: a blank page
    blank = read_pdf(EXCERPT_SCAN, IngestOptions(jobs=2))
    assert not any(line.text for line in blank.lines())
    monkeypatch.setattr(tesseract_run, "TESSERACT", real)
    again = read_pdf(EXCERPT_SCAN, IngestOptions(jobs=2))
    assert again.failed_pages == [] and sum(1 for line in again.lines() if line.text) > 40


def test_a_worker_address_space_is_bounded():
    """What ``init_worker`` does in a page worker: past its limit an allocation fails alone."""
    code = (
        "from pns_extract.processes import limit_memory\n"
        "limit_memory(256 << 20)\n"
        "try:\n    block = bytearray(2 << 30)\nexcept MemoryError:\n    print('bounded')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "bounded", done.stderr


def test_a_page_that_runs_out_of_memory_is_a_limit(tmp_path, monkeypatch, capsys):
    import pns_extract.ingest.pdf as pdf

    def exhausted(page):
        raise MemoryError

    monkeypatch.setattr(pdf, "_content", exhausted)
    code, _, stderr = run([EXCERPT_PDF, "--jobs", "1", "--no-cache", *FAST], capsys)
    assert code == 9 and "more memory than the limit" in stderr


def test_a_batch_stopped_by_sigterm(tmp_path):
    """The CLI's batch: SIGTERM stops its workers mid-document, one line, exit 143."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.pdf", "b.pdf"):
        (folder / name).symlink_to(ROOT / "corpus" / "pns-2026-2029.scan.pdf")  # minutes of OCR each
    process = start(["-m", "pns_extract.cli", "batch", str(folder), "-o", str(tmp_path / "out"), "-j", "2"], tmp_path)
    try:
        assert wait_for(lambda: len(children(process.pid)) >= 2)
        time.sleep(3.0)
        workers = descendants(process.pid)
        process.terminate()
        _, stderr = process.communicate(timeout=60)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), timeout=15), [command_of(p) for p in workers]
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 143
    assert stderr.decode() == "pns-extract: interrupted\n"
    assert not list((tmp_path / "out").glob("*.json"))


def _script(folder: Path, body: str) -> str:
    script = folder / "tesseract"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_other_work_runs_while_tesseract_reads_the_page(tmp_path: Path) -> None:
    """``meanwhile`` runs once the engine has the whole image (and its end), before the engine is
    done: this engine waits for a file that only ``meanwhile`` creates."""
    from pns_extract.ingest.tesseract_run import TSV_HEADER, run_tesseract

    command = _script(
        tmp_path,
        f'cat > "{tmp_path}/input"; touch "{tmp_path}/has-image"\n'
        f'while [ ! -e "{tmp_path}/go" ]; do sleep 0.05; done\n'
        f"printf '{TSV_HEAD}'\n",
    )
    image = os.urandom(300_000)  # several pipe buffers
    seen: list[bytes] = []

    def meanwhile() -> None:
        for _ in range(200):  # the engine has its whole input: it goes on to mark it
            if (tmp_path / "has-image").exists():
                break
            time.sleep(0.025)
        seen.append((tmp_path / "input").read_bytes())
        (tmp_path / "go").touch()

    tsv = run_tesseract(command, image, "fra", 3, 300, timeout=20, meanwhile=meanwhile)
    assert tsv.startswith(TSV_HEADER) and seen == [image]


@pytest.mark.parametrize(
    ("body", "message", "other_work"),
    [
        ("exec sleep 30\n", "timed out after 1 s", []),  # never reads its input: the writing times out
        ("echo 'Error: no image' >&2; exit 3\n", "exit status 3: Error: no image", [True]),  # gone unread
    ],
)
def test_an_engine_that_does_not_take_the_image_is_named(tmp_path: Path, body: str, message: str, other_work) -> None:
    from pns_extract.errors import OcrFailedError
    from pns_extract.ingest.tesseract_run import run_tesseract

    ran: list[bool] = []
    with pytest.raises(OcrFailedError, match=message):
        run_tesseract(_script(tmp_path, body), os.urandom(1 << 20), "fra", 3, 300, 1.0, lambda: ran.append(True))
    assert ran == other_work  # nothing hangs, the cause is named
