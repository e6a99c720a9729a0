"""Recognisers for the PNS's typographic conventions, written for French text
as OCR delivers it: accents may be lost, apostrophes vary, pictograms in front
of section titles come out as stray signs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..model import Actor, AttentionSection
from ..textnorm import fold_match as fold

APOSTROPHES = "'’‘`´"
TERMINAL = ".;:!?"
# what closes a phrase: wrapped onto a line of its own, it belongs to the line above
CLOSING = ".,;:!?)]»”"
_QUOTES = {"»": "«", "”": "“"}


def quote_left_open(above: str, mark: str) -> bool:
    """Does ``above`` open more quotations than it closes with ``mark`` (``»`` or ``”``)?"""
    return mark in _QUOTES and above.count(_QUOTES[mark]) > above.count(mark)


def closes_quote(text: str, above: str) -> bool:
    """A closing quotation mark on its own line (with the punctuation after it: ``») ;``) that
    closes the quotation the line above opened (a narrow measure wrapped it); alone after a closed
    line, it is OCR's reading of a pictogram."""
    stripped = text.strip()
    return all(ch in CLOSING or ch.isspace() for ch in stripped) and quote_left_open(above, stripped[:1])


# Words after which a French sentence cannot stop: a line ending on one continues.
FUNCTION_WORDS = frozenset(
    "de du des la le les l d et ou à a en par pour avec sur dans au aux que qui un une "
    "son sa ses leur leurs ce cette ces entre vers sous sans contre dont".split()
)


def clean_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def ends_terminal(text: str) -> bool:
    stripped = text.rstrip(" »\"')”")
    return bool(stripped) and stripped[-1] in TERMINAL


def last_word(text: str) -> str:
    words = re.findall(r"[\w'’]+", fold(text))
    return words[-1] if words else ""


def unbalanced(text: str) -> bool:
    return text.count("(") > text.count(")") or text.count("«") > text.count("»") or (text.count("[") > text.count("]"))


def starts_lowercase(text: str) -> bool:
    """True when the line starts like the middle of a sentence. ``I'`` and ``|'`` before a
    lowercase letter are OCR for ``l'``."""
    stripped = text.lstrip(' «"“(')
    if not stripped:
        return False
    if re.match(rf"^[I|][{APOSTROPHES}]?[{APOSTROPHES}]\s?[a-zà-ÿ]", stripped):
        return True
    first = stripped[0]
    return first.isalpha() and first.islower()


