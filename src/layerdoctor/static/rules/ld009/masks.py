"""LD009 in module code: a layer's output handed to a custom layer of the file whose `call()` reads that
input only as a mask (comparisons, argmax, its shape): spektral#395, Dense layers making a "learnable"
adjacency that GATConv reads only through `a == 0`. No gradient flows back, so the layer never trains."""

import ast
import re

from ...walk import children, walk
from .. import Hit
from .outputs import TENSOR_LIBRARIES
from .reads import COMPARISONS, int_dtype


def mask_only_inputs(ctx, only_feeds, latest_binding):
    """Hits for `h = Custom()([x, a])` (or `Custom()(x, a)`) in model-building code, where `a` is the output
    of a layer with weights made there that nothing else reads (`only_feeds`, from wiring) and Custom's
    `call()` reads that input only as a mask."""
    candidates = {cls.name: cls for cls in ctx.file.classes if "call" in cls.method_names
                  and _MASK_TEXT.search(cls.text() or "")}  # (a cheap text test before any analysis)
    if not candidates:
        return
    verdicts = {}
    for scope, nodes in ctx.scopes():
        for node in nodes:
            if type(node) is not ast.Call or not node.args:
                continue
            func = node.func
            if type(func) is ast.Name:  # `gat = GATConv(8); gat([x, a])`
                func = latest_binding(func.id, func.lineno, nodes)
            if type(func) is not ast.Call or type(func.func) not in (ast.Name, ast.Attribute):
                continue
            name = func.func.id if type(func.func) is ast.Name else func.func.attr
            cls = candidates.get(name)
            if cls is None or ctx.qualify(func.func) != cls.qualname:
                continue
            if len(node.args) == 1 and type(node.args[0]) in (ast.List, ast.Tuple):
                tensors = [(0, i, item) for i, item in enumerate(node.args[0].elts)]
            else:
                tensors = [(j, None, arg) for j, arg in enumerate(node.args)]
            for param, index, tensor in tensors:
                key = (name, param, index)
                if key not in verdicts:
                    verdicts[key] = _read_only_as_mask(ctx, cls, param, index)
                why = verdicts[key]
                if why is None:
                    continue
                made = only_feeds(ctx, tensor, node, nodes, 0)
                if made is not None:
                    layer, made_at = made
                    yield Hit(
                        made_at,
                        f"the output of {layer} goes into {name}, whose call() reads that input only through "
                        f"{why} (a mask): no gradient flows back through it, so the layer's weights (and those of "
                        f"the layers before it) never train (use the values in the computation, make the mask from "
                        f"the model's input, or freeze the layer with trainable=False if that is the intent)",
                        fix=None,
                    )


# A comparison or an argmax somewhere in the class's text: the only reads this check looks for.
_MASK_TEXT = re.compile(r"==|!=|[<>]|equal\(|greater|less|arg(?:max|min)\(")
_BLOCKING = {"argmax", "argmin", "argsort", "sign", "round", "floor", "ceil"}
# Reads that see only the shape or dtype of a tensor.
_SHAPE_CALLS = {"shape", "ones_like", "zeros_like", "size", "rank", "ndim", "int_shape", "len"}
_SHAPE_ATTRS = {"shape", "dtype", "ndim"}
# Ops whose result carries the values of their first argument (the others are shapes, axes, constants).
_KEEPS_VALUES = {"reshape", "transpose", "expand_dims", "squeeze", "set_diag", "matrix_set_diag", "identity",
                 "cast", "convert_to_tensor", "flatten"}


def _read_only_as_mask(ctx, cls, param, index):
    """What `cls.call()` reads its input (the `param`-th after self; item `index` of it when the layer takes a
    list) through, when every read is a comparison, argmax or shape read and one at least is a comparison or
    argmax: 'a comparison', 'argmax()'; else None."""
    cls.load_methods()  # (parses call() and the helpers it calls; `cls.methods` keeps them as written)
    call = cls.methods.get("call")
    if call is None:
        return None
    params = [a.arg for a in call.args.posonlyargs + call.args.args][1:]
    if param >= len(params):
        return None
    reasons = set()
    if not _uses(ctx, cls, call, params[param], index, reasons, 0):
        return None
    blocked = sorted(r for r in reasons if r != "shape")
    return " and ".join(blocked) if blocked else None


