"""LD005 in lists of sublayers: a loop in call() that skips some (`if i < 2: continue`, `self.blocks[1:]`),
or literal-index uses that never reach a position."""

import ast
import operator

from ...context import LAYER, STATELESS_LAYERS
from ...walk import self_attr, walk
from .. import Hit


def skipped_in_loop(ctx):
    """A list of layers made in __init__ whose one use is a loop in call() that never reaches
    some of them: `if i < 2: continue` first thing in `for i, b in enumerate(self.blocks)`,
    `self.blocks[1:]`, `self.blocks[:-1]`, `range(1, len(self.blocks))`. Those layers stay unbuilt."""
    lists = _layer_lists(ctx)
    if not lists:
        return
    for method, _ in ctx.methods_of("call"):
        for loop in ctx.nodes(method):
            if type(loop) is not ast.For:
                continue
            for attr, lead, trail, uses in _loop_skips(loop, lists):
                if not _only_use_is(ctx, attr, loop, uses):
                    continue
                assign, first, last, length, _, _ = lists[attr]
                if length:  # a literal list: no more than it holds
                    lead, trail = min(lead, length), min(trail, max(length - lead, 0))
                skipped = [(_positions(lead, 0), first)] if lead else []
                skipped += [(_positions(trail, -1), last)] if trail else []
                if not all(ctx.has_weights(qualname) and qualname.rsplit(".", 1)[-1] not in STATELESS_LAYERS
                           for _, qualname in skipped):
                    continue
                count = lead + trail
                what = " and ".join(f"{ctx.name}.{attr}{where} ({qualname.rsplit('.', 1)[-1]})"
                                    for where, qualname in skipped)
                yield Hit(
                    assign.stmt,
                    f"{what} {'is' if count == 1 else 'are'} never called: call()'s loop `{loop_text(loop)}` "
                    f"(line {loop.lineno}) skips {'it' if count == 1 else 'them'}{_skip_text(loop)}, so "
                    f"{'it stays' if count == 1 else 'they stay'} unbuilt, with no weights (the summary shows "
                    f"0 (unbuilt)), and a weights file that has {'it' if count == 1 else 'them'} will not load",
                    attribute=attr, fix="loop_skip",
                )


def _layer_lists(ctx):
    """attr -> (assign, class of the first layer, of the last, length or None) for
    `self.attr = [Layer(...) for ...]` or `[Layer(...), ...]`, assigned once in __init__."""
    out = {}
    for assign in ctx.self_assigns(("__init__",)):
        func = ctx.methods[assign.method]
        env = ctx.env(func)
        value = assign.value
        if type(value) is ast.Name and len(env.get(value.id, ())) == 1:
            value = env[value.id][0]
        if type(value) is ast.ListComp:
            first = last = value.elt
            length = _comprehension_length(value)
        elif type(value) is ast.List and value.elts and not any(type(e) is ast.Starred for e in value.elts):
            first, last, length = value.elts[0], value.elts[-1], len(value.elts)
        else:
            continue
        kinds = [ctx.value(first, env), ctx.value(last, env)]
        if all(k.kind == LAYER for k in kinds) and ctx.stores_of(assign.attr) == 1:
            out[assign.attr] = (assign, kinds[0].qualname, kinds[1].qualname, length, value, env)
    return out


def _comprehension_length(comp):
    """3 for `[... for _ in range(3)]` (one generator, no `if`); else None."""
    if len(comp.generators) != 1 or comp.generators[0].ifs:
        return None
    positions = _literal_range(comp.generators[0].iter)
    return None if positions is None else len(positions)


def _literal_range(node):
    """range(2, 5) for `range(2, 5)` (literal bounds); else None."""
    return range_of(node, _constant_int)


def range_of(node, evaluate):
    """The range a `range(...)` call gives when `evaluate` makes each bound an int; else None."""
    if not is_call_of(node, "range") or node.keywords or not 1 <= len(node.args) <= 3:
        return None
    bounds = [evaluate(a) for a in node.args]
    return None if not all(type(b) is int for b in bounds) or len(bounds) == 3 and bounds[2] == 0 else range(*bounds)


