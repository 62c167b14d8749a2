"""Command line: `python -m knowledge check` and `python -m knowledge export`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from knowledge.base import DEFAULT_ROOT, KnowledgeBase
from knowledge.check import run_checks


def _check(root: Path, repo_root: Path) -> int:
    problems = run_checks(root, repo_root)
    for problem in problems:
        print(problem)
    kb_ok = "OK" if not problems else f"{len(problems)} problem(s)"
    print(f"knowledge check: {kb_ok}", file=sys.stderr)
    return 1 if problems else 0


def _export(root: Path) -> int:
    kb = KnowledgeBase.load(root)
    for card in kb.cards:
        row = {
            "id": card.id,
            "intents": list(card.intents),
            "kk": {"title": card.title.get("kk"), "text": card.text.get("kk")},
            "ru": {"title": card.title.get("ru"), "text": card.text.get("ru")},
            "sources": list(card.sources),
            "review": {
                "status": card.review.status,
                "reviewer": card.review.reviewer,
                "date": card.review.date,
            },
        }
        print(json.dumps(row, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run one command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m knowledge")
    parser.add_argument("command", choices=["check", "export"])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="knowledge directory")
    parser.add_argument(
        "--repo-root", type=Path, default=None, help="repository root (default: parent of --root)"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "export":
        return _export(root)
    return _check(root, (args.repo_root or root.parent).resolve())


if __name__ == "__main__":
    sys.exit(main())
