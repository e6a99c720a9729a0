"""The lexicon pass over one line: find the words, repair each, keep everything else byte for byte.

What is not French prose is skipped as a whole chunk (anything with digits, slashes, @, URLs),
and so is a leading list marker; acronyms and mixed-case names are skipped word by word
(see ``rules.fix_word``)."""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .rules import ENGLISH, LEFT_GLUE, VOWELS, fix_elision, fix_word, split_glued

_SPACES = re.compile(r"(\s+)")
_LEAD = re.compile(r"^[^\w|'’‘]*")
_TRAIL = re.compile(r"[^\w|]*$")
_HYPHEN = re.compile(r"(-+|—|–)")
_APOSTROPHE = re.compile(r"^([^'’‘\"]*)(['’‘\"]+)(.*)$")
# A digit counts as prose only between two letters, where OCR put it for a letter (imp6t).
_NOT_PROSE = re.compile(r"(?<![^\W\d_])\d|\d(?![^\W\d_])|[/@_=<>#%&+\\{}~^$]|www\.|https?:")
# A list marker or a bullet glyph the OCR produced: the parser needs it as it is.
_MARKER = re.compile(r"^(?:[e¢*=o»•·■▪–—-]|\d+[.)]?|[a-zA-Z][.)]|[ivxIVX]+[.)])$")
ELISION_PREFIXES = frozenset("l d n s c j m t qu lorsqu puisqu jusqu quoiqu presqu quelqu".split())
# After a bare apostrophe these words mean the lost letter was not an article's l.
_NOT_AFTER_L = frozenset("est était étaient il ils elle elles on en y un une a ont ai avait avaient où ou à".split())
_CLITICS = frozenset("s n m t j".split())
_HERE_AFTER = frozenset("bas dessus dessous haut dedans devant derrière".split())
_DEMONSTRATIVE = frozenset("celle celui ceux celles jusque".split())

Edit = tuple[str, str, str]  # before, after, rule


def _apostrophe_of(text: str) -> str:
    return "’" if text.count("’") > text.count("'") else "'"


def _fix_part(part: str, lex: Lexicon, first: bool, apostrophe: str, following: str = "") -> tuple[str, str] | None:
    """One hyphen-free piece of a chunk: returns (new text, rule) or None."""
    if part[:1] == "|" and part[1:2] in "AEIOUÉÈÊÀÂÔÎ" and part[1:2] and part[2:].islower():
        fix = fix_word(part[1:], lex)  # |Etat: the l and the apostrophe read as one bar
        return "l" + apostrophe + (fix.word if fix else part[1:]), "elision"
    match = _APOSTROPHE.match(part)
    if match is None:
        fix = fix_word(part, lex)
        if fix is not None:
            return fix.word, fix.rule
        if not lex.knows(part.lower()) and part.isalpha() and not any(c.isupper() for c in part[1:]):
            glued = split_glued(part, lex, apostrophe)
            if glued is not None:
                return glued, "space"
        return None
    prefix, marks, rest = match.groups()
    rules: list[str] = []
    if '"' in marks or "‘" in marks:
        # a quotation mark where an apostrophe stood (I"évolution, mettre ‘accent)
        if fix_elision(prefix) is None and (prefix or rest[:1].lower() not in VOWELS or "’" in rest):
            return None
        marks = "’" if "‘" in marks else apostrophe
        rules.append("elision")
    if len(marks) > 1:
        marks = marks[0]
        rules.append("elision")
    # the word after the apostrophe first: the decisions below must see it repaired, or a second
    # pass would decide differently (idempotence)
    if rest and "'" not in rest and "’" not in rest:
        clitic = fix_elision(prefix) or prefix
        fix = fix_word(rest, lex, after_clitic=clitic.lower() in _CLITICS)
        if fix is not None:
            rest = fix.word
            rules.append(fix.rule)
        elif rest.isalpha() and rest.islower() and not lex.knows(rest):
            glued = split_glued(rest, lex, apostrophe)
            if glued is not None:
                rest = glued
                rules.append("space")
    if prefix:
        fixed = fix_elision(prefix)
        if fixed is not None:
            prefix = fixed
            rules.append("elision")
        elif prefix[:-1].lower() in LEFT_GLUE and prefix[-1:].lower() in ELISION_PREFIXES:
            prefix = prefix[:-1] + " " + prefix[-1]  # parl’engagement: a lost space before an elision
            rules.append("space")
        elif prefix.lower() not in ELISION_PREFIXES:
            return None  # aujourd'hui, an English possessive...: not an elision we understand
    elif first and rest.lower() in ("un", "une") and following.lower() in ("des", "d'entre", "d’entre"):
        prefix = "l"  # 'une des: l'une des, the only elided form before "des"
        rules.append("elision")
    elif first and rest[:1].lower() in VOWELS and rest.lower() not in _NOT_AFTER_L and lex.knows(rest, 2.5):
        prefix = "l"  # a lone apostrophe before a noun: the thin l of the article was lost
        rules.append("elision")
    new = prefix + marks + rest
    return (new, rules[-1]) if new != part else None


