"""`validate` and `diff` read files anyone may have written: within limits, every failure a
documented exit code and one line, `diff` as strict as `validate` (issue 16)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_helpers import FAST, SMALL_PLAN, one_error_line, run

from pns_extract import limits
from pns_extract.errors import ExitCode, InputUnreadableError, LimitExceededError
from pns_extract.untrusted import load_data


@pytest.fixture(scope="module")
def valid_document(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("doc")
    plan = folder / "plan.txt"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    from pns_extract.cli import main

    out = folder / "plan.json"
    assert main([str(plan), "-o", str(out), *FAST]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def hostile(case: str, document: dict, folder: Path) -> Path:
    text = json.dumps(document, ensure_ascii=False)
    files = {
        "5,000-digit integer": ("doc.json", text.replace('"pages": ', '"pages": ' + "9" * 4999, 1)),
        "100,000-deep nesting": ("doc.json", "[" * 100_000 + "]" * 100_000),
        "deep YAML": ("doc.yaml", "a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 200))),
        "lone surrogate": ("doc.json", text.replace('"tool_version": "', '"tool_version": "\\ud800', 1)),
        "YAML date in a string field": (
            "doc.yaml",
            text.replace('"tool_version": "0.1.0"', '"tool_version": 2026-01-01'),
        ),
        "YAML alias bomb": (
            "doc.yaml",
            'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)),
        ),
        "page as a string": ("doc.json", text.replace('"page": 1', '"page": "1"', 1)),
        "NaN": ("doc.json", text.replace('"pages": ', '"pages": NaN, "x": ', 1)),
        "integer key in YAML": ("doc.yaml", text[:-1] + ", 3: 4}"),
        "not UTF-8": ("doc.json", None),
        "too large": ("doc.json", " " * (limits.MAX_DATA_BYTES + 1)),
    }
    name, body = files[case]
    path = folder / name
    if body is None:
        path.write_bytes(b'{"a": "\xff"}')
    else:
        path.write_text(body, encoding="utf-8")
    return path


CASES = {
    # case: (validate's exit code, words of its line)
    "5,000-digit integer": (ExitCode.LIMIT_EXCEEDED, "an integer of 5000 digits"),
    "100,000-deep nesting": (ExitCode.LIMIT_EXCEEDED, "levels deep"),
    "deep YAML": (ExitCode.LIMIT_EXCEEDED, "levels deep"),
    "lone surrogate": (ExitCode.INVALID_DOCUMENT, "/tool_version: not valid Unicode"),
    "YAML date in a string field": (ExitCode.OK, ""),
    "YAML alias bomb": (ExitCode.INPUT_UNREADABLE, "aliases are not accepted"),
    "page as a string": (ExitCode.INVALID_DOCUMENT, 'expected integer, got string "1"'),
    "NaN": (ExitCode.INPUT_UNREADABLE, "NaN"),
    "integer key in YAML": (ExitCode.INVALID_DOCUMENT, "a key that is not a string"),
    "not UTF-8": (ExitCode.INPUT_UNREADABLE, "not UTF-8"),
    "too large": (ExitCode.LIMIT_EXCEEDED, "limit"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_validate_on_a_hostile_file(tmp_path, capsys, valid_document, case):
    path = hostile(case, valid_document, tmp_path)
    code, stdout, stderr = run(["validate", path], capsys)
    expected, words = CASES[case]
    assert code == expected, (stdout, stderr)
    shown = stdout if expected == ExitCode.INVALID_DOCUMENT else stderr
    assert words in shown and "Traceback" not in shown + stderr
    if expected not in (ExitCode.OK, ExitCode.INVALID_DOCUMENT):
        one_error_line(stderr)


@pytest.mark.parametrize("case", list(CASES))
def test_diff_is_as_strict_as_validate(tmp_path, capsys, valid_document, case):
    """Whatever `validate` refuses, `diff` refuses with its trouble code (2) and one line; a file
    `validate` accepts is compared."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps(valid_document, ensure_ascii=False), encoding="utf-8")
    path = hostile(case, valid_document, tmp_path)
    code, _, stderr = run(["diff", good, path], capsys)
    if CASES[case][0] == ExitCode.OK:
        assert code in (ExitCode.OK, ExitCode.DIFFERENT), stderr
    else:
        assert code == ExitCode.TROUBLE
        assert "internal error" not in one_error_line(stderr)


def test_the_dataset_outputs_read_within_the_limits():
    root = Path(__file__).resolve().parent.parent / "outputs"
    assert load_data(root / "pns-2026-2029.json") == load_data(root / "pns-2026-2029.yaml")


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=30,
    )
)
@settings(max_examples=100, deadline=None)
def test_any_json_value_loads_or_fails_with_a_documented_error(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("json") / "value.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    with contextlib.suppress(LimitExceededError, InputUnreadableError):
        assert load_data(path) == value
