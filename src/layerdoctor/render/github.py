"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request diff.

Format: `::error file=PATH,line=L,col=C,title=TITLE::MESSAGE`, one command per line.
"""

from __future__ import annotations

from ..finding import Finding
from ..report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(report: Report) -> str:
    """One workflow command per finding and per unreadable file, newline-separated."""
    lines = [_finding_command(finding) for finding in report.findings]
    lines += [_command("error", {"file": error.path}, error.message) for error in report.errors]
    return "\n".join(lines)


def _finding_command(finding: Finding) -> str:
    properties = {"file": finding.path}
    # GitHub's lines and columns start at 1; a finding without a position annotates the file.
    if finding.line >= 1:
        properties["line"] = str(finding.line)
        if finding.column >= 1:
            properties["col"] = str(finding.column)
    properties["title"] = f"{finding.code} {finding.name}"
    return _command(COMMANDS.get(finding.severity, "warning"), properties, finding.message)


def _command(name: str, properties: dict[str, str], message: str) -> str:
    rendered = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{name} {rendered}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    # `%` first, or the escapes added after it would be escaped again.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # In properties `:` and `,` are separators too.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
