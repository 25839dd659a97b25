"""Layers given as the default value of a constructor parameter (`def __init__(self, norm=LayerNorm())`):
Python evaluates a default once, when the `def` runs, so every instance made without the argument stores
the same layer and shares its weights (LD007); fed different widths by two instances, the second fails
(LD008). The google-research/leaf-audio PCEN default."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .class_facts import construction_sites
from .context import LAYER, STATELESS_LAYERS
from .walk import walk


@dataclass
class DefaultLayer:
    param: str  # the parameter of __init__
    default: ast.Call  # its default value: the layer made once
    layer_class: str
    qualname: str | None
    attr: str  # the self attribute that stores it


def default_layers(ctx) -> list[DefaultLayer]:
    """The parameters of `__init__` whose default makes a layer with weights that `__init__` stores on self
    (`self.norm = norm`, `norm or Dense(4)`, `norm if norm is not None else ...`)."""
    init = ctx.methods.get("__init__")
    if init is None:
        return []
    args = init.args
    positional = args.posonlyargs + args.args
    pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
    found = []
    for arg, default in pairs:
        if type(default) is not ast.Call:
            continue  # (the cheap test first: almost no class has a call as a default)
        value = ctx.value(default, {})
        if value.kind != LAYER or value.layer_class in STATELESS_LAYERS or value.layer_class == "InputLayer" \
                or not ctx.project.has_weights(value.qualname):
            continue
        for assign in ctx.assigns_in("__init__"):
            if _passes_on(assign.value, arg.arg):
                found.append(DefaultLayer(arg.arg, default, value.layer_class, value.qualname, assign.attr))
                break
    return found


def shown(node) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def _passes_on(expr, name) -> bool:
    """Is `expr` the parameter itself, or a choice that can give it (`p or X()`, `p if p is not None else X()`)?"""
    if type(expr) is ast.Name:
        return expr.id == name
    if type(expr) is ast.BoolOp:
        return any(_passes_on(v, name) for v in expr.values)
    if type(expr) is ast.IfExp:
        return _passes_on(expr.body, name) or _passes_on(expr.orelse, name)
    return False


# Keyword arguments that set the width of a layer's output, and the built-in layers whose first positional
# argument does.
_WIDTH_KEYWORDS = {"units", "filters", "output_dim", "channels", "out_channels", "num_units", "num_filters"}
_WIDTH_FIRST = {"Dense", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
                "SeparableConv1D", "SeparableConv2D", "LSTM", "GRU", "SimpleRNN"}


def fed_two_widths(ctx, shared: DefaultLayer, sized_by_input):
    """(width parameter, [(value, line), (value, line)]) when call() feeds the shared default the output of a
    sublayer whose width an __init__ parameter sets (`filters=2 * n_filters`), through layers that set no width
    of their own, and the file makes the class with two different literal values of that parameter without
    passing the default's: the shared layer is built for one width and called on another. Else None. Only for a
    layer whose weights take the input's width: a built-in of `sized_by_input`, a project layer with build()."""
    call = ctx.methods.get("call")
    project = ctx.project.classes.get(shared.qualname)
    if call is None or (shared.layer_class not in sized_by_input if project is None
                        else not project[0].defines_build):
        return None
    makers = {a.attr: a.value for a in ctx.assigns_in("__init__")}
    init = ctx.methods["__init__"]
    params = [a.arg for a in init.args.posonlyargs + init.args.args][1:]
    sites = [n for n in walk(call) if type(n) is ast.Call and _self_call(n) == shared.attr and n.args]
    if not sites:
        return None
    assigns = [n for n in walk(call) if type(n) is ast.Assign]
    width = _width_source(sites[0].args[0], assigns, makers, set(params), shared.attr, 0)
    if width is None:
        return None
    values = _constructed_with(ctx, params, width, shared.param, init)
    distinct = {}
    for value, line in values:
        distinct.setdefault(value, line)
    if len(distinct) < 2:
        return None
    in_order = sorted(distinct.items(), key=lambda item: (not item[1].startswith("line "), item[1].rsplit(" ", 1)[0],
                                                          int(item[1].rsplit(" ", 1)[1])))
    return width, in_order[:2]


def _self_call(call):
    func = call.func
    if type(func) is ast.Attribute and type(func.value) is ast.Name and func.value.id == "self":
        return func.attr
    return None


def _width_source(expr, assigns, makers, params, shared, depth):
    """The __init__ parameter that sets the width of `expr`, followed back through locals (the binding before
    the read), tensor ops and sublayers that set no width of their own; None if a layer with a width of its
    own comes first, or none is found."""
    if depth > 12:
        return None
    if type(expr) is ast.Name:
        bound = [a for a in assigns if a.end_lineno < expr.lineno and len(a.targets) == 1
                 and type(a.targets[0]) is ast.Name and a.targets[0].id == expr.id]
        if not bound:
            return None
        return _width_source(max(bound, key=lambda a: a.lineno).value, assigns, makers, params, shared, depth + 1)
    if type(expr) is ast.Subscript:
        return _width_source(expr.value, assigns, makers, params, shared, depth + 1)
    if type(expr) is not ast.Call or not expr.args:
        return None
    attr = _self_call(expr)
    if attr is not None and attr != shared:
        maker = makers.get(attr)
        if type(maker) is ast.Call:
            given = [kw.value for kw in maker.keywords if kw.arg in _WIDTH_KEYWORDS]
            if not given and maker.args and (maker.func.attr if type(maker.func) is ast.Attribute else
                                             getattr(maker.func, "id", None)) in _WIDTH_FIRST:
                given = [maker.args[0]]
            if given:  # this layer sets the width: by a parameter of __init__, or by itself
                names = {n.id for n in walk(given[0]) if type(n) is ast.Name} & params
                return next(iter(names)) if len(names) == 1 else None
    return _width_source(expr.args[0], assigns, makers, params, shared, depth + 1)


def _constructed_with(ctx, params, width, default_param, init):
    """(literal value of `width`, where: "line 12" or "main.py line 12") for each `Cls(...)` in the class's
    file and the checked files importing it that does not pass the default's parameter (the given value, or
    the literal default of `width`)."""
    defaults = dict(zip(reversed(params), reversed(init.args.defaults)))
    found = []
    for node, _env, where in construction_sites(ctx):
        given = {kw.arg: kw.value for kw in node.keywords}
        if None in given or any(type(a) is ast.Starred for a in node.args):
            continue  # `Cls(**config)`: cannot tell
        given.update({params[i]: a for i, a in enumerate(node.args[:len(params)])})
        if default_param in given:
            continue  # the instance has its own layer
        value = given.get(width, defaults.get(width))
        if type(value) is ast.Constant and type(value.value) in (int, float):
            found.append((value.value, where))
    return found
