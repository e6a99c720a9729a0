"""How a French plan title is built, read with general rules of the language (no list of
titles): what a complement after a shared name adds, whether an acronym heads a title or only
qualifies it, whether a list entry is a sentence rather than a title, and which words a title
is made of whatever their order.

Every function takes *folded* text (``textnorm.fold_aligned``: no accents, straight quotes) unless
it says otherwise; case is kept where it carries meaning (a capital names a place or a body)."""

from __future__ import annotations

import re
from collections import Counter

# Prepositions that open a complement of a noun ("de la Région", "en Flandre", "pour l'UE").
PREPOSITIONS = frozenset(
    "de du des d en pour au aux a dans sur par chez contre avec entre vers of for in on by from van voor der".split()
)
ARTICLES = frozenset("la le les l the het".split())
# A complement of time names the plan's period, not another plan: "pour la période 2026-2029".
_TIME_WORDS = frozenset(
    "periode legislature annee annees mandat cycle exercice an ans horizon period years year".split()
)
# Coordination adds a second topic: "Plan de sécurité et de prévention" is not "Plan de sécurité".
_COORDINATION = frozenset("et ou and or".split())
# Adjectives of a region, a level of power or a nationality ("wallonne", "fédéral", "belge").
_TERRITORIAL = frozenset(
    """
    wallon wallonne wallons wallonnes flamand flamande flamands flamandes bruxellois bruxelloise bruxelloises
    germanophone germanophones belge belges federal federale federaux federales regional regionale regionaux
    regionales communal communale communaux communales provincial provinciale provinciaux provinciales
    zonal zonale zonaux zonales local locale locaux locales national nationale nationaux nationales
    international internationale internationaux internationales europeen europeenne europeens europeennes
    communautaire communautaires metropolitain metropolitaine interfederal interfederale
    vlaams vlaamse waals waalse brusselse federale european flemish walloon belgian
    """.split()
)
# Nationality and place adjectives are built with these suffixes (néerlandais, luxembourgeois,
# italien, coréen); the words below end the same way without naming a place.
_PLACE_SUFFIX = re.compile(r"^[a-z]{3,}(?:ais|aise|aises|ois|oise|oises|ien|ienne|iens|iennes|een|eenne|eens|eennes)$")
_NOT_PLACE = frozenset(
    """
    mais jamais desormais ancien ancienne anciens anciennes moyen moyenne moyens moyennes
    quotidien quotidienne quotidiens quotidiennes lien liens bien biens rien chien soutien soutiens
    entretien entretiens maintien citoyen citoyenne citoyens citoyennes mauvais mauvaise epais epaisse
    """.split()
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:/[A-Za-z0-9]+)*")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def words(folded: str) -> list[str]:
    """Words of a folded text, elisions split (``l'UE`` -> ``l``, ``UE``), ``SYD/NPS`` kept whole."""
    return _WORD.findall(folded)


def is_territorial_adjective(word: str) -> bool:
    lower = word.lower()
    return lower in _TERRITORIAL or (word.islower() and lower not in _NOT_PLACE and bool(_PLACE_SUFFIX.match(lower)))


def distinguishing_complement(rest: str) -> bool:
    """True when ``rest`` (folded text following a shared title) makes it another plan: a
    complement opened by a preposition ("de la Région de Bruxelles-capitale", "en Flandre",
    "de l'UE"), a coordinated topic ("et de prévention") or an adjective of a region, a level of
    power or a nationality ("wallonne", "fédéral"). Years and a complement of time ("pour la
    période 2026-2029") do not count; neither does a juxtaposed name such as an NCSI dimension
    ("Sécurité économique") or a programme's priority ("Firearms"), which stay qualifiers."""
    tokens = [w for w in words(rest) if not _YEAR.match(w)]
    if not tokens:
        return False
    first = tokens[0].lower()
    if first in _COORDINATION:
        return True
    if is_territorial_adjective(tokens[0]):
        return True
    if first in PREPOSITIONS:
        content = [w.lower() for w in tokens[1:] if w.lower() not in ARTICLES and w.lower() not in PREPOSITIONS]
        return not content or content[0] not in _TIME_WORDS
    return False


# Nouns that head the title of a programme or of a part of one: "Programme européen EMPACT",
# "Priorités EMPACT THB". An acronym after such a head (and its adjectives) names the programme.
PROGRAMME_HEADS = frozenset(
    """
    programme programmes priorite priorites projet projets plan plans cycle cycles strategie strategies
    cadre initiative initiatives volet volets axe axes action actions campagne campagnes
    programme programmes priority priorities project projects framework strategy
    """.split()
)


def heads_programme(before: list[str]) -> bool:
    """True when the words before an acronym leave it in the head of the title: nothing, or a
    programme head noun followed only by adjectives ("Programme européen", "Priorités")."""
    if not before:
        return True
    if before[0].lower() not in PROGRAMME_HEADS:
        return False
    return all(w.islower() and w not in PREPOSITIONS and w not in ARTICLES for w in before[1:])


