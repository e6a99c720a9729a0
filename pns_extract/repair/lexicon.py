"""The French lexicon the repair stage trusts: wordfreq's French frequency list.

wordfreq (Apache-2.0 code, CC-BY-SA 4.0 data) merges subtitles, Wikipedia, news, books and web
text, so it knows inflected forms, feminine/plural agreements and modern administrative
vocabulary, and it gives each word a frequency: that is what lets us choose between several
candidates (``prés``/``près``) and judge whether an accent-less form is a real word or a
web misspelling. It loads in about 0.2 s from the installed package's data file.
"""

from __future__ import annotations

import gzip
import logging
import math
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from ..textnorm import fold_word

log = logging.getLogger(__name__)

MIN_ZIPF = 1.5  # below this wordfreq's tail is mostly typos, names and foreign words


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
    threshold = 10 ** (MIN_ZIPF - 9)
    zipf_of: dict[str, float] = {}
    for frequency, words in french_buckets():
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


def french_buckets() -> list[tuple[float, list[str]]]:
    """wordfreq's French list as (frequency, words) in its order, the words of
    ``wordfreq.get_frequency_dict("fr")`` with their frequencies. Read from wordfreq's data file
    without importing wordfreq: its import (tokenizers, language tags: about 0.5 s) is not
    needed for one list. The file is wordfreq's "best" French list (large, else small) in its
    documented cBpack format; anything unexpected falls back to wordfreq's own function."""
    try:
        import msgpack

        spec = find_spec("wordfreq")
        folder = Path(spec.origin).parent / "data" if spec is not None and spec.origin else None
        path = next(p for name in ("large", "small") if folder and (p := folder / f"{name}_fr.msgpack.gz").is_file())
        with gzip.open(path, "rb") as handle:
            data = msgpack.load(handle, raw=False)
        header = data[0]
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected header {header!r}")
        if not all(isinstance(bucket, list) for bucket in data[1:]):
            raise ValueError("malformed buckets")
        # bucket i holds the words at -i centibels: wordfreq.cB_to_freq(-i)
        return [(10 ** (-index / 100), bucket) for index, bucket in enumerate(data[1:])]
    except (ImportError, StopIteration, OSError, ValueError, TypeError, IndexError, EOFError) as error:
        log.debug("wordfreq's French list read through wordfreq (%s)", error)
        from wordfreq import get_frequency_dict

        return [(frequency, [word]) for word, frequency in get_frequency_dict("fr").items()]
