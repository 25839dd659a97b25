"""LD008 incompatible-reuse: a shared layer called on inputs of different last dimensions."""

import ast
import re

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import LAYER, bindings
from ..facts import self_layer_calls, shared_layers
from ..context import self_attr
from ..triggers import constructed_name_called_twice, constructed_names, imports_name
from ..class_facts import file_function
from ..default_layers import default_layers, fed_two_widths, shown
from ..walk import own_nodes, walk
from . import Hit

RULE = Rule(
    code="LD008", name="incompatible-reuse", severity="error", tf_keras_severity="error",
    summary="A shared layer is called on an input whose shape does not fit the weights built "
            "on its first call.",
    what="Static: finds one layer instance called on inputs whose last dimensions are known and "
         "differ (for example `keras.Input((4,))` and `keras.Input((6,))`), in functional code (a "
         "module-level layer included) and for `self.layer` called twice in `call()`; above all a "
         "Dense/Conv applied again to its own output after it changed the feature or channel count, "
         "including one instance repeated by list multiplication (`[Conv2D(8, 3)] * n`) and chained "
         "by a loop (a parameter's literal default counts as its width); a layer made as the default value of "
         "a constructor parameter (made once, so shared by every instance) that `call()` feeds the output of a "
         "sublayer whose width an `__init__` argument sets (`filters=2 * n_filters`; through layers that set no "
         "width of their own), when the file makes the class with two different literal values of it; one instance added twice to a "
         "`Sequential` (`model.add(hidden)` twice, listed twice, or added in a loop) after the width changed. "
         "Widths come from `keras.Input` (also one a function of the file returns, its parameters read as "
         "the call's literal arguments or their defaults: `a, b = make_inputs()`), `Reshape`, `Permute`, `Dense(units)`, `Conv*(filters)` and "
         "layers that keep the last axis; when the first input's width is unknown it stays silent, except for "
         "a Dense/Conv applied to its own output in `call()` (a warning: it works only if the first input already "
         "has the width the layer sets; silent when that input comes from a sublayer whose width the same "
         "expression sets). Runtime: catches the "
         "shape error raised while wiring or calling the model and points at the layer's first "
         "call, where the weights got their shape.",
    why={
        KERAS3: "A layer creates its weights on the first call, for that input's shape. Calling "
                "the same instance on an input with another last dimension cannot work. Keras 3 "
                "catches it when the model is wired if the layer declares an input spec (built-in "
                "layers such as `Dense`): \"expected axis -1 of input shape to have value 4\". For "
                "custom layers the error comes from the backend's matrix product, far from the "
                "cause, and its type depends on the backend (TensorFlow `ValueError: Dimensions "
                "must be equal`, JAX `TypeError: dot_general requires contracting dimensions to "
                "have the same shape`, torch `RuntimeError: mat1 and mat2 shapes cannot be "
                "multiplied`); with `keras.ops.matmul` on TensorFlow the model even builds and the "
                "first call on data raises `InvalidArgumentError: Matrix size-incompatible`.",
        TF_KERAS: "Same bug; tf.keras 2 reports it as a TensorFlow shape error (\"Dimensions must be "
                  "equal, but are 6 and 4\") inside the layer's call when the model is wired.",
    },
    keras_says={
        KERAS3: "ValueError: Input 0 with name 'None' of layer 'dense' is incompatible with the "
                "layer: expected axis -1 of input shape to have value 4, but received input with "
                "shape (None, 6)",
        TF_KERAS: "ValueError: Dimensions must be equal, but are 6 and 4 for '{{node dense/MatMul}} "
                  "= MatMul[T=DT_FLOAT, grad_a=false, grad_b=false, transpose_a=false, "
                  "transpose_b=false](Placeholder, dense/MatMul/ReadVariableOp)' with input "
                  "shapes: [?,6], [4,8].",
    },
    example=snippet("""
        import keras

        short = keras.Input((4,))
        long = keras.Input((6,))
        proj = keras.layers.Dense(8)
        merged = keras.layers.Concatenate()([proj(short), proj(long)])
        model = keras.Model([short, long], merged)
    """),
    use_instead=snippet("""
        import keras

        short = keras.Input((4,))
        long = keras.Input((6,))
        proj_short = keras.layers.Dense(8)
        proj_long = keras.layers.Dense(8)
        merged = keras.layers.Concatenate()([proj_short(short), proj_long(long)])
        model = keras.Model([short, long], merged)
    """),
    fix_hint="# a separate instance for the input of the other shape:\n"
             "{attr}_2 = <the same constructor call>",
    fix_safety="No automatic fix: it is a design decision whether the inputs need their own "
               "layers or the second input needs a projection to the first one's size.",
)

