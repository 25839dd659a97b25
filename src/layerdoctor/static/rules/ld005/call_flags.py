"""LD005 for a sublayer that only a call-time flag runs, when no call of the layer's instances sets it, or when
one instance a project class keeps is called without it."""

import ast

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...walk import parameter_defaults, parent_map, self_attr, walk
from .. import Hit
from .made import made_layer

# Flags Keras or fit() set themselves: `if training:` runs under fit(), `mask` comes from masking layers.
_SET_BY_KERAS = {"training", "mask"}


def flag_only_sublayers(ctx):
    """`self.gate = Dense(8)` that call() (or the layer's own `__call__`) runs only under
    `if use_gate:` / `if prev is not None:`, a parameter of that method that defaults to off, while every
    call of the class's instances in its file and the checked files importing it leaves the flag off: the
    sublayer is never run and stays unbuilt, with no weights (measured, ld005z). Each instance must be
    bound to a plain name or `self.<attr>` and only called: an instance handed on, read or returned
    elsewhere may be called with the flag on by code this reading does not follow."""
    if ctx.target == TF_KERAS_TARGET or ctx.cls.dynamic_access:
        return
    if "call" in ctx.methods:
        entry_name, entry = "call", ctx.methods["call"]
    elif "__call__" in ctx.cls.method_names:  # (not an entry method: parsed only for such a class)
        entry_name, entry = "__call__", ctx.cls.load_methods(("__call__",)).get("__call__")
    else:
        return
    flags = _off_flags(entry) if entry is not None else None
    if not flags:
        return
    guarded = _guarded_sublayers(ctx, entry, walk(entry) if entry_name == "__call__" else ctx.nodes("call"), flags)
    if not guarded or ctx.project.subclasses(ctx.qualname):
        return
    followed = _instance_calls(ctx)
    calls, escaped = followed if followed else ([], False)
    reported = set()
    for attr, (flag, made) in guarded.items() if calls else ():
        if any(_passes(call, flag, flags[flag]) for call in calls) or escaped and _named_anywhere(ctx, flag):
            continue
        reported.add(attr)
        yield Hit(
            _store_of(ctx, attr),
            f"{ctx.name}.{attr} ({made}) runs only when {entry_name}() gets {flag} (off by default), and no "
            f"call of {ctx.name} in the checked files turns it on ({len(calls)} call{'s' if len(calls) > 1 else ''} "
            f"read): it is never called and stays unbuilt, with no weights (the summary shows 0 (unbuilt)); "
            f"pass {flag} where it should run, or create the sublayer only when it will be used"
            + (" (an instance is returned, so code outside the checked files may still turn it on)" if escaped else ""),
            attribute=attr, severity="warning" if escaped else None,
        )
    if entry_name == "call":
        yield from _instance_left_without_flag(ctx, {a: g for a, g in guarded.items() if a not in reported}, flags)


def _instance_left_without_flag(ctx, guarded, flags):
    """One instance that never gets the flag, whatever the others get (instances kept in lists, handed on, given
    the flag elsewhere: what _instance_calls cannot follow): a project class, in this file or one importing the
    class, keeps it in __init__ (`self.gated = GRN(...)`) and calls it without the flag. `if additional_context
    is not None:` in the Temporal Fusion Transformer's gated residual network, copied into many ports (measured on
    Keras 3.15.1 + TF 2.21, held-out 33 SPOREIII: 8 unbuilt Linear/Dense pairs, Keras's "unbuilt state" warning)."""
    for holder, held, calls in _instances_held_by_classes(ctx) if guarded else ():
        for attr, (flag, made) in guarded.items():
            if any(_passes(site, flag, flags[flag]) for site in calls):
                continue
            yield Hit(
                _store_of(ctx, attr),
                f"{ctx.name}.{attr} ({made}) runs only when call() is given `{flag}` (off by default), and "
                f"{holder}.{held} calls its {ctx.name} without it (line {calls[0].lineno}): in that instance "
                f"{attr} is never called and stays unbuilt, with no weights (the summary shows 0 (unbuilt), "
                f"saving misses it); make it only when `{flag}` will be given, or build it in build()",
                attribute=attr, fix="optional_input", fix_values={"param": flag},
            )
            return


def _instances_held_by_classes(ctx):
    """(holder class name, attribute, the calls of the instance in the holder's other methods) for each project
    class, in this file or one importing the class, whose __init__ keeps an instance of this class and calls it."""
    from ...class_facts import importing_files

    project = ctx.project
    paths = {file.path for file in (ctx.file, *importing_files(ctx))}
    for key, (info, file) in project.classes.items():
        if file.path not in paths:
            continue
        summary = project.class_summary(key)
        text = summary.text() if summary is not None else None
        if summary is None or text is not None and f"{ctx.name}(" not in text:
            continue
        methods = project.class_methods(key) or {}
        init = methods.get("__init__")
        if init is None:
            continue
        held = {target.attr for node in walk(init) if type(node) is ast.Assign and type(node.value) is ast.Call
                and project.qualify(node.value.func, file) == ctx.qualname
                for target in node.targets if self_attr(target)}
        for attr in sorted(held):
            calls = [n for name, fn in methods.items() if name != "__init__" for n in walk(fn)
                     if type(n) is ast.Call and self_attr(n.func) == attr]
            if calls:
                yield info.name, attr, calls


def _off_flags(entry) -> dict[str, int | None]:
    """Parameters of `entry` that default to False or None: name -> position (without self; None when
    keyword-only)."""
    positional = [a.arg for a in entry.args.posonlyargs + entry.args.args][1:]
    return {name: (positional.index(name) if name in positional else None)
            for name, default in parameter_defaults(entry).items()
            if type(default) is ast.Constant and default.value in (False, None) and name not in _SET_BY_KERAS}


