"""LD005 where Keras 3 builds a layer without running call(): `self.build(...)` in __init__, wiring a
layer that defines build() and compute_output_shape(), a build() inherited from a project base, a layer
with no build() whose call() cannot be traced and whose compute_output_spec() answers instead."""

import ast

from ....finding import TF_KERAS as TF_KERAS_TARGET
from ...class_facts import default_build, handed_in_layer
from ...context import STATELESS_LAYERS
from ...walk import callee_name, self_attr, walk
from .. import Hit
from .build_leaves import bases_leave_build_alone, build_leaves, describe_leaves, function_class


def _is_self_build(node) -> bool:
    """Is `node` the call `self.build(...)`?"""
    return type(node) is ast.Call and self_attr(node.func) == "build"


def self_build_in_init(ctx):
    """`self.build(shape)` in __init__: the instance is returned built by Keras 3 without call()."""
    init = ctx.methods.get("__init__")
    if init is None or ctx.target == TF_KERAS_TARGET:
        return
    for node in ctx.nodes("__init__"):
        if _is_self_build(node) and (node.args or node.keywords):
            if any(type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "self" for n in ctx.nodes("__init__")):
                return
            leaves = build_leaves(ctx.project, ctx.qualname)
            if leaves:
                yield Hit(
                    node,
                    f"{ctx.name}.__init__ calls self.build(...): Keras 3 builds it without running call(), "
                    f"so {describe_leaves(leaves)} unbuilt, with no weights, until the model is called on "
                    f"data (summary, count_params and load_weights miss them)",
                    attribute=leaves[0][0], fix="explicit_build",
                )
            return


def self_build_in_a_method(ctx):
    """`self.build(shape)` in a method of the class other than __init__/build/call (XPPBE's `build_Net()`, run
    before `summary()` and `load_weights()`: held-out 34), with no call of the model on data after it there.
    Only Keras's default build() (none in the class or its project bases): a build() of the project's own is
    what its author meant to run (keras-hub's preprocessors make weightless packers in theirs)."""
    text = ctx.cls.text()
    if ctx.target == TF_KERAS_TARGET or text is None or "self.build(" not in text or ctx.has_method("build") \
            or any(ctx.project.classes[base][0].defines_build for base in ctx.project.user_ancestors(ctx.qualname)
                   if base in ctx.project.classes):
        return
    names = sorted(ctx.cls.method_names - {"__init__", "build", "call", "__call__"})
    ctx.cls.load_methods(tuple(names))
    leaves = None
    for name in names:
        method = ctx.cls.methods.get(name)
        nodes = walk(method) if method is not None else ()
        site = next((n for n in nodes if _is_self_build(n) and (n.args or n.keywords)
                     and not (n.args and type(n.args[0]) is ast.Constant and n.args[0].value is None)), None)
        if site is None or any(_runs_call(n) for n in nodes):
            continue
        leaves = build_leaves(ctx.project, ctx.qualname) if leaves is None else leaves
        if not leaves:
            return
        yield Hit(
            site,
            f"{ctx.name}.{name}() calls self.build(...): Keras 3 builds the model without running call(), so "
            f"{describe_leaves(leaves)} unbuilt, with no weights, until it is called on data (summary, "
            f"count_params and load_weights after {name}() miss them)",
            attribute=leaves[0][0], fix="explicit_build",
        )


def _runs_call(node) -> bool:
    """`self(...)` or `self.call(...)`: the model runs on something."""
    return type(node) is ast.Call and (type(node.func) is ast.Name and node.func.id == "self"
                                       or self_attr(node.func) == "call")


