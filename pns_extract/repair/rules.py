"""Word-level OCR repair: character-confusion candidates checked against the lexicon.

A token is rewritten only when the lexicon says so: an unknown token gets the most frequent
lexicon word reachable through OCR confusions, a known token only an accented spelling that is
much more frequent (``prés`` -> ``près``). Nothing here knows the words of any one document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import MIN_ZIPF, Lexicon

# (OCR reading, what the printed glyphs were, cost). Costs order candidates when several match.
CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("ce", "œ", 0.5),  # the ligature read as two letters: ceuvre, nceuds
    ("oce", "œ", 0.5),
    ("ee", "œ", 0.8),
    ("eé", "è", 0.3),  # a grave accent read as an extra letter: phénomeénes, maniéere
    ("ée", "è", 0.3),
    ("éé", "è", 0.3),
    ("oé", "ô", 0.5),  # circumflex o: controéles, contrdles, contrbles, imp6t, réle
    ("o6", "ô", 0.5),
    ("6", "ô", 0.5),
    ("b", "ô", 0.8),
    ("d", "ô", 0.8),
    ("é", "ô", 0.8),
    ("l", "î", 0.5),  # circumflex i read as l / f: chalne, connalt, accroftre
    ("f", "î", 0.8),
    ("l", "û", 0.8),  # circumflex u: slre, inddment
    ("d", "û", 0.8),
    ("d", "â", 0.8),
    ("g", "ç", 0.5),  # cedilla read as g: renforgons, regu, fagon
    ("g", "q", 0.5),  # q read as g: uniguement, politiqgue, cing
    ("qg", "q", 0.5),
    ("rn", "m", 0.8),
    ("cl", "d", 0.8),
    ("|", "l", 0.3),
    ("|", "", 0.3),
    ("1", "l", 0.8),
    ("l", "", 1.0),  # a stray thin stroke: olu
    ("'", "", 1.0),
)
MAX_EDITS = 2
MIN_CANDIDATE_ZIPF = 2.0  # a replacement must be a reasonably common word
KNOWN_MARGIN = 1.0  # a known word yields only to a spelling ten times more frequent
KNOWN_RULE_CEILING = 3.0  # above this frequency a known word never goes through confusion rules
KNOWN_RULE_MARGIN = 1.5

# English grammar words French does not use: their neighbours are English too (train the trainer).
ENGLISH = frozenset("the of and to as for with by from is are be this that these those an it its into".split())
CIRCUMFLEX_MARGIN = 0.3  # chaine/chaîne, connait/connaît: the 1990 spellings print rarely
E_ACCENTS = set("éèêë")
# Words the context stage decides (spaCy); the lexicon stage must not touch them.
CONTEXT_WORDS = {"a", "ou", "la", "des"}

_BASE = {}


def _base(ch: str) -> str:
    found = _BASE.get(ch)
    if found is None:
        found = _BASE[ch] = unicodedata.normalize("NFD", ch)[0]
    return found


def compatible(observed: str, word: str) -> bool:
    """Could OCR have turned ``word`` into ``observed`` by losing or confusing accents only?

    OCR drops diacritics and swaps é/è/ê, but does not add an accent where the print had none."""
    observed = observed.lower().replace("œ", "oe").replace("æ", "ae")
    word = word.lower().replace("œ", "oe").replace("æ", "ae")
    if len(observed) != len(word):
        return False
    for o, w in zip(observed, word, strict=True):
        if o == w:
            continue
        if o in E_ACCENTS and w in E_ACCENTS:
            continue
        if o.isascii() and _base(w) == o:
            continue
        return False
    return True


@dataclass(frozen=True, slots=True)
class Fix:
    word: str
    rule: str


def _variants(token: str) -> dict[str, float]:
    """Every string reachable from ``token`` by at most MAX_EDITS confusions, with its cost."""
    seen = {token: 0.0}
    frontier = [token]
    for _ in range(MAX_EDITS):
        following = []
        for text in frontier:
            for wrong, right, cost in CONFUSIONS:
                start = text.find(wrong, 1 if not right else 0)  # a deletion never at the start
                while start != -1:
                    variant = text[:start] + right + text[start + len(wrong) :]
                    total = seen[text] + cost
                    if variant and (variant not in seen or seen[variant] > total):
                        seen[variant] = total
                        following.append(variant)
                    start = text.find(wrong, start + 1)
        frontier = following
    return seen


def _with_case(model: str, word: str) -> str:
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _lookup(lex: Lexicon, variant: str) -> list[str]:
    return [w for w in lex.same_fold(variant) if compatible(variant, w)]


@lru_cache(maxsize=50_000)
def _candidates(token: str, lex: Lexicon) -> tuple[Fix, ...]:
    """Acceptable replacements for a lower-case token, best first (the caller restores case)."""
    own = lex.zipf(token)
    known = own >= MIN_ZIPF
    found: dict[str, tuple[float, str]] = {}
    # a frequent word only ever yields to its own accented spellings: no confusion variants
    variants = {token: 0.0} if known and own >= KNOWN_RULE_CEILING else _variants(token)
    for variant, cost in variants.items():
        for word in _lookup(lex, variant):
            if word == token or not word.isalpha():
                continue
            zipf = lex.zipf(word)
            if zipf < MIN_CANDIDATE_ZIPF:
                continue
            ligature = word.replace("œ", "oe") == token
            if known:
                needed = 0.0 if ligature else (KNOWN_RULE_MARGIN if cost else KNOWN_MARGIN)
                if not cost and _circumflex_only(token, word):
                    needed = CIRCUMFLEX_MARGIN
                if zipf - own - cost < needed:
                    continue
            rule = "confusion" if cost else ("ligature" if ligature else "accent")
            score = zipf - cost
            if word not in found or found[word][0] < score:
                found[word] = (score, rule)
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
    return tuple(Fix(word, rule) for word, (_, rule) in ranked)


# Capitals with one small l or u, the letters whose small and capital forms OCR confuses.
_ACRONYM_WITH_L = re.compile(r"^(?=[A-Z]+[lu][A-Z]*$|[A-Z]*[lu][A-Z]+$)(?=(?:[^lu]*[lu]){1}[^lu]*$)[A-Zlu]{3,}$")
_SHORT_ACRONYM_WITH_L = re.compile(r"^l[A-Z]$")  # lA for IA; never Il, which is a word
_CAPITAL_VOWEL_INSIDE = re.compile(r"^[^\W\d_][a-zà-ÿœ]+[AEIOU][a-zà-ÿœ]+$")


def _circumflex_only(token: str, word: str) -> bool:
    if len(token) != len(word):
        return False
    return all(t == w or (t, w) in (("i", "î"), ("u", "û")) for t, w in zip(token, word, strict=True))


def _participle(word: str) -> bool:
    return word.endswith(("é", "ée", "és", "ées"))


def fix_word(token: str, lex: Lexicon, *, after_clitic: bool = False) -> Fix | None:
    """Repair one word (no spaces, apostrophes or hyphens), keeping its capitalisation.

    Acronyms, mixed-case names and the words the context stage owns are left alone.
    ``after_clitic``: the word follows s'/n'/m'/t'/j', so it is a verb and never a bare participle."""
    return _fix_word(token, lex, after_clitic)


