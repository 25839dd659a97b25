# LD009 no-gradient: a stop_gradient Lambda between trainable layers -- reported when the layer right before it reaches the output only through it, quiet when that layer (or its output) also reaches the output by another path
import keras
from keras import layers, ops

CASE, TITLE = "LD009w", "a stop_gradient Lambda after a layer: never trained only if no other path reaches that layer"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), each make_* below (a GradientTape over the
# model's output on a batch): MEASURED lines. Marked: the layer right before the Lambda reaches the output
# only through the stop_gradient, so its kernel and bias get None gradients (never trained). Twins: the
# same Lambda after a layer that is shared with another branch (a shared Dense / Embedding called twice,
# one call cut: the keras#8259 shared embedding), or whose output tensor also feeds another layer: every
# weight gets a gradient (the cut only stops one path).


def make_one_branch_cut():
    """Two branches; branch A's Dense feeds only the Lambda. MEASURED: branch_a kernel/bias None gradients."""
    x = keras.Input((FEATURES,))
    a = layers.Dense(8, name="branch_a")(x)
    a = layers.Lambda(lambda t: ops.stop_gradient(t), name="cut_a")(a)  # LD009
    b = layers.Dense(8, name="branch_b")(x)
    merged = layers.Concatenate()([a, b])
    return keras.Model(x, layers.Dense(1)(merged))


def make_shared_layer_cut_on_both_calls():
    """A shared Dense called twice, both outputs cut. MEASURED: the shared kernel/bias get None gradients."""
    x1 = keras.Input((FEATURES,))
    x2 = keras.Input((FEATURES,))
    shared = layers.Dense(8, name="shared")
    h1 = shared(x1)
    h2 = shared(x2)
    f1 = layers.Lambda(lambda t: ops.stop_gradient(t))(h1)  # LD009
    f2 = layers.Lambda(lambda t: ops.stop_gradient(t))(h2)  # LD009
    merged = layers.Concatenate()([f1, f2, x1])
    return keras.Model([x1, x2], layers.Dense(1)(merged))


def make_second_layer_cut():
    """The first Dense's output also feeds on, but the second Dense reaches the output only through the cut.
    MEASURED: second kernel/bias None gradients (the first is trained through the skip)."""
    x = keras.Input((FEATURES,))
    h = layers.Dense(8, name="first")(x)
    g = layers.Dense(8, name="second")(h)
    g = layers.Lambda(lambda t: ops.stop_gradient(t))(g)  # LD009
    merged = layers.Concatenate()([h, g])
    return keras.Model(x, layers.Dense(1)(merged))


def make_shared_layer_cut_on_one_call():
    """The shared layer's other call is not cut: it is trained through it."""
    x1 = keras.Input((FEATURES,))
    x2 = keras.Input((FEATURES,))
    encoder = layers.Dense(8, name="encoder")
    e1 = encoder(x1)
    e2 = encoder(x2)
    e2 = layers.Lambda(lambda t: ops.stop_gradient(t), name="freeze_e2")(e2)
    merged = layers.Concatenate()([e1, e2])
    return keras.Model([x1, x2], layers.Dense(1)(merged))


def make_output_also_feeds_a_head():
    """The layer's output tensor feeds another layer besides the Lambda: trained through it."""
    x = keras.Input((FEATURES,))
    h = layers.Dense(8, name="trunk")(x)
    frozen = layers.Lambda(lambda t: ops.stop_gradient(t))(h)
    merged = layers.Concatenate()([layers.Dense(4)(h), layers.Dense(4)(frozen)])
    return keras.Model(x, layers.Dense(1)(merged))
