"""LD009 for a loop over a list of layers that calls each one on the same input and keeps only the last result:
`for dense in self.fc_stack: x = dense(inputs)` where `x = dense(x)` was meant (autopycoin's N-BEATS TrendBlock,
held-out 35: the kernels and biases of every layer but the last get a None gradient)."""

import ast

from ...walk import self_attr, walk
from .. import Hit
from ..ld005.made import made_layer


def layers_overwritten_in_loop(ctx):
    loops = [(loop, result) for method, _ in ctx.methods_of("call") for loop in ctx.nodes_of(method, ast.For)
             if type(loop.target) is ast.Name and self_attr(loop.iter)
             and (result := _overwritten_result(loop)) is not None]
    if not loops:
        return  # (almost every class: no such loop)
    lists = {}
    looped = {self_attr(loop.iter) for loop, _ in loops}
    for assign in ctx.self_assigns(("__init__", "build")):
        if assign.attr not in looped or assign.attr in lists:
            continue
        made = made_layer(ctx, assign.value, ctx.env(ctx.methods[assign.method]))
        count = _count(assign.value) if made is not None and made.startswith("a list of") else None
        if count is not None:
            lists[assign.attr] = (made, count)
    for loop, result in loops:
        attr = self_attr(loop.iter)
        if attr not in lists:
            continue
        made, count = lists[attr]
        yield Hit(
            loop,
            f"{ctx.name}.call() runs each layer of self.{attr} ({made}) on the same input and keeps only the "
            f"last one's result in `{result}`, which the next pass overwrites: every layer of the list but the "
            f"last gets no gradient and is never trained (chain them: `{result} = {loop.target.id}({result})`)"
            + ("" if isinstance(count, int) else f"; with {count} above 1"),
            attribute=attr, severity=None if isinstance(count, int) else "warning",
        )


def _count(expr) -> int | str | None:
    """How many layers the list holds when more than one: a literal's length, `n` for a comprehension over
    `range(n)` (n a literal above 1), or the name of the count handed in (unknown: maybe one); else None."""
    if type(expr) in (ast.List, ast.Tuple):
        return len(expr.elts) if len(expr.elts) > 1 else None
    generator = expr.generators[0] if type(expr) is ast.ListComp and len(expr.generators) == 1 else None
    if generator is None or type(generator.iter) is not ast.Call or len(generator.iter.args) != 1:
        return None
    count = generator.iter.args[0]
    if type(count) is ast.Constant and isinstance(count.value, int):
        return count.value if count.value > 1 else None
    return ast.unparse(count) if type(count) in (ast.Name, ast.Attribute) else None


def _overwritten_result(loop) -> str | None:
    """The name the loop's body binds to `item(<input>)` when no pass reads what an earlier pass made: a body of
    plain `name = ...` statements, the item called once, every name the body binds read only after this pass
    bound it. None otherwise."""
    item = loop.target.id
    bound = set()
    for stmt in loop.body:
        if type(stmt) is not ast.Assign or len(stmt.targets) != 1 or type(stmt.targets[0]) is not ast.Name:
            return None  # an append, an if, an augmented assignment...: a pass may carry its result on
        bound.add(stmt.targets[0].id)
    if loop.orelse:
        return None
    calls = [n for stmt in loop.body for n in walk(stmt) if type(n) is ast.Call
             and type(n.func) is ast.Name and n.func.id == item]
    if len(calls) != 1 or any(type(n) is ast.Name and n.id == item for stmt in loop.body for n in walk(stmt)
                              if not any(n is c.func for c in calls)):
        return None
    made_this_pass = set()
    for stmt in loop.body:
        if any(type(n) is ast.Name and n.id in bound - made_this_pass for n in walk(stmt.value)):
            return None  # reads what the previous pass made (`x = dense(x)`, `total = total + x`): carried on
        made_this_pass.add(stmt.targets[0].id)
    return next(stmt.targets[0].id for stmt in loop.body if any(n is calls[0] for n in walk(stmt)))