@lru_cache(maxsize=65_536)  # a word's repair depends on the word alone: a plan repeats its words
def _fix_word(token: str, lex: Lexicon, after_clitic: bool) -> Fix | None:
    if len(token) < 2 and token != "|":
        return None
    if token in {"||", "|l", "l|"}:
        return Fix("Il", "confusion")  # the capital I and the l of "Il" read as two bars
    lower = token.lower()
    acronym = _ACRONYM_WITH_L.match(token) or _SHORT_ACRONYM_WITH_L.match(token)
    if acronym and (not lex.knows(lower, 3.0) or len(token) == 2):
        return Fix(token.replace("l", "I").replace("u", "U"), "confusion")  # AlG, FSl, CCu, lA
    if lower in CONTEXT_WORDS:
        return None
    rest = token[1:]
    if _CAPITAL_VOWEL_INSIDE.match(token):
        # contrOles: an accented vowel read as a capital inside a lower-case word
        fixes = _candidates(lower, lex)
        if fixes:
            return Fix(_with_case(token, fixes[0].word), "confusion")
        return Fix(_with_case(token, lower), "confusion") if lex.knows(lower, MIN_CANDIDATE_ZIPF) else None
    if rest and any(ch.isupper() for ch in rest):
        return None  # all caps or mixed case: acronyms, codes, names
    if token[0] == "I" and rest[:1].islower() and not lex.knows(lower):
        # capital I for l is the commonest OCR confusion (Iégal); the word then is lower case
        swapped = "l" + rest
        fixes = _candidates(swapped, lex)
        if fixes:
            return Fix(fixes[0].word, "confusion")
        if lex.knows(swapped):
            return Fix(swapped, "confusion")
    if token[0] == "l" and rest[:1].islower() and lex.zipf("i" + rest) - lex.zipf(lower) >= KNOWN_RULE_MARGIN:
        return Fix("I" + rest, "confusion")  # lls -> Ils
    if token[0] in "EA" and (not rest or rest.islower()):
        # Capitals lose their accent in print and on the web alike, so frequencies of the
        # lower-case forms decide: Etat -> État, Elaborer -> Élaborer.
        for accented in ("É", "À") if token[0] == "E" else ("À",):
            word = accented + rest
            floor = MIN_ZIPF if not lex.knows(lower) else MIN_CANDIDATE_ZIPF  # Eloignements
            if lex.zipf(word.lower()) > max(lex.zipf(lower), floor - 0.01):
                return Fix(word, "capital")
    for fix in _candidates(lower, lex):
        if after_clitic and _participle(fix.word):
            continue
        word = _with_case(token, fix.word)
        if token[0] in "EAO" and word[0] != token[0] and word[1:] == token[1:]:
            return Fix(word, "capital")
        return Fix(word, fix.rule)
    return None


