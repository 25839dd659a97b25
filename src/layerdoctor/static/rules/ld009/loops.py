"""LD009 for a training loop outside a Model (a trainer class, a function) whose tape and optimizer lists
leave out a weighted layer the same code makes and computes the loss through (FaceNet's ArcFace head)."""

import ast
import re

from ...context import bindings
from ...walk import parent_map, self_attr, walk
from .. import Hit
from .reads import WEIGHT_LISTS, layer_has_weights, trainable
from .train_step import _ALL, _OTHER_TRAINING, _roots, _scope, _var_list_argument


_TAPE_OR_OPTIMIZER = {"gradient"}  # (a loop this reads has a tape)


def left_out_of_training_loop(ctx):
    """A plain class's methods, or a top-level function with the functions nested in it, run a tape
    (`with tf.GradientTape() as tape:`) whose loss goes through a trainable layer with weights that
    this code makes (`self.head = Head(...)`, a local, or an argument a sibling method hands over),
    while every variable list handed to a tape or an optimizer there lists other variables only
    (`tape.gradient(loss, self.model.trainable_variables)`): the layer gets a gradient that nothing
    applies. Silent when a list cannot be read, when the layer is used in any way but being called
    (wired into a model, frozen, its weights set by hand) or listed anywhere (a GAN's second step)."""
    lines = _gradient_lines(ctx)
    for unit in ctx.tree.body if lines else ():
        if (type(unit) is ast.ClassDef and all(ast.unparse(b) == "object" for b in unit.bases)
                or type(unit) is ast.FunctionDef) and any(unit.lineno <= line <= unit.end_lineno for line in lines):
            yield from _loop(ctx, unit)


def _gradient_lines(ctx) -> list[int]:
    """Lines of the module's `.gradient(...)` calls (once per module: both checks here start from them)."""
    if getattr(ctx, "_gradient_lines", None) is None:
        ctx._gradient_lines = [n.lineno for _, nodes in ctx.scopes() for n in nodes if type(n) is ast.Call
                               and type(n.func) is ast.Attribute and n.func.attr in _TAPE_OR_OPTIMIZER]
    return ctx._gradient_lines


