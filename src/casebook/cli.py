"""The `casebook` command."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from . import loader


def _check(args: argparse.Namespace) -> int:
    result = loader.load(Path(args.content))
    problems = sorted(result.problems, key=lambda p: (p.path, p.line or 0))
    if args.format == "json":
        json.dump([asdict(p) for p in problems], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for p in problems:
            print(p)
        c = result.content
        print(
            f"{len(result.errors)} errors, {len(result.warnings)} warnings in {len(c.cases)} cases "
            f"and {len(c.checklists)} checklists"
        )
    return 1 if result.errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="Tools for the Casebook's content: check it before you commit.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check every case and checklist and list every problem",
        description="Checks every file in content/ and prints each problem as file:line: field: message. "
        "Exits with 1 when there are errors, 0 when there are only warnings or none.",
    )
    check.add_argument("--content", default="content", help="the content folder (default: content)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json for tools")
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