def wired_by_output_shape(ctx):
    """A layer with its own build() and compute_output_shape(): Keras 3 calls it on a KerasTensor
    (functional wiring, a Sequential with an input shape, loading a saved model) by running build()
    and asking compute_output_shape() for the output, never call(). The sublayers call() uses that
    build() neither builds nor calls stay unbuilt until the first call on data (measured: missing
    from count_params(); load_weights/load_model fail, "objects could not be loaded")."""
    if ctx.target == TF_KERAS_TARGET or not ctx.has_method("build") or not _answers_output_shape(ctx):
        return  # (tf.keras 2 runs call() on symbolic inputs; so does Keras 3 without the pair)
    # Keras's own layers only: a layer class of the project may build its weights in its own
    # __init__ (keras-hub's style), which no call() needs
    leaves = [(attr, cls) for attr, cls in build_leaves(ctx.project, ctx.qualname)
              if "." not in attr and not _project_class_named(ctx, attr, cls)]
    leaves += _handed_in_leaves(ctx, {attr for attr, _ in leaves})
    if not leaves:
        return
    assigns = {}
    for assign in ctx.self_assigns(("__init__", "build")):
        assigns.setdefault(assign.attr, assign)
    for attr, cls in leaves:
        if attr not in assigns:
            continue
        what, it, them, fix, values = _leaf_words(assigns[attr], cls)
        yield Hit(
            assigns[attr].stmt,
            f"{ctx.name}.{attr} ({what}) is used by call() but neither built nor called by build(): "
            f"{ctx.name} defines build() and compute_output_shape(), so Keras 3 wires it (keras.Input, "
            f"a Sequential, loading a saved model) without running call(), and {it} unbuilt, "
            f"with no weights, until the first call on data (summary and count_params miss {them}; "
            f"load_weights and load_model fail to restore {them})",
            attribute=attr, fix=fix, fix_values=values,
        )


def untraceable_call_behind_output_spec(ctx):
    """A layer with no build() (Keras's default) and a compute_output_spec()/compute_output_shape() that
    answers without call(), whose call() turns an input into concrete values (`ops.convert_to_numpy(x)`,
    `x.numpy()`, `np.asarray(x)`): wired on a KerasTensor, Keras 3 tries to build it by tracing call(),
    the trace fails (a warning, "looks like it has unbuilt state"), the layer is marked built and the
    override answers the wiring, so the sublayers call() had not reached stay unbuilt (measured on Keras
    3.15.1, ld005u: missing from count_params(); keras-hub's Qwen3.5 vision encoder before PR #2710).
    With a traceable call(), or an override that runs call(), the trace builds them."""
    if ctx.target == TF_KERAS_TARGET or ctx.has_method("build") or not _answers_output_shape(ctx):
        return
    text = ctx.cls.text()
    if text is not None and not any(word in text for word in _CONCRETE_WORDS):
        return  # (no conversion to concrete values in the class)
    if not default_build(ctx.project, ctx.qualname):
        return
    call = ctx.methods.get("call")
    if call is None or _spec_runs_call(ctx):
        return
    stop = next((i for i, stmt in enumerate(call.body) if (where := _concrete_conversion(ctx, stmt, call))), None)
    if stop is None:
        return
    reached = {a for stmt in call.body[:stop] for n in walk(stmt) if (a := self_attr(n))}  # (built by the trace)
    assigns = {}
    for assign in ctx.self_assigns(("__init__",)):
        assigns.setdefault(assign.attr, assign)
    for attr, cls in build_leaves(ctx.project, ctx.qualname):
        if "." in attr or attr in reached or attr not in assigns or _builds_itself(ctx, attr):
            continue
        what, it, them, fix, values = _leaf_words(assigns[attr], cls)
        yield Hit(
            assigns[attr].stmt,
            f"{ctx.name}.{attr} ({what}) is used by call(), and {ctx.name} has no build(): Keras 3 builds it by "
            f"tracing call() on the symbolic inputs (keras.Input, a model wiring it), but call() turns an input "
            f"into concrete values (line {where.lineno}: {ast.unparse(where)[:60]}), so the trace fails (Keras warns "
            f"\"looks like it has unbuilt state\") and compute_output_spec()/compute_output_shape() answers without "
            f"call(): {it} unbuilt, with no weights, until the first call on data (count_params misses {them}; "
            f"load_weights does not restore {them})",
            attribute=attr, fix=fix, fix_values=values,
        )


def _spec_runs_call(ctx) -> bool:
    """Does the first compute_output_spec()/compute_output_shape() of the class's chain run call() (or
    hand the work to super(), whose default traces call())?"""
    project = ctx.project
    for qualname in (ctx.qualname, *project.user_ancestors(ctx.qualname)):
        summary = project.class_summary(qualname)
        if summary is None:
            return True  # (cannot read it)
        for name in ("compute_output_spec", "compute_output_shape"):
            if name in summary.method_names:
                method = summary.load_methods((name,)).get(name) or summary.methods.get(name)
                return method is None or any(
                    type(n) is ast.Attribute and n.attr == "call" or type(n) is ast.Name and n.id == "super"
                    for n in walk(method))
    return True


