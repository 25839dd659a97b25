"""LD009 for the bias a Keras base layer makes when a subclass's call() does the base's work itself and never adds
it: `class ConvolutionLayer(Conv1D)` whose call() convolves with `self.kernel` and returns (MuSeAM, held-out 34:
the bias is counted and saved, its gradient is None)."""

import ast

from ...class_facts import BASE_WEIGHTS, keras_base_layer, parsed_file
from ...walk import parameter_defaults, walk
from .. import Hit
from .reads import WEIGHT_LISTS

# Keras base layers whose bias exists unless `use_bias=False` (their default is True).
_BIASED = {base for base, names in BASE_WEIGHTS.items() if "bias" in names}


def bias_never_added(ctx):
    call = ctx.methods.get("call")
    if call is None or ctx.cls.dynamic_access or ctx.mentions("bias") or ctx.mentions("_bias"):
        return
    base, between = keras_base_layer(ctx)
    if base not in _BIASED or any(info.attr_counts.get("bias") or info.attr_counts.get("_bias") or info.dynamic_access
                                  for info in between):
        return
    others = [name for name in BASE_WEIGHTS[base] if name != "bias"]
    if not any(ctx.mentions(name) for name in others) or any(ctx.mentions(name) for name in WEIGHT_LISTS):
        return  # call() does not redo the base's product (or reads the weights as a list)
    for method, _ in ctx.methods_of("call"):
        if any(type(node) is ast.Attribute and node.attr in ("call", "__call__") for node in ctx.nodes(method)):
            return  # `super().call(inputs)`: the base adds it
    build = ctx.methods.get("build")
    if build is not None and not any(type(n) is ast.Attribute and n.attr == "build" for n in walk(build)):
        return  # its own build() without the base's: the base's weights are not made
    switched_on = _bias_switched_on(ctx)
    if switched_on is None:
        return
    yield Hit(
        call,
        f"{ctx.name}.call() replaces {base}.call() and never adds self.bias, which {base}'s build() makes "
        f"({switched_on}): the bias is counted and saved but gets no gradient and is never trained; add it in "
        f"call(), or pass use_bias=False",
        attribute="bias",
    )


def _bias_switched_on(ctx) -> str | None:
    """Why the bias exists (`use_bias` left to Keras's default, True by default here, or passed True where the
    class is made), or None when it may not."""
    init = ctx.methods.get("__init__")
    handed = None if init is None else next(
        (node for node in walk(init) if type(node) is ast.Call and type(node.func) is ast.Attribute
         and node.func.attr == "__init__"), None)
    if init is not None and handed is None:
        return None
    given = None if handed is None else next((k.value for k in handed.keywords if k.arg == "use_bias"), None)
    if given is None:
        if handed is not None and len(handed.args) > 2 or _instance_passes(ctx, "use_bias", False):
            return None  # use_bias may be among the positional arguments, or turned off where it is made
        return "use_bias defaults to True"
    if type(given) is ast.Constant:
        return "use_bias=True" if given.value is True else None
    if type(given) is not ast.Name:
        return None
    default = parameter_defaults(init).get(given.id)
    if default is not None and type(default) is ast.Constant and default.value is True:
        return "use_bias defaults to True"
    if default is None or type(default) is not ast.Constant or default.value is not False:
        return None
    line = _instance_passes(ctx, given.id, True)
    return None if line is None else f"{given.id}=True where it is made, line {line}"


def _instance_passes(ctx, param, value) -> int | None:
    """The line where an instance of the class is made with `<param>=<value>` (a constant), in its file or a
    checked file importing it; None if nowhere."""
    from ...class_facts import importing_files
    for file in (ctx.file, *importing_files(ctx)):
        for node in walk(parsed_file(file.path)):
            if type(node) is ast.Call and any(k.arg == param and type(k.value) is ast.Constant and k.value.value is value
                                              for k in node.keywords) \
                    and ctx.project.qualify(node.func, file) == ctx.qualname:
                return node.lineno
    return None
