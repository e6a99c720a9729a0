"""Reading a JSON or YAML file that anyone may have written (``validate``, ``diff``), with limits.

The parsers alone would let a hostile file take the process down: a YAML alias bomb expands
to gigabytes, 100,000 nested brackets exhaust the recursion limit, a 5,000-digit integer
raises deep inside ``int``, YAML turns ``2026-01-01`` into a date no JSON tool knows. Here:

- the file must be a regular file of at most ``MAX_DATA_BYTES`` (``LimitExceededError``);
- nesting deeper than ``MAX_DATA_DEPTH`` and integers longer than ``MAX_INT_DIGITS`` digits
  are refused (``LimitExceededError``), before anything is built from them in YAML;
- YAML aliases are refused (``InputUnreadableError``): pns-extract never writes them;
- YAML scalars are read as JSON would read them: no dates, no binary, no sets;
- ``NaN`` and ``Infinity`` are refused; strings with lone surrogates and non-string keys are
  reported by ``text_problems`` so ``validate`` can name their location.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import InputUnreadableError, LimitExceededError
from .limits import MAX_DATA_BYTES, MAX_DATA_DEPTH, MAX_INT_DIGITS, read_bounded

YAML_SUFFIXES = {".yaml", ".yml"}
_SURROGATE = re.compile("[\ud800-\udfff]")


class _TooLong(ValueError):
    pass


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooLong(f"an integer of {len(text.lstrip('-'))} digits, more than the limit of {MAX_INT_DIGITS}")
    return int(text)


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _Loader(yaml.SafeLoader):
    """YAML as JSON data: no aliases, bounded depth, no dates or other YAML-only types."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not accepted (pns-extract never writes them)", mark
            )
        self._depth += 1
        if self._depth > MAX_DATA_DEPTH:
            raise _TooDeep(f"nested more than {MAX_DATA_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node: Any) -> int:
        digits = str(node.value).replace("_", "").lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            raise _TooLong(f"an integer of {len(digits)} digits, more than the limit of {MAX_INT_DIGITS}")
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: Any) -> float:
        value = super().construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            raise yaml.constructor.ConstructorError(
                None, None, "NaN and infinities are not JSON numbers", node.start_mark
            )
        return value

    def refuse(self, node: Any) -> Any:
        raise yaml.constructor.ConstructorError(None, None, f"{node.tag} values are not accepted", node.start_mark)


class _TooDeep(ValueError):
    pass


# JSON's scalar types only: a timestamp stays a string (the schema then says what it expected)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
for _tag in ("timestamp", "binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.refuse)


def load_data(path: Path) -> Any:
    """The data of a JSON or YAML file (YAML by extension, else JSON), within the limits."""
    data = read_bounded(path, MAX_DATA_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputUnreadableError(f"{path}: not UTF-8 text (byte {error.start})") from None
    try:
        value = _parse_yaml(path, text) if path.suffix.lower() in YAML_SUFFIXES else _parse_json(path, text)
    except (_TooLong, _TooDeep) as error:
        raise LimitExceededError(f"{path}: {error}") from None
    depth = nesting_depth(value)
    if depth > MAX_DATA_DEPTH:
        raise LimitExceededError(f"{path}: nested {depth} levels deep, more than the limit of {MAX_DATA_DEPTH}")
    return value


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text, parse_int=_json_int, parse_constant=_json_constant)
    except json.JSONDecodeError as error:
        raise InputUnreadableError(
            f"{path}: line {error.lineno}, column {error.colno}: invalid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise _TooDeep(f"nested more than {MAX_DATA_DEPTH} levels deep") from None
    except _TooLong:
        raise
    except ValueError as error:
        raise InputUnreadableError(f"{path}: invalid JSON ({error})") from None


def _parse_yaml(path: Path, text: str) -> Any:
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except (_TooLong, _TooDeep):
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise InputUnreadableError(f"{path}: {where}invalid YAML ({problem})") from None
    except (ValueError, TypeError, RecursionError) as error:
        raise InputUnreadableError(f"{path}: invalid YAML ({type(error).__name__})") from None
    finally:
        loader.dispose()


def nesting_depth(value: Any) -> int:
    """How deep lists and dicts nest (a scalar: 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_DATA_DEPTH:  # past the limit the answer is known
                children = item.values() if isinstance(item, dict) else item
                stack.extend((child, depth + 1) for child in children)
    return deepest


def text_problems(value: Any) -> list[tuple[list[Any], str]]:
    """(path, message) for every key that is not a string and every string that is not valid
    Unicode (a lone surrogate, possible in JSON's ``\\ud800``): no output of ours holds one."""
    problems: list[tuple[list[Any], str]] = []
    stack: list[tuple[Any, list[Any]]] = [(value, [])]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                problems.append((path, "not valid Unicode text (a lone surrogate)"))
        elif isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    problems.append((path, f"a key that is not a string ({type(key).__name__} {key!r})"))
                    continue
                stack.append((child, [*path, key]))
        elif isinstance(item, list):
            stack.extend((child, [*path, position]) for position, child in enumerate(item))
    return sorted(problems, key=lambda problem: [str(part) for part in problem[0]])