def positions_never_reached(ctx):
    """A list of layers of known length (`[A(), B(), C()]`, `[A() for _ in range(3)]`) whose every use is
    `self.attr[k]`, k a literal or the target of an enclosing `for k in range(<literals>)`, and whose
    uses reach only some positions: the layers at the others are never called nor built."""
    lists = {attr: entry for attr, entry in _layer_lists(ctx).items() if entry[3]}
    if not lists or ctx.cls.dynamic_access or ctx.project.subclasses(ctx.qualname):
        return
    for attr, (assign, _, _, length, value, env) in lists.items():
        reached, loops = set(), []
        for _, func in ctx.methods_of("__init__", "build", "call"):
            uses = _indexed_uses(func, attr, length)
            if uses is None:
                break
            for positions, loop in uses:
                reached |= positions
                if loop is not None and loop not in loops:
                    loops.append(loop)
        else:
            if ctx.mentions(attr) != 1 + sum(1 for _, f in ctx.methods_of("__init__", "build", "call")
                                             for n in walk(f) if self_attr(n) == attr and type(n) is ast.Attribute
                                             and type(n.ctx) is ast.Load):
                continue  # read by another method, or stored again
            missed = [k for k in range(length) if k not in reached]
            if not reached or not missed:
                continue
            elements = [value.elts[k] if type(value) is ast.List else value.elt for k in missed]
            if value is not assign.value or not all(type(e) is ast.Call for e in elements):
                continue  # a list held in a local, or of layers made earlier: they may be used another way
            made = [ctx.value(e, env) for e in elements]
            if not all(m.qualname and m.layer_class not in STATELESS_LAYERS and ctx.has_weights(m.qualname)
                       for m in made):
                continue
            where = ", ".join(f"[{k}]" for k in missed)
            count = len(missed)
            how = "; ".join(f"`{loop_text(loop)}` (line {loop.lineno})" for loop in loops[:2])
            yield Hit(
                assign.stmt,
                f"{ctx.name}.{attr}{where} ({', '.join(sorted({m.layer_class for m in made}))}) "
                f"{'is' if count == 1 else 'are'} never called nor built: every use of the {length}-layer list "
                f"is at position{'s' if len(reached) > 1 else ''} {', '.join(map(str, sorted(reached)))}"
                f"{' (' + how + ')' if how else ''}, so {'it stays' if count == 1 else 'they stay'} unbuilt, "
                f"with no weights (the summary shows 0 (unbuilt))",
                attribute=attr, fix="loop_skip",
            )


_COMPREHENSIONS = (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)


def _indexed_uses(func, attr, length):
    """[(positions, the loop giving them or None)] for each read of self.<attr> in `func` when every one is
    `self.attr[k]` with k a literal (negative counts from the end) or the target of an enclosing
    `for k in range(<literals>)`; None when some read is anything else."""
    reads = [n for n in walk(func) if self_attr(n) == attr and type(n) is ast.Attribute and type(n.ctx) is ast.Load]
    if not reads:
        return []
    subscripts = {id(n.value): n for n in walk(func) if type(n) is ast.Subscript and self_attr(n.value) == attr}
    out, by_loop = [], {}
    for node in walk(func):  # `for k in range(2)` and `[... for k in range(2)]`
        kind = type(node)
        loops = [(node.target, node.iter, node.body, node)] if kind is ast.For else \
            [(g.target, g.iter, [node], node) for g in node.generators] if kind in _COMPREHENSIONS else ()
        for target, iterable, scope, loop in loops:
            positions = _literal_range(iterable) if type(target) is ast.Name else None
            if positions is None:
                continue
            for sub in (n for part in scope for n in walk(part)):
                if type(sub) is ast.Subscript and type(sub.slice) is ast.Name and sub.slice.id == target.id and \
                        self_attr(sub.value) == attr:
                    by_loop.setdefault(id(sub), (set(positions), loop if kind is ast.For else None))
    for read in reads:
        subscript = subscripts.get(id(read))
        if subscript is None:
            return None
        if id(subscript) in by_loop:
            out.append(by_loop[id(subscript)])
            continue
        k = _constant_int(subscript.slice)
        if k is None or not -length <= k < length:
            return None
        out.append(({k % length}, None))
    return out


def _loop_skips(loop, lists):
    """[(attr, leading layers skipped, trailing layers skipped, the loop's self.attr nodes that
    are the iteration itself)] for the lists of `lists` that `loop` walks."""
    iterable, target, index, start = loop.iter, loop.target, None, 0
    if is_call_of(iterable, "enumerate") and type(target) is ast.Tuple and len(target.elts) == 2:
        start = _int_arg(iterable, 1, "start", default=0)
        index = target.elts[0].id if type(target.elts[0]) is ast.Name else None
        iterable = iterable.args[0] if iterable.args else None
        if start is None:
            return []
    parts = []  # (attr, slice start, slice end from the back, its nodes)
    if is_call_of(iterable, "range") and type(target) is ast.Name and len(iterable.args) in (1, 2):
        measured = iterable.args[-1]
        first = _int_arg(iterable, 0, None, default=0) if len(iterable.args) == 2 else 0
        if is_call_of(measured, "len") and len(measured.args) == 1 and first is not None:
            attr = self_attr(measured.args[0])
            subscripts = [n for n in walk(loop) if type(n) is ast.Subscript and self_attr(n.value) == attr
                          and type(n.slice) is ast.Name and n.slice.id == target.id]
            if attr in lists and subscripts:
                parts.append((attr, first, 0, [measured.args[0]] + [n.value for n in subscripts]))
                index, start = target.id, first
    else:
        for part in iterable.args if is_call_of(iterable, "zip") else [iterable]:
            attr, lead, trail = _sliced_attr(part)
            if attr in lists:
                parts.append((attr, lead, trail, [part.value if type(part) is ast.Subscript else part]))
    tests = [s.test for s in _leading_continues(loop.body)] if index else []
    out = []
    for attr, lead, trail, uses in parts:
        skipped = 0
        while skipped < 8 and any(_value_at(test, index, start + skipped) for test in tests):
            skipped += 1
        if lead + skipped or trail:
            out.append((attr, lead + skipped, trail, uses))
    return out