_TO_CONCRETE = {"convert_to_numpy", "numpy", "tolist", "item"}
_CONCRETE_WORDS = ("numpy", "tolist", "item(", "array(")
_NUMPY_OF = {"numpy.array", "numpy.asarray"}


def _concrete_conversion(ctx, stmt, call):
    """The first call in `stmt` (or in a method of the class it runs) that makes concrete values of a
    non-attribute name (an input, a local): fails on a symbolic tensor."""
    for node in walk(stmt):
        if type(node) is not ast.Call:
            continue
        name = callee_name(node)
        if name in _TO_CONCRETE:
            operand = node.args[0] if name == "convert_to_numpy" and node.args else \
                node.func.value if type(node.func) is ast.Attribute and not node.args else None
        elif node.args and (ctx.qualify(node.func) or "") in _NUMPY_OF:
            operand = node.args[0]
        else:
            operand = None
            method = self_attr(node.func)
            if method in ctx.methods and ctx.methods[method] is not call and stmt is not ctx.methods[method]:
                found = next((f for s in ctx.methods[method].body if (f := _concrete_conversion(ctx, s, call))), None)
                if found is not None:
                    return found
        if operand is not None and any(type(n) is ast.Name and n.id != "self" for n in walk(operand)):
            return node
    return None


def _builds_itself(ctx, attr) -> bool:
    """Is `self.<attr>` an instance of a project layer whose own __init__ calls self.build(...)
    (keras-hub's style): built however the holder is?"""
    found = [a.value for a in ctx.self_assigns(("__init__",)) if a.attr == attr]
    callees = [n.func for v in found for n in walk(v) if type(n) is ast.Call]
    for func in callees:
        name = ctx.qualify(func)
        methods = ctx.project.class_methods(name) if name and ctx.is_project_class(name) else None
        init = (methods or {}).get("__init__")
        if init is not None and any(_is_self_build(n) for n in walk(init)):
            return True
    return False


def _leaf_words(assign, cls):
    """(what, "<it> stay(s)", it/them, fix, fix values) for the unbuilt sublayer(s) `assign` stores: one
    layer, or a list or dict of them (a literal, a comprehension, filled in place or through a local)."""
    value, attr = type(assign.value), assign.attr
    if value is ast.Call:
        return cls, f"{attr} stays", "it", "output_shape", {}
    is_dict = value in (ast.Dict, ast.DictComp)
    what = f"{'a dict' if is_dict else 'a list' if value is not ast.Name else 'a container'} of {cls}"
    layers = f"self.{attr}.values()" if is_dict else f"self.{attr}"
    return what, f"the layers in {attr} stay", "them", "output_shape_each", {"layers": layers}


def _handed_in_leaves(ctx, known):
    """(attr, class) for `self.cell = cell` in __init__ where a call site of the project hands in a Keras
    layer with weights (`Wrapper(cell=GRUCell(256))`, ld005q: TensorFlow in Action's Bahdanau wrapper),
    call() (or what it runs, nested step functions included) calls it, and neither __init__ nor build()
    builds, calls or hands it on. Measured: wired on a keras.Input the layer stays unbuilt (missing from
    count_params()); without compute_output_shape(), or with no build() of its own, Keras 3 runs call()."""
    if "__init__" not in ctx.methods or not bases_leave_build_alone(ctx.project, ctx.qualname):
        return []  # (nothing handed in; or a project base's build() may build it)
    called = {attr for _, func in ctx.methods_of("call") for node in walk(func)
              if type(node) is ast.Call and (attr := self_attr(node.func))}
    candidates = [a for a in ctx.assigns_in("__init__") if type(a.value) is ast.Name and a.attr in called
                  and a.attr not in known]
    if not candidates:
        return []
    touched = set()  # built, called or handed on (or a helper run) in __init__/build()
    for method in ("__init__", "build"):
        for node in ctx.nodes(method) if method in ctx.methods else ():
            if type(node) is not ast.Call:
                continue
            func = node.func
            if type(func) is ast.Attribute and func.attr == "build" and (attr := self_attr(func.value)):
                touched.add(attr)
            elif (attr := self_attr(func)) and attr not in ("add_weight", "add_variable"):
                touched.add(attr)
                if method == "build" and attr in ctx.methods:
                    return []  # a helper of the class may build it
            touched.update(a for arg in node.args + [k.value for k in node.keywords] if (a := self_attr(arg)))
    out = []
    for assign in candidates:
        if assign.attr in touched:
            continue
        value = handed_in_layer(ctx, assign)
        if value is not None and value.layer_class not in STATELESS_LAYERS and not ctx.is_project_class(value.qualname):
            out.append((assign.attr, value.layer_class))
            touched.add(assign.attr)
    return out


