"""Processes the interrupt tests start and then kill: a CLI run whose OCR never ends, and a batch
whose documents never end. Run as ``python tests/slow_runs.py cli|batch ARGS...``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


class SlowEngine:
    """An OCR engine that takes forever, as on a huge page."""

    lang = "fra"

    def check(self) -> None:
        pass

    def close(self) -> None:
        pass

    def settings_key(self) -> str:
        return "slow"

    def recognize(self, image, suffix, dpi, size, meanwhile=None):
        time.sleep(600)
        raise AssertionError("never reached")


def slow_extractor(path, options):
    time.sleep(600)
    raise AssertionError("never reached")


def main() -> int:
    if sys.argv[1] == "cli":
        import pns_extract.ingest.pdf as pdf
        from pns_extract.cli import main as cli

        pdf.TesseractEngine = lambda *args, **kwargs: SlowEngine()  # type: ignore[assignment]
        return cli(sys.argv[2:])
    from pns_extract.batch import run_batch

    run_batch(Path(sys.argv[2]), Path(sys.argv[3]), 2, extractor=slow_extractor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
