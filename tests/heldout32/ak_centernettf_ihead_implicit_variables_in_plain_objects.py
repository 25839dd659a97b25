"""A TF CenterNet's YOLOR-style "implicit knowledge" head keeps its learnable `ImplicitA`/`ImplicitM`
vectors as `tf.Variable`s inside plain Python classes and applies them to KerasTensors in a functional
head: on Keras 3 the variables are frozen into the graph as constants, with 0 params counted and no
training.

From NguyenHongSon1103/CenterNet (`models/head.py`), a tf.keras CenterNet with YOLOv7-style blocks.
`ImplicitA`/`ImplicitM` are ports of YOLOR's `nn.Module`s (a `(1, 1, 1, c)` `nn.Parameter` added to or
multiplied with the feature map), written as plain classes with `__call__`, each holding
`self.implicit = tf.Variable(..., trainable=True)`. `Ihead()` builds the heatmap / size / offset heads
functionally and applies one shared `ia`/`im` pair to each branch (`out_hm = ia(out_hm)` ...). On Keras
3 `tf.Variable + KerasTensor` dispatches to `KerasTensor.__radd__` and records an `add` node whose other
operand is the variable's value: nothing is tracked by the model, so the implicit vectors are never
trained nor saved (tf.keras 2 wrapped such ops in TFOpLambda layers; that behaviour was not measured
here). LD011 primary (variables held in plain Python objects used by the model), LD003 second (they are
backend-native `tf.Variable`s).

Porting edits: in the repository's `common_layers.py` helpers and in `Ihead`, `tf.nn.sigmoid(x)` ->
`keras.ops.sigmoid(x)` and `tf.concat` -> `keras.ops.concatenate` (Keras 3 refuses TF functions on
KerasTensors; the `+`/`*` of the implicit classes are kept as written). `build_model()` wires
`Ihead(x, c=8, num_class=3)` on an 8x8x16 feature map.
"""

SOURCE = "https://github.com/NguyenHongSon1103/CenterNet/blob/8262f9cc8856e9e24cb709257610c97f639ce88a/models/head.py"
CODES = ("LD011", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/ak_centernettf_ihead_implicit_variables_in_plain_objects.py:
as returned: Functional, count_params() = 14407, 60 weights, unbuilt: none
after call: count_params() = 14407, 42 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 42 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (probe_centernet.py): neither implicit variable is in model.weights (14407 params, the 2 x 8 implicit values missing); assigning ia.implicit += 5 and im.implicit *= 3 leaves the model output unchanged (the values were frozen into the graph when it was wired); GradientTape watching ia.implicit gives gradient None."""

import tensorflow as tf
import keras
layers = tf.keras.layers


# --- from models/common_layers.py (same commit) ---
def silu(x):
    return x*keras.ops.sigmoid(x)

def Conv(inp, c, k, s, g=1, act='silu'):
    x = layers.Conv2D(c, kernel_size=k, strides=s, padding='same', groups=g)(inp)
    x = layers.BatchNormalization()(x)
    if act == 'silu':
        x = silu(x)
    elif act == 'leaky':
        x = layers.LeakyReLU(0.1)(x)
    elif act == 'relu':
        x = layers.ReLU()(x)
    return x


# --- models/head.py ---
class ImplicitA:
    def __init__(self, channel, mean=0., std=.02):
        self.channel = channel
        self.mean = mean
        self.std = std
        initializer = tf.random_normal_initializer(mean=mean, stddev=std)
        self.implicit = tf.Variable(initializer(shape=(1, 1, 1, channel)), dtype=tf.float32, trainable=True)

    def __call__(self, x):
        return self.implicit + x

class ImplicitM:
    def __init__(self, channel, mean=1., std=.02):
        self.channel = channel
        self.mean = mean
        self.std = std
        initializer = tf.random_normal_initializer(mean=mean, stddev=std)
        self.implicit = tf.Variable(initializer(shape=(1, 1, 1, channel)), dtype=tf.float32, trainable=True)

    def __call__(self, x):
        return self.implicit * x

def Ihead(x, c=64, num_class=20):
    ia, im = ImplicitA(c), ImplicitM(c)

    x = Conv(x, c*4, 3, 1)
    x = Conv(x, c*2, 3, 1)
    x = Conv(x, c, 3, 1)

    kernel_reg = tf.keras.regularizers.l2(5e-4)

    out_hm = Conv(x, c, 3, 1)
    out_hm = ia(out_hm)
    out_hm = Conv(out_hm, c, 3, 1)
    out_hm = im(out_hm)
    out_hm = layers.Conv2D(num_class, 1, kernel_initializer='he_normal', kernel_regularizer=kernel_reg,
                      bias_initializer=tf.keras.initializers.Constant(-4.6))(out_hm)
    out_hm = keras.ops.sigmoid(out_hm)

    out_wh = Conv(x, c, 3, 1)
    out_wh = ia(out_wh)
    out_wh = Conv(out_wh, c, 3, 1)
    out_wh = im(out_wh)
    out_wh = layers.Conv2D(2, 1, padding='same')(out_wh)

    out_reg = Conv(x, c, 3, 1)
    out_reg = ia(out_reg)
    out_reg = Conv(out_reg, c, 3, 1)
    out_reg = im(out_reg)
    out_reg = layers.Conv2D(2, 1, padding='same')(out_reg)

    out = keras.ops.concatenate([out_wh, out_reg, out_hm], -1)
    return out


def build_model():
    inp = keras.Input(shape=(8, 8, 16))
    return keras.Model(inp, Ihead(inp, c=8, num_class=3))