# Closed-class words that OCR glues to a neighbour (Auniveau, lamise, argenten). Morphological
# prefixes (de-, en-, re-, se-) are excluded from the left side: dé-/en- words must not be cut.
LEFT_GLUE = frozenset(
    "au aux à le la les un une et du par pour sur dans avec cette ces sa son ses leur leurs nos notre "
    "vos votre qui que mais plus très".split()
)
# Only words that are not also word endings (-aux, -et, -que, -le are): argenten, but not zonaux.
RIGHT_GLUE = frozenset("en de à par pour sur dans".split())
ELIDING = ("l", "d", "n", "s", "c", "j", "qu")
VOWELS = set("aeiouyhâàéèêëîïôûùœ")
MIN_PART_ZIPF = 3.0


def split_glued(token: str, lex: Lexicon, apostrophe: str, depth: int = 2) -> str | None:
    """``Auniveau`` -> ``Au niveau``, ``lintégrité`` -> ``l'intégrité``: only for unknown tokens
    that no single word explains, and only at a closed-class word or an elision."""
    if depth == 0 or len(token) < 4 or lex.knows(token):
        return None
    lower = token.lower()
    best: tuple[float, str] | None = None
    for cut in range(1, len(token)):
        left, right = token[:cut], token[cut:]
        l_low, r_low = lower[:cut], lower[cut:]
        if right[:1].isupper():
            continue
        options = []
        if l_low in ELIDING and r_low[:1] in VOWELS:
            options.append((left + apostrophe + right, right, lex.zipf(r_low)))
        if l_low in LEFT_GLUE:
            options.append((left + " " + right, right, lex.zipf(r_low)))
        if r_low in RIGHT_GLUE and len(left) > 2:
            options.append((left + " " + right, left, lex.zipf(l_low)))
        for joined, content, zipf in options:
            if zipf < MIN_PART_ZIPF:
                deeper = split_glued(content, lex, apostrophe, depth - 1)
                if deeper is None:
                    continue
                joined = joined.replace(content, deeper, 1)
                zipf = MIN_PART_ZIPF
            if best is None or zipf > best[0]:
                best = (zipf, joined)
    return best[1] if best else None


_THIN_L = re.compile(r"^(?:[Il|]{1,2})$")


def fix_elision(prefix: str) -> str | None:
    """The part before an apostrophe: ``I'``/``|'``/``lI'`` -> ``l'``, ``gu'`` -> ``qu'``."""
    if prefix != "l" and _THIN_L.match(prefix) and prefix not in ("Il", "ll"):
        return "l"
    if prefix == "ll" or prefix == "Il":
        return "l"
    if prefix.lower().endswith("gu") and len(prefix) <= 7:
        return prefix[:-2] + ("Qu" if prefix[-2] == "G" else "qu")
    return None
