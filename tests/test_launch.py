"""The ``pns-extract`` command's entry (launch.py): a re-run answered from the result cache before
the CLI loads writes the same bytes, says the same things and exits with the same code as the
whole CLI; anything it does not read exactly as typer does goes to the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import plan

from pns_extract import cli, launch, result_cache
from pns_extract.errors import ExitCode
from pns_extract.flags import ALL_FLAGS, FLAGS

COMMAND = Path(sys.executable).parent / "pns-extract"
FAST = ["--no-repair", "--no-enrich"]
THEMES = (
    "1. Criminalité organisée\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Fédérale :\n\n"
    "1. Réaliser une image ;\n\n2. Définir des mesures.\n",
    # theme 2 is missing: a numbering warning, printed on every run
    "3. Cybercriminalité\n\nDescription.\n\n» Objectifs stratégiques\nPour la Police Locale :\n\n1. Protéger ;\n",
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PNS_EXTRACT_CACHE", str(folder))
    return folder


@pytest.fixture
def warned_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(plan(*THEMES), encoding="utf-8")
    return path


def command(args: list[object], cache: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PNS_EXTRACT_CACHE": str(cache), "COLUMNS": "100"}
    return subprocess.run([COMMAND, *map(str, args)], capture_output=True, env=env, timeout=120, check=False, **kwargs)


def hit(args: list[str]) -> int | None:
    """The exit code of ``args`` answered from the result cache, None on a miss."""
    request = launch.plain_extract(args)
    assert request is not None
    return launch.answer_from_cache(request)


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "results").rglob("*.json"))


@pytest.mark.parametrize(
    "extra",
    [
        ["-o", "{out}.json"],  # the summary and the warnings
        ["--format", "yaml", "--quiet"],  # to stdout
        ["extract", "--output={out}.yaml", "--jobs=1", "--pages", "1-", "--quiet", "--strict"],  # 14
    ],
)
def test_a_re_run_from_the_cache_writes_and_says_what_the_whole_cli_does(warned_plan, tmp_path, cache, extra):
    def args(name: str) -> list[str]:
        words = [word.replace("{out}", str(tmp_path / name)) for word in extra]
        if words[:1] == ["extract"]:
            return ["extract", str(warned_plan), *words[1:], *FAST]
        return [str(warned_plan), *words, *FAST]

    first = command(args("first"), cache)
    assert first.returncode in (0, ExitCode.WARNINGS) and len(entries(cache)) == 1
    assert launch.plain_extract(args("again")) is not None  # read by the launcher, not sent to the CLI
    again = command(args("again"), cache)
    assert again.returncode == first.returncode
    assert again.stdout == first.stdout  # the document when it goes to stdout
    assert again.stderr == first.stderr.replace(b"first", b"again")  # summary, warnings, "written to"
    written = sorted(tmp_path.glob("first.*")), sorted(tmp_path.glob("again.*"))
    assert [path.read_bytes() for path in written[0]] == [path.read_bytes() for path in written[1]]
    if "--quiet" not in extra:
        assert b"numbering (1)" in again.stderr and b"3 follows a gap" in again.stderr
    if "--strict" in extra:
        assert again.returncode == ExitCode.WARNINGS


def test_a_hit_loads_neither_the_cli_nor_the_models(warned_plan, tmp_path, cache):
    assert command([warned_plan, "-o", tmp_path / "a.json", "--quiet", *FAST], cache).returncode == 0
    probe = (
        "import sys; from pns_extract.launch import answer_from_cache, plain_extract; "
        f"code = answer_from_cache(plain_extract([{str(warned_plan)!r}, '-o', {str(tmp_path / 'b.json')!r}, '--quiet', "
        "'--no-repair', '--no-enrich'])); "
        "heavy = [name for name in ('typer', 'rich', 'pydantic', 'pdfplumber', 'spacy', 'yaml', 'pns_extract.cli',"
        " 'pns_extract.model') if name in sys.modules]; print(code, heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PNS_EXTRACT_CACHE": str(cache)},
        check=True,
    )
    assert done.stdout.strip() == "0 []"
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_a_changed_input_version_or_code_is_a_miss(warned_plan, tmp_path, cache, monkeypatch, capsys):
    args = [str(warned_plan), "-o", str(tmp_path / "out.json"), "--quiet", *FAST]
    assert cli.main(args) == 0  # the whole CLI fills the cache
    assert hit(args) == 0
    real_version, real_digest = result_cache.__version__, result_cache.code_digest
    monkeypatch.setattr(result_cache, "__version__", "99.0")
    assert hit(args) is None
    monkeypatch.setattr(result_cache, "__version__", real_version)
    monkeypatch.setattr(result_cache, "code_digest", lambda: "0" * 64)
    assert hit(args) is None
    monkeypatch.setattr(result_cache, "code_digest", real_digest)
    assert hit(args) == 0
    warned_plan.write_text(plan(*THEMES) + "Une ligne de plus.\n", encoding="utf-8")
    assert hit(args) is None
    assert hit([*args[:-2], "--no-repair"]) is None  # another option
    capsys.readouterr()


@pytest.mark.parametrize("how", ["document altered", "summary altered", "emptied"])
def test_an_entry_that_does_not_verify_goes_to_the_cli_which_reports_it(warned_plan, tmp_path, cache, how):
    out = tmp_path / "out.json"
    first = command([warned_plan, "-o", out, *FAST], cache)
    expected = out.read_bytes()
    [entry] = entries(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    if how == "document altered":
        data["document"] = data["document"].replace("Cybercriminalité", "Cyberinventée")
    elif how == "summary altered":
        data["summary"]["warning_lines"] = []
    entry.write_text("" if how == "emptied" else json.dumps(data), encoding="utf-8")
    args = [str(warned_plan), "-o", str(out), *FAST, "--verbose"]
    assert hit(args) is None  # left to the CLI, untouched
    again = command(args, cache)
    assert again.returncode == first.returncode and out.read_bytes() == expected
    assert b"notice: result cache: entry" in again.stderr and b"discarded" in again.stderr


def test_a_closed_stdout_fails_as_in_the_whole_cli(warned_plan, cache):
    args = [warned_plan, "--quiet", *FAST]
    assert command(args, cache).returncode == 0

    def close_stdout() -> None:
        os.close(1)

    closed = command(args, cache, preexec_fn=close_stdout)
    full = subprocess.run(
        [sys.executable, "-m", "pns_extract.cli", *map(str, args), "--no-cache"],
        capture_output=True,
        env={**os.environ, "PNS_EXTRACT_CACHE": str(cache)},
        preexec_fn=close_stdout,
        check=False,
    )
    assert closed.returncode == full.returncode == ExitCode.OUTPUT_ERROR
    assert closed.stderr == full.stderr and closed.stderr.startswith(b"pns-extract: error: stdout")


def _typer_options(args: list[str], monkeypatch: pytest.MonkeyPatch):
    """The ExtractOptions typer builds for ``args`` (the extraction itself stopped)."""
    seen = []

    def capture(source, target, fmt, options, **_):
        seen.append(options)
        return ExitCode.OK

    monkeypatch.setattr(cli, "_extract_one", capture)
    assert cli.main(args) == 0
    return seen[0]


VALUES = {
    "ocr": "always",
    "lang": "eng",
    "jobs": "3",
    "password": "secret",
    "pages": "2-5",
    "max_pages": "12",
    "max_image_pixels": "1000",
    "ocr_timeout": "7.5",
    "max_bytes": "123456",
    "max_lines": "999",
}


@pytest.mark.parametrize("name", ALL_FLAGS)
def test_every_extraction_flag_is_read_as_typer_reads_it(name, tmp_path, monkeypatch):
    source = tmp_path / "plan.txt"
    source.write_text("x\n", encoding="utf-8")
    flag = FLAGS[name]
    given = [flag.decls[-1]] if flag.kind is bool else [flag.decls[-1], VALUES[name]]
    args = [str(source), "-o", str(tmp_path / "out.yml"), *given]
    request = launch.plain_extract(args)
    assert request is not None and request.format == "yaml"
    assert request.options == _typer_options(args, monkeypatch)
    assert request.options != launch.plain_extract(args[:3]).options  # the flag changed something


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["--version"],
        ["diff", "a.json", "b.json"],
        ["a.pdf", "b.pdf", "-o", "out"],  # several inputs
        ["-"],  # stdin
        ["a.pdf", "--", "-b.pdf"],
        ["a.pdf", "-qv"],  # combined short flags
        ["a.pdf", "--jobs", "-1"],  # refused by typer: its message
        ["a.pdf", "--jobs", "two"],
        ["a.pdf", "--max-pages", "0"],
        ["a.pdf", "--ocr", "sometimes"],
        ["a.pdf", "--pages", "x"],
        ["a.pdf", "--jobs", "1", "--jobs", "2"],
        ["a.pdf", "--quiet=yes"],
        ["a.pdf", "--format", "markdown"],  # rendered from the model
        ["a.pdf", "-o", "out.html"],
        ["a.pdf", "-o", "out.txt"],  # an unknown format: the CLI's error
        ["a.pdf", "--jobs"],
        ["a.pdf", "--no-such-option"],
    ],
)
def test_what_the_launcher_does_not_read_exactly_goes_to_the_cli(args):
    assert launch.plain_extract(args) is None


def test_an_output_folder_goes_to_the_cli(tmp_path):
    assert launch.plain_extract(["a.pdf", "-o", str(tmp_path)]) is None


NOT_A_PLAN = "Une lettre.\n\nRien de plus.\n"


@pytest.mark.parametrize(
    ("case", "extra"),
    [
        ("ok", ["--quiet", "--strict"]),  # 14: a warning
        ("ok", []),  # the summary: through cli.extract_plain
        ("not a plan", ["--quiet"]),  # 6
        ("not a plan", ["--quiet", "--allow-partial"]),  # partial: said even with --quiet
        ("missing", ["--quiet"]),  # 3
        ("output is the input", ["--quiet"]),  # 10
    ],
)
def test_a_first_run_through_the_launcher_is_the_clis_run(case, extra, warned_plan, tmp_path, cache):
    """Extracted by the launcher (quiet) or by cli.extract_plain, not through typer: the same
    output, stdout, stderr and exit code as the CLI run through typer (python -m pns_extract.cli)."""
    source = warned_plan
    if case == "not a plan":
        source = tmp_path / "lettre.txt"
        source.write_text(NOT_A_PLAN, encoding="utf-8")
    elif case == "missing":
        source = tmp_path / "absent.txt"
    elif case == "output is the input":  # named so that its name gives an output format
        source = warned_plan.rename(tmp_path / "plan.json")

    def output(name: str) -> Path:
        if case == "output is the input":
            return source
        return tmp_path / f"{name}.json"

    def args(name: str) -> list[str]:
        written = [] if "--format" in extra else ["-o", str(output(name))]
        return [str(source), *written, *extra, *FAST, "--no-cache"]

    assert launch.plain_extract(args("launched")) is not None
    launched = command(args("launched"), cache)
    env = {**os.environ, "PNS_EXTRACT_CACHE": str(cache), "COLUMNS": "100"}
    typed = subprocess.run(
        [sys.executable, "-m", "pns_extract.cli", *args("typed")], capture_output=True, env=env, timeout=120
    )
    assert launched.returncode == typed.returncode
    assert launched.stdout == typed.stdout
    assert launched.stderr == typed.stderr.replace(b"typed", b"launched")
    if case == "ok" and "--format" not in extra:
        assert output("launched").read_bytes() == output("typed").read_bytes()
    expected = {"ok": 0, "not a plan": 6, "missing": 3}.get(case, 10)
    if "--strict" in extra:
        expected = ExitCode.WARNINGS
    if "--allow-partial" in extra:
        expected = 0
        assert b"partial result" in launched.stderr
    assert launched.returncode == expected
