"""pns-extract: Belgium's Plan national de sécurité as validated structured data."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pns-extract")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
