"""Parsing: ``SourceDocument`` -> ``Document``."""

from .document import parse_document

__all__ = ["parse_document"]
