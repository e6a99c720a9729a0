"""Context decisions for the one-letter accents OCR drops: a/à, ou/où, des/dès, la/là.

OCR output almost never keeps the grave accent of these short words, so each occurrence is decided
from its neighbours. ``des``/``dès`` and ``la``/``là`` follow from the next word alone (an article
cannot precede ``lors``, ``que`` or another article); ``a``/``à`` and ``ou``/``où`` need parts of
speech, which spaCy's French model gives. Only lines holding one of those words go through spaCy,
in one batched ``nlp.pipe`` call, each with a little of its neighbouring lines for context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .rules import ENGLISH

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

Replacement = tuple[int, int, str, str]  # start, end (in the line), new text, rule

_NEEDS_TAGS = re.compile(r"(?<![\w-])(?:[aA]|[oO]u)(?![\w'’-])")
_DES = re.compile(r"(?<![\w'’-])([dD])es(\s+)([\w'’]+)")
_LA = re.compile(r"(?<![\w'’-])([lL])a(\s+)(?:ou|où)(\s+)([\w'’]+)")
_YEAR = re.compile(r"^(?:19|20)\d\d$")

# After dès: a time word or a determiner (an article des cannot stand before another determiner).
DES_NEXT = frozenset(
    "lors que qu' qu’ le la les l' l’ son sa ses notre nos votre vos mon ma mes ce cet cette ces leur à "
    "maintenant aujourd'hui aujourd’hui demain réception".split()
)
DETERMINERS = frozenset(
    "le la les l' l’ un une des du chaque ce cet cette ces leur leurs son sa ses notre nos votre vos "
    "plusieurs certains certaines".split()
)
# Pronouns after which a is the verb: il a, qui a, il y a, n'a, l'a, en a, lui a.
SUBJECTS = frozenset(
    "il elle on qui y n' n’ l' l’ en lui leur cela ça ceci chacun chacune nul personne rien quiconque".split()
)
AVOIR_IDIOMS = frozenset("été eu pu dû fait pour besoin lieu trait".split())  # il a pour objectif...
SUBJECT_PRONOUNS = frozenset("il elle on ils elles nous vous c' c’ ce cela chacun chacune tout".split())
# Nouns of place, time or circumstance that take où: dans la mesure où, au moment où, le cas où.
WHERE_NOUNS = frozenset(
    "moment moments cas mesure jour jours époque période périodes contexte contextes situation situations "
    "endroit endroits lieu lieux pays environnement environnements zone zones monde société ville villes "
    "région régions cadre point temps année années heure instant stade phase niveau domaine domaines "
    "secteur secteurs espace espaces quartier quartiers site sites territoire territoires".split()
)
CLAUSE_BREAKS = frozenset(". ; : ! ? • qui que qu' qu’ dont où lorsque si car".split())


# Past participles that do not end in -é: a closed class of irregular verbs.
IRREGULAR_PARTICIPLES = frozenset(
    "mis pris permis compris repris admis soumis transmis promis reçu vu su lu bu cru dû pu eu voulu "
    "connu obtenu tenu maintenu retenu soutenu contenu venu devenu prévu conçu perçu aperçu fourni "
    "dit écrit décrit inscrit prescrit fait produit conduit introduit construit détruit réduit traduit "
    "ouvert offert couvert découvert souffert atteint joint rejoint craint peint mort né fini choisi "
    "établi réussi saisi subi suivi servi senti ressenti investi agi bâti garanti réagi réuni".split()
)


def _is_participle(token: Token) -> bool:
    """The tagger alone is not enough: right after an ``a`` it calls almost anything a participle
    (armes a feu), so the form must look like one too."""
    lower = token.lower_
    if lower in AVOIR_IDIOMS or lower in IRREGULAR_PARTICIPLES:
        return True
    tagged = "Part" in token.morph.get("VerbForm") and "Pres" not in token.morph.get("Tense")
    return tagged and lower.endswith(("é", "ée", "és", "ées"))


def _is_infinitive(token: Token) -> bool:
    """Same caution as for participles: an infinitive must also end like one."""
    lower = token.lower_
    if not lower.endswith(("er", "ir", "re", "oir")):
        return False
    return token.pos_ in ("VERB", "AUX") or "Inf" in token.morph.get("VerbForm")


def _next_word(tokens: Sequence[Token], i: int) -> Token | None:
    return tokens[i + 1] if i + 1 < len(tokens) else None


def _finite_verb_before(tokens: Sequence[Token], i: int) -> bool:
    for j in range(i - 1, -1, -1):
        token = tokens[j]
        if token.lower_ in CLAUSE_BREAKS:
            return False
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return True
    return False


def decide_a(tokens: Sequence[Token], i: int) -> str | None:
    """``à`` when the a at ``i`` is the preposition, None when it is the verb avoir."""
    token = tokens[i]
    after = _next_word(tokens, i)
    before = tokens[i - 1] if i else None
    if after is None or after.text in (")", ".", "]") or (after.is_punct and after.text not in '«"“'):
        return None  # a letter: point a), annexe A.
    if after.lower_ in ENGLISH or (before is not None and before.lower_ in ENGLISH):
        return None
    if token.text == "A":
        # Sentence-initial: a verb needs a subject before it, so it is the preposition.
        opening = before is None or before.text in (".", "!", "?", ":", "•", "«", "—", "-")
        return "À" if opening and (after.is_lower or after.pos_ == "DET") else None
    if before is not None and before.lower_ == "tout" and after.lower_ == "fait":
        return "à"  # tout à fait
    if before is not None and before.lower_ in SUBJECTS:
        return None
    if _is_infinitive(after):
        return "à"
    j = i + 1
    while j < len(tokens) - 1 and j <= i + 3 and (tokens[j].pos_ == "ADV" or tokens[j].lower_ == "dès"):
        j += 1
    if _is_participle(tokens[i + 1]) or (j > i + 1 and _is_participle(tokens[j])):
        return None
    return "à"


def _clause_follows(tokens: Sequence[Token], i: int) -> bool:
    """A subject then a finite verb right after ``i``: what où introduces."""
    after = _next_word(tokens, i)
    if after is None:
        return False
    if after.lower_ in SUBJECT_PRONOUNS or after.lower_ in DETERMINERS:
        for token in tokens[i + 2 : i + 11]:
            if token.is_punct and token.text != ",":  # an incise may stand between subject and verb
                return False
            if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
                return True
    return False


def decide_ou(tokens: Sequence[Token], i: int, before_text: str | None) -> str | None:
    before = before_text.lower() if before_text is not None else None
    if tokens[i].text != "ou" or before is None:
        return None
    if before in ("d'", "d’", "là", "par", "jusqu'", "jusqu’"):
        return "où"
    if not _clause_follows(tokens, i):
        return None
    if before == ",":
        return "où"
    for j in range(i - 1, max(i - 4, -1), -1):
        if tokens[j].lower_ in WHERE_NOUNS:
            return "où"
        if tokens[j].pos_ not in ("ADJ", "PUNCT"):
            break
    return None


def plain_decisions(line: str, next_line: str) -> list[Replacement]:
    """des -> dès and la -> là, which need no tagging."""
    found: list[Replacement] = []
    following = line + " " + next_line
    for match in _DES.finditer(following):
        if match.start() >= len(line):
            break
        nxt = match.group(3).lower()
        if nxt in DES_NEXT or _YEAR.match(nxt) or any(nxt.startswith(p) for p in ("l'", "l’", "qu'", "qu’")):
            found.append((match.start(), match.start() + 3, match.group(1) + "ès", "des/dès"))
    for match in _LA.finditer(following):
        if match.start() >= len(line):
            break
        nxt = match.group(4).lower()
        if nxt not in DETERMINERS:
            found.append((match.start(), match.start() + 2, match.group(1) + "à", "la/là"))
    return found


_STANDALONE = re.compile(r"(?<![\w'’-])(?:[aA]|[oO]u)(?![\w'’-])")
A_THEN_NOUN_PHRASE = DETERMINERS | frozenset("du tous toutes tout toute travers partir titre".split())
_EDGE = '.,;:()«»"“”'


def _word(chunk: str) -> str:
    """A chunk as the deciders see it: elided prefix (c’, l’) or the bare word, lower case."""
    chunk = chunk.strip(_EDGE).lower()
    for mark in ("'", "’"):
        if mark in chunk:
            return chunk[: chunk.index(mark) + 1]
    return chunk


def _quick(line: str, start: int, end: int, before: str, after: str) -> str | bool | None:
    """Decide without tagging when the neighbours settle it, exactly as the tagged rules would.
    Returns the replacement, None for "leave it", or False when tags are needed."""
    token = line[start:end]
    left = (before + " " + line[:start]).split()
    right = (line[end:] + " " + after).split()
    prev_chunk = left[-1] if left else ""
    prev = _word(prev_chunk)
    nxt = _word(right[0]) if right else ""
    if not prev or not nxt or prev_chunk[-1:] in _EDGE or right[0][:1] in _EDGE:
        return False
    if prev in ENGLISH or nxt in ENGLISH:
        return None
    if token == "a":
        if prev in SUBJECTS or prev == "tout":
            return False if prev == "tout" else None
        return "à" if nxt in A_THEN_NOUN_PHRASE else False
    if token == "ou":
        if prev in ("d'", "d’", "là", "la", "par", "jusqu'", "jusqu’") or prev in WHERE_NOUNS:
            return False
        return None if nxt not in SUBJECT_PRONOUNS and nxt not in DETERMINERS else False
    return False


def tagged_decisions(lines: Sequence[str], nlp: Language) -> list[list[Replacement]]:
    """a/à and ou/où for every line. Occurrences the neighbouring words settle are decided at once;
    only lines holding another one go through spaCy, in one batch, with a little of their
    neighbouring lines for context."""
    results: list[list[Replacement]] = [[] for _ in lines]
    jobs: list[tuple[int, int]] = []  # (line index, offset of the line inside its window)
    texts: list[str] = []
    for index, line in enumerate(lines):
        if not _NEEDS_TAGS.search(line):
            continue
        before = lines[index - 1].split()[-8:] if index and lines[index - 1] else []
        after = lines[index + 1].split()[:8] if index + 1 < len(lines) and lines[index + 1] else []
        quick: list[Replacement] = []
        for match in _NEEDS_TAGS.finditer(line):
            decided = _quick(line, match.start(), match.end(), " ".join(before), " ".join(after))
            if decided is False or not _STANDALONE.match(line, match.start()):
                break
            if decided is not None:
                rule = "a/à" if match.group().lower() == "a" else "ou/où"
                quick.append((match.start(), match.end(), decided, rule))
        else:
            results[index] = quick
            continue
        head = " ".join(before) + " " if before else ""
        jobs.append((index, len(head)))
        texts.append(head + line + (" " + " ".join(after) if after else ""))
    for (index, offset), doc in zip(jobs, nlp.pipe(texts, batch_size=256), strict=True):
        results[index] = _decide_doc(doc, offset, len(lines[index]))
    return results


def _decide_doc(doc: Sequence[Token], offset: int, length: int) -> list[Replacement]:
    tokens = list(doc)
    found: list[Replacement] = []
    decided: dict[int, str] = {}
    deciders: dict[str, Callable[[int], str | None]] = {
        "a": lambda i: decide_a(tokens, i),
        "ou": lambda i: decide_ou(tokens, i, decided.get(i - 1, tokens[i - 1].text) if i else None),
    }
    for i, token in enumerate(tokens):
        start = token.idx - offset
        if start < 0 or start >= length:
            continue
        if token.lower_ == "la" and i + 1 < len(tokens) and tokens[i + 1].lower_ in ("ou", "où"):
            after = tokens[i + 2].lower_ if i + 2 < len(tokens) else ""
            if after and after not in DETERMINERS:
                decided[i] = "là"  # la ou c'est possible: settled by plain_decisions, seen here by ou
            continue
        decide = deciders.get(token.lower_)
        if decide is None:
            continue
        new = decide(i)
        if new is not None and new != token.text:
            decided[i] = new
            rule = "a/à" if token.lower_ == "a" else "ou/où"
            found.append((start, start + len(token.text), new, rule))
    return found
