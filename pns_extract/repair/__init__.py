"""OCR repair between ingestion and parsing: lexicon-driven word repair plus spaCy context
decisions for à/où/dès/là. See docs/repair.md."""

from .stage import Change, RepairResult, format_report, repair_lines, repair_source, repair_text

__all__ = ["Change", "RepairResult", "format_report", "repair_lines", "repair_source", "repair_text"]