def _answers_output_shape(ctx) -> bool:
    """Does the class, or a project base of it, define compute_output_shape()/compute_output_spec()?"""
    names = ("compute_output_shape", "compute_output_spec")
    if any(ctx.has_method(name) for name in names):
        return True
    for base in ctx.project.user_ancestors(ctx.qualname):
        summary = ctx.project.class_summary(base) if base in ctx.project.classes else None
        if summary is not None and any(name in summary.method_names for name in names):
            return True
    return False


def _project_class_named(ctx, attr, cls) -> bool:
    """Is the sublayer `self.<attr>` (of class `cls`) an instance of a layer class of the project?"""
    file = ctx.project.classes[ctx.qualname][1]
    for callee in (c for a, c in (ctx.project.build_leaves(ctx.qualname, function_class)[0] or ()) if a == attr):
        return ctx.is_project_class(ctx.project.qualify_name(callee, file))
    return True  # (cannot tell: leave it alone)


def inherited_build_without_data(ctx):
    """A class with no build() of its own whose inherited project build() leaves a sublayer its own
    __init__ creates unbuilt, when the chain builds its models without data: one of its methods calls
    `self.build(...)` (transformers' build_in_name_scope(), a materialize()) and something calls that
    method. Heuristic (that the model is not called on data before its weights matter): a warning."""
    if ctx.target == TF_KERAS_TARGET or ctx.has_method("build") or not ctx.has_method("__init__"):
        return
    project = ctx.project
    bases = project.user_ancestors(ctx.qualname)
    if not any(base in project.classes and project.classes[base][0].defines_build for base in bases):
        return  # (cheap gate: no project base defines build())
    protocol = _build_protocol(project, [ctx.qualname, *bases])
    if protocol is None:
        return
    own = {}
    for assign in ctx.self_assigns(("__init__",)):
        own.setdefault(assign.attr, assign)
    builder = next(base for base in bases if base in project.classes and project.classes[base][0].defines_build)
    for attr, cls in build_leaves(project, ctx.qualname):
        if attr in own:
            yield Hit(
                own[attr].stmt,
                f"{ctx.name} has no build() of its own: {builder.rsplit('.', 1)[-1]}.build() runs, and it neither "
                f"builds nor calls {attr} ({cls}); {protocol} builds the model without data (no call()), so "
                f"{attr} stays unbuilt, with no weights, until the first call on data (count_params and "
                f"load_weights miss it; read from the build protocol, assuming no call on data comes first); "
                f"give {ctx.name} a build() that calls super().build() and builds {attr}",
                attribute=attr, severity="warning", fix="inherited_build",
            )


def _build_protocol(project, chain):
    """'<Class>.<method>()' for a method of the chain (not build/__init__/call) that calls
    `self.build(...)` and that some code of the chain's files calls (`.method(`); else None."""
    texts = {}
    for qualname in chain:
        summary = project.class_summary(qualname)
        body = summary.text() if summary is not None else None
        if body is None:
            continue
        texts.setdefault(project.classes[qualname][1].path, summary.file_text())
        if "self.build(" not in body:
            continue
        for name in summary._pending[1]:  # (the names of the methods defined, parsed or not)
            if name in ("build", "__init__", "call") or name not in summary.method_names:
                continue
            method = summary.load_methods((name,)).get(name) or summary.methods.get(name)
            if method is not None and any(_is_self_build(n) for n in walk(method)):
                if any(f".{name}(" in text for text in texts.values()):
                    return f"{summary.name}.{name}()"
    return None
