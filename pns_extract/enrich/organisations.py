"""Organisations and bodies of the Belgian and European security chain that the plan
names as partners. Each entry: canonical name, case-insensitive aliases, and aliases
matched only as written (acronyms, and names that are also common words: ``Défense``).
The glossary extends this table at run time (acronym <-> expansion)."""

from __future__ import annotations

from typing import NamedTuple


class Organisation(NamedTuple):
    name: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()  # matched case-sensitively


ORGANISATIONS: tuple[Organisation, ...] = (
    # European and international
    Organisation("Europol", ("Europol",)),
    Organisation("Eurojust", ("Eurojust",)),
    Organisation("Frontex", ("Frontex",)),
    Organisation("INTERPOL", ("Interpol",)),
    Organisation("EUDA", ("Agence de l'Union européenne sur les drogues",), ("EUDA",)),
    Organisation("MAOC-N", ("MAOC-N", "MAOC (N)")),
    Organisation("EC3", ("European Cybercrime Centre",), ("EC3",)),
    Organisation("Commission européenne", ("Commission européenne", "Commission de l'UE")),
    Organisation("Conseil de l'Europe", ("Conseil de l'Europe",)),
    Organisation("Nations unies", ("Nations unies", "Organisation des Nations unies"), ("ONU",)),
    Organisation("GRECO", ("Groupe d'États contre la corruption",), ("GRECO",)),
    Organisation("GAFI", ("Groupe d'action financière",), ("GAFI", "FATF")),
    Organisation("GRETA", (), ("GRETA",)),
    Organisation("GREVIO", (), ("GREVIO",)),
    # Belgian federal
    Organisation("CCB", ("Centre pour la Cybersécurité Belgique",), ("CCB",)),
    Organisation("VSSE", ("Sûreté de l'État",), ("VSSE",)),
    Organisation("SGRS", ("Service général du renseignement et de la sécurité",), ("SGRS",)),
    Organisation("Cyber Command", ("Cyber Command",)),
    Organisation("Défense", (), ("Défense", "Defense")),
    Organisation("OCAM", ("Organe de coordination pour l'analyse de la menace",), ("OCAM",)),
    Organisation("CNDC", ("Commissariat national aux drogues", "Commissariat National Drogue"), ("CNDC",)),
    Organisation("douane", ("douane", "douanes", "services douaniers", "administration des douanes")),
    Organisation("parquet fédéral", ("parquet fédéral",)),
    Organisation("ministère public", ("ministère public",)),
    Organisation("Collège des procureurs généraux", ("Collège des procureurs généraux",), ("COL PG",)),
    Organisation("Justice", (), ("Justice",)),
    Organisation("SPF Finances", ("SPF Finances", "administration fiscale")),
    Organisation("SPF Affaires étrangères", ("SPF Affaires étrangères",)),
    Organisation("Office des étrangers", ("Office des étrangers",), ("OE",)),
    Organisation("SIRS", ("Service d'information et de recherche sociale",), ("SIRS",)),
    Organisation("INCC", ("Institut national de criminalistique et de criminologie",), ("INCC",)),
    Organisation("Sciensano", ("Sciensano",)),
    Organisation("IEFH", ("Institut pour l'égalité des femmes et des hommes",), ("IEFH",)),
    Organisation("Securail", ("Securail",)),
    Organisation("SNCB", ("Société nationale des chemins de fer belges",), ("SNCB",)),
    Organisation("safe.brussels", ("safe.brussels",)),
    Organisation("Conseil fédéral de police", ("Conseil fédéral de police", "Conseil fédéral de la police")),
    Organisation("AIG", ("Inspection générale de la Police Fédérale et de la Police Locale",), ("AIG",)),
    Organisation("Comité P", ("Comité P",)),
    # Police services named as partners inside the Police Intégrée
    Organisation("PJF", ("Police Judiciaire Fédérale", "Polices judiciaires fédérales"), ("PJF",)),
    Organisation(
        "MOTEM", ("équipes d'enquête multidisciplinaires", "équipes d'enquête pluridisciplinaires"), ("MOTEM",)
    ),
    Organisation(
        "CIEAR",
        (
            "centres d'information et d'expertise d'arrondissement",
            "Centres d'Information et d'Expertise Arrondissementaux",
        ),
        ("CIEAR", "ARIEC"),
    ),
    Organisation("FCCU", ("Federal Computer Crime Unit",), ("FCCU",)),
    Organisation("RCCU", ("Regional Computer Crime Unit",), ("RCCU",)),
    Organisation("DGJ", ("Direction générale de la police judiciaire",), ("DGJ",)),
    Organisation("DGA", ("Direction générale de la police administrative",), ("DGA",)),
    Organisation("DAB", ("Direction de sécurisation",), ("DAB",)),
    Organisation("DAP", ("Direction de protection", "Direction de la protection"), ("DAP",)),
    Organisation("CG", ("Commissariat général",), ("CG",)),
    Organisation("Police Technique et Scientifique", ("Police Technique et Scientifique",)),
    Organisation("Centrex Cyber", ("Centrex Cyber",)),
)

# The plan's own actors: every theme names them, so counting them says nothing.
OWN_ACTORS = ("Police Intégrée", "Police Fédérale", "Police Locale", "GPI")
