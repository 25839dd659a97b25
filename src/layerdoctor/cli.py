"""Command line: argument parsing, output and exit codes only.

Exit status: 0 no error-severity finding; 1 at least one; 2 usage error, or a file or target
that could not be read, parsed or built (reported in one line, never a traceback).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from .catalog import RULES
from .errors import UsageError, command_line
from .report import EXIT_TROUBLE, Report
from .version import __version__

FORMATS_LINT = ("text", "json", "sarif", "github")
FORMATS_INSPECT = ("text", "json", "sarif", "github")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_TROUBLE
    try:
        with command_line():  # errors name the flags, not the API's keyword arguments
            return args.run(args)
    except UsageError as exc:
        print(f"layerdoctor: error: {exc}", file=sys.stderr)
        for line in getattr(exc, "details", ()):
            print(line, file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        print("layerdoctor: interrupted", file=sys.stderr)
        return EXIT_TROUBLE
    except BrokenPipeError:
        return EXIT_TROUBLE


# ---------------------------------------------------------------- commands


def _check_codes(args) -> None:
    """--select/--ignore named as the user typed them (the API's errors name no flag)."""
    from .config import parse_codes

    if args.select and not parse_codes(args.select, "--select"):
        raise UsageError("--select names no code: nothing would be checked")
    parse_codes(args.ignore, "--ignore")


def _lint(args) -> int:
    # Most of what the checker allocates (trees, summaries) lives until the command ends and is in no
    # reference cycle: with the collector off for the whole command and the survivors frozen at the end,
    # no collection walks them again, nor the one at exit (measured: 2% of a cold run on the corpus).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_command(args)
    finally:
        gc.freeze()
        if gc_was_enabled:
            gc.enable()


def _lint_command(args) -> int:
    from .static.checker import lint_paths

    _check_codes(args)

    paths, texts = list(args.paths or ["."]), {}
    if "-" in paths:  # an editor's buffer: read stdin, report it under --stdin-filename
        if args.fix or args.diff:
            raise UsageError("--fix and --diff need files, not stdin")
        name = args.stdin_filename or "stdin.py"
        texts[name] = sys.stdin.read()
        paths = [name if p == "-" else p for p in paths]
    elif args.stdin_filename:
        raise UsageError("--stdin-filename goes with `-` (read the source from stdin)")

    def run(use_cache=not args.no_cache):
        return lint_paths(
            paths, select=args.select, ignore=args.ignore, target=args.target,
            exclude=args.exclude, use_cache=use_cache, jobs=args.jobs, config_file=args.config, texts=texts,
        )

    report = run()
    if args.diff or args.fix:
        report = _apply_fixes(report, run, write=args.fix,
                              diff_to_stdout=args.format == "text" or bool(args.output))
    _emit(report, args)
    return report.exit_code(args.exit_zero, args.fail_on)


def _apply_fixes(report: Report, run, write: bool, diff_to_stdout: bool = True) -> Report:
    """Apply the safe fixes (or show them with --diff), then prove them by checking again."""
    from .atomic import write_atomically
    from .finding import FileError
    from .static.fixes import fix_files

    refused: list[tuple[str, str]] = []
    edits = fix_files(report.findings, refused)
    problems: list[FileError] = [FileError(path, f"not fixed: {why}") for path, why in refused]
    if not write:
        report.errors = list(report.errors) + problems
        # With a machine-readable format on stdout, the diff goes to stderr: the JSON stays JSON.
        out = sys.stdout if diff_to_stdout else sys.stderr
        for path, edit in edits.items():
            out.write(edit.diff(path))
        print(f"layerdoctor: {sum(len(f) for _, _, f in edits.values())} finding(s) have a safe fix "
              f"in {len(edits)} file(s); run with --fix to apply", file=sys.stderr)
        return report
    if not edits:
        report.errors = list(report.errors) + problems
        return report

    def key(finding):
        return (finding.path, finding.code, finding.class_name, finding.attribute)

    before = {key(f) for f in report.findings}
    written = {}
    for path, edit in edits.items():
        try:
            write_atomically(path, edit.after, expect=edit.before, special="refuse")
            written[path] = edit
        except OSError as exc:
            problems.append(FileError(path, f"not fixed: {_one_line(exc)}"))
    after = run(use_cache=False) if written else report
    now = {key(f) for f in after.findings}
    rolled_back = []
    for path, edit in written.items():
        still_there = any(key(f) in now for f in edit[2])
        new_ones = {k for k in now if k[0] == path} - before
        if still_there or new_ones:
            try:
                write_atomically(path, edit.before, expect=edit.after, special="refuse")
                rolled_back.append(path)
            except OSError as exc:
                problems.append(FileError(path, f"the fix did not hold but was not rolled back: {_one_line(exc)}"))
    if rolled_back:
        after = run(use_cache=False)
    fixed_count = sum(len(e[2]) for p, e in written.items() if p not in rolled_back)
    print(f"layerdoctor: fixed {fixed_count} finding(s) in {len(written) - len(rolled_back)} file(s)"
          + (f"; rolled back {len(rolled_back)} file(s) whose fix did not hold: {', '.join(rolled_back)}"
             if rolled_back else ""), file=sys.stderr)
    after.errors = list(after.errors) + problems
    return after


def _one_line(exc: OSError) -> str:
    from .atomic import WriteError

    text = exc.strerror if exc.strerror and not isinstance(exc, WriteError) else str(exc)
    return " ".join(str(text or type(exc).__name__).split())


def _inspect(args) -> int:
    try:
        from .runtime.api import inspect_target  # noqa: F401 - the runtime extra is there
        from .runtime.child import run_in_child, target_file
        from .runtime.load import parse_config, parse_dtype, parse_shape
    except ImportError as exc:  # the lean install: lint only
        raise UsageError(f"the runtime inspector needs Keras 3 ({exc}): pip install 'layerdoctor[runtime]'") from None

    shapes = [parse_shape(value) for value in args.input_shape] if args.input_shape else None
    if args.input_dtype is not None:
        parse_dtype(args.input_dtype)
    if args.depth is not None and args.depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {args.depth}")
    if args.timeout is not None and not args.timeout > 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {args.timeout:g}")
    if args.unsafe_load:
        print("layerdoctor: warning: --unsafe-load turns Keras's safe_mode off: loading may run "
              "code stored in the file", file=sys.stderr)
    # --config: a pyproject.toml as for lint, or the constructor arguments of a class TARGET
    # (JSON text or a JSON file).
    project_file = args.config if args.config and args.config.lower().endswith(".toml") else None
    class_config = parse_config(args.config) if args.config and not project_file else None
    # The target runs in a child process: its prints, sys.exit, os._exit and threads cannot
    # change the outcome (see runtime/child.py).
    # The same selection, noqa and [tool.layerdoctor] as lint, read before the target runs.
    _check_codes(args)
    from .config import resolve_config
    from .static.checker import filter_findings

    where = target_file(args.target)
    config = resolve_config([where if os.path.exists(where) else "."], project_file,
                            select=args.select, ignore=args.ignore)
    report = run_in_child(args.target, input_shapes=shapes, input_dtype=args.input_dtype,
                          unsafe_load=args.unsafe_load, timeout=args.timeout, imports=args.imports or (),
                          custom_objects=args.custom_objects or (), config=class_config,
                          shape_only=args.shape_only, keras=args.keras, backend=args.backend)
    report.findings = filter_findings(report.findings, config)
    _emit(report, args, errors_last=True)  # the report, then what went wrong with the run
    return report.exit_code(args.exit_zero, args.fail_on)


def _rules(args) -> int:
    if args.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity,
                           "tf_keras_severity": r.tf_keras_severity, "summary": r.summary,
                           "detectors": list(r.detectors)} for r in RULES.values()], indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title="layerdoctor rules", show_lines=False)
    for column in ("code", "name", "Keras 3", "tf.keras 2", "summary"):
        table.add_column(column, overflow="fold")
    for rule in RULES.values():
        table.add_row(rule.code, rule.name, rule.severity, rule.tf_keras_severity or "-", rule.summary)
    Console().print(table)
    return 0


