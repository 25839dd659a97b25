"""LD008 incompatible-reuse: a shared layer called on inputs of different last dimensions."""

import ast

from ...rule import Rule, snippet
from ...vocab import KERAS3, TF_KERAS
from ..context import LAYER
from ..facts import shared_layers
from ..triggers import constructed_name_called_twice
from . import Hit

RULE = Rule(
    code="LD008", name="incompatible-reuse", severity="error", tf_keras_severity="error",
    summary="A shared layer is called on an input whose shape does not fit the weights built "
            "on its first call.",
    what="Static: finds one layer instance called on inputs whose last dimensions are known and "
         "differ (for example `keras.Input((4,))` and `keras.Input((6,))`). Runtime: catches the "
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
TRIGGER = constructed_name_called_twice

# Layers whose weights are sized by the input's last axis.
_SIZED_BY_INPUT = {"Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D",
                   "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "LSTM", "GRU", "SimpleRNN",
                   "LayerNormalization", "BatchNormalization", "MultiHeadAttention"}


def check_module(ctx):
    for name, ctor, value, sites, env in shared_layers(ctx):
        custom = ctx.is_project_class(value.qualname)
        if value.layer_class not in _SIZED_BY_INPUT and not custom:
            continue
        dims = []
        for site in sites:
            dim = _last_dim(site.args[0], env, ctx, depth=0) if site.args else None
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


def _last_dim(expr, env, ctx, depth):
    """The literal size of the last axis of a symbolic tensor, when the source fixes it."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Name) and len(env.get(expr.id, ())) == 1:
        return _last_dim(env[expr.id][0], env, ctx, depth + 1)
    if not isinstance(expr, ast.Call):
        return None
    callee = ctx.qualify(expr.func) or ""
    if callee.rsplit(".", 1)[-1] == "Input" and callee.startswith("keras"):
        shape = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "shape"), None)
        if isinstance(shape, (ast.Tuple, ast.List)) and shape.elts:
            last = shape.elts[-1]
            if isinstance(last, ast.Constant) and isinstance(last.value, int):
                return last.value
        return None
    # `Dense(8)(x)` and `layer(x)` for a layer made with a literal first argument (units).
    layer = expr.func
    if isinstance(layer, ast.Name) and len(env.get(layer.id, ())) == 1:
        layer = env[layer.id][0]
    if isinstance(layer, ast.Call) and ctx.value(layer, env).kind == LAYER:
        first = layer.args[0] if layer.args else next((k.value for k in layer.keywords if k.arg == "units"), None)
        kind = ctx.value(layer, env)
        if isinstance(first, ast.Constant) and isinstance(first.value, int) and (
            kind.layer_class in ("Dense", "EinsumDense") or ctx.is_project_class(kind.qualname)
        ):
            return first.value
    return None
