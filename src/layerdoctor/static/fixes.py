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

Notebooks are fixed cell by cell (a class never spans cells): only the `source` of the edited code
cells changes, magics and shell escapes stay as they were, and the JSON is written back exactly as it
was laid out (a notebook whose layout a re-serialisation would change is left alone, and said so).
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
    and the line endings, which the edit leaves as they were. A notebook's edit also lists its
    changed cells as (cell number, old source, new source)."""

    def __new__(cls, old: str, new: str, fixed: list[Finding], before: bytes, after: bytes,
                cells: list[tuple[int, str, str]] | None = None):
        self = super().__new__(cls, (old, new, fixed))
        self.before, self.after, self.cells = before, after, cells
        return self

    def diff(self, path: str) -> str:
        if self.cells is None:
            return unified_diff(path, self[0], self[1])
        return "".join(unified_diff(f"{path}:cell {number}", old, new) for number, old, new in self.cells)


def _decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding) the way Python reads the file: BOM and coding declaration honoured,
    line endings untouched. Raises SyntaxError or UnicodeDecodeError."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    return raw.decode(encoding), encoding


def fix_files(findings: list[Finding], refused: list[tuple[str, str]] | None = None) -> dict[str, Edit]:
    """path -> (old source, new source, findings the edit addresses); files with no safe edit left out.
    A file that has fixes but cannot be edited safely is added to `refused` as (path, why)."""
    fixers = autofixes()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        # a finding without a fix template is one the rule has no safe fix for (a mixin that runs
        # Model.__init__ late, in build(): adding super().__init__() would not repair it)
        if finding.code in fixers and finding.detector == "static" and finding.fix is not None:
            by_path.setdefault(finding.path, []).append(finding)
    edits = {}
    for path, wanted in by_path.items():
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        try:
            edit = (_fix_notebook(raw, wanted, fixers) if path.lower().endswith(".ipynb")
                    else _fix_python(raw, wanted, fixers))
        except NotebookLayoutError as exc:
            if refused is not None:
                refused.append((path, str(exc)))
            continue
        if edit is not None:
            edits[path] = edit
    return edits


def _fix_python(raw: bytes, wanted: list[Finding], fixers) -> Edit | None:
    try:
        old, encoding = _decode(raw)
        new, fixed = _fix_source(old, wanted, fixers)
        return Edit(old, new, fixed, raw, new.encode(encoding)) if fixed else None
    except (SyntaxError, UnicodeError, LookupError, cst.ParserSyntaxError):
        return None


def _fix_source(old: str, wanted: list[Finding], fixers) -> tuple[str, list[Finding]]:
    """The source with every safe fix for `wanted` applied, and the findings fixed."""
    module = cst.parse_module(old)
    fixer = _combined(fixers, wanted)
    new_module = MetadataWrapper(module).visit(fixer)
    return new_module.code, [f for handler in fixer.handlers for f in handler.fixed]


def _fix_notebook(raw: bytes, wanted: list[Finding], fixers) -> Edit | None:
    """The fixes applied to each code cell that has findings (`extra["cell"]`, lines in the cell)."""
    import json

    from .notebook import blank_magics

    try:
        text = raw.decode("utf-8")
        notebook = json.loads(text)
        layout = _json_layout(notebook, text)
    except (UnicodeError, ValueError, RecursionError):
        return None
    if layout is None:
        raise NotebookLayoutError("its JSON layout would change on writing (not as Jupyter writes it); not edited")
    by_cell: dict[int, list[Finding]] = {}
    for finding in wanted:
        by_cell.setdefault(finding.extra.get("cell", 0), []).append(finding)
    cells, fixed_all = [], []
    for number, findings in sorted(by_cell.items()):
        if not 0 < number <= len(notebook["cells"]):
            continue
        cell = notebook["cells"][number - 1]
        source = cell.get("source", "")
        old = "".join(source) if isinstance(source, list) else str(source)
        try:
            new_code, fixed = _fix_source(blank_magics(old), findings, fixers)
        except (SyntaxError, cst.ParserSyntaxError):
            continue
        if not fixed:
            continue
        new = _keep_magics(old, blank_magics(old), new_code)
        cell["source"] = new.splitlines(True) if isinstance(source, list) else new
        cells.append((number, old, new))
        fixed_all.extend(fixed)
    if not cells:
        return None
    new_raw = layout(notebook).encode("utf-8")
    return Edit(text, new_raw.decode("utf-8"), fixed_all, raw, new_raw, cells=cells)


class NotebookLayoutError(ValueError):
    """A notebook that would not be written back byte for byte outside its edited cells."""


def _json_layout(notebook, text: str):
    """A function that writes `notebook` laid out as `text` is (Jupyter: indent 1, sorted keys,
    non-ASCII kept, a final newline), or None when no layout tried gives back `text` exactly."""
    import json

    for indent in (1, 2, 4, None):
        for sort_keys in (True, False):
            for ensure_ascii in (False, True):
                def write(data, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii):
                    return json.dumps(data, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
                body = write(notebook)
                if text == body:
                    return write
                if text == body + "\n":
                    return lambda data, write=write: write(data) + "\n"
    return None


def _keep_magics(original: str, blanked: str, fixed: str) -> str:
    """`fixed` (an edit of `blanked`) with the magic lines that blanking emptied put back."""
    import difflib

    old_lines, blank_lines, new_lines = original.splitlines(True), blanked.splitlines(True), fixed.splitlines(True)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, blank_lines, new_lines, autojunk=False).get_opcodes():
        out.extend(old_lines[i1:i2] if tag == "equal" else new_lines[j1:j2])
    return "".join(out)


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
