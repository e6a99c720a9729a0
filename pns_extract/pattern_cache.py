"""Compiled regular expressions kept between processes (``storage.cache_dir("patterns")``).

spaCy's French tokenizer matches hyphenated and elided compounds with one very large regular
expression (``token_match``: 1.4 million characters, case-insensitive character classes over
every alphabet). CPython compiles it in 2 to 4 seconds, in every new process, before a single
word is tokenized: the language data compiles it on import and the model's serialized tokenizer
compiles the same text again on load.

``prime`` removes that cost without changing spaCy: the first process compiles the patterns as
``re.compile`` would (``re._parser`` then ``re._compiler``) and stores CPython's compiled form
(the SRE code); later processes rebuild the very same pattern objects from it in milliseconds
and place them in ``re``'s own cache, where spaCy's ``re.compile`` calls find them. Same source,
same flags, same code: the patterns match exactly as a fresh compile would.

The compiled form belongs to one interpreter, so the key covers the Python version, the SRE
engine's version and code size, and the patterns' own text. An entry is used only when it
verifies (its key, a checksum of its bytes, the engine's own check of the code); anything else
is recompiled and rewritten. Where these CPython internals are missing (another interpreter, a
future Python), ``prime`` does nothing and spaCy compiles as usual.
"""

from __future__ import annotations

import array
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from .storage import cache_dir, discard_entry, read_sealed, write_sealed

FORMAT = 2


def _engine() -> tuple[Any, Any, Any] | None:
    """CPython's regular-expression compiler parts, or None where they are not as expected."""
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        return None
    needed = (hasattr(_parser, "parse"), hasattr(_compiler, "_code"), hasattr(_sre, "compile"))
    if sys.implementation.name != "cpython" or not all(needed) or not isinstance(getattr(re, "_cache", None), dict):
        return None
    return _sre, _parser, _compiler


def _typecode(codesize: int) -> str | None:
    return next((code for code in "IL" if array.array(code).itemsize == codesize), None)


def entry_key(patterns: list[str]) -> str:
    """What an entry must have been made from: this interpreter and these patterns' text."""
    import _sre

    digest = hashlib.sha256()
    identity = f"{FORMAT}|{sys.implementation.cache_tag}|{sys.hexversion}|{_sre.MAGIC}|{_sre.CODESIZE}"
    digest.update(identity.encode())
    for pattern in patterns:
        digest.update(b"\0" + hashlib.sha256(pattern.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


def _path(key: str) -> Path:
    return cache_dir("patterns") / f"{key}.bin"


def prime(patterns: list[str]) -> int:
    """Make ``re.compile(pattern)`` instant for each of ``patterns`` in this process (compiled with
    flags 0, as spaCy compiles them). Compiles and stores them the first time. Returns how many
    patterns were placed in ``re``'s cache (0 where this interpreter does not allow it)."""
    engine = _engine()
    if engine is None or not patterns:
        return 0
    key = entry_key(patterns)
    compiled = _load(key, patterns, engine)
    if compiled is None:
        compiled, stored = _compile_all(patterns, engine)
        _store(key, stored)
    for pattern, regex in zip(patterns, compiled, strict=True):
        # spaCy compiles with re.compile(text): the key re._compile looks up (3.11 to 3.13)
        re._cache.pop((str, pattern, 0), None)  # type: ignore[attr-defined]
        re._cache[(str, pattern, 0)] = regex  # type: ignore[attr-defined]  # the newest, last evicted
    return len(compiled)


# One compiled pattern as stored: flags, group count, group names, the SRE code.
Compiled = tuple[int, int, dict[str, int], list[int]]


def _compile_all(patterns: list[str], engine: tuple[Any, Any, Any]) -> tuple[list[re.Pattern[str]], list[Compiled]]:
    """What ``re._compiler.compile(pattern, 0)`` does, keeping the code it hands to the engine."""
    _sre, _parser, _compiler = engine
    regexes, stored = [], []
    for pattern in patterns:
        parsed = _parser.parse(pattern, 0)
        flags = parsed.state.flags
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        item: Compiled = (flags, parsed.state.groups, groupindex, code)
        regexes.append(_build(pattern, item, _sre))
        stored.append(item)
    return regexes, stored


def _build(pattern: str, item: Compiled, _sre: Any) -> re.Pattern[str]:
    flags, groups, groupindex, code = item
    indexgroup: list[str | None] = [None] * groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # the engine validates the code itself and raises RuntimeError on anything malformed
    return _sre.compile(pattern, flags, code, groups - 1, groupindex, tuple(indexgroup))


def _load(key: str, patterns: list[str], engine: tuple[Any, Any, Any]) -> list[re.Pattern[str]] | None:
    path = _path(key)
    try:
        payload = read_sealed(path, key)
        if payload is None:
            return None
        return [_build(pattern, item, engine[0]) for pattern, item in zip(patterns, _parsed(payload), strict=True)]
    except (ValueError, TypeError, KeyError, RuntimeError, OverflowError) as error:
        discard_entry(path, "pattern cache", error, "compiling again")
        return None


def _parsed(payload: bytes) -> list[Compiled]:
    """Payload: header length, newline, JSON header (format, code size, each pattern's flags,
    groups and code length), then the code of every pattern, one after the other."""
    size, _, rest = payload.partition(b"\n")
    header = json.loads(rest[: int(size)])
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError("made by another version")
    typecode = _typecode(int(header["codesize"]))
    if typecode is None:
        raise ValueError("unknown code size")
    codes = array.array(typecode)
    codes.frombytes(rest[int(size) :])
    items: list[Compiled] = []
    offset = 0
    for flags, groups, groupindex, length in header["patterns"]:
        if type(flags) is not int or type(groups) is not int or type(length) is not int or length < 1:
            raise ValueError("malformed header")
        if not isinstance(groupindex, dict) or not all(type(v) is int for v in groupindex.values()):
            raise ValueError("malformed group names")
        items.append((flags, groups, groupindex, codes[offset : offset + length].tolist()))
        offset += length
    if offset != len(codes):
        raise ValueError("the code does not match its header")
    return items


def _store(key: str, items: list[Compiled]) -> None:
    import _sre

    typecode = _typecode(_sre.CODESIZE)
    if typecode is None:
        return
    codes = array.array(typecode)
    for *_, code in items:
        codes.extend(code)
    header = {
        "format": FORMAT,
        "codesize": _sre.CODESIZE,
        "patterns": [[flags, groups, groupindex, len(code)] for flags, groups, groupindex, code in items],
    }
    head = json.dumps(header, sort_keys=True).encode()
    write_sealed(_path(key), key, str(len(head)).encode() + b"\n" + head + codes.tobytes())
