"""MT-net's learned layer mask: per-unit mask logits (a weight made with `add_weight`) go through
a Gumbel-Softmax, the hard one-hot is computed with `tf.equal`/`tf.cast`, and the mask is
`tf.stop_gradient(gumbel_hard - gumbel_softmax) + gumbel_softmax`. Correct on Keras 3: the
straight-through estimator gives the mask logits (and the Dense kernel the mask gates) real
gradients.

Why it looks suspicious: the weight reaches the output through `equal` + `cast` (which have no
gradient) and a `stop_gradient`, both listed as LD009 causes; the report even asks whether
letting only one element through is "too strict". The non-differentiable part sits inside the
`stop_gradient`, so the forward pass is hard while the backward pass is the soft sample's: the
logits get a non-None, non-zero gradient and `fit` changes them.

Porting edits: the TF1 graph code (`tf.get_variable` mask logits per layer, `keep_dims`)
rewritten as a Keras layer with `add_weight` in `build`; the mask applied to a Dense output
as MT-net applies it to a layer's units; one masked layer of 16 units between a 12-dim input
and a Dense(4) head; 2 mask categories per unit as in MT-net (keep / drop).
"""

SOURCE = "https://github.com/yoonholee/MT-net/issues/6"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/okz_mtnet6_gumbel_hard_mask_straight_through_trainable_logits.py:
as returned: Functional, count_params() = 308, 5 weights, unbuilt: none
after call: count_params() = 308, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gumbel_masked_dense': 240}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18b/m_fit.py: GradientTape on sum(outputs), then compile SGD 0.1 + mse, fit 2
steps): no None and no all-zero gradient (mask_logits included); 5 of 5 weights changed."""

import keras
import tensorflow as tf


class GumbelMaskedDense(keras.layers.Layer):
    def __init__(self, units, temperature=1.0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.temperature = temperature
        self.dense = keras.layers.Dense(units)

    def build(self, input_shape):
        self.dense.build(input_shape)
        self.mask_logits = self.add_weight(name="mask_logits", shape=(self.units, 2),
                                           initializer="zeros", trainable=True)

    def call(self, inputs):
        u = tf.random.uniform(tf.shape(self.mask_logits), minval=0, maxval=1)
        gumbel = -tf.math.log(-tf.math.log(u + 1e-20) + 1e-20)
        gumbel_softmax = tf.nn.softmax((self.mask_logits + gumbel) / self.temperature)
        gumbel_hard = tf.cast(tf.equal(gumbel_softmax, tf.reduce_max(gumbel_softmax, 1, keepdims=True)), tf.float32)
        mask = tf.stop_gradient(gumbel_hard - gumbel_softmax) + gumbel_softmax
        mask = mask[:, 0]
        return self.dense(inputs) * mask


def build_model():
    x = keras.Input(shape=(12,))
    h = GumbelMaskedDense(16)(x)
    out = keras.layers.Dense(4)(keras.layers.ReLU()(h))
    return keras.Model(x, out)
