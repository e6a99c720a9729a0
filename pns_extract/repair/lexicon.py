"""The French lexicon the repair stage trusts: wordfreq's French frequency list.

wordfreq (Apache-2.0 code, CC-BY-SA 4.0 data) merges subtitles, Wikipedia, news, books and web
text, so it knows inflected forms, feminine/plural agreements and modern administrative
vocabulary, and it gives each word a frequency: that is what lets us choose between several
candidates (``prés``/``près``) and judge whether an accent-less form is a real word or a
web misspelling. It loads in a fraction of a second from the installed package.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from ..textnorm import fold_word

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
    from wordfreq import get_frequency_dict  # imported here: keeps `import pns_extract` light

    zipf_of: dict[str, float] = {}
    variants: dict[str, list[str]] = {}
    threshold = 10 ** (MIN_ZIPF - 9)
    for word, freq in get_frequency_dict("fr").items():
        if freq < threshold:
            continue
        zipf_of[word] = round(math.log10(freq) + 9, 2)
        if not word.isascii():
            variants.setdefault(fold_word(word), []).append(word)
    return Lexicon(zipf_of, {key: tuple(words) for key, words in variants.items()})
