"""Build or check the published dataset and schemas (used by `make dataset` / `make dataset-check`).

    python scripts/dataset.py build [--corpus corpus] [--out outputs] [--schemas schemas]
    python scripts/dataset.py check [--corpus corpus] [--out outputs] [--schemas schemas]

`check` exits with 12 (ExitCode.STALE) and lists the stale, missing and extra files when the
committed outputs differ from a fresh regeneration.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pns_extract.dataset import build_dataset, check_dataset
from pns_extract.errors import ExitCode, PnsExtractError
from pns_extract.schema import check_schemas, write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["build", "check", "schemas"])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--out", type=Path, default=Path("outputs"))
    parser.add_argument("--schemas", type=Path, default=Path("schemas"))
    args = parser.parse_args(argv)
    try:
        if args.action == "schemas":
            for path in write_schemas(args.schemas):
                print(f"wrote {path}")
            return 0
        if args.action == "build":
            for path in write_schemas(args.schemas):
                print(f"schema {path}")
            result = build_dataset(args.corpus, args.out)
            for name, reason in result.skipped:
                print(f"skipped {name}: {reason}", file=sys.stderr)
            print(
                f"dataset: {len(result.documents)} document(s), {len(result.written)} file(s) updated, "
                f"{len(result.removed)} removed in {args.out}/"
            )
            return 0
        problems = check_schemas(args.schemas) + check_dataset(args.corpus, args.out)
    except PnsExtractError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return int(error.exit_code)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("the dataset is stale: run `make dataset` and commit the result", file=sys.stderr)
        return int(ExitCode.STALE)
    print(f"{args.out}/ and {args.schemas}/ are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
