"""Human output: findings grouped by file, each with its fix, then a one-line summary."""

from __future__ import annotations

import io
from collections import Counter
from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.syntax import Syntax

from ..catalog import rule_modules
from ..vocab import flavour_name

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


# `report` is a layerdoctor.report.Report; not imported here, since Report.__str__ renders with this module.
def fixable_codes() -> set[str]:
    """The codes whose rule has a safe fix `lint --fix` applies (a `ldNNN/fix.py`)."""
    import importlib.util

    return {code for code, module in rule_modules().items()
            if hasattr(module, "__path__") and importlib.util.find_spec(f"{module.__name__}.fix") is not None}


def _fixable(finding, codes: set[str]) -> bool:
    return finding.detector == "static" and finding.code in codes and finding.fix is not None


def render_text(report, console: Console, *, fix_hints: bool = True, quiet: bool = False,
                statistics: bool = False, show_fixes: bool = False, depth: int | None = None,
                show_trainable: bool = False) -> None:
    """Print `report` to `console`: the tree (inspect), the findings grouped by file, then a
    summary line. `quiet`: the findings only; `statistics`: a count per code instead of the
    findings; `show_fixes`: the findings `--fix` would fix, at the end. Returns nothing."""
    codes = fixable_codes() if report.findings else set()  # (the rules are imported only when needed)
    if statistics:
        _render_statistics(report, console, codes)
        return
    if report.tree is not None and not quiet:
        from .tree import render_tree

        render_tree(report, console, depth=depth, show_trainable=show_trainable)
        if report.findings:
            console.print()
    for path, findings in groupby(report.findings, key=lambda f: f.path):
        if not quiet:
            console.print(f"[bold underline]{escape(path)}[/]")
        for finding in findings:
            style = SEVERITY_STYLE.get(finding.severity, "")
            marker = " [*]" if _fixable(finding, codes) else ""
            cell = f"cell {finding.extra['cell']}:" if "cell" in finding.extra else ""
            console.print(
                f"{escape(path)}:{cell}{finding.line}:{finding.column}: [{style}]{finding.code}[/]{escape(marker)} "
                f"[dim]{finding.name} ({finding.severity}, {flavour_name(finding.target)}"
                f"{', runtime' if finding.detector == 'runtime' else ''})[/]",
                highlight=False, soft_wrap=True,
            )
            console.print("    " + escape(finding.message), highlight=False, soft_wrap=True)
            if fix_hints and finding.fix:
                if console.is_terminal and console.color_system:
                    code = Syntax(finding.fix, "python", theme="ansi_dark", background_color="default")
                    console.print("    fix:", style="green")
                    console.print(Padding(code, (0, 0, 0, 6)))
                else:
                    console.print("    fix: " + finding.fix.replace("\n", "\n         "),
                                  highlight=False, markup=False, soft_wrap=True)
        if not quiet:
            console.print()
    if quiet:
        return
    fixable = [f for f in report.findings if _fixable(f, codes)]
    if show_fixes and fixable:
        console.print(f"Fixable with `layerdoctor lint --fix` ({len(fixable)}):", highlight=False)
        for finding in fixable:
            console.print(f"  {escape(finding.path)}:{finding.line}:{finding.column}: {finding.code} "
                          f"{finding.name}", highlight=False, soft_wrap=True)
        console.print()
    if fixable:
        console.print(f"[*] {len(fixable)} fixable with `layerdoctor lint --fix` (`--diff` shows the edits).",
                      highlight=False, markup=False)
    console.print(summary_line(report), highlight=False)


def _render_statistics(report, console: Console, codes: set[str]) -> None:
    counts = Counter(f.code for f in report.findings)
    names = {f.code: f.name for f in report.findings}
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        marker = "[*]" if code in codes and any(_fixable(f, codes) for f in report.findings if f.code == code) else "   "
        console.print(f"{count:>6,}  {code}  {marker} {names[code]}", highlight=False, markup=False)
    console.print(summary_line(report), highlight=False)


def summary_line(report) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
             for s in ("error", "warning", "info") if counts[s]]
    found = ", ".join(parts) if parts else "no findings"
    files = f"{report.files_checked} file{'s' if report.files_checked != 1 else ''} checked"
    unreadable = f", {len(report.errors)} could not be checked" if report.errors else ""
    if report.errors and report.tree is not None:  # inspect: the target was checked, its run went wrong
        unreadable = f", {len(report.errors)} error{'s' if len(report.errors) != 1 else ''} of the run"
    if report.tree is not None and not report.files_checked:
        return f"{found}."
    return f"{found} ({files}{unreadable})."


def render_plain(report) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, color_system=None, width=100, force_terminal=False)
    render_text(report, console)
    return buffer.getvalue()