def _sliced_attr(node):
    """`self.x` -> ("x", 0, 0); `self.x[2:]` -> ("x", 2, 0); `self.x[:-1]` -> ("x", 0, 1); else None."""
    if type(node) is ast.Subscript and type(node.slice) is ast.Slice and node.slice.step is None:
        lower = _constant_int(node.slice.lower) if node.slice.lower is not None else 0
        upper = _constant_int(node.slice.upper) if node.slice.upper is not None else 0
        if lower is None or upper is None or lower < 0 or upper > 0:
            return None, 0, 0
        return self_attr(node.value), lower, -upper
    return self_attr(node), 0, 0


def _leading_continues(body):
    """The `if test: continue` statements a loop body starts with."""
    out = []
    for statement in body:
        if type(statement) is ast.If and not statement.orelse and len(statement.body) == 1 and \
                type(statement.body[0]) is ast.Continue:
            out.append(statement)
        else:
            break
    return out


def _only_use_is(ctx, attr, loop, uses):
    """Is the loop (`uses`: its own self.attr nodes) the list's one use besides its assignment?"""
    if ctx.cls.dynamic_access or any(n for n in walk(loop) if self_attr(n) == attr and
                                     not any(n is u for u in uses)):
        return False
    if ctx.mentions(attr) != ctx.stores_of(attr) + len(uses):
        return False
    return not any(sub.attr_counts.get(attr, 0) or sub.dynamic_access for sub in ctx.project.subclasses(ctx.qualname))


def loop_text(loop):
    target = loop.target
    names = ", ".join(map(ast.unparse, target.elts)) if type(target) is ast.Tuple else ast.unparse(target)
    return f"for {names} in {ast.unparse(loop.iter)}"


def _skip_text(loop):
    tests = _leading_continues(loop.body)
    return "".join(f" (`if {ast.unparse(s.test)}: continue`)" for s in tests[:1])


def _positions(count, end):
    """[0], [0] and [1], [0] to [2]; from the back: [-1], [-2] and [-1], [-3] to [-1]."""
    first, last = (0, count - 1) if end == 0 else (-count, -1)
    if count == 1:
        return f"[{first}]"
    return f"[{first}] and [{last}]" if count == 2 else f"[{first}] to [{last}]"


def is_call_of(node, name):
    return type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == name


def _int_arg(call, position, keyword, default):
    if len(call.args) > position:
        return _constant_int(call.args[position])
    for kw in call.keywords:
        if kw.arg == keyword:
            return _constant_int(kw.value)
    return default


def _constant_int(node):
    if type(node) is ast.UnaryOp and type(node.op) is ast.USub:
        inner = _constant_int(node.operand)
        return None if inner is None else -inner
    return node.value if type(node) is ast.Constant and type(node.value) is int else None


COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
            ast.Eq: operator.eq, ast.NotEq: operator.ne,
            ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b}


_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
               ast.Mod: operator.mod, ast.FloorDiv: operator.floordiv}


def _value_at(expr, name, index):
    """The value of a small integer expression of `name` (`i < 2`, `i % 2 == 0`, `i in (0, 1)`)
    when name == index; None when it depends on anything else."""
    kind = type(expr)
    if kind is ast.Name:
        return index if expr.id == name else None
    if kind is ast.Constant:
        return expr.value if type(expr.value) is int else None
    if kind in (ast.Tuple, ast.List, ast.Set):
        values = [_value_at(e, name, index) for e in expr.elts]
        return None if None in values else tuple(values)
    if kind is ast.UnaryOp:
        value = _value_at(expr.operand, name, index)
        if value is None or type(expr.op) not in (ast.Not, ast.USub):
            return None
        return (not value) if type(expr.op) is ast.Not else -value
    if kind is ast.BinOp and type(expr.op) in _ARITHMETIC:
        left, right = _value_at(expr.left, name, index), _value_at(expr.right, name, index)
        if left is None or right is None or (right == 0 and type(expr.op) in (ast.Mod, ast.FloorDiv)):
            return None
        return _ARITHMETIC[type(expr.op)](left, right)
    if kind is ast.BoolOp:
        values = [_value_at(v, name, index) for v in expr.values]
        if None in values:
            return None
        return all(values) if type(expr.op) is ast.And else any(values)
    if kind is ast.Compare and all(type(op) in COMPARE for op in expr.ops):
        left = _value_at(expr.left, name, index)
        for op, comparator in zip(expr.ops, expr.comparators):
            right = _value_at(comparator, name, index)
            if left is None or right is None:
                return None
            if not COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    return None
