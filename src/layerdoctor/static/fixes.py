"""`lint --fix`: apply the fixes the rules call safe, then prove them by checking again.

A rule with a safe fix is a package (`static/rules/ldNNN/`) whose `fix.py` defines `Autofix`:
`Autofix(findings, line_of)` gets that rule's static findings in one file and `line_of(node)`
(a libcst node's first line in the original file); it defines any of libcst's
`visit_<Node>(node)` / `leave_<Node>(original, updated)` methods and lists in `fixed` the
findings it fixed. All the rules' Autofix objects edit a file in one libcst pass, so every one
sees the original positions. `fix.py` is imported only here (lint never imports libcst).
Today: LD006 (delete the private weight-list line) and LD013 (move or add super().__init__()).
Edits are made with libcst (formatting and comments kept). A file is written whole through a
temporary file and a rename, then the paths are checked again: a fix whose finding did not go
away, or that brought a new one, is rolled back.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import io
import tokenize
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..catalog import rule_modules
from ..finding import Finding


def autofixes() -> dict[str, type]:
    """code -> the Autofix class of every rule that has a safe fix (`ldNNN/fix.py`)."""
    found = {}
    for code, module in rule_modules().items():
        if hasattr(module, "__path__") and importlib.util.find_spec(f"{module.__name__}.fix") is not None:
            found[code] = importlib.import_module(f"{module.__name__}.fix").Autofix
    return found


@dataclass
class FixOutcome:
    path: str
    codes: list[str]
    applied: bool
    reason: str = ""
    diff: str = ""


class Edit(tuple):
    """(old source, new source, findings the edit addresses), plus the file's bytes before and after.

    The bytes keep what the text does not show: the encoding (a coding declaration, a UTF-8 BOM)
    and the line endings, which the edit leaves as they were."""

    def __new__(cls, old: str, new: str, fixed: list[Finding], before: bytes, after: bytes):
        self = super().__new__(cls, (old, new, fixed))
        self.before, self.after = before, after
        return self


def _decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding) the way Python reads the file: BOM and coding declaration honoured,
    line endings untouched. Raises SyntaxError or UnicodeDecodeError."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    return raw.decode(encoding), encoding


def fix_files(findings: list[Finding]) -> dict[str, Edit]:
    """path -> (old source, new source, findings the edit addresses); files with no safe edit left out."""
    fixers = autofixes()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.code in fixers and finding.detector == "static":
            by_path.setdefault(finding.path, []).append(finding)
    edits = {}
    for path, wanted in by_path.items():
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
            old, encoding = _decode(raw)
            module = cst.parse_module(old)
        except (OSError, SyntaxError, UnicodeDecodeError, LookupError, cst.ParserSyntaxError):
            continue
        fixer = _combined(fixers, wanted)
        new_module = MetadataWrapper(module).visit(fixer)
        fixed = [f for handler in fixer.handlers for f in handler.fixed]
        if fixed:
            try:
                new_raw = new_module.code.encode(encoding)
            except UnicodeEncodeError:
                continue
            edits[path] = Edit(old, new_module.code, fixed, raw, new_raw)
    return edits


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))


class _Combined(cst.CSTTransformer):
    """One libcst pass for every rule's Autofix; an emptied block gets a `pass`."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self):
        super().__init__()
        self.handlers: list = []

    def line_of(self, node) -> int:
        return self.get_metadata(PositionProvider, node).start.line

    def leave_IndentedBlock(self, original, updated):
        updated = self._leave("leave_IndentedBlock", original, updated)
        if isinstance(updated, cst.IndentedBlock) and not updated.body:  # the deleted line was the only one
            return updated.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated

    def _visit(self, name, node):
        for handler in self.handlers:
            method = getattr(handler, name, None)
            if method is not None:
                method(node)
        return True

    def _leave(self, name, original, updated):
        for handler in self.handlers:
            method = getattr(handler, name, None)
            if method is not None and isinstance(updated, cst.CSTNode):
                updated = method(original, updated)
        return updated


def _combined(fixers: dict[str, type], findings: list[Finding]) -> _Combined:
    codes = sorted({f.code for f in findings})
    names = {n for code in codes for n in dir(fixers[code]) if n.startswith(("visit_", "leave_"))}
    namespace = {}
    for name in names - {"leave_IndentedBlock"}:
        if name.startswith("visit_"):
            namespace[name] = lambda self, node, _name=name: self._visit(_name, node)
        else:
            namespace[name] = lambda self, original, updated, _name=name: self._leave(_name, original, updated)
    transformer = type("AutofixPass", (_Combined,), namespace)()
    transformer.handlers = [fixers[code]([f for f in findings if f.code == code], transformer.line_of)
                            for code in codes]
    return transformer


def is_self(node) -> bool:
    return isinstance(node, cst.Name) and node.value == "self"
