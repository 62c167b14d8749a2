"""Command-line interface: validate, train, predict, evaluate, bench."""

from __future__ import annotations

import argparse
import json
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


def _cmd_train(args: argparse.Namespace) -> int:
    """Train with CV, write the artifact and print its metadata (--if-stale: one line)."""
    from nlu.artifact import artifact_dir, save, stale_reason, train

    target = artifact_dir(args.artifact_dir)
    if args.if_stale:
        reason = stale_reason(target, args.data_dir)
        if reason is None:
            print(f"nlu: artifact in {target} is up to date; not training")
            return 0
    model = train(Path(args.data_dir))
    save(model, target)
    if args.if_stale:
        cv = model.meta["cv_macro_f1"]
        print(f"nlu: trained ({reason}) in {model.meta['train_seconds']} s; CV macro-F1 {cv}")
    else:
        print(json.dumps(model.meta, indent=2))
    return 0


def _cmd_predict(args: argparse.Namespace) -> int:
    """stdin JSONL {"text", "id"?} -> stdout JSONL per the contract, same order."""
    from nlu import load_model
    from nlu.predict_io import predict_stream

    model = load_model(args.data_dir, args.artifact_dir)
    predict_stream(model, sys.stdin, sys.stdout)
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    """Print CV and held-out metrics."""
    from nlu.evaluate import run

    print(run(folds=args.folds))
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    """Print latency, throughput, load time and memory."""
    from nlu.bench import run

    print(run(n=args.n))
    return 0


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
    for name, func, helptext in (
        ("train", _cmd_train, "cross-validate, fit and save the artifact"),
        ("predict", _cmd_predict, "JSONL stdin -> JSONL stdout"),
    ):
        cmd = sub.add_parser(name, help=helptext)
        cmd.add_argument("--data-dir", default=str(DATA_DIR))
        cmd.add_argument(
            "--artifact-dir", default=None, help="default: $NLU_ARTIFACT_DIR or nlu/artifacts"
        )
        if name == "train":
            cmd.add_argument(
                "--if-stale", action="store_true",
                help="train only if the artifact is missing or the data/library versions changed",
            )
        cmd.set_defaults(func=func)
    ev = sub.add_parser("evaluate", help="k-fold CV and held-out metrics")
    ev.add_argument("--folds", type=int, default=5)
    ev.set_defaults(func=_cmd_evaluate)
    be = sub.add_parser("bench", help="latency / throughput / load time / memory")
    be.add_argument("-n", type=int, default=2000)
    be.set_defaults(func=_cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run one command."""
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    sys.stdout.flush()
    return code
