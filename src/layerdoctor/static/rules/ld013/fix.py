"""LD013's safe fix for `lint --fix`: move `super().__init__(...)` to the top of `__init__` when its
arguments use only the parameters of `__init__`; add `super().__init__(**kwargs)` when it is
missing and `__init__` takes `**kwargs`; `super(keras.layers.Layer, self)` (which skips Keras's
own `__init__`) becomes `super()`.

Imported only when fixing (it needs libcst); the protocol is described in `static/fixes.py`.
"""

from __future__ import annotations

import libcst as cst


class Autofix:
    def __init__(self, findings, line_of):
        self.findings = list(findings)
        self.fixed = []
        self._class_stack: list[str] = []

    def visit_ClassDef(self, node):
        self._class_stack.append(node.name.value)

    def leave_ClassDef(self, original, updated):
        self._class_stack.pop()
        return updated

    def leave_FunctionDef(self, original, updated):
        if updated.name.value != "__init__" or not self._class_stack:
            return updated
        mine = [f for f in self.findings if f.class_name == self._class_stack[-1]]
        if not mine:
            return updated
        body = list(updated.body.body)
        if any(f.attribute == "super" for f in mine):  # super(keras.layers.Layer, self) -> super()
            index = next((i for i, stmt in enumerate(body)
                          if _is_super_init(stmt) and stmt.body[0].value.func.value.args), None)
            if index is None:
                return updated
            statement = body[index]
            call = statement.body[0].value
            call = call.with_changes(func=call.func.with_changes(value=call.func.value.with_changes(args=[])))
            body[index] = statement.with_changes(body=[statement.body[0].with_changes(value=call)])
            self.fixed.extend(mine)
            return updated.with_changes(body=updated.body.with_changes(body=body))
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
