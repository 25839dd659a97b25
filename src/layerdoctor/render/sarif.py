"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run: the driver lists every catalog rule (so viewers can show help for any code), each
finding becomes a result pointing at its rule by id and index, and each unreadable file becomes
an error notification on the invocation.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote, urlsplit

from .. import vocab
from ..catalog import RULES, Rule
from ..finding import FileError, Finding
from ..report import Report
from ..version import __version__

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/layerdoctor/"
# Relative paths are resolved against this symbol by the consumer (GitHub: the repository root).
SRCROOT = "%SRCROOT%"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FLAVOUR_NAMES = vocab.FLAVOUR_NAMES


def to_sarif(report: Report) -> dict:
    rule_codes = list(RULES)
    rule_index = {code: index for index, code in enumerate(rule_codes)}
    run = {
        "tool": {
            "driver": {
                "name": "layerdoctor",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(RULES[code]) for code in rule_codes],
            }
        },
        "invocations": [_invocation(report.errors)],
        "results": [_result(finding, rule_index.get(finding.code)) for finding in report.findings],
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report) -> str:
    return json.dumps(to_sarif(report), indent=2)


def _rule_descriptor(rule: Rule) -> dict:
    help_text, help_markdown = _rule_help(rule)
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }
    # SARIF wants an absolute URI here; a repository-relative link (docs/rules.md#...) would be
    # rejected by strict consumers, and the help text already carries the whole explanation.
    if _is_absolute_uri(rule.help_uri):
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def _rule_help(rule: Rule) -> tuple[str, str]:
    """The rule's documentation as (plain text, Markdown): why it is bad, an example, the fix."""
    why = [(FLAVOUR_NAMES.get(flavour, flavour), text) for flavour, text in rule.why.items() if text]
    text_parts = [rule.summary, ""]
    markdown_parts = [rule.summary, ""]
    if why:
        text_parts.append("Why is this bad?")
        markdown_parts.append("## Why is this bad?")
        for flavour, reason in why:
            text_parts.append(f"{flavour}: {reason}")
            markdown_parts.append(f"- **{flavour}:** {reason}")
        text_parts.append("")
        markdown_parts.append("")
    for title, code in (("Example", rule.example), ("Use instead", rule.use_instead)):
        if code:
            text_parts += [f"{title}:", _indent(code), ""]
            markdown_parts += [f"## {title}", "", "```python", code.rstrip("\n"), "```", ""]
    return "\n".join(text_parts).rstrip() + "\n", "\n".join(markdown_parts).rstrip() + "\n"


def _indent(code: str) -> str:
    return "\n".join("    " + line if line else line for line in code.rstrip("\n").split("\n"))


def _result(finding: Finding, rule_index: int | None) -> dict:
    result = {"ruleId": finding.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = LEVELS.get(finding.severity, "warning")
    result["message"] = {"text": finding.message}
    result["locations"] = [_location(finding.path, finding.line, finding.column)]
    properties = {
        "detector": finding.detector,
        "target": finding.target,
        "class": finding.class_name,
        "attribute": finding.attribute,
        "fix": finding.fix,
    }
    result["properties"] = {key: value for key, value in properties.items() if value is not None}
    return result


def _invocation(errors: list[FileError]) -> dict:
    return {
        # An unreadable file means the files were not all checked: the run did not fully succeed.
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": error.message}, "locations": [_location(error.path)]}
            for error in errors
        ],
    }


def _location(path: str, line: int = 0, column: int = 0) -> dict:
    physical: dict = {"artifactLocation": _artifact_location(path)}
    # Runtime findings may lack a source position; SARIF lines and columns start at 1.
    if line >= 1:
        physical["region"] = {"startLine": line}
        if column >= 1:
            physical["region"]["startColumn"] = column
    return {"physicalLocation": physical}


def _artifact_location(path: str) -> dict:
    """A file URI for absolute paths; otherwise the path as given, relative to the source root."""
    for flavour in (PurePosixPath, PureWindowsPath):
        pure = flavour(path)
        if pure.is_absolute():
            return {"uri": pure.as_uri()}
    posix_path = path.replace("\\", "/")
    # A file name that is not UTF-8 (undecodable bytes as surrogates): percent-encode its bytes.
    return {"uri": quote(os.fsencode(posix_path), safe="/"), "uriBaseId": SRCROOT}


def _is_absolute_uri(uri: str) -> bool:
    parts = urlsplit(uri)
    return bool(parts.scheme and parts.netloc)
