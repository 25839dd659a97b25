"""`lint --fix`: apply the fixes the catalog calls safe, then prove them by checking again.

Safe fixes (catalog `fix_safety`):
  LD006  delete `self._trainable_weights.extend/append(self.<sublayer>.<weights>)`: the sublayer's
         weights are tracked through its attribute already.
  LD013  move `super().__init__(...)` to the top of `__init__` when its arguments use only the
         parameters of `__init__`; add `super().__init__(**kwargs)` when it is missing and
         `__init__` takes `**kwargs`.
Edits are made with libcst (formatting and comments kept). A file is written whole through a
temporary file and a rename, then the paths are checked again: a fix whose finding did not go
away, or that brought a new one, is rolled back.
"""

from __future__ import annotations

import difflib
import io
import tokenize
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..finding import Finding

FIXABLE = {"LD006", "LD013"}
_WEIGHT_LISTS = {"weights", "trainable_weights", "trainable_variables", "variables"}


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
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.code in FIXABLE and finding.detector == "static":
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
        fixer = _Fixer(wanted)
        new_module = MetadataWrapper(module).visit(fixer)
        if fixer.fixed:
            try:
                new_raw = new_module.code.encode(encoding)
            except UnicodeEncodeError:
                continue
            edits[path] = Edit(old, new_module.code, fixer.fixed, raw, new_raw)
    return edits


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))


class _Fixer(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, findings: list[Finding]):
        self.ld006_lines = {f.line: f for f in findings if f.code == "LD006"}
        self.ld013 = [f for f in findings if f.code == "LD013"]
        self.fixed: list[Finding] = []
        self._class_stack: list[str] = []

    def _line(self, node) -> int:
        return self.get_metadata(PositionProvider, node).start.line

    # ------------------------------------------------------------ LD006

    def leave_SimpleStatementLine(self, original, updated):
        finding = self.ld006_lines.get(self._line(original))
        if finding is None or len(updated.body) != 1 or not _is_sublayer_weight_extend(updated.body[0]):
            return updated
        self.fixed.append(finding)
        return cst.RemoveFromParent()

    def leave_IndentedBlock(self, original, updated):
        if not updated.body:  # the deleted line was the only one
            return updated.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated

    # ------------------------------------------------------------ LD013

    def visit_ClassDef(self, node):
        self._class_stack.append(node.name.value)

    def leave_ClassDef(self, original, updated):
        self._class_stack.pop()
        return updated

    def leave_FunctionDef(self, original, updated):
        if updated.name.value != "__init__" or not self._class_stack:
            return updated
        mine = [f for f in self.ld013 if f.class_name == self._class_stack[-1]]
        if not mine:
            return updated
        body = list(updated.body.body)
        start = 1 if body and _is_docstring(body[0]) else 0
        index = next((i for i, stmt in enumerate(body) if _is_super_init(stmt)), None)
        if index is None:
            kwargs = updated.params.star_kwarg
            if kwargs is None or not isinstance(kwargs.name, cst.Name):
                return updated
            call = cst.parse_statement(f"super().__init__(**{kwargs.name.value})\n")
            body.insert(start, call)
        else:
            if index <= start or not _uses_only(body[index], _param_names(updated.params)):
                return updated
            statement = body.pop(index)
            body.insert(start, statement)
        self.fixed.extend(mine)
        return updated.with_changes(body=updated.body.with_changes(body=body))


def _is_sublayer_weight_extend(statement) -> bool:
    """`self._trainable_weights.extend(self.x.trainable_weights)` (or append, one argument)."""
    if not (isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call)):
        return False
    call = statement.value
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in ("extend", "append") and len(call.args) == 1):
        return False
    owner = func.value
    if not (isinstance(owner, cst.Attribute) and owner.attr.value in ("_trainable_weights", "_non_trainable_weights")
            and _is_self(owner.value)):
        return False
    arg = call.args[0].value
    return (isinstance(arg, cst.Attribute) and arg.attr.value in _WEIGHT_LISTS
            and isinstance(arg.value, cst.Attribute) and _is_self(arg.value.value))


def _is_self(node) -> bool:
    return isinstance(node, cst.Name) and node.value == "self"


def _is_docstring(statement) -> bool:
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.SimpleString))


def _is_super_init(statement) -> bool:
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return False
    expr = statement.body[0]
    if not (isinstance(expr, cst.Expr) and isinstance(expr.value, cst.Call)):
        return False
    func = expr.value.func
    return (isinstance(func, cst.Attribute) and func.attr.value == "__init__" and isinstance(func.value, cst.Call)
            and isinstance(func.value.func, cst.Name) and func.value.func.value == "super")


def _param_names(params: cst.Parameters) -> set[str]:
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    return names


def _uses_only(statement, allowed: set[str]) -> bool:
    """Every name in the super().__init__(...) arguments is a parameter (or the class, `self`, a builtin)."""
    call = statement.body[0].value
    names: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node):
            names.add(node.value)

    for arg in call.args:
        arg.value.visit(Names())
    for arg in call.func.value.args:  # super(Cls, self)
        arg.value.visit(Names())
    return names <= allowed | {"self", "True", "False", "None", "dict", "list", "tuple"} or all(
        n in allowed or n[:1].isupper() or n in ("self", "True", "False", "None") for n in names)
