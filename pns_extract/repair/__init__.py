"""OCR repair between ingestion and parsing: lexicon-driven word repair plus spaCy context
decisions for à/où/dès/là. See docs/repair.md."""

from .stage import Change, RepairResult, repair_lines, repair_source, repair_text

__all__ = ["Change", "RepairResult", "repair_lines", "repair_source", "repair_text"]