def _loop(ctx, unit):
    nodes = walk(unit)
    tapes = [n for n in nodes if type(n) is ast.With and any(_is_tape(item.context_expr) for item in n.items)]
    if not tapes:
        return
    lists = []
    for node in nodes:
        if type(node) is ast.Call and type(node.func) is ast.Attribute:
            if node.func.attr in _OTHER_TRAINING:
                return
            arg = _var_list_argument(node, node.func.attr)
            if arg is not None:
                lists.append((node, arg))
    # (cheap first: a layer called under a tape whose name no variable list spells, most loops list it,
    # and that this code binds: a function of the module or an import is not a layer the loop makes)
    spelled = {n.id if type(n) is ast.Name else n.attr for _, arg in lists for n in walk(arg)
               if type(n) in (ast.Name, ast.Attribute)}
    callees = {self_attr(n.func) or n.func.id for tape in tapes for n in walk(tape)
               if type(n) is ast.Call and (self_attr(n.func) or type(n.func) is ast.Name)} - spelled
    if not lists or not callees & _bound_names(nodes):
        return
    functions = [n for n in nodes if type(n) in (ast.FunctionDef, ast.AsyncFunctionDef)]
    parents = parent_map(nodes)
    enclosing = {}  # id(node) -> the innermost function holding it
    for function in functions:
        for node in walk(function):
            enclosing[id(node)] = function  # (inner functions come later in `functions`: they win)
    scopes = {}  # id(function) -> its names, outer ones under (on demand: most functions are never asked)

    def scope_of(function):
        if function is None:
            return {}
        if id(function) not in scopes:
            outer = enclosing.get(id(parents.get(id(function))))
            scopes[id(function)] = {**scope_of(outer), **_scope(walk(function))}
        return scopes[id(function)]

    methods = {f.name: f for f in unit.body if type(f) is ast.FunctionDef} if type(unit) is ast.ClassDef else {}
    self_values = {}
    for node in nodes:
        if type(node) is ast.Assign and len(node.targets) == 1 and self_attr(node.targets[0]):
            self_values.setdefault(node.targets[0].attr, []).append(node.value)

    def origins(ref, depth=0):
        """Where the layer or model `ref` names comes from: {("self", attr)} or {("made", id of the call
        that makes it)}; None when this cannot tell (a global, a parameter nobody here passes)."""
        if depth > 4:
            return None
        attr = self_attr(ref)
        if attr:
            return {("self", attr)} if attr in self_values else None
        if type(ref) is ast.Call:
            return {("made", id(ref))}
        if type(ref) is not ast.Name:
            return None
        function = enclosing.get(id(ref))
        bound = scope_of(function).get(ref.id) if function is not None else None
        if bound:
            found = set()
            for value in bound:
                more = origins(value, depth + 1)
                if more is None:
                    return None
                found |= more
            return found
        owner = _function_binding(ref.id, function, enclosing, parents)
        if owner is None:
            return None  # a global
        # a parameter: what the calls here pass, else the parameter itself (a model handed in)
        return _passed_to(owner, ref.id, nodes, methods, origins, depth) or {("parameter", f"{id(owner)}.{ref.id}")}

    covered = set()
    for node, arg in lists:
        function = enclosing.get(id(node))
        scope = scope_of(function)
        roots = _roots(arg, scope, pairs=node.func.attr == "apply_gradients",
                       owner=lambda ref: _keys(origins(ref)))
        if roots is None or _ALL in roots:
            return  # (a list this cannot read, or a class's own lists)
        covered |= roots
    reported = set()
    steps = {f.name for f in functions}  # the functions and methods of this code a layer may be handed to
    for tape in tapes:
        for node in walk(tape):
            if type(node) is not ast.Call or not (self_attr(node.func) or type(node.func) is ast.Name):
                continue
            found = origins(node.func)
            if not found or _keys(found) & covered or len(found) != 1:
                continue
            (kind, key), = found
            made = self_values[key] if kind == "self" else [_call_by_id(nodes, key)] if kind == "made" else []
            if len(made) != 1 or type(made[0]) is not ast.Call or not trainable(made[0]) or id(made[0]) in reported:
                continue
            scope = scope_of(enclosing.get(id(made[0])))
            value = ctx.value(made[0], scope)
            statement = parents.get(id(made[0]))
            refs = [node.func] + (statement.targets if type(statement) is ast.Assign else [])
            if not layer_has_weights(ctx, value) or _MODEL_CLASS.search(value.layer_class or "") \
                    or ctx.project.is_model(value.qualname or "") \
                    or not all(_only_called(ref, nodes, parents, enclosing, steps) for ref in refs):
                continue
            reported.add(id(made[0]))
            names = ", ".join(sorted(ast.unparse(r) for r in _listed_owners(nodes))) or "other layers"
            held = ast.unparse(refs[-1])  # the name it is made under
            yield Hit(
                statement if type(statement) is ast.Assign else made[0],
                f"{held} ({ast.unparse(made[0].func)}) computes the loss under the GradientTape "
                f"(`{ast.unparse(node)}`), but the tape and the optimizer are handed only the variables of "
                f"{names}: its weights get a gradient that nothing applies, so they are never trained",
                attribute=held, class_name=ast.unparse(made[0].func).rsplit(".", 1)[-1], fix="training_loop",
                fix_values={"attr": held, "listed": names.split(", ")[0]},
            )


_ONE_TARGET = (ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For, ast.AsyncFor, ast.comprehension)


def _bound_names(nodes) -> set:
    """Names and self attributes the code binds (assignments, loop and `with` targets), and the
    parameters of its functions: what a layer this code makes can be called under."""
    bound = set()
    for node in nodes:
        kind = type(node)
        targets = node.targets if kind is ast.Assign else [node.target] if kind in _ONE_TARGET else \
            [node.optional_vars] if kind is ast.withitem and node.optional_vars is not None else ()
        for target in targets:
            for part in walk(target):
                if type(part) is ast.Name or self_attr(part):
                    bound.add(part.id if type(part) is ast.Name else part.attr)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            arguments = node.args
            bound.update(a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs)
    return bound


def _keys(found):
    return None if found is None else {f"{kind}:{key}" for kind, key in found}


