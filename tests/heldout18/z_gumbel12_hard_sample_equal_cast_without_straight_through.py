"""A Gumbel-Softmax sampling layer whose `hard=True` branch returns the one-hot sample
`tf.cast(tf.equal(y, tf.reduce_max(y, 1, keepdims=True)), y.dtype)` directly, dropping the
`tf.stop_gradient(y_hard - y) + y` straight-through step: the layers that produce the logits
reach the loss only through `equal` + `cast`, which have no gradient.

The report asks why the reference implementation needs `stop_gradient` in the hard branch,
since "the equal function could be backpropagated just as max function did". It cannot: with
the straight-through line removed, as here, every weight in front of the sampler gets a None
gradient and stays at its initial value, while the layers after the sampler still train.

Porting edits: the TF1 functions (`sample_gumbel`, `gumbel_softmax_sample`, `gumbel_softmax`)
kept and wrapped in a Keras layer as the categorical-VAE notebooks do; `keep_dims` ->
`keepdims`; the hard branch written as the report's premise proposes (no straight-through);
a small encoder Dense(8 categories) -> sampler -> decoder Dense(16) on 16-dim inputs.
"""

SOURCE = "https://github.com/ericjang/gumbel-softmax/issues/12"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/z_gumbel12_hard_sample_equal_cast_without_straight_through.py:
as returned: Functional, count_params() = 280, 4 weights, unbuilt: none
after call: count_params() = 280, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['encoder_logits/kernel', 'encoder_logits/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gumbel_softmax': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18b/m_fit.py: compile SGD 0.1 + mse, fit 2 steps): UserWarning "Gradients do
not exist for variables ['encoder_logits/kernel', 'encoder_logits/bias']"; 2 of 4 weights changed,
the encoder's kernel and bias unchanged."""

import keras
import tensorflow as tf


def sample_gumbel(shape, eps=1e-20):
    """Sample from Gumbel(0, 1)"""
    U = tf.random.uniform(shape, minval=0, maxval=1)
    return -tf.math.log(-tf.math.log(U + eps) + eps)


def gumbel_softmax_sample(logits, temperature):
    """ Draw a sample from the Gumbel-Softmax distribution"""
    y = logits + sample_gumbel(tf.shape(logits))
    return tf.nn.softmax(y / temperature)


def gumbel_softmax(logits, temperature, hard=False):
    y = gumbel_softmax_sample(logits, temperature)
    if hard:
        y = tf.cast(tf.equal(y, tf.reduce_max(y, 1, keepdims=True)), y.dtype)
    return y


class GumbelSoftmax(keras.layers.Layer):
    def __init__(self, temperature=0.5, hard=True, **kwargs):
        super().__init__(**kwargs)
        self.temperature = temperature
        self.hard = hard

    def call(self, logits):
        return gumbel_softmax(logits, self.temperature, hard=self.hard)


def build_model():
    x = keras.Input(shape=(16,))
    logits = keras.layers.Dense(8, name="encoder_logits")(x)
    z = GumbelSoftmax(temperature=0.5, hard=True)(logits)
    out = keras.layers.Dense(16, name="decoder")(z)
    return keras.Model(x, out)
