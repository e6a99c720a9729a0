"""pns-extract: Belgium's Plan national de sécurité as validated structured data.

The library API (the CLI runs the same functions)::

    import pns_extract

    document = pns_extract.extract("plan.pdf")           # a path, or the file's bytes
    excerpt = pns_extract.extract("plan.pdf", pages="13-21", enrich=False)
    saved = pns_extract.load("outputs/pns-2026-2029.json")
    changes = pns_extract.diff(saved, document)           # Documents or paths
    print(changes.summary.identical)

Errors are ``pns_extract.errors.PnsExtractError`` subclasses; the models are in
``pns_extract.model`` (``Document``) and ``pns_extract.changes.model`` (``DocumentDiff``).
"""

import logging

from .api import diff, extract, extraction, load

# The one place the version is written (pyproject.toml reads it from here): a constant, because
# asking the installed metadata costs 30 ms of imports in every process, a re-run answered from
# the result cache included.
__version__ = "0.1.0"

__all__ = ["__version__", "diff", "extract", "extraction", "load"]

# The library's notices (a cache entry discarded) are shown only when the application asks:
# the CLI shows them with --verbose.
logging.getLogger(__name__).addHandler(logging.NullHandler())