def _explain(args) -> int:
    code = args.code.upper()
    if code not in RULES:
        raise UsageError(f"unknown code {args.code!r}; `layerdoctor rules` lists them")
    from rich.console import Console
    from rich.markdown import Markdown

    from .docs import render_rule_markdown

    text = render_rule_markdown(RULES[code])
    console = Console()
    if console.is_terminal:
        console.print(Markdown(text))
    else:
        print(text)
    return 0


# ---------------------------------------------------------------- output


def _emit(report: Report, args, errors_last: bool = False) -> None:
    if not errors_last:
        _print_errors(report)
    _emit_report(report, args)
    if errors_last:
        sys.stdout.flush()  # on a terminal the lines come after the report
        _print_errors(report)


def _print_errors(report: Report) -> None:
    for error in report.errors:
        print(f"{error.path}: {error.message}", file=sys.stderr)


def _emit_report(report: Report, args) -> None:
    fmt = args.format
    if fmt == "json":
        text = report.to_json() + "\n"
    elif fmt == "sarif":
        from .render.sarif import render_sarif

        text = render_sarif(report) + "\n"
    elif fmt == "github":
        from .render.github import render_github

        text = render_github(report)
        text = text + "\n" if text else ""
    else:
        text = None
    if args.output:
        _write_output(args.output, text if text is not None else _plain_text(report, args))
        return
    if text is not None:
        sys.stdout.write(text)
        return
    from rich.console import Console

    from .render.text import render_text

    console = Console(color_system=_color_system(args.color), highlight=False,
                      force_terminal=True if args.color == "always" else None)
    if not console.is_terminal:
        console.width = max(console.width, 160)  # piped or logged: wrap trees and tables late
    render_text(report, console, **_render_options(args))


