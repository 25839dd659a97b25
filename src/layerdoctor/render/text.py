"""Human output: findings grouped by file, each with its fix, then a one-line summary."""

from __future__ import annotations

import io
from collections import Counter
from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.syntax import Syntax

from ..catalog import RULES
from ..vocab import flavour_name

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


# `report` is a layerdoctor.report.Report; not imported here, since Report.__str__ renders with this module.
def render_text(report, console: Console, *, fix_hints: bool = True) -> None:
    if report.tree is not None:
        from .tree import render_tree

        render_tree(report, console)
        if report.findings:
            console.print()
    for path, findings in groupby(report.findings, key=lambda f: f.path):
        console.print(f"[bold underline]{escape(path)}[/]")
        for finding in findings:
            style = SEVERITY_STYLE.get(finding.severity, "")
            console.print(
                f"{escape(path)}:{finding.line}:{finding.column}: [{style}]{finding.code}[/] "
                f"[dim]{RULES[finding.code].name} ({finding.severity}, {flavour_name(finding.target)}"
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
        console.print()
    console.print(summary_line(report), highlight=False)


def summary_line(report) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
             for s in ("error", "warning", "info") if counts[s]]
    found = ", ".join(parts) if parts else "no findings"
    files = f"{report.files_checked} file{'s' if report.files_checked != 1 else ''} checked"
    unreadable = f", {len(report.errors)} could not be checked" if report.errors else ""
    if report.tree is not None and not report.files_checked:
        return f"{found}."
    return f"{found} ({files}{unreadable})."


def render_plain(report) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, color_system=None, width=100, force_terminal=False)
    render_text(report, console)
    return buffer.getvalue()
