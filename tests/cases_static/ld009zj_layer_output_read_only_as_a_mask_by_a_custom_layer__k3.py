# LD009 no-gradient: a trainable layer's output handed to a custom layer whose call() reads that input only as a mask
"""While a functional model is wired, the output of a layer with weights goes into a custom layer of the file
whose `call()` (and the methods it hands the value to) reads that input only through comparisons, argmax or
its shape: no gradient flows back, so the weights that made it never train (spektral#395: Dense layers
making a "learnable" adjacency for GATConv, which only builds its attention mask from `a == 0`). The twins
use the value arithmetically too, take the mask from the model's Input, or let the layer output reach the
model another way as well.

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; each make_* model called on random inputs under
one GradientTape, gradient of the summed output per trainable weight; /tmp/fix19b/measure_zj.py):
  make_masked_scores:   None for ['adj_proj/kernel', 'adj_proj/bias'] (of 5 trainable)
  make_gated_helper:    None for ['gate_dense/kernel', 'gate_dense/bias'] (of 2)
  make_argmax_route:    None for ['router/kernel', 'router/bias'] (of 2)
  make_two_arguments:   None for ['keep_conv/kernel', 'keep_conv/bias'] (of 2)
  make_arithmetic_too:  None for none (twin: the adjacency is also where()'s value, which carries a gradient)
  make_mask_from_input: None for none (twin: no weights before the mask)
  make_also_reaches:    None for none (twin: the Dense output also feeds the head)
  make_helper_scales:   None for none (twin: the helper multiplies by the gate)
"""
import keras
from keras import layers, ops


class MaskedScores(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[0][-1], 8), name="w")

    def call(self, inputs):
        feats, adj = inputs
        scores = ops.matmul(ops.matmul(feats, self.w), ops.transpose(ops.matmul(feats, self.w), (0, 2, 1)))
        scores = ops.where(ops.not_equal(adj, 0.0), scores, -1e9)
        return ops.matmul(ops.softmax(scores, axis=-1), feats)


class HelperGate(layers.Layer):
    def call(self, inputs):
        h, g = inputs[0], inputs[1]
        return self._apply_gate(h, g)

    def _apply_gate(self, values, gate):
        g2 = ops.reshape(gate, (-1, 4))
        keep = ops.cast(g2 > 0.5, values.dtype)
        return values * keep


class ArgmaxRoute(layers.Layer):
    def call(self, inputs):
        x, logits = inputs
        pick = ops.argmax(logits, axis=-1)
        return x * ops.expand_dims(ops.cast(pick, x.dtype), -1)


class KeepWhere(layers.Layer):
    def call(self, x, keep):
        return ops.where(keep >= ops.mean(x), x, ops.zeros_like(x))


class MaskedMix(layers.Layer):
    def call(self, inputs):
        feats, adj = inputs
        weights = ops.where(adj == 0.0, 0.0, adj)
        return ops.matmul(weights, feats)


class ScaledGate(layers.Layer):
    def call(self, inputs):
        h, g = inputs
        return self._scale(h, g)

    def _scale(self, values, gate):
        return values * gate


def make_masked_scores():
    x_in = keras.Input((5, 3))
    a_in = keras.Input((5, 5))
    a = layers.Dense(5, activation="sigmoid", name="adj_proj")(a_in)  # LD009
    h = MaskedScores()([x_in, a])
    return keras.Model([x_in, a_in], layers.Dense(1)(layers.GlobalAveragePooling1D()(h)))


def make_gated_helper():
    inp = keras.Input((4,))
    gate = layers.Dense(4, name="gate_dense")(inp)  # LD009
    return keras.Model(inp, HelperGate()([inp, gate]))


def make_argmax_route():
    tokens = keras.Input((6,))
    logits = layers.Dense(3, name="router")(tokens)  # LD009
    routed = ArgmaxRoute()([tokens, logits])
    return keras.Model(tokens, routed)


def make_two_arguments():
    seq = keras.Input((10, 4))
    conv = layers.Conv1D(4, 3, padding="same", name="keep_conv")
    keep = conv(seq)  # LD009
    return keras.Model(seq, KeepWhere()(seq, keep))


def make_arithmetic_too():
    x_in = keras.Input((5, 3))
    a_in = keras.Input((5, 5))
    a = layers.Dense(5, activation="sigmoid")(a_in)
    return keras.Model([x_in, a_in], MaskedMix()([x_in, a]))


def make_mask_from_input():
    x_in = keras.Input((5, 3))
    a_in = keras.Input((5, 5))
    h = MaskedScores()([x_in, a_in])
    return keras.Model([x_in, a_in], layers.Dense(1)(h))


def make_also_reaches():
    x_in = keras.Input((5, 3))
    a_in = keras.Input((5, 5))
    a = layers.Dense(5, activation="sigmoid")(a_in)
    h = MaskedScores()([x_in, a])
    both = layers.Concatenate()([h, a])
    return keras.Model([x_in, a_in], layers.Dense(1)(both))


def make_helper_scales():
    inp = keras.Input((4,))
    gate = layers.Dense(4)(inp)
    return keras.Model(inp, ScaledGate()([inp, gate]))