def _is_tape(expr) -> bool:
    return type(expr) is ast.Call and (getattr(expr.func, "attr", None) or getattr(expr.func, "id", None)) == "GradientTape"


def _call_by_id(nodes, key):
    return next((n for n in nodes if id(n) == key), None)


def _function_binding(name, function, enclosing, parents):
    """The function whose parameter `name` is, from `function` outwards, or None."""
    while function is not None:
        arguments = function.args
        if any(a.arg == name for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs):
            return function
        function = enclosing.get(id(parents.get(id(function))))
    return None


def _passed_to(function, name, nodes, methods, origins, depth):
    """The origins of what the calls of `function` in this code (`self.step(batch, head)`, `step(x, head)`)
    pass as its parameter `name`; None unless every call passes something readable."""
    positional = [a.arg for a in function.args.posonlyargs + function.args.args]
    if methods.get(function.name) is function and positional[:1] == ["self"]:
        positional = positional[1:]
    found, calls = set(), 0
    for call in nodes:
        if type(call) is not ast.Call:
            continue
        callee = call.func
        if not ((self_attr(callee) == function.name and methods.get(function.name) is function)
                or (type(callee) is ast.Name and callee.id == function.name)):
            continue
        calls += 1
        given = next((k.value for k in call.keywords if k.arg == name), None)
        if given is None and name in positional and positional.index(name) < len(call.args):
            given = call.args[positional.index(name)]
        more = origins(given, depth + 1) if given is not None else None
        if more is None:
            return None
        found |= more
    return found if calls else None


def _only_called(ref, nodes, parents, enclosing, steps) -> bool:
    """Is every use of the layer `ref` names a call of it, a return, or an argument of a call that hands
    it on to a function or method of this code (`self._step(batch, head)`)? Anything else (in a list,
    `.trainable`, `.set_weights`, a variable list, a library call) may train or freeze it some other way,
    and so may a call of it where a model is made (wired into that model)."""
    same = ast.dump(ref, annotate_fields=False, include_attributes=False).replace("Store()", "Load()")
    for node in nodes:
        if type(node) is not type(ref) or type(getattr(node, "ctx", None)) is not ast.Load \
                or ast.dump(node, annotate_fields=False) != same:
            continue
        parent = parents.get(id(node))
        if type(parent) is ast.keyword:
            parent = parents.get(id(parent))
            if not _hands_to_step(parent, steps):
                return False
            continue
        if type(parent) is ast.Call and parent.func is node:
            if _makes_model(enclosing.get(id(node))):
                return False
            continue
        if type(parent) is ast.Call and _hands_to_step(parent, steps) or type(parent) is ast.Return:
            continue
        return False
    return True


_MODEL_CLASS = re.compile(r"(Model|Sequential|Functional)$")


def _makes_model(function) -> bool:
    return function is not None and any(
        type(n) is ast.Call and _MODEL_CLASS.search(ast.unparse(n.func)) for n in walk(function))


def _hands_to_step(call, steps) -> bool:
    """A call of a function or method of this code (`self._step(...)`, `step(...)`)."""
    if type(call) is not ast.Call:
        return False
    name = self_attr(call.func) or (call.func.id if type(call.func) is ast.Name else None)
    return name in steps


def _listed_owners(nodes):
    """The owners whose weight lists the code hands to tapes and optimizers (for the message)."""
    seen = {}
    for node in nodes:
        if type(node) is ast.Attribute and node.attr in WEIGHT_LISTS and type(node.value) in (ast.Attribute, ast.Name):
            seen.setdefault(ast.unparse(node.value), node.value)
    return list(seen.values())[:3]


# ------------------------------------------------------------------ forward pass before the tape
# `out = model(x)` then `with tf.GradientTape() as tape: loss = f(out)`, `tape.gradient(loss, model.trainable_variables)`:
# the tape recorded nothing that reads a weight, so every gradient is None (keras-io#406).

_SOURCE_LISTS = {"trainable_variables", "trainable_weights"}
# calls that cannot run a model inside the tape: list bookkeeping, and plain builtins
_HARMLESS_METHODS = {"append", "extend", "insert", "pop", "numpy", "item", "tolist", "astype"}
_HARMLESS_BUILTINS = {"sum", "zip", "len", "range", "enumerate", "reversed", "list", "tuple", "float", "int", "min",
                      "max", "abs", "print", "isinstance", "sorted", "dict"}
