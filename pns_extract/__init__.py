"""pns-extract: Belgium's Plan national de sécurité as validated structured data."""

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pns-extract")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

# The library's notices (a cache entry discarded) are shown only when the application asks:
# the CLI shows them with --verbose.
logging.getLogger(__name__).addHandler(logging.NullHandler())
