"""python -m layerdoctor.runtime TARGET [--input-shape 2,4]... [--input-dtype D] [--unsafe-load]
[--format text|json] [--output FILE] [--exit-zero]: the runtime inspector on its own."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from ..errors import UsageError
from ..report import EXIT_TROUBLE


def _render_text(report, stream) -> None:
    from rich.console import Console
    from rich.markup import escape

    from ..render.tree import render_tree

    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 120)
    render_tree(report, console)
    if report.findings:
        console.print()
    for finding in report.findings:
        colour = {"error": "red", "warning": "yellow"}.get(finding.severity, "cyan")
        console.print(f"{escape(finding.path)}:{finding.line}: [{colour}]{finding.code}[/] {finding.name} "
                      f"({finding.severity}): {escape(finding.message)}")
        if finding.fix:
            console.print(f"    [dim]fix: {escape(finding.fix)}[/]")
    errors = sum(f.severity == "error" for f in report.findings)
    console.print(f"\n{len(report.findings)} finding(s), {errors} error(s)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layerdoctor.runtime", description=__doc__)
    parser.add_argument("target")
    parser.add_argument("--input-shape", action="append", default=None)
    parser.add_argument("--input-dtype", default=None)
    parser.add_argument("--unsafe-load", action="store_true")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--output", default=None)
    parser.add_argument("--exit-zero", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from .api import inspect_target
    from .load import parse_shape

    if args.unsafe_load:
        print("layerdoctor: warning: --unsafe-load turns Keras's safe_mode off: loading may run "
              "code stored in the file", file=sys.stderr)
    try:
        shapes = [parse_shape(s) for s in args.input_shape] if args.input_shape else None
        report = inspect_target(args.target, input_shapes=shapes, input_dtype=args.input_dtype,
                                unsafe_load=args.unsafe_load)
    except UsageError as error:
        print(f"layerdoctor: error: {error}", file=sys.stderr)
        return EXIT_TROUBLE
    with (open(args.output, "w", encoding="utf-8") if args.output else contextlib.nullcontext(sys.stdout)) as stream:
        if args.format == "json":
            stream.write(report.to_json() + "\n")
        else:
            _render_text(report, stream)
    return report.exit_code(exit_zero=args.exit_zero)


if __name__ == "__main__":
    sys.exit(main())