def _guarded_sublayers(ctx, entry, nodes, flags) -> dict[str, tuple[str, str]]:
    """attr -> (flag, layer class) for sublayers with weights made in __init__ that only `entry` mentions,
    every mention inside the body of an `if` whose test needs one flag on."""
    made = {}
    for assign in ctx.self_assigns(("__init__",)):
        if assign.attr not in made:
            layer = made_layer(ctx, assign.value, ctx.env(ctx.methods[assign.method]))
            if layer is not None and not layer.startswith("a list"):
                made[assign.attr] = layer
    if not made:
        return {}
    uses: dict[str, list] = {}
    for node in nodes:
        attr = self_attr(node)
        if attr in made and type(node.ctx) is ast.Load:
            uses.setdefault(attr, []).append(node)
    parents = None
    out = {}
    for attr, found in uses.items():
        if ctx.mentions(attr) != ctx.stores_of(attr) + len(found):
            continue  # another method uses it too
        parents = parent_map(nodes) if parents is None else parents
        needed = {_needed_flag(node, parents, entry, flags) for node in found}
        if len(needed) == 1 and None not in needed:
            out[attr] = (needed.pop(), made[attr])
    return out


def _needed_flag(node, parents, entry, flags):
    """The flag an `if` around `node` (in its body, not its else) needs on, else None."""
    child, parent = node, parents.get(id(node))
    while parent is not None and parent is not entry:
        if type(parent) in (ast.If, ast.IfExp) and child is not parent.test and \
                (child in parent.body if type(parent) is ast.If else child is parent.body):
            flag = _flag_in(parent.test, flags)
            if flag is not None:
                return flag
        child, parent = parent, parents.get(id(parent))
    return None


def _flag_in(test, flags):
    """`flag`, `flag and x`, `flag is not None`, `flag == True`: the flag that must be on, else None."""
    kind = type(test)
    if kind is ast.Name and test.id in flags:
        return test.id
    if kind is ast.BoolOp and type(test.op) is ast.And:
        return next((f for f in map(lambda v: _flag_in(v, flags), test.values) if f is not None), None)
    if kind is ast.Compare and type(test.left) is ast.Name and test.left.id in flags and len(test.ops) == 1:
        op, right = test.ops[0], test.comparators[0]
        if type(op) is ast.IsNot and type(right) is ast.Constant and right.value is None or \
                type(op) in (ast.Eq, ast.Is) and type(right) is ast.Constant and right.value is True:
            return test.left.id
    return None


def _instance_calls(ctx):
    """(calls, escaped) for the instances of the class made in its file and the checked files importing
    it: every call of an instance, read in the function (for a local name) or the class (for
    `self.<attr>`) that makes it, and whether an instance is returned from there; None when an instance
    is made or used in a way this reading cannot follow (handed on, stored elsewhere, read)."""
    from ...class_facts import importing_files, parsed_file
    calls, escaped = [], False
    for file in [ctx.file, *importing_files(ctx)]:
        tree = parsed_file(file.path)
        nodes = walk(tree)
        made = [n for n in nodes if type(n) is ast.Call and ctx.project.qualify(n.func, file) == ctx.qualname]
        if not made:
            continue
        parents = parent_map(nodes)
        for call in made:
            bound = parents.get(id(call))
            if type(bound) is not ast.Assign or len(bound.targets) != 1:
                return None
            target = bound.targets[0]
            if type(target) is ast.Name:
                scope, is_use = _around(bound, parents, _FUNCTIONS), \
                    (lambda n, name=target.id: type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Load)
            elif self_attr(target):
                scope, is_use = _around(bound, parents, (ast.ClassDef,)), \
                    (lambda n, attr=target.attr: self_attr(n) == attr and type(n.ctx) is ast.Load)
            else:
                return None
            for node in walk(scope):
                if not is_use(node):
                    continue
                holder = parents.get(id(node))
                if type(holder) is ast.Call and holder.func is node:
                    calls.append(holder)
                elif type(holder) is ast.Return or type(holder) is ast.Tuple and \
                        type(parents.get(id(holder))) is ast.Return:
                    escaped = True  # returned: its later calls are read by keyword below
                else:
                    return None
    return calls, escaped


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _around(node, parents, kinds):
    """The nearest enclosing node of one of `kinds`, else the module."""
    parent = parents.get(id(node))
    while parent is not None and not isinstance(parent, kinds):
        node, parent = parent, parents.get(id(parent))
    return parent if parent is not None else node


def _passes(call, flag, position) -> bool:
    """Does `call` pass `flag` with a value that may be on?"""
    for keyword in call.keywords:
        if keyword.arg is None:
            return True  # **kwargs
        if keyword.arg == flag:
            return not _off(keyword.value)
    if any(type(a) is ast.Starred for a in call.args):
        return True
    return position is not None and position < len(call.args) and not _off(call.args[position])


def _named_anywhere(ctx, flag) -> bool:
    """Does any call in the class's file or the checked files importing it pass `flag=` a value that may be
    on (a returned instance called under another name)?"""
    from ...class_facts import importing_files, parsed_file
    return any(type(n) is ast.Call and any(k.arg == flag and not _off(k.value) for k in n.keywords)
               for file in [ctx.file, *importing_files(ctx)] for n in walk(parsed_file(file.path)))


def _off(value) -> bool:
    return type(value) is ast.Constant and value.value in (False, None)


def _store_of(ctx, attr):
    return next(a.stmt for a in ctx.self_assigns(("__init__",)) if a.attr == attr)
