"""LD005 in module code: `model.build(shape)` on a project class, and RNN wrappers of project cells
wired from `keras.Input` (Keras 3 builds them without running call())."""

import ast
import re

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...triggers import name_before
from ...walk import self_attr, walk
from ...class_facts import imported_function
from ...facts import wiring
from .. import Hit
from .build_leaves import build_leaves, describe_leaves


def _rnn_wrapper(text: str) -> bool:
    """`RNN(` as a whole word (not `SimpleRNN(`, not `LSTM(`) or `StackedRNNCells(`, from the literals: a
    pattern that starts with a word boundary is tried at every character."""
    if "StackedRNNCells(" in text:
        return True
    at = text.find("RNN(")
    while at >= 0:
        if not at or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            return True
        at = text.find("RNN(", at + 1)
    return False


def TRIGGER(text: str) -> bool:
    """`name.build(...)` on a plain name bound to a call or a function's parameter, or on `self.name` bound to a
    call (a plain holder's method; not `a.b.build(`, not `super().build(`), or a Keras RNN wrapper (`RNN(`,
    `StackedRNNCells(`) next to `Input(`."""
    if "RNN" in text and "Input" in text and _rnn_wrapper(text):
        return True
    at = text.find(".build(")
    seen = set()
    while at >= 0:
        name = name_before(text, at)
        start = at - len(name)
        on_self = text[start - 5:start] == "self." and not (text[start - 6:start - 5].isalnum() or
                                                               text[start - 6:start - 5] == "_")
        key = ("self." if on_self else "") + name
        if name and key not in seen and name != "self" and not name[0].isdigit() and not seen.add(key):
            if text[start - 1:start] != ".":
                if _bound_to_call(name, text) or _a_parameter(name, text):
                    return True
            elif on_self and _bound_to_call(name, text, "self\\."):
                return True  # `self.critic = Critic(...)`, then `self.critic.build(...)` (a plain holder class)
        at = text.find(".build(", at + 7)
    return False


def _bound_to_call(name: str, text: str, owner: str = "") -> bool:
    """`name = something(` (`self.name = ...` with owner `self\\.`) where the call is not one of Keras's own
    layers. (The pattern starts with a literal the regex engine scans for fast; the word boundary is checked
    after.)"""
    pattern = re.compile(rf"{owner}{name} ?= ?(?!(?:tf\.)?(?:keras\.)?layers\.)[\w.]+\(")
    found = pattern.search(text)
    while found is not None:
        at = found.start()
        if not (text[at - 1:at].isalnum() or text[at - 1:at] == "_"):
            return True
        found = pattern.search(text, at + 1)
    return False


def _a_parameter(name: str, text: str) -> bool:
    """Is `name` among the parameters of some `def` (`def print_model_summary(network):`)?"""
    return re.search(rf"def[ \t]+\w+\([^)]*\b{name}\b", text) is not None


_RUNS_CALL = {"fit", "predict", "evaluate", "train_on_batch", "predict_on_batch", "test_on_batch", "__call__",
              "call"}


def check_module(ctx):
    if ctx.target == TF_KERAS_TARGET:
        return
    yield from _cells_built_by_an_rnn(ctx)
    for scope, nodes in ctx.scopes():
        env = None
        for node in nodes:
            if not (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "build"
                    and (node.args or node.keywords)):
                continue
            receiver = node.func.value
            if type(receiver) is ast.Name:
                name = receiver.id
            elif (attr := self_attr(receiver)) is not None and type(scope) in (ast.FunctionDef, ast.AsyncFunctionDef):
                name = f"self.{attr}"  # a plain holder's method: `self.critic = Critic(...)`, `self.critic.build(...)`
            else:
                continue
            if env is None:
                env = ctx.bindings_of(nodes)
            values = env.get(name, []) if type(receiver) is ast.Name else _stored_on_self(nodes, attr)
            qualname, holders = _instance_class(ctx, values, env=env), [(nodes, name)]
            if qualname is None and name not in env and type(scope) in (ast.FunctionDef, ast.AsyncFunctionDef):
                qualname, callers = _passed_instance(ctx, scope, name)
                holders += callers
            if qualname is None:
                continue
            leaves = build_leaves(ctx.project, qualname)
            if not leaves or any(_called_on_data(scope_nodes, held) for scope_nodes, held in holders):
                continue
            cls = qualname.rsplit(".", 1)[-1]
            yield Hit(
                node,
                f"{name}.build(...) on a {cls}: Keras 3 builds it without running call(), so "
                f"{describe_leaves(leaves)} unbuilt, with no weights, until {name} is called on data "
                f"(summary, count_params and load_weights miss them)",
                attribute=leaves[0][0], class_name=cls, fix="explicit_build",
            )


_RNN_WRAPPERS = ("RNN", "StackedRNNCells")