# --- a list entry that is a sentence --------------------------------------------------------

_DETERMINERS = frozenset("la le les l un une des ce cet cette ces chaque notre nos son sa ses leur leurs".split())
_PRONOUNS = frozenset("nous il ils elle elles on".split())
# Inside a text, "on" is as likely English ("Agenda on preventing ..."): only these say a subject.
_INNER_PRONOUNS = _PRONOUNS - {"on"}
# Finite forms of the auxiliaries and modals, the verbs a sentence of a plan most often carries.
_FINITE = frozenset(
    "est sont sera seront etait etaient ont avait avaient aura auront doit doivent devra devront peut peuvent "
    "pourra pourront va vont fait font restent".split()
)
# A named subject and its verb: "la Police Fédérale fournit", "le Collège veillera". Endings of
# the present, imperfect and future that adjectives do not have (-enne, -ale, -ée are left out).
_NAMED_SUBJECT_VERB = re.compile(
    r"\b(?:la|le|les|l'|cette|ce|chaque)\s*(?:[A-Z][\w-]*\s+)+(?!\w*ment\b)[a-z]+(?:it|ent|ait|aient|ra|ront|ons)\b"
)
# A full stop after one of these closes an abbreviation, not a sentence.
_ABBREVIATIONS = frozenset("art arts cf etc al p pp n no nr vol chap ed min max".split())
MIN_SENTENCE_WORDS = 6


def is_sentence(folded: str, *, after_colon: bool = False) -> bool:
    """True when a list entry (or the part after its colon) reads as a sentence, not a title.

    A sentence has at least six words and two of three cues: it ends with a full stop (not one
    closing an abbreviation such as ``M.B.`` or ``art.``); it opens with its subject (a subject
    pronoun, or after a colon a determiner: "EMPACT : la Police Fédérale fournit ..."); it
    has a verb: a finite auxiliary or modal (``est``, ``doit``, ``sera`` ...), a subject pronoun,
    or a named subject followed by a verb form ("la Police Fédérale fournit").
    Titles have neither a subject nor a full stop ("Stratégie de l'UE visant à lutter contre ...")."""
    tokens = words(folded)
    if len(tokens) < MIN_SENTENCE_WORDS:
        return False
    lower = [w.lower() for w in tokens]
    opening = lower[0] in _PRONOUNS or (after_colon and lower[0] in _DETERMINERS)
    finite = (
        lower[0] in _PRONOUNS
        or any(_verb_at(tokens, i) for i in range(1, len(tokens)))
        or bool(_NAMED_SUBJECT_VERB.search(folded))
    )
    stop = _ends_sentence(folded)
    return sum((stop, opening, finite)) >= 2


def _verb_at(tokens: list[str], i: int) -> bool:
    """A finite auxiliary or a subject pronoun, written in lower case and not the noun after an
    article or a preposition ("de l'est du pays", "le fait")."""
    word = tokens[i]
    if word not in _FINITE and word not in _INNER_PRONOUNS:
        return False
    before = tokens[i - 1].lower()
    return before not in ARTICLES and before not in PREPOSITIONS and before not in _DETERMINERS


def _ends_sentence(folded: str) -> bool:
    text = folded.rstrip()
    if not text or text[-1] not in ".!?":
        return False
    last = re.search(r"([A-Za-z]+)\W*$", text[:-1])
    # "M.B." and "art." end abbreviations: a capital or a short word before the stop
    return bool(last) and last.group(1).islower() and last.group(1) not in _ABBREVIATIONS and len(last.group(1)) > 1


# --- same words in another order --------------------------------------------------------------

# Belgium's regions under their French, Dutch and English names and adjectives: "Vlaanderen" and
# "Vlaamse Overheid" name the same region, so two titles differing only there are one plan.
_REGIONS = {
    "flandre": "flandre flandres flamand flamande vlaanderen vlaams vlaamse flanders flemish",
    "wallonie": "wallonie wallon wallonne wallonia walloon waals waalse",
    "bruxelles": "bruxelles bruxellois bruxelloise brussel brussels brusselse",
    "germanophone": "germanophone duitstalige ostbelgien",
}
_REGION_OF = {form: region for region, forms in _REGIONS.items() for form in forms.split()}
# The government of a region is named by the region: "Vlaamse Overheid", "gouvernement wallon".
_GOVERNMENT = frozenset("overheid regering gouvernement government region regio gewest".split())
_STOP = PREPOSITIONS | ARTICLES | _COORDINATION | frozenset("s".split())


def word_bag(folded: str) -> Counter[str]:
    """The content words of a title, in no order: years and function words dropped, a region
    named by its region, a government word dropped where a region names it."""
    tokens = [w.lower() for w in words(folded) if not _YEAR.match(w)]
    regions = {_REGION_OF[w] for w in tokens if w in _REGION_OF}
    bag: Counter[str] = Counter()
    for w in tokens:
        if w in _STOP or (regions and w in _GOVERNMENT):
            continue
        bag["@" + _REGION_OF[w] if w in _REGION_OF else w] += 1
    return bag
