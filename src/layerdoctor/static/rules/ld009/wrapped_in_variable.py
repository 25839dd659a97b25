"""LD009: call() wraps a tensor it computed in a new variable (`payoffs = tf.Variable(payoffs)`, to edit it
with `.assign()`). A variable made from a value is a new leaf: no gradient flows back through it, so the
sublayers and weights that computed the value (and the layers before, for the input) get none. Measured on
held-out 23's xuance DCG payoff network: None for all four Dense weights. LD002 reports the variable itself."""

import ast

from ...walk import callee_name, self_attr
from .. import Hit

# Reading a tensor only for these carries no gradient anyway: `tf.Variable(tf.zeros_like(x))` is LD002's alone.
_SHAPE_ONLY_CALLS = {"shape", "zeros_like", "ones_like", "len", "int_shape", "rank", "size", "zeros", "ones", "fill"}
_SHAPE_ONLY_ATTRS = {"shape", "dtype", "ndim"}
_NOT_INPUTS = {"self", "training", "mask"}


def wrapped_in_variable(ctx):
    call = ctx.methods.get("call")
    if call is None:
        return
    nodes = ctx.nodes("call")
    variables = [n for n in ctx.nodes_of("call", ast.Call) if callee_name(n) == "Variable"
                 and _is_variable_class(ctx, n.func) and _initial_value(n) is not None]
    if not variables:
        return
    params = {a.arg for a in call.args.posonlyargs + call.args.args + call.args.kwonlyargs} - _NOT_INPUTS
    if call.args.vararg:
        params.add(call.args.vararg.arg)
    from_inputs, from_layers = _derived_names(ctx, nodes, params)
    statements = sorted((n for n in nodes if isinstance(n, ast.stmt)), key=lambda n: (n.lineno, n.col_offset))
    for node in variables:
        source = _reads(ctx, _initial_value(node), from_inputs, from_layers)
        if source is None or not _only_through_the_variable(ctx, node, statements, from_layers):
            continue
        if source == "layers":
            yield Hit(node, f"{ctx.name}.call() wraps a tensor computed by its sublayers or weights in a new variable "
                            f"({ast.unparse(node.func)}(...)) and returns what it computes from it: a variable made "
                            f"from a value is a new leaf, so no gradient flows back through it and the weights that "
                            f"computed the value are never trained (edit the tensor with ops such as tf.stack or "
                            f"tf.tensor_scatter_nd_update)", fix=None)
        else:
            yield Hit(node, f"{ctx.name}.call() wraps a tensor computed from its input in a new variable "
                            f"({ast.unparse(node.func)}(...)) and returns what it computes from it: a variable made "
                            f"from a value is a new leaf, so no gradient flows back through the layer and the "
                            f"trainable layers before it are never trained (a heuristic: harmless where nothing "
                            f"trainable comes before the layer)", severity="warning", fix=None)
        return  # one finding per class


def _only_through_the_variable(ctx, variable, statements, from_layers) -> bool:
    """Does call() return values computed from the variable (kept in a local, `payoffs = tf.Variable(payoffs)`,
    or returned at once), with no other path from a sublayer or a local a sublayer computed? Statements after
    the variable are read in order (a name re-bound to something else stops carrying it)."""
    holder = next((s for s in statements if type(s) in (ast.Assign, ast.Return) and any(
        n is variable for n in ast.walk(s.value or ast.Constant(None)))), None)
    if type(holder) is ast.Return:
        return True
    if holder is None or len(holder.targets) != 1 or type(holder.targets[0]) is not ast.Name \
            or holder.value is not variable:
        return False  # stored on self, or in a structure: LD002's alone
    carried = {holder.targets[0].id}
    returned = False
    for statement in statements[statements.index(holder) + 1:]:
        if type(statement) is ast.Assign:
            reads = {n.id for n in ast.walk(statement.value) if type(n) is ast.Name}
            names = {n.id for t in statement.targets for n in ast.walk(t) if type(n) is ast.Name}
            carried = carried | names if reads & carried else carried - names
        elif type(statement) is ast.Return and statement.value is not None:
            reads = {n.id for n in ast.walk(statement.value) if type(n) is ast.Name}
            if not reads & carried:
                return False
            if (reads - carried) & from_layers or any(
                    type(n) is ast.Call and self_attr(n.func) not in (None, *ctx.methods) for n in ast.walk(statement.value)):
                return False  # another path from a sublayer reaches the output
            returned = True
    return returned


def _is_variable_class(ctx, func) -> bool:
    name = ctx.qualify(func) or ""
    return name.split(".", 1)[0] in ("tensorflow", "keras") and name.endswith(".Variable")


def _initial_value(call):
    if call.args:
        return call.args[0]
    return next((kw.value for kw in call.keywords if kw.arg == "initial_value"), None)


def _derived_names(ctx, nodes, params):
    """(locals computed from the inputs, locals computed by a sublayer call or a weight), flow-insensitive."""
    assigns = [n for n in nodes if type(n) in (ast.Assign, ast.AugAssign, ast.AnnAssign) and n.value is not None]
    from_inputs, from_layers = set(params), set()
    changed = True
    while changed:
        changed = False
        for node in assigns:
            source = _reads(ctx, node.value, from_inputs, from_layers)
            if source is None:
                continue
            into = from_layers if source == "layers" else from_inputs
            targets = node.targets if type(node) is ast.Assign else [node.target]
            for target in targets:
                for name in (n.id for n in ast.walk(target) if type(n) is ast.Name):
                    if name not in into:
                        into.add(name)
                        changed = True
    return from_inputs, from_layers


def _reads(ctx, expr, from_inputs, from_layers):
    """"layers" if `expr` computes with a sublayer's output, a weight or a local made so; "inputs" if with the
    call's input (or a local made from it); else None. Shape and dtype reads do not count."""
    found = None
    todo = [expr]
    while todo:
        node = todo.pop()
        kind = type(node)
        if kind is ast.Attribute and node.attr in _SHAPE_ONLY_ATTRS:
            continue
        if kind is ast.Call:
            name = callee_name(node)
            if name in _SHAPE_ONLY_CALLS:
                continue
            attr = self_attr(node.func)
            if attr is not None and attr not in ctx.methods:
                return "layers"  # `self.dense(x)`: a sublayer's output
        elif kind is ast.Name and type(node.ctx) is ast.Load:
            if node.id in from_layers:
                return "layers"
            if node.id in from_inputs:
                found = "inputs"
        elif kind is ast.Attribute and self_attr(node) is not None and _is_weight(ctx, node.attr):
            return "layers"
        todo.extend(ast.iter_child_nodes(node))
    return found


def _is_weight(ctx, attr) -> bool:
    from ...context import WEIGHT
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr == attr and ctx.value(assign.value, ctx.env(ctx.methods[assign.method])).kind == WEIGHT:
            return True
    return False
