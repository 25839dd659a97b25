"""LD006's safe fix for `lint --fix`: delete `self._trainable_weights.extend/append(self.<sublayer>.<weights>)`.

The sublayer's weights are tracked through its attribute already. Imported only when fixing
(it needs libcst); the protocol is described in `static/fixes.py`.
"""

from __future__ import annotations

import libcst as cst

from ...fixes import is_self

_WEIGHT_LISTS = {"weights", "trainable_weights", "trainable_variables", "variables"}


class Autofix:
    def __init__(self, findings, line_of):
        self.lines = {f.line: f for f in findings}
        self.line_of = line_of
        self.fixed = []

    def leave_SimpleStatementLine(self, original, updated):
        finding = self.lines.get(self.line_of(original))
        if finding is None or len(updated.body) != 1 or not _is_sublayer_weight_extend(updated.body[0]):
            return updated
        self.fixed.append(finding)
        return cst.RemoveFromParent()


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
            and is_self(owner.value)):
        return False
    arg = call.args[0].value
    return (isinstance(arg, cst.Attribute) and arg.attr.value in _WEIGHT_LISTS
            and isinstance(arg.value, cst.Attribute) and is_self(arg.value.value))
