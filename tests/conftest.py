"""Shared fixtures: the corpus and a builder for small inline plans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from pns_extract.ingest.text import source_from_text
from pns_extract.model import Document
from pns_extract.parse import parse_document

# CI explores a fixed sequence of examples (a red build always reproduces); developers' runs
# explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TEXT = ROOT / "corpus" / "pns-2026-2029.ocr.txt"

PREAMBLE = """ Préambule

La sécurité est une promesse faite à chaque citoyen.

Bernard QUINTIN Annelies VERLINDEN
Ministre de la Sécurité et de l'Intérieur Ministre de la Justice
 Le Plan national de sécurité 2026-2029 traduit la Note-cadre en priorités.
 Les thèmes présentés dans ce chapitre constituent l'épine dorsale du plan.
"""


def plan(*theme_pages: str) -> str:
    """A minimal plan around the given theme pages (each page starts with one space)."""
    pages = "".join(" " + page.lstrip(" ").rstrip("\n") + "\n" for page in theme_pages)
    return PREAMBLE + pages


def parse_text(text: str) -> Document:
    return parse_document(source_from_text(text))


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests use a cache of their own: results left by earlier runs on the machine never hide a
    regression, and the tests never write into the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("PNS_EXTRACT_CACHE")
    os.environ["PNS_EXTRACT_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("PNS_EXTRACT_CACHE", None)
    else:
        os.environ["PNS_EXTRACT_CACHE"] = previous


@pytest.fixture(scope="session")
def corpus_text() -> str:
    return CORPUS_TEXT.read_text(encoding="utf-8")