_HARMLESS_LIBRARIES = ("tensorflow.", "keras.ops.", "keras.losses.", "keras.backend.", "numpy.", "math.")


def forward_before_tape(ctx):
    """A function (or a method of a plain class) that calls a model, then opens a new tape whose block
    calls nothing that could run it (tensor ops, a Keras loss, list bookkeeping: no `watch`), and asks
    that tape for the gradient with respect to that model's trainable variables."""
    lines = _gradient_lines(ctx)
    for unit in ctx.tree.body if lines else ():
        if type(unit) is ast.ClassDef and all(ast.unparse(b) == "object" for b in unit.bases):
            functions = [f for f in unit.body if type(f) is ast.FunctionDef]
        elif type(unit) is ast.FunctionDef:
            functions = [unit]
        else:
            continue
        for function in functions:
            if not any(function.lineno <= line <= function.end_lineno for line in lines):
                continue  # (no tape.gradient here: nothing to ask)
            nodes, env = walk(function), None
            for node in nodes:
                if type(node) is ast.With and len(node.items) == 1 and type(node.items[0].optional_vars) is ast.Name \
                        and _new_tape(ctx, node.items[0].context_expr):
                    env = bindings(nodes) if env is None else env
                    hit = _untaped_forward(ctx, node, nodes, env)
                    if hit:
                        yield hit


def _untaped_forward(ctx, block, nodes, env):
    tape = block.items[0].optional_vars.id
    inside = walk(block)
    for node in inside:
        if type(node) is ast.Call and block.items[0].context_expr is not node and not _harmless(ctx, node, env):
            return None  # (a `tape.watch(...)` too: the code knows what the tape records)
    owners = [owner for node in nodes if type(node) is ast.Call and type(node.func) is ast.Attribute
              and node.func.attr == "gradient" and type(node.func.value) is ast.Name and node.func.value.id == tape
              and len(node.args) > 1 for owner in _owners(node.args[1], env)]
    for owner in owners:
        spelled = ast.unparse(owner)
        if any(type(n) is ast.Call and n.lineno < block.lineno and ast.unparse(n.func) == spelled for n in nodes):
            return Hit(block, f"the tape '{tape}' opens after {spelled}(...) ran, and nothing in its block calls "
                              f"{spelled}: the loss is made from outputs recorded outside the tape, so "
                              f"{tape}.gradient(..., {spelled}.trainable_variables) is None for every weight",
                       fix=None)
    return None


def _new_tape(ctx, expr) -> bool:
    """`tf.GradientTape(...)`, however imported (`from tensorflow import GradientTape as Tape`)."""
    return _is_tape(expr) or type(expr) is ast.Call and (ctx.qualify(expr.func) or "").endswith(".GradientTape")


def _owners(expr, env, depth=0):
    """The models whose trainable variables `expr` lists (`model.trainable_variables`, a name bound to it,
    `a.trainable_weights + b.trainable_weights`)."""
    if depth > 3:
        return []
    if type(expr) is ast.Attribute and expr.attr in _SOURCE_LISTS:
        return [expr.value]
    if type(expr) is ast.BinOp:
        return _owners(expr.left, env, depth + 1) + _owners(expr.right, env, depth + 1)
    if type(expr) is ast.Name and len(env.get(expr.id, ())) == 1:
        return _owners(env[expr.id][0], env, depth + 1)
    return []


def _harmless(ctx, call, env) -> bool:
    func = call.func
    qualified = ctx.qualify(func) or ""
    if qualified.startswith(_HARMLESS_LIBRARIES):
        return True
    if type(func) is ast.Attribute:
        return func.attr in _HARMLESS_METHODS
    if type(func) is ast.Name:
        if func.id in _HARMLESS_BUILTINS and func.id not in env:
            return True
        values = env.get(func.id, ())  # `huber = keras.losses.Huber()`: a loss object
        return len(values) == 1 and type(values[0]) is ast.Call \
            and (ctx.qualify(values[0].func) or "").startswith("keras.losses.")
    return False