def _render_options(args) -> dict:
    return {"fix_hints": not args.no_fix_hints, "quiet": args.quiet,
            "statistics": getattr(args, "statistics", False), "show_fixes": getattr(args, "show_fixes", False),
            "depth": getattr(args, "depth", None), "show_trainable": getattr(args, "show_trainable", False)}


def _plain_text(report: Report, args) -> str:
    import io

    from rich.console import Console

    from .render.text import render_text

    buffer = io.StringIO()
    # A file is read in an editor or a pager: long lines stay whole (no wrapping at any width).
    render_text(report, Console(file=buffer, color_system=None, width=10_000, soft_wrap=True),
                **_render_options(args))
    return buffer.getvalue()


def _write_output(path: str, text: str) -> None:
    from .atomic import write_atomically

    try:
        write_atomically(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {_one_line(exc)}") from None


def _color_system(choice: str):
    if choice == "never" or os.environ.get("NO_COLOR"):
        return None
    return "auto"


# ---------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit 2, as for every other usage error
        self.exit(EXIT_TROUBLE, f"layerdoctor: error: {message} (see `layerdoctor --help`)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="layerdoctor", description="Finds, explains and fixes the Keras bugs that "
                     "make weights silently vanish.")
    parser.add_argument("--version", action="version", version=f"layerdoctor {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    lint = commands.add_parser("lint", help="check Python sources without running them")
    lint.add_argument("paths", nargs="*", help="files or folders (default: .)")
    _selection_options(lint)
    lint.add_argument("--target", choices=("auto", "keras3", "tf-keras"), default=None,
                      help="the Keras the code runs on (default: auto: tf-keras for files importing tf_keras)")
    lint.add_argument("--exclude", action="append", metavar="PATTERN", help="gitignore-style pattern to skip")
    lint.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    lint.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    lint.add_argument("--fix", action="store_true", help="apply the fixes the rules call safe, then check again")
    lint.add_argument("--diff", action="store_true", help="show the safe fixes as a diff; change nothing")
    lint.add_argument("--stdin-filename", metavar="NAME", help="with `-`: the name of the source read from stdin")
    lint.add_argument("--statistics", action="store_true", help="count the findings per code instead of listing them")
    lint.add_argument("--show-fixes", action="store_true", help="list the findings `--fix` would fix, at the end")
    _output_options(lint, FORMATS_LINT)
    lint.set_defaults(run=_lint)

    inspect = commands.add_parser("inspect", help="build a model and show its parameter tree and runtime bugs")
    inspect.add_argument("target", help="file.py[:function], package.module:function, a layer or model class "
                         "(package.module.Class, file.py:Class) with --config, or model.keras")
    _selection_options(inspect, config_help="pyproject.toml to read instead of the nearest one; or, for a class "
                       "TARGET, its constructor arguments as a JSON file or JSON text")
    inspect.add_argument("--shape-only", action="store_true",
                         help="build without allocating any weight: tree, totals, memory, the checks that need no data")
    inspect.add_argument("--input-shape", action="append", metavar="SHAPE",
                         help="input shape with the batch, e.g. 2,10; repeat for several inputs")
    inspect.add_argument("--input-dtype", metavar="DTYPE", help="dtype of the made-up inputs (default float32)")
    inspect.add_argument("--unsafe-load", action="store_true", help="load .keras files with safe_mode off")
    inspect.add_argument("--backend", choices=("tensorflow", "jax", "torch"),
                         help="the Keras 3 backend to inspect on (default: KERAS_BACKEND, else Keras's own setting)")
    inspect.add_argument("--custom-objects", action="append", metavar="MODULE",
                         help="a module defining the custom layers of a .keras file (repeatable)")
    inspect.add_argument("--import", action="append", dest="imports", metavar="MODULE",
                         help="import MODULE first, e.g. one that registers custom classes (repeatable)")
    inspect.add_argument("--keras", choices=("keras3", "tf-keras"), default=None,
                         help="the Keras to run on: keras3, or tf-keras (tf.keras 2, the tf-keras package); "
                              "default: tf-keras when TF_USE_LEGACY_KERAS=1, else keras3")
    inspect.add_argument("--timeout", type=float, metavar="SECONDS",
                         help="stop the inspection after SECONDS (exit 2)")
    inspect.add_argument("--depth", type=int, metavar="N", help="show the tree N levels deep (deeper layers folded)")
    inspect.add_argument("--show-trainable", action="store_true", help="show each layer's trainable parameters")
    _output_options(inspect, FORMATS_INSPECT)
    inspect.set_defaults(run=_inspect)

    rules = commands.add_parser("rules", help="list the finding codes")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)

    explain = commands.add_parser("explain", help="print one rule in full")
    explain.add_argument("code")
    explain.set_defaults(run=_explain)
    return parser


def _selection_options(sub: argparse.ArgumentParser,
                       config_help: str = "pyproject.toml to read instead of the nearest one") -> None:
    sub.add_argument("--select", action="append", metavar="CODES", help="only these codes (LD001,LD003 or LD00)")
    sub.add_argument("--ignore", action="append", metavar="CODES", help="never these codes")
    sub.add_argument("--config", metavar="FILE", help=config_help)


def _output_options(sub: argparse.ArgumentParser, formats) -> None:
    sub.add_argument("--format", choices=formats, default="text")
    sub.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    sub.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    sub.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                     help="the least severe finding that makes the exit status 1 (default: error)")
    sub.add_argument("--no-fix-hints", action="store_true", help="do not show the fix under each finding")
    sub.add_argument("--quiet", "-q", action="store_true", help="print the findings and nothing else")
    sub.add_argument("--color", choices=("auto", "always", "never"), default="auto")


if __name__ == "__main__":
    sys.exit(main())
