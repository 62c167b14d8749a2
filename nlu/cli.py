"""Command-line interface: validate, train, predict, evaluate, bench."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nlu.data_loader import DATA_DIR


def _cmd_validate(args: argparse.Namespace) -> int:
    """Print data problems; exit 1 when there are errors."""
    from nlu.validate import counts_table, validate

    report = validate(Path(args.data_dir), partial=args.partial)
    wanted = args.only or []

    def shown(item: str) -> bool:
        return not wanted or any(w in item for w in wanted)

    errors = [e for e in report.errors if shown(e)]
    warnings = [w for w in report.warnings if shown(w)]
    print(counts_table(report))
    for w in warnings if args.warnings else []:
        print(f"WARNING {w}")
    for e in errors:
        print(f"ERROR {e}")
    suffix = " (filtered)" if wanted else ""
    print(f"{len(errors)} error(s), {len(warnings)} warning(s){suffix}")
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    """All sub-commands and their options."""
    parser = argparse.ArgumentParser(prog="python -m nlu", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check the NLU data files")
    val.add_argument("--data-dir", default=str(DATA_DIR))
    val.add_argument("--partial", action="store_true", help="too-few-examples are warnings")
    val.add_argument("--warnings", action="store_true", help="also print warnings")
    val.add_argument(
        "--only", nargs="*", metavar="TEXT", help="only show problems mentioning TEXT (a file)"
    )
    val.set_defaults(func=_cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run one command."""
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    sys.stdout.flush()
    return code