def in_capitals(text: str) -> bool:
    """Set in capitals: it has letters (two at least) and none in lowercase ("MINEURS D’ÂGE")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def starts_uppercase(text: str) -> bool:
    stripped = text.lstrip(' «"“(')
    return bool(stripped) and stripped[0].isalpha() and stripped[0].isupper() and not starts_lowercase(text)


# --- line-level markers ----------------------------------------------------

# "0" is OCR's reading of the hollow sub-bullet: no numbered list starts at 0
_BULLET = re.compile(r"^([e¢*=•●▪■◦o0»·]|[-–—])\s+(?=\S)")
_NUMBER = re.compile(r"^(\d{1,2})[.)]\s*(?=\S)")
_NUMBER_NO_DOT = re.compile(r"^(\d{1,2})\s+(?=[A-ZÀ-ÖØ-Ý«])")
_LONE_NUMBER = re.compile(r"^(\d{1,2})[.)]$")


@dataclass(frozen=True, slots=True)
class Marker:
    kind: Literal["bullet", "number"]
    glyph: str  # the bullet as read, or the number's digits
    rest: str  # the line without its marker


def list_marker(text: str) -> Marker | None:
    if match := _NUMBER.match(text):
        return Marker("number", match.group(1), text[match.end() :])
    if match := _NUMBER_NO_DOT.match(text):
        return Marker("number", match.group(1), text[match.end() :])
    if match := _BULLET.match(text):
        return Marker("bullet", match.group(1), text[match.end() :])
    return None


def lone_number(text: str) -> int | None:
    match = _LONE_NUMBER.match(text.strip())
    return int(match.group(1)) if match else None


def is_noise(text: str) -> bool:
    """Pictograms read as text: a few signs or letters with no word in them."""
    stripped = text.strip()
    if not stripped or lone_number(stripped) is not None:
        return False
    if re.fullmatch(r"[.,;:!?)\]]+", stripped):
        return False  # punctuation wrapped onto its own line belongs to the line above
    if not re.search(r"[A-Za-zÀ-ÿ0-9]", stripped):
        return True
    # a short word alone on a line ("des", "en :" with French spacing) is text, and so is a heading
    # number set above its title ("1 –", "2."); a stray capital or sign ("Y", "|II") is not
    return len(stripped.replace(" ", "")) <= 3 and not (
        _BARE_NUMBER.fullmatch(stripped) or re.fullmatch(r"\d{1,3}|[a-zà-ÿ]{1,3}\s?[.,;:]?", stripped)
    )


# --- headings --------------------------------------------------------------

# House styles write the number "1.", "1", "1.1", "1.1." and may follow it with a dash or a colon
# ("1.1 – Trafic de drogue"); without a dot, a space and a capital must follow the number. OCR
# reads the dot of "1.5" as a comma now and then.
_THEME_HEADING = re.compile(
    r"^(\d{1,2})(?:[.,](\d{1,2})\.?|\.|(?=\s+(?:[-–—:]\s+)?[A-ZÀ-ÖØ-Ý«]))\s*(?:[-–—:]\s+)?(?=[A-ZÀ-ÖØ-Ýa-z«])(.+)$"
)
_CHAPTER = re.compile(r"^chapitre\s+(\d{1,2}|[ivx]{1,4})\b\s*[:.\-–—]?\s*(.*)$", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_PICTOGRAM_PREFIX = re.compile(r"^[^A-Za-zÀ-ÿ]*(?:[A-Za-z¥]{1,2}\s+(?=[A-ZÀ-Ý]))?[^A-Za-zÀ-ÿ]*")
HEADING_MAX_CHARS = 95


@dataclass(frozen=True, slots=True)
class NumberedHeading:
    major: int
    minor: int | None
    title: str


def numbered_heading(text: str) -> NumberedHeading | None:
    """``1. Criminalité organisée``, ``1.2Violence liée…``, ``6.1 Fraude sociale``: shape only;
    whether it is a heading depends on where it stands (see structure.py)."""
    match = _THEME_HEADING.match(text.strip())
    if not match:
        return None
    title = clean_spaces(match.group(3))
    if len(title) > HEADING_MAX_CHARS or title[-1] in ".;,:" or not title[0].isupper():
        return None
    return NumberedHeading(int(match.group(1)), int(match.group(2)) if match.group(2) else None, title)


_BARE_NUMBER = re.compile(r"^(\d{1,2})(?:[.,](\d{1,2}))?\.?(?:\s*[-–—:])?$")


def split_heading(number_line: str, title_line: str) -> NumberedHeading | None:
    """A heading whose number stands on a line of its own, the title on the next
    (``1.1`` / ``Trafic de drogue``), as some layouts set them."""
    match = _BARE_NUMBER.match(number_line.strip())
    if not match:
        return None
    minor = f".{match.group(2)}" if match.group(2) else "."
    return numbered_heading(f"{match.group(1)}{minor} {title_line.strip()}")


def chapter_marker(text: str) -> tuple[int, str | None] | None:
    match = _CHAPTER.match(text.strip())
    if not match:
        return None
    raw = match.group(1).lower()
    number = int(raw) if raw.isdigit() else _ROMAN.get(raw)
    if number is None:
        return None
    title = clean_spaces(match.group(2)) or None
    return number, title


def strip_pictogram(text: str) -> str:
    return _PICTOGRAM_PREFIX.sub("", text.strip())


SectionKind = Literal["objectives", "attention", "plans"]


def section_heading(text: str) -> tuple[SectionKind, AttentionSection | None] | None:
    """The theme's section titles, with or without the pictogram OCR puts in front. A title starts
    with a capital: "… une série de points d'attention stratégiques :" wrapped onto a line of its
    own is the end of a sentence."""
    stripped = strip_pictogram(text)
    folded = fold(stripped).rstrip(" :")
    if len(folded.split()) > 7 or not stripped[:1].isupper():
        return None
    if re.fullmatch(r"objectifs?( strategiques?)?", folded):
        return "objectives", None
    if match := re.fullmatch(r"points? d'? ?attention ?(\w*)", folded):
        return "attention", attention_section(match.group(1))
    if re.fullmatch(r"plans? d'? ?action( et cadres? politiques?( pertinents?)?)?", folded):
        return "plans", None
    if re.fullmatch(r"cadres? politiques?( pertinents?)?", folded):
        return "plans", None
    return None


def attention_section(qualifier: str) -> AttentionSection:
    folded = fold(qualifier)
    if folded.startswith("transvers"):
        return "transversal"
    if folded.startswith("genera"):
        return "general"
    if folded.startswith("strateg"):
        return "strategic"
    return "other"


def preamble_heading(text: str) -> bool:
    return fold(strip_pictogram(text)).rstrip(" :") in {"preambule", "avant-propos", "avant propos", "preface"}


def glossary_heading(text: str) -> bool:
    folded = fold(strip_pictogram(text)).rstrip(" :")
    return bool(re.fullmatch(r"(glossaire|lexique|(liste des )?(abreviations|acronymes|sigles)( et [a-z ]+)?)", folded))


# --- objectives ------------------------------------------------------------

_ACTOR_GROUP = re.compile(r"^pour la police (federale|locale|integree)\s*:?$")


def actor_of(folded: str) -> Actor:
    if "federale" in folded:
        return "federal"
    if "locale" in folded:
        return "local"
    return "other"


def group_heading(text: str) -> tuple[Actor, str] | None:
    """``Pour la Police Fédérale :`` (actor), or a short subject label ending in a colon
    (``Violence sexuelle :``)."""
    stripped = strip_pictogram(text).strip()
    folded = fold(stripped)
    label = clean_spaces(stripped.rstrip(" :"))
    if match := _ACTOR_GROUP.match(folded):
        return actor_of(match.group(1)), label
    words = label.split()
    if folded.endswith(":") and 1 <= len(words) <= 5 and starts_uppercase(label) and list_marker(text) is None:
        return actor_mentioned(label) or "other", label  # "Police Fédérale :" names its actor
    return None


def actor_mentioned(text: str) -> Actor | None:
    """The actor a sentence names first (``…la Police Fédérale se fixe les objectifs suivants :``)."""
    folded = fold(text)
    positions = {
        actor: folded.find(f"police {word}")
        for actor, word in (("federal", "federale"), ("local", "locale"))
        if f"police {word}" in folded
    }
    if not positions:
        return None
    return min(positions, key=lambda actor: positions[actor])


def introduces_list(text: str) -> bool:
    return text.rstrip().endswith(":")


def group_intro(text: str) -> Actor | None:
    """A sentence that introduces a group of objectives by naming the actor. OCR reads the colon
    of "… les objectifs suivants :" as a semicolon now and then; no list item ends that way."""
    folded = fold(text)
    if not (introduces_list(text) or re.search(r"suivante?s\s*;$", folded.rstrip())):
        return None
    if not re.search(r"objectif|suivant|element|par le biais|retenons", folded):
        return None
    return actor_mentioned(text)


_MISSION_CUE = re.compile(r"mission|concretis|mene a bien|menee a bien|en vue de\s*:?$")


def introduces_missions(text: str) -> bool:
    return introduces_list(text) and bool(_MISSION_CUE.search(fold(text)))


def introduces_attention_points(text: str) -> AttentionSection | None:
    if not introduces_list(text):
        return None
    match = re.search(r"points? d'? ?attention ?(\w*)", fold(text))
    return attention_section(match.group(1)) if match else None


_LABEL = re.compile(r"^(?P<label>[^:;.]{2,90}?)\s?:\s+(?P<rest>\S.*)$", re.DOTALL)


def split_label(text: str) -> tuple[str | None, str]:
    """``Capacité spécialisée : renforcer…`` -> (``Capacité spécialisée``, ``renforcer…``)."""
    match = _LABEL.match(text)
    if not match:
        return None, text
    label = match.group("label").strip()
    if len(label.split()) > 14 or not starts_uppercase(label) or unbalanced(label):
        return None, text
    return label, match.group("rest").strip()


_DISCOURSE = re.compile(
    r"^(il|ils|elle|elles|ce|cet|cette|ces|ceci|cela|celle|celles|celui|ceux|c'|de plus|en outre|"
    r"par ailleurs|toutefois|cependant|ainsi|en effet|des lors|a cet egard|dans ce cadre|pour ce faire|"
    r"de meme|en revanche|neanmoins|par consequent)\b"
)


def continues_discourse(text: str) -> bool:
    """A sentence that opens with a pronoun or a connective (``Elles collaborent…``, ``Il est donc
    essentiel…``) refers back: it cannot start a new list item."""
    return bool(_DISCOURSE.match(fold(text)))


def leading_form(text: str) -> Literal["infinitive", "participle", "other"]:
    """The grammatical form a list item starts with; parallel items share it. French
    infinitives end in -er/-ir/-re/-oir, present participles in -ant."""
    words = re.findall(r"[A-Za-zÀ-ÿ]+", text)
    if not words:
        return "other"
    word = fold(words[0])
    if len(word) > 4 and word.endswith("ant"):
        return "participle"
    if len(word) > 3 and word.endswith(("er", "ir", "re", "oir")):
        return "infinitive"
    return "other"