CODE = RULE.code


def TRIGGER(text: str) -> bool:
    """A constructed layer called twice, a call that may make a layer repeated in a list with `*`
    (`[Conv2D(8, 3)] * n`), or a Sequential given a name more than once (`model.add(hidden)` twice,
    or in a loop)."""
    return constructed_name_called_twice(text) or _repeats_a_layer_call(text) \
        or ("Sequential(" in text and _adds_a_name_twice(text))


# `n * [callee(` and `[callee(...)] * ` (the call's arguments over several lines too): two patterns
# that start with a literal (the regex engine jumps from one `*` or `[` to the next; one pattern with
# both alternatives tries every character).
_TIMES_LIST_RE = re.compile(r"\*\s*\[\s*([\w.]+)\(")
_LIST_TIMES_RE = re.compile(r"\[\s*([\w.]+)\([^\[\]]*\)\s*\]\s*\*")
# Modules whose functions make arrays, never layers: `[np.arange(3)] * n`, `[slice(None)] * n` are common.
_ARRAY_MODULE_IMPORT = r"^[ \t]*(?:import[ \t]+(?:numpy|jax|math|torch|tensorflow)(?:\.\w+)*[ \t]+as|" \
                       r"from[ \t]+(?:numpy|jax|math|torch|tensorflow)(?:\.\w+)*[ \t]+import[ \t]+\w+[ \t]+as)[ \t]+{}[ \t]*(?:$|[,;#])"


def _repeats_a_layer_call(text: str) -> bool:
    if "] *" not in text and "* [" not in text:
        return False
    return any(_may_name_a_sized_layer(m.group(1), text)
               for pattern in (_TIMES_LIST_RE, _LIST_TIMES_RE) for m in pattern.finditer(text))


def _may_name_a_sized_layer(callee: str, text: str) -> bool:
    """Can `callee(...)` make one of _SIZED_BY_INPUT (the list check's only layers)? Its class name is
    the last part of the callee's qualified name (context.classify), which differs from the last part
    of the text only through an import: a class name (capitalised) may be anything; a bare lower-case
    name only if an import binds it; a dotted one unless it is read from `self` or from
    numpy/jax/math/torch/tensorflow imported under a name (`np.arange`)."""
    head, _, rest = callee.partition(".")
    if callee.rsplit(".", 1)[-1][:1].isupper():
        return True
    if not rest:
        return imports_name(text, head)
    if head == "self":
        return False
    return re.search(_ARRAY_MODULE_IMPORT.format(head), text, re.M) is None