def repair_words(text: str, lex: Lexicon) -> tuple[str, list[Edit]]:
    """Repair the words of one line; returns the new line and the edits made."""
    chunks = _SPACES.split(text)
    edits: list[Edit] = []
    apostrophe = _apostrophe_of(text)
    first_word = next((i for i, c in enumerate(chunks) if c and not c.isspace()), None)
    for index, chunk in enumerate(chunks):
        if chunk == "&" and _ampersand_is_a(chunks, index):
            chunks[index] = "à"
            edits.append(("&", "à", "a/à"))
            continue
        if not chunk or chunk.isspace() or _NOT_PROSE.search(chunk):
            continue
        if index == first_word and _MARKER.match(chunk):
            continue
        if chunk[:1].isupper() and chunk[1:].isalpha() and chunk[1:].islower() and _in_foreign_name(chunks, index, lex):
            continue
        if _next_to_english(chunks, index):
            continue
        lead = _LEAD.match(chunk).group()
        trail = _TRAIL.search(chunk[len(lead) :]).group()
        core = chunk[len(lead) : len(chunk) - len(trail)]
        if not core or (core.startswith("‘") and "’" in trail):
            continue  # a word in single quotes
        pieces = _HYPHEN.split(core)
        changed = False
        for i in range(0, len(pieces), 2):
            part = pieces[i]
            if not part:
                continue
            if part.lower() == "la" and len(pieces) > 1 and _here(pieces, i):
                pieces[i] = part[0] + "à"
                edits.append((part, pieces[i], "la/là"))
                changed = True
                continue
            following = chunks[index + 2] if index + 2 < len(chunks) and len(pieces) == 1 else ""
            fixed = _fix_part(part, lex, first=(i == 0 and not lead), apostrophe=apostrophe, following=following)
            if fixed is not None:
                edits.append((part, fixed[0], fixed[1]))
                pieces[i] = fixed[0]
                changed = True
        if changed:
            chunks[index] = lead + "".join(pieces) + trail
    return "".join(chunks), edits


def _here(pieces: list[str], i: int) -> bool:
    """``celle-la``, ``jusque-la``, ``la-bas``: the adverbe là in a hyphenated compound."""
    before = pieces[i - 2].lower() if i >= 2 else ""
    after = pieces[i + 2].lower() if i + 2 < len(pieces) else ""
    return before in _DEMONSTRATIVE or after in _HERE_AFTER


def _ampersand_is_a(chunks: list[str], index: int) -> bool:
    """``recourir & des méthodes``: OCR reads a lone à as &; between two lower-case French words
    an ampersand is not the typesetter's (R&D, names of firms keep capitals around it)."""
    before = chunks[index - 2] if index >= 2 else ""
    after = chunks[index + 2] if index + 2 < len(chunks) else ""
    return bool(before) and before[-1:].islower() and (after[:1].islower() or after[:2] in ("I'", "I’"))


def _capitalised(chunk: str) -> str | None:
    word = chunk.strip('.,;:()«»"“”')
    return word if word[:1].isupper() and word[1:].islower() and word.isalpha() else None


def _in_foreign_name(chunks: list[str], index: int, lex: Lexicon) -> bool:
    """A capitalised word in a run of capitalised words one of which French does not know is part
    of a foreign name or title (Allied Rapid Reaction Corps, Identify Me): not ours to accent."""
    run = []
    for step in (-2, 2):
        at = index + step
        while 0 <= at < len(chunks) and (word := _capitalised(chunks[at])) is not None:
            run.append(word)
            at += step
    return any(not lex.knows(word.lower(), 2.5) for word in run)


def _next_to_english(chunks: list[str], index: int) -> bool:
    for neighbour in (index - 2, index + 2):
        if 0 <= neighbour < len(chunks) and chunks[neighbour].strip('.,;:()«»"“”').lower() in ENGLISH:
            return True
    return False