def _uses(ctx, cls, func, name, index, reasons, depth) -> bool:
    """Does every read of `name` in `func` (item `index` of it, if not None) carry no gradient? Adds what the
    reads go through to `reasons`. A name bound again from a read follows the new name (in the whole
    function: a later rebinding to something else only adds reads, so it can only say no)."""
    if depth > 3:
        return False
    parents = {}
    for node in walk(func):
        for child in children(node):
            parents[child] = node
    todo, seen = [name], {name}
    while todo:
        current = todo.pop()
        for node in walk(func):
            if type(node) is not ast.Name or node.id != current or type(node.ctx) is not ast.Load:
                continue
            use = node
            if index is not None and current == name:
                parent = parents.get(node)
                if type(parent) is ast.Subscript and parent.value is node:
                    if type(parent.slice) is not ast.Constant or type(parent.slice.value) is not int:
                        return False  # `inputs[i]`, `inputs[1:]`: cannot tell which item
                    if parent.slice.value != index:
                        continue
                    use = parent
                elif type(parent) is ast.Assign and type(parent.targets[0]) is ast.Tuple \
                        and len(parent.targets) == 1 and parent.value is node:
                    target = parent.targets[0].elts
                    if index >= len(target) or type(target[index]) is not ast.Name:
                        return False
                    bound = target[index].id
                    if bound not in seen:
                        seen.add(bound)
                        todo.append(bound)
                    continue
                elif (helper := _helper_param(cls, parent, node)) is not None:  # `self._forward(inputs)`
                    if not _uses(ctx, cls, *helper, index, reasons, depth + 1):
                        return False
                    continue
                else:
                    return False  # the list read whole: `tf.concat(inputs, -1)`, a loop
            outcome = _follow(ctx, cls, use, parents, reasons, depth)
            if outcome is False:
                return False
            if outcome is not True and outcome not in seen:  # a name bound from a value-keeping read
                seen.add(outcome)
                todo.append(outcome)
    return bool(reasons)


def _helper_param(cls, call, arg):
    """(method, parameter) that `self.method(..., arg, ...)` hands `arg` to, or None."""
    if type(call) is not ast.Call:
        return None
    func = call.func
    if type(func) is not ast.Attribute or type(func.value) is not ast.Name or func.value.id != "self" \
            or call.keywords or arg not in call.args or any(type(a) is ast.Starred for a in call.args):
        return None
    helper = cls.methods.get(func.attr)
    position = call.args.index(arg) + 1
    if helper is None or position >= len(helper.args.args):
        return None
    return helper, helper.args.args[position].arg


def _follow(ctx, cls, expr, parents, reasons, depth):
    """True when this read carries no gradient, False when it may, or the name its value is bound to."""
    while True:
        parent = parents.get(expr)
        kind = type(parent)
        if kind is ast.Compare:
            reasons.add("a comparison")
            return True
        if kind is ast.Attribute and parent.value is expr:
            if parent.attr in _SHAPE_ATTRS:
                reasons.add("shape")
                return True
            return False
        if kind is ast.Subscript and parent.value is expr:
            expr = parent  # `a[..., 0]`
            continue
        if kind is ast.Tuple and type(parents.get(parent)) is ast.Assign:  # `h, g = inputs[0], inputs[1]`
            values, parent = parent, parents[parent]
            target = parent.targets[0] if len(parent.targets) == 1 else None
            if parent.value is not values or type(target) is not ast.Tuple or len(target.elts) != len(values.elts) \
                        or type(target.elts[values.elts.index(expr)]) is not ast.Name:
                return False
            return target.elts[values.elts.index(expr)].id
        if kind is ast.Assign and parent.value is expr and len(parent.targets) == 1 \
                and type(parent.targets[0]) is ast.Name:
            return parent.targets[0].id
        if kind is not ast.Call or expr not in parent.args:
            return False
        func = parent.func
        if type(func) is ast.Attribute and type(func.value) is ast.Name and func.value.id == "self":
            helper = _helper_param(cls, parent, expr)  # `self._call_dense(x, a)`: its parameter's reads
            return helper is not None and _uses(ctx, cls, *helper, None, reasons, depth + 1)
        qualified = ctx.qualify(func) or ""
        op = qualified.rsplit(".", 1)[-1]
        if op in _SHAPE_CALLS and (qualified.startswith(TENSOR_LIBRARIES) or op == "len"):
            reasons.add("shape")
            return True
        if not qualified.startswith(TENSOR_LIBRARIES):
            return False
        if op in COMPARISONS or op in _BLOCKING:
            reasons.add("a comparison" if op in COMPARISONS else f"{op}()")
            return True
        if op not in _KEEPS_VALUES or parent.args[0] is not expr:
            return False
        if op == "cast" and len(parent.args) > 1 and int_dtype(parent.args[1]):
            reasons.add("a cast to an integer type")
            return True
        expr = parent  # `tf.linalg.set_diag(a, ones)`: the values go on