_ADD_NAME_RE = re.compile(r"\.add\((\w+)\)")
_LISTED_NAME_RE = re.compile(r"^[ \t]*(\w+),[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_ONE_LINE_SEQUENTIAL_RE = re.compile(r"Sequential\(\[([^\n]*)\]")
_BARE_ITEM_RE = re.compile(r"(?:^|,)[ \t]*(\w+)[ \t]*(?=,|$)")


def _adds_a_name_twice(text: str) -> bool:
    """`.add(name)` twice or inside a loop, or a bare name listed twice on lines of its own."""
    added = _ADD_NAME_RE.findall(text)
    if added:
        made = constructed_names(text)  # `hidden = Dense(...)`: a layer kept in a name
        added = [name for name in added if name in made]
        if added and (len(set(added)) < len(added) or "for " in text):
            return True
    if "Sequential([" not in text:
        return False
    listed = _LISTED_NAME_RE.findall(text)
    if len(set(listed)) < len(listed):
        return True
    # `Sequential([inputs, block, keras.layers.Dense(8), block])` on one line
    for line in _ONE_LINE_SEQUENTIAL_RE.findall(text):
        names = _BARE_ITEM_RE.findall(line)
        if len(set(names)) < len(names):
            return True
    return False

# Layers whose weights are sized by the input's last axis.
_SIZED_BY_INPUT = {"Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D",
                   "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "LSTM", "GRU", "SimpleRNN",
                   "LayerNormalization", "BatchNormalization", "MultiHeadAttention"}


def check_module(ctx):
    yield from _repeated_in_a_list(ctx)
    yield from _added_twice(ctx)
    for name, ctor, value, sites, env in shared_layers(ctx):
        custom = ctx.is_project_class(value.qualname) and ctx.project.sized_by_input(value.qualname)
        if value.layer_class not in _SIZED_BY_INPUT and not custom:
            continue
        dims = []
        for site in sites:
            dim = _last_dim(site.args[0], env, ctx, depth=0) if site.args else None
            if dim is None and site.args and type(site.args[0]) is ast.Name and site.args[0].id not in env:
                dim = _unpacked_last_dim(ctx, site.args[0], site)  # `a, b = make_inputs()`
            dims.append(dim)
        first = next(((d, s) for d, s in zip(dims, sites) if d is not None), None)
        if first is None:
            continue
        for dim, site in zip(dims, sites):
            if dim is not None and dim != first[0]:
                yield Hit(
                    site,
                    f"{name} ({value.layer_class}) was first called (line {first[1].lineno}) on an input "
                    f"whose last axis is {first[0]}, which sizes its weights; here it gets {dim}: "
                    f"shape error",
                    attribute=name,
                    class_name=value.layer_class,
                )
                break


_CONVS = {"Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D", "DepthwiseConv2D_", "Conv1DTranspose",
          "Conv2DTranspose", "Conv3DTranspose", "Convolution1D", "Convolution2D", "Convolution3D"}
# Layers whose output keeps the input's last axis.
_KEEPS_LAST = {"Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "Dropout", "SpatialDropout1D", "SpatialDropout2D",
               "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "BatchNormalization", "LayerNormalization",
               "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
               "AveragePooling3D", "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
               "UpSampling1D", "UpSampling2D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
               "Cropping1D", "Cropping2D", "Cropping3D", "TimeDistributed_"}
# Layers whose output width their constructor sets (units, filters).
_SETS_ITS_WIDTH = {"Dense", "EinsumDense"} | _CONVS


def _int(node):
    return node.value if isinstance(node, ast.Constant) and type(node.value) is int else None


def _literal_shape(node, env=None):
    """A shape written as a tuple of ints; a name bound once to an int counts (`Input((n, chars))`
    inside a helper whose parameters are read as their defaults: _helper_last_dim)."""
    if isinstance(node, (ast.Tuple, ast.List)):
        return tuple(_int(e) if type(e) is not ast.Name or env is None or len(env.get(e.id, ())) != 1
                     else _int(env[e.id][0]) for e in node.elts)
    return None


def _shape(expr, env, ctx, depth):
    """The literal shape (no batch axis, None for unknown axes) of a symbolic tensor, when the
    source fixes it: keras.Input, Reshape, Permute."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name):
        bound = _binding(expr, env)
        return _shape(bound, env, ctx, depth + 1) if bound is not None else None
    if not isinstance(expr, ast.Call):
        return None
    callee = ctx.qualify(expr.func) or ""
    if callee.rsplit(".", 1)[-1] == "Input" and callee.startswith("keras"):
        shape = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "shape"), None)
        return _literal_shape(shape, env)
    layer, kind = _layer_of(expr, env, ctx)
    if layer is None:
        return None
    arg = layer.args[0] if layer.args else (layer.keywords[0].value if layer.keywords else None)
    if kind == "Reshape":
        return _literal_shape(arg)
    if kind == "Permute" and expr.args:
        dims, inner = _literal_shape(arg), _shape(expr.args[0], env, ctx, depth + 1)
        if dims and inner and len(dims) == len(inner) and all(d and 1 <= d <= len(inner) for d in dims):
            return tuple(inner[d - 1] for d in dims)
    return None


def _binding(name, env):
    """The value a name holds where it is read: its only binding, or the last one on an earlier
    line (straight-line wiring code: `x = Reshape(...)(x)` then `x = Permute(...)(x)`)."""
    values = env.get(name.id, ())
    if len(values) == 1:
        return values[0]
    earlier = [v for v in values if getattr(v, "lineno", 0) < name.lineno]
    return max(earlier, key=lambda v: v.lineno) if earlier else None


def _layer_of(expr, env, ctx):
    """(constructor call, layer class name) of the layer a call `layer(x)` applies."""
    layer = expr.func
    if isinstance(layer, ast.Name) and len(env.get(layer.id, ())) == 1:
        layer = env[layer.id][0]
    if isinstance(layer, ast.Call):
        value = ctx.value(layer, env)
        if value.kind == LAYER:
            return layer, value.layer_class
    return None, None


def _last_dim(expr, env, ctx, depth):
    """The literal size of the last axis of a symbolic tensor, when the source fixes it."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name):
        bound = _binding(expr, env)
        return _last_dim(bound, env, ctx, depth + 1) if bound is not None else None
    if not isinstance(expr, ast.Call):
        return None
    shape = _shape(expr, env, ctx, depth + 1)
    if shape:
        return shape[-1]
    if type(expr.func) is ast.Attribute or type(expr.func) is ast.Name and expr.func.id not in env:
        # `x = make_input()` or `Builder.make_input()`: a function of the file
        return _helper_last_dim(ctx, expr, None, depth + 1)
    # `Dense(8)(x)` and `layer(x)` for a layer made with a literal first argument (units).
    layer, layer_class = _layer_of(expr, env, ctx)
    if layer is None:
        return None
    return _output_last_dim(layer, layer_class, ctx, env, lambda: (
        _last_dim(expr.args[0], env, ctx, depth + 1) if expr.args else None))


def _unpacked_last_dim(ctx, name, site):
    """`a, b = make_inputs()` earlier in the scope of `site`, `make_inputs` a function of this file:
    the last axis of the matching element of what it returns."""
    for _, nodes in ctx.scopes():
        if not any(node is site for node in nodes):
            continue
        found = None
        for node in nodes:
            if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Tuple \
                    and type(node.value) is ast.Call and type(node.value.func) in (ast.Name, ast.Attribute) \
                    and node.lineno < site.lineno:
                names = [getattr(e, "id", None) for e in node.targets[0].elts]
                if name.id in names:
                    found = node.value, names.index(name.id)  # the last such assignment before the call
        return _helper_last_dim(ctx, *found, depth=1) if found else None
    return None


def _helper_last_dim(ctx, call, index, depth):
    """The last axis of what the file's function `call` names returns (element `index` of a returned
    tuple), its parameters read as the call's literal arguments or else their literal defaults:
    `def tweet_encoders(chars_a=128, chars_b=64): ... return Input((280, chars_a)), Input((250, chars_b))`."""
    func = file_function(ctx.file, call.func)
    if func is None or depth > 8:
        return None
    body = own_nodes(func.body)
    returns = [node.value for node in body if type(node) is ast.Return and node.value is not None]
    if len(returns) != 1:
        return None
    value = returns[0]
    if index is not None:
        if type(value) not in (ast.Tuple, ast.List) or len(value.elts) <= index or \
                any(type(e) is ast.Starred for e in value.elts):
            return None
        value = value.elts[index]
    env = bindings(body)
    args = func.args
    params = args.posonlyargs + args.args
    defaults = dict(zip((a.arg for a in params[len(params) - len(args.defaults):]), args.defaults))
    defaults.update((a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None)
    given = dict(zip((a.arg for a in params), call.args))
    given.update((k.arg, k.value) for k in call.keywords if k.arg)
    for param in [a.arg for a in params + args.kwonlyargs]:
        literal = given.get(param, defaults.get(param))
        env[param] = [literal] if _int(literal) is not None else []
    return _last_dim(value, env, ctx, depth + 1)


def _output_last_dim(layer, layer_class, ctx, env, input_last):
    """The last axis a layer's output has, from its constructor (`input_last()`: its input's)."""
    if layer_class in ("Dense", "EinsumDense") or ctx.is_project_class(ctx.value(layer, env).qualname):
        return _int(_first_or_keyword(layer, "units"))
    if layer_class in _CONVS:
        if any(k.arg == "data_format" and isinstance(k.value, ast.Constant) and k.value.value == "channels_first"
               for k in layer.keywords):
            return None
        return _int(_first_or_keyword(layer, "filters"))
    if layer_class in _KEEPS_LAST:
        return input_last()
    return None


def check_class(ctx):
    """`self.layer` called in call() on inputs whose known last axes differ (often its own output)."""
    ctors = {a.attr: a for a in ctx.self_assigns(("__init__",))}
    for attr, assign, value, sites, env in self_layer_calls(ctx):
        if value.layer_class not in _SIZED_BY_INPUT:
            continue
        dims = [_call_last_dim(site.args[0], env, ctx, ctors, 0) if site.args else None for site in sites]
        first = next(((d, s) for d, s in zip(dims, sites) if d is not None), None)
        if dims[0] is None:
            hit = _fed_its_own_output(ctx, attr, assign, value, sites, env, ctors)
            if hit is not None:
                yield hit
            continue  # the first call's width is unknown: it may match (runtime tells)
        if first is None:
            continue
        for dim, site in zip(dims, sites):
            if dim is not None and dim != first[0]:
                yield Hit(
                    site,
                    f"{ctx.name}.{attr} ({value.layer_class}) is first called (line {first[1].lineno}) on an "
                    f"input whose last axis is {first[0]}, which sizes its weights; here it gets {dim}"
                    f"{' (its own output)' if _is_own_output(site, attr, env) else ''}: shape error",
                    attribute=attr,
                )
                break
    for shared in default_layers(ctx):
        widths = fed_two_widths(ctx, shared, _SIZED_BY_INPUT)
        if widths is not None:
            param, ((first, first_line), (other, other_line)) = widths
            yield Hit(
                shared.default,
                f"the default {shared.param}={shown(shared.default)} is made once, when the class is "
                f"defined, so every {ctx.name} made without {shared.param} shares it (self.{shared.attr}); call() "
                f"feeds it a width that {param} sets, and {ctx.name} is made with {param}={first} ({first_line}) "
                f"and {param}={other} ({other_line}): the shared {shared.layer_class} is built "
                f"for one width and fails on the other (default to None and make the layer in __init__)",
                attribute=shared.attr, class_name=shared.layer_class, fix=None,
            )


def _fed_its_own_output(ctx, attr, assign, value, sites, env, ctors):
    """`x = self.dense(inputs); x = self.dense(x)` with the first input's width unknown: the second
    call gets the width the layer itself sets, so it works only if the first input had that width
    too. A warning: weight tying across depth is legitimate when the widths agree. Silent when the
    first input comes from a sublayer whose width is set by the same expression (`Dense(n)` then
    the shared `Dense(n)`)."""
    if value.layer_class not in _SETS_ITS_WIDTH:
        return None
    # Sorted by position, `self.conv(self.conv(x))` lists the outer call first: order by what feeds what.
    fed_back = [site for site in sites if _is_own_output(site, attr, env)]
    first = next((site for site in sites if site.args and not any(site is s for s in fed_back)), None)
    if not fed_back or first is None:
        return None
    later = fed_back[0]
    own_width = _width_arg(assign.value, value.layer_class)
    first_input = first.args[0]
    if isinstance(first_input, ast.Name):
        first_input = _binding(first_input, env)
    feeder = self_attr(first_input.func) if isinstance(first_input, ast.Call) else None
    if own_width is not None and feeder in ctors and isinstance(ctors[feeder].value, ast.Call):
        feeder_call = ctors[feeder].value
        feeder_width = _width_arg(feeder_call, ctx.value(feeder_call, ctx.env(ctx.methods[ctors[feeder].method])).layer_class)
        if feeder_width is not None and ast.dump(feeder_width) == ast.dump(own_width):
            return None
    call = assign.value
    width = _output_last_dim(call, value.layer_class, ctx, ctx.env(ctx.methods[assign.method]), lambda: None) \
        if isinstance(call, ast.Call) else None
    sets = f"a last axis of {width}" if width is not None else "the width its constructor sets"
    return Hit(
        later,
        f"{ctx.name}.{attr} ({value.layer_class}) is applied to its own output (first call line "
        f"{first.lineno}): its weights are sized for the first input's last axis, and here it gets "
        f"{sets}; unless the first input already has that width this is a shape error (the first "
        f"input's width is not in the code, so this may be intended weight tying)",
        attribute=attr, severity="warning",
    )


def _width_arg(call, layer_class):
    """The argument that sets the output width of `Dense(units)` / `Conv2D(filters, ...)`."""
    if not isinstance(call, ast.Call) or layer_class not in _SETS_ITS_WIDTH:
        return None
    return _first_or_keyword(call, "filters" if layer_class in _CONVS else "units")


def _first_or_keyword(call, keyword):
    """A constructor's first positional argument, else its argument `keyword`."""
    return call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == keyword), None)


def _is_own_output(site, attr, env):
    arg = site.args[0] if site.args else None
    if isinstance(arg, ast.Name):
        arg = _binding(arg, env)
    return isinstance(arg, ast.Call) and self_attr(arg.func) == attr


def _call_last_dim(expr, env, ctx, ctors, depth):
    """Last axis of a tensor in call(): the output of `self.sublayer(...)` whose constructor fixes it."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name):
        bound = _binding(expr, env)
        return _call_last_dim(bound, env, ctx, ctors, depth + 1) if bound is not None else None
    if not isinstance(expr, ast.Call):
        return None
    attr = self_attr(expr.func)
    if attr is None or attr not in ctors:
        return None
    assign = ctors[attr]
    ctor = assign.value
    if not isinstance(ctor, ast.Call):
        return None
    cenv = ctx.env(ctx.methods[assign.method])
    value = ctx.value(ctor, cenv)
    if value.kind != LAYER:
        return None
    return _output_last_dim(ctor, value.layer_class, ctx, cenv, lambda: (
        _call_last_dim(expr.args[0], env, ctx, ctors, depth + 1) if expr.args else None))



# ------------------------------------------------------------------ `[Conv2D(fm, 3)] * n`
# List multiplication repeats one instance; a loop that chains the list's layers feeds that one
# layer its own output from the second pass on.

def _repeated_in_a_list(ctx):
    for scope, nodes in ctx.scopes():
        repeated = {}
        for node in nodes:
            if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
                ctor = _repeated_layer(node.value)
                if ctor is not None:
                    repeated[node.targets[0].id] = ctor
        if not repeated:
            continue
        env = ctx.bindings_of(nodes)
        for loop in nodes:
            if type(loop) is not ast.For or type(loop.iter) is not ast.Name or loop.iter.id not in repeated \
                    or type(loop.target) is not ast.Name:
                continue
            ctor = repeated[loop.iter.id]
            value = ctx.value(ctor, env)
            if value.kind != LAYER or value.layer_class not in _SIZED_BY_INPUT:
                continue
            site = next((n for n in walk(loop) if type(n) is ast.Call and type(n.func) is ast.Name
                         and n.func.id == loop.target.id and n.args and type(n.args[0]) is ast.Name), None)
            if site is None or not _rebound_in(site.args[0].id, loop):
                continue  # not a chain: each pass gets a fresh input
            first = _last_dim(site.args[0], env, ctx, depth=0)
            out = _output_last_dim(_with_defaults(ctor, scope), value.layer_class, ctx, env, lambda: first)
            if first is None or out is None or first == out:
                continue
            yield Hit(
                site,
                f"{loop.iter.id} repeats one {value.layer_class} instance (list multiplication), and the "
                f"loop feeds it its own output: its weights are sized on the first pass for a last axis "
                f"of {first}, the second pass brings {out}: shape error (make one layer per item: "
                f"[{value.layer_class}(...) for _ in range(n)])",
                attribute=loop.iter.id, class_name=value.layer_class,
            )


def _repeated_layer(expr):
    """The constructor call in `[Layer(...)] * n` or `n * [Layer(...)]`, else None."""
    if type(expr) is not ast.BinOp or type(expr.op) is not ast.Mult:
        return None
    for side in (expr.left, expr.right):
        if type(side) is ast.List and len(side.elts) == 1 and type(side.elts[0]) is ast.Call:
            return side.elts[0]
    return None


def _rebound_in(name, loop):
    return any(type(n) is ast.Assign and any(type(t) is ast.Name and t.id == name for t in n.targets)
               for n in walk(loop))


def _with_defaults(ctor, scope):
    """`Conv2D(fm, 3)` inside `def build(fm=8)`: the constructor with the parameter's literal default."""
    if type(scope) is not ast.FunctionDef or not ctor.args or type(ctor.args[0]) is not ast.Name:
        return ctor
    params = scope.args.args[len(scope.args.args) - len(scope.args.defaults):]
    default = dict(zip((a.arg for a in params), scope.args.defaults)).get(ctor.args[0].id)
    if _int(default) is None:
        return ctor
    return ast.Call(func=ctor.func, args=[default, *ctor.args[1:]], keywords=ctor.keywords)


# ------------------------------------------------------------------ `model.add(hidden)` twice
# A Sequential applies its layers in order: an instance added twice gets the output of the
# layers between its two places, which must have the width its weights were built for.

def _added_twice(ctx):
    for scope, nodes in ctx.scopes():
        if type(scope) not in (ast.Module, ast.FunctionDef):
            continue
        env = None
        models: dict[str, dict] = {}  # model name -> {"dim": last axis so far, "first": {ctor id: dim}}
        for stmt, repeat in _statements(scope.body):
            if env is None:
                if not _mentions_sequential(stmt, models):
                    continue
                env = bindings(nodes)
            for _ in range(repeat):
                yield from _follow(ctx, stmt, env, models)


def _mentions_sequential(stmt, models):
    """`model = Sequential(...)` or `return Sequential([...])`."""
    return type(stmt) in (ast.Assign, ast.Return) and type(stmt.value) is ast.Call and \
        ((type(stmt.value.func) is ast.Attribute and stmt.value.func.attr == "Sequential") or
         (type(stmt.value.func) is ast.Name and stmt.value.func.id == "Sequential"))


def _statements(body, repeat=1):
    """(statement, times it runs) in order: a `for` body twice (its second pass is what reuses),
    the branches of an if/try once each (not followed: see _follow)."""
    for stmt in body:
        if type(stmt) is ast.For:
            once = type(stmt.iter) is ast.Call and type(stmt.iter.func) is ast.Name and \
                stmt.iter.func.id == "range" and len(stmt.iter.args) == 1 and _int(stmt.iter.args[0]) in (0, 1)
            for inner, times in _statements(stmt.body):
                yield inner, times * (1 if once else 2)
        else:
            yield stmt, repeat


def _follow(ctx, stmt, env, models):
    """Track the Sequential models `stmt` makes or adds to; Hit for a layer added again whose
    input width differs from the first time."""
    if _mentions_sequential(stmt, models):
        if not (ctx.qualify(stmt.value.func) or "").endswith("Sequential"):
            return
        model = stmt.targets[0].id if type(stmt) is ast.Assign and len(stmt.targets) == 1 and \
            type(stmt.targets[0]) is ast.Name else "the Sequential"
        state = models[model] = {"dim": None, "first": {}}
        items = stmt.value.args[0] if stmt.value.args else \
            next((k.value for k in stmt.value.keywords if k.arg == "layers"), None)
        if type(items) in (ast.List, ast.Tuple):
            for item in items.elts:
                hit = _add(ctx, item, env, state, model)
                if hit is not None:
                    yield hit
        return
    if type(stmt) in (ast.If, ast.Try, ast.While, ast.With):
        for node in walk(stmt):  # added on some path only: the width after it is unknown
            if type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "add" \
                    and type(node.func.value) is ast.Name and node.func.value.id in models:
                models[node.func.value.id]["dim"] = None
        return
    if type(stmt) is not ast.Expr or type(stmt.value) is not ast.Call:
        return
    call = stmt.value
    if type(call.func) is ast.Attribute and call.func.attr == "add" and type(call.func.value) is ast.Name \
            and call.func.value.id in models and len(call.args) == 1:
        hit = _add(ctx, call.args[0], env, models[call.func.value.id], call.func.value.id)
        if hit is not None:
            yield hit


def _add(ctx, item, env, state, model):
    dim = state["dim"]
    if type(item) is ast.Call and (ctx.qualify(item.func) or "").rsplit(".", 1)[-1] in ("Input", "InputLayer"):
        shape = item.args[0] if item.args else next(
            (k.value for k in item.keywords if k.arg in ("shape", "input_shape")), None)
        found = _literal_shape(shape)
        state["dim"] = found[-1] if found else None
        return None
    ctor = item
    if type(item) is ast.Name:
        values = env.get(item.id, ())
        ctor = values[0] if len(values) == 1 else None
    value = ctx.value(ctor, env) if type(ctor) is ast.Call else None
    if value is None or value.kind != LAYER:
        state["dim"] = None
        return None
    if dim is None:
        shape = next((k.value for k in ctor.keywords if k.arg in ("input_shape", "batch_input_shape")), None)
        found = _literal_shape(shape)
        dim = found[-1] if found else None
    first = state["first"]
    state["dim"] = _output_last_dim(ctor, value.layer_class, ctx, env, lambda: dim)
    if id(ctor) not in first:
        first[id(ctor)] = dim
        return None
    # A layer of this project with weights: they are most likely sized by its input too (a heuristic)
    own = value.layer_class not in _SIZED_BY_INPUT and ctx.is_project_class(value.qualname) \
        and ctx.project.has_weights(value.qualname)
    if type(item) is not ast.Name or (value.layer_class not in _SIZED_BY_INPUT and not own) \
            or first[id(ctor)] is None or dim is None or dim == first[id(ctor)]:
        return None
    return Hit(item, f"{item.id} ({value.layer_class}) is added to {model} a second time: its weights "
                     f"were built for a last axis of {first[id(ctor)]} where it was first added, here it "
                     f"gets {dim}: shape error (add a new {value.layer_class}(...) instead)"
                     + (" (a heuristic: a layer of this project whose weights depend on its input's width)"
                        if own else ""),
               attribute=item.id, class_name=value.layer_class, severity="warning" if own else None)
