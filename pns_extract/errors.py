"""Error classes and the exit codes the CLI maps them to.

The library raises; only ``cli.py`` turns an error into an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (see README, "Exit codes")."""

    OK = 0
    DIFFERENT = 1  # `diff`: the editions differ (like diff(1))
    TROUBLE = 2  # `diff`: trouble; also usage errors (typer's own code)
    INPUT_NOT_FOUND = 3
    INPUT_UNREADABLE = 4  # folder, empty, invalid UTF-8, damaged or non-PDF bytes
    ENCRYPTED = 5
    NOT_A_PNS = 6
    OCR_UNAVAILABLE = 7
    OCR_FAILED = 8  # one or more pages failed OCR (partial result not written)
    LIMIT_EXCEEDED = 9
    OUTPUT_ERROR = 10
    INVALID_DOCUMENT = 11  # `validate` / `check`: the file does not match the schema
    STALE = 12  # `check`: outputs/ differs from a fresh regeneration
    PARTIAL = 13  # `batch`, or several inputs: some documents failed
    WARNINGS = 14  # `--strict`: a document carries warnings (its output is written)
    INTERNAL = 70
    HANGUP = 129  # SIGHUP: stopped like an interrupt (128 + the signal number, as shells report it)
    INTERRUPTED = 130  # Ctrl-C (SIGINT): workers stopped, temporary files removed, one line
    TERMINATED = 143  # SIGTERM: the same


class PnsExtractError(Exception):
    """Base class: every error the library raises on purpose carries its exit code."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputNotFoundError(PnsExtractError):
    exit_code = ExitCode.INPUT_NOT_FOUND


class InputUnreadableError(PnsExtractError):
    exit_code = ExitCode.INPUT_UNREADABLE


class EncryptedPdfError(PnsExtractError):
    exit_code = ExitCode.ENCRYPTED


class NotAPnsError(PnsExtractError):
    exit_code = ExitCode.NOT_A_PNS


class OcrUnavailableError(PnsExtractError):
    exit_code = ExitCode.OCR_UNAVAILABLE


class OcrFailedError(PnsExtractError):
    exit_code = ExitCode.OCR_FAILED


class LimitExceededError(PnsExtractError):
    exit_code = ExitCode.LIMIT_EXCEEDED


class PageRangeError(PnsExtractError):
    """``--pages`` starts past the document's last page: a usage error."""

    exit_code = ExitCode.TROUBLE


class OutputError(PnsExtractError):
    exit_code = ExitCode.OUTPUT_ERROR


class InvalidDocumentError(PnsExtractError):
    exit_code = ExitCode.INVALID_DOCUMENT