def _cells_built_by_an_rnn(ctx):
    """`keras.layers.RNN(Cell(...))` (or StackedRNNCells, or a list of cells) in code that wires a model
    from `keras.Input`: the RNN's build() builds the cell with build(), never its call(), and the RNN
    answers the wiring with compute_output_shape(): sublayers the cell's call() would build stay
    unbuilt (measured: missing from count_params() until the first call on data)."""
    for scope, nodes in ctx.scopes():
        wrappers = [n for n in nodes if type(n) is ast.Call and _is_rnn_wrapper(ctx, n)]
        if not wrappers or not any(type(n) is ast.Call and (ctx.qualify(n.func) or "").endswith((".Input", ".InputLayer"))
                                   for n in nodes):
            continue
        env = ctx.bindings_of(nodes)
        seen = set()  # cells already reported (StackedRNNCells, then the RNN holding it)
        for wrapper in sorted(wrappers, key=lambda n: (n.lineno, n.col_offset)):
            cells = [cell for cell in _cells_of(ctx, wrapper, env) if id(cell[2]) not in seen]
            seen.update(id(cell[2]) for cell in cells)
            found = [(cell, build_leaves(ctx.project, qualname)) for cell, qualname, _ in cells]
            found = [(cell, leaves) for cell, leaves in found if leaves]
            if not found:
                continue
            cls = found[0][0]
            leaves = [leaf for _, leaves in found[:1] for leaf in leaves]
            yield Hit(
                wrapper,
                f"{ast.unparse(wrapper.func)}(...) with the cell {cls}: Keras 3 builds a cell with its build() "
                f"and wires the RNN from compute_output_shape(), without running the cell's call(), so "
                f"{describe_leaves(leaves)} unbuilt, with no weights, until the first call on data (summary, "
                f"count_params and load_weights miss them); give {cls} a build() that builds them",
                attribute=leaves[0][0], class_name=cls, fix="output_shape",
            )


def _is_rnn_wrapper(ctx, call) -> bool:
    qualified = ctx.qualify(call.func) or ""
    return qualified.startswith(("keras.", "tensorflow.", "tf_keras.")) and qualified.rsplit(".", 1)[-1] in _RNN_WRAPPERS


def _cells_of(ctx, wrapper, env, depth=0):
    """[(class name, qualname, call)] of the project cells an RNN/StackedRNNCells call is given."""
    given = wrapper.args[:1] or [kw.value for kw in wrapper.keywords if kw.arg in ("cell", "cells")]
    todo, out = list(given), []
    while todo and depth < 20:
        depth += 1
        node = todo.pop(0)
        if type(node) is ast.Name and len(env.get(node.id, ())) == 1:
            node = env[node.id][0]
        if type(node) in (ast.List, ast.Tuple):
            todo.extend(node.elts)
        elif type(node) is ast.Call and _is_rnn_wrapper(ctx, node):
            todo.extend(node.args[:1] or [kw.value for kw in node.keywords if kw.arg in ("cell", "cells")])
        elif type(node) is ast.Call:
            qualname = ctx.qualify(node.func)
            if qualname is not None and ctx.is_project_class(qualname) and ctx.project.is_layer(qualname):
                out.append((qualname.rsplit(".", 1)[-1], qualname, node))
    return out


def _instance_class(ctx, values, depth=0, env=None, file=None):
    """The project layer class the single value of a name is an instance of, following a factory: a function
    of this file (Wiring.function_of: `helper`, `Builder.helper`, a local bound to one), or one imported from
    another project file (`from model import convnext_tiny as create_model`, read in that file)."""
    if len(values) != 1 or type(values[0]) is not ast.Call or depth > 2:
        return None
    call, file = values[0], file or ctx.file
    func = call.func
    if type(func) is ast.Name and env and len(env.get(func.id, ())) == 1 \
            and type(env[func.id][0]) in (ast.Name, ast.Attribute):
        func = env[func.id][0]  # `create_model = convnext_tiny`: qualified as the name it is bound to
    factory = wiring(ctx).function_of(func, env) if file is ctx.file else None
    factory = factory if type(factory) is ast.FunctionDef else None
    qualname = ctx.project.qualify(func, file)
    if factory is None and qualname is not None and qualname not in ctx.project.classes and "." in qualname:
        factory, found_in = imported_function(ctx.project, qualname, ctx.file)
        file = found_in if factory is not None else file
    if factory is not None:
        from ...module import name_bindings
        fenv = name_bindings(walk(factory))
        returns = [r.value for r in walk(factory) if type(r) is ast.Return and r.value is not None]
        if len(returns) == 1 and type(returns[0]) is ast.Name:
            return _instance_class(ctx, fenv.get(returns[0].id, []), depth + 1, file=file)
        if len(returns) == 1 and type(returns[0]) is ast.Call:
            return _instance_class(ctx, returns, depth + 1, file=file)
        return None
    if qualname is None or not ctx.is_project_class(qualname) or not ctx.project.is_layer(qualname):
        return None
    return qualname


def _passed_instance(ctx, function, name):
    """`network.build(shape)` in a helper whose parameter `network` the file's calls fill with an instance
    (`print_model_summary(network=net)` after `net = YOLOV3(...)`): (the project layer class every such call
    passes, or None; [(the caller scope's nodes, the name passed)], where a call on data would build it first)."""
    wire = wiring(ctx)
    found, holders, nodes_of = set(), [], None
    for given, scope in wire.arguments_for(function, name):
        env = wire.env_of(scope)
        values = [given] if type(given) is ast.Call else env.get(given.id, []) if type(given) is ast.Name else []
        found.add(_instance_class(ctx, values, env=env))
        if type(given) is ast.Name:
            nodes_of = nodes_of or {id(s): n for s, n in ctx.scopes()}
            holders.append((nodes_of.get(id(scope), []), given.id))
    return (found.pop() if len(found) == 1 else None), holders


def _stored_on_self(nodes, attr):
    """The values a scope stores in `self.<attr>`."""
    return [node.value for node in nodes if type(node) is ast.Assign and any(self_attr(t) == attr for t in node.targets)]


def _called_on_data(nodes, name):
    """Is `name` (a name, or `self.attr`) called, or fit/predicted, in these nodes?"""
    def named(expr):
        return expr.id == name if type(expr) is ast.Name else f"self.{self_attr(expr)}" == name

    for node in nodes:
        if type(node) is ast.Call:
            f = node.func
            if named(f) or type(f) is ast.Attribute and f.attr in _RUNS_CALL and named(f.value):
                return True
    return False
