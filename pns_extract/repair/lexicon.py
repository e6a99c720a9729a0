"""The French lexicon the repair stage trusts: wordfreq's French frequency list.

wordfreq (Apache-2.0 code, CC-BY-SA 4.0 data) merges subtitles, Wikipedia, news, books and web
text, so it knows inflected forms, feminine/plural agreements and modern administrative
vocabulary, and it gives each word a frequency: that is what lets us choose between several
candidates (``prés``/``près``) and judge whether an accent-less form is a real word or a
web misspelling. It is built in about 0.3 s from the installed package's data file, and loads
in 0.08 s once a process has prepared it (``load_lexicon``).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import marshal
import math
import sys
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from ..storage import cache_dir, code_digest, discard_entry, file_sha256, read_sealed, write_sealed
from ..textnorm import fold_word

log = logging.getLogger(__name__)

MIN_ZIPF = 1.5  # below this wordfreq's tail is mostly typos, names and foreign words
PREPARED_FORMAT = 1  # the stored lexicon's layout (load_lexicon)


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one per process
class Lexicon:
    zipf_of: dict[str, float]  # lower-case word -> Zipf frequency (log10 per billion words)
    variants: dict[str, tuple[str, ...]]  # folded form -> accented/ligatured words sharing it

    def zipf(self, word: str) -> float:
        return self.zipf_of.get(word.lower(), 0.0)

    def knows(self, word: str, minimum: float = MIN_ZIPF) -> bool:
        return self.zipf(word) >= minimum

    def same_fold(self, word: str) -> tuple[str, ...]:
        """Every lexicon word written like ``word`` once accents and ligatures are removed."""
        key = fold_word(word)
        found = self.variants.get(key, ())
        return (key, *found) if key in self.zipf_of else found


@cache
def load_lexicon() -> Lexicon:
    """The lexicon as an earlier process prepared it (0.08 s), else built from wordfreq's data
    (0.3 s) and kept for the next processes in ``storage.cache_dir("lexicon")``. The entry's key
    covers the data file's bytes, the package's code and the interpreter (``marshal``'s format):
    a change to any of them prepares it again. Like the compiled patterns, it is used with or
    without ``--no-cache`` (that option is about inputs; this is derived from installed data)."""
    data = wordfreq_data()
    key = _prepared_key(data) if data is not None else None
    if key is not None and (prepared := _load_prepared(key)) is not None:
        return prepared
    lexicon = build_lexicon(french_buckets(data))
    if key is not None:
        write_sealed(_prepared_path(key), key, marshal.dumps((lexicon.zipf_of, lexicon.variants)))
    return lexicon


def build_lexicon(buckets: list[tuple[float, list[str]]]) -> Lexicon:
    threshold = 10 ** (MIN_ZIPF - 9)
    zipf_of: dict[str, float] = {}
    for frequency, words in buckets:
        if frequency < threshold:
            for word in words:  # a word listed twice keeps its last frequency, as in wordfreq's dict
                zipf_of.pop(word, None)
            continue
        zipf = round(math.log10(frequency) + 9, 2)
        for word in words:
            zipf_of[word] = zipf
    variants: dict[str, list[str]] = {}
    for word in zipf_of:
        if not word.isascii():
            variants.setdefault(fold_word(word), []).append(word)
    return Lexicon(zipf_of, {key: tuple(words) for key, words in variants.items()})


def _prepared_key(data: Path) -> str:
    identity = f"{PREPARED_FORMAT}|{MIN_ZIPF}|{sys.version}|{marshal.version}|{code_digest()}|{file_sha256(data)}"
    return hashlib.sha256(identity.encode()).hexdigest()


def _prepared_path(key: str) -> Path:
    return cache_dir("lexicon") / f"{key}.bin"


def _load_prepared(key: str) -> Lexicon | None:
    """The stored lexicon; None, and the entry removed, when it does not verify. The checksum
    proves the bytes are the ones this code wrote for this key, so only their shape is checked
    here, not each of the 200 000 words (0.04 s, a third of the load)."""
    path = _prepared_path(key)
    try:
        payload = read_sealed(path, key)
        if payload is None:
            return None
        zipf_of, variants = marshal.loads(payload)
        if not isinstance(zipf_of, dict) or not isinstance(variants, dict):
            raise ValueError("not a lexicon")
    except (ValueError, EOFError, TypeError) as error:
        discard_entry(path, "lexicon cache", error, "building it again")
        return None
    return Lexicon(zipf_of, variants)


def wordfreq_data() -> Path | None:
    """wordfreq's "best" French list (large, else small), None when it is not where expected."""
    spec = find_spec("wordfreq")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent / "data"
    return next((path for name in ("large", "small") if (path := folder / f"{name}_fr.msgpack.gz").is_file()), None)


def french_buckets(path: Path | None) -> list[tuple[float, list[str]]]:
    """wordfreq's French list as (frequency, words) in its order, the words of
    ``wordfreq.get_frequency_dict("fr")`` with their frequencies. Read from wordfreq's data file
    at ``path`` (``wordfreq_data``) without importing wordfreq: its import (tokenizers, language
    tags: about 0.5 s) is not needed for one list. The file is wordfreq's "best" French list
    (large, else small) in its documented cBpack format; no file, or anything unexpected in it,
    falls back to wordfreq's own function."""
    try:
        import msgpack

        if path is None:
            raise OSError("no data file")
        with gzip.open(path, "rb") as handle:
            data = msgpack.load(handle, raw=False)
        header = data[0]
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected header {header!r}")
        if not all(isinstance(bucket, list) for bucket in data[1:]):
            raise ValueError("malformed buckets")
        # bucket i holds the words at -i centibels: wordfreq.cB_to_freq(-i)
        return [(10 ** (-index / 100), bucket) for index, bucket in enumerate(data[1:])]
    except (ImportError, OSError, ValueError, TypeError, IndexError, EOFError) as error:
        log.debug("wordfreq's French list read through wordfreq (%s)", error)
        from wordfreq import get_frequency_dict

        return [(frequency, [word]) for word, frequency in get_frequency_dict("fr").items()]
