"""MorvanZhou's MNIST SAGAN: the self-attention `Attention` layer builds its f/g/h convolution blocks in
`build()` (fine) but makes the residual gate `gamma` a bare `tf.Variable` there.

From MorvanZhou/mnistGANs (`sagan.py`). The layer sets `self.gamma = None` (and `self.f`, `self.g`,
... to None) in `__init__`, then in `build()` assigns the three `keras.Sequential` 1x1-conv blocks and
`self.gamma = tf.Variable(self._gamma)`. On Keras 3 the convolutions are tracked, but the `tf.Variable` is not: the attention gate is missing from `trainable_weights`, so the author's
`train_g`/`train_d` (which differentiate w.r.t. `self.g.trainable_variables`) never update it, and it
is not saved with the weights.

Porting edits: `from tensorflow import keras` -> `import keras` (tf ops kept); the MNIST generator is
cut to Dense -> Reshape(7, 7, 16) -> Conv2DTranspose(8) -> Attention -> Conv2D(1) (one Attention
instead of two, small widths), with an explicit `keras.Input` instead of `input_shape=`; the SAGAN
wrapper model, hinge-loss training loop and plotting helpers are dropped; `gamma=0.5` as in `__main__`;
the default `trainable=None` becomes `trainable=True` (Keras 3 raises "Expected `trainable` to be a
boolean" on None, tf.keras 2 took None as True).
"""

SOURCE = "https://github.com/MorvanZhou/mnistGANs/blob/bef0a7be1e30a8bf31de9335b86b5ca8588d3db2/sagan.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/d_mnistgans_sagan_attention_gamma_tf_variable_in_build.py:
as returned: Sequential, count_params() = 12499, 20 weights, unbuilt: none
after call: count_params() = 12499, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 1 variables the model does not track: ['generator/attention/Variable:0']
params of the case's own layers: {'attention': 90}
second call: 0 variables watched that the first call did not use
The 90 params are the f/g/h 1x1 convs (9 + 9 + 72); the gamma gate is absent from weights and
trainable_weights. With the author's default trainable=None, build_model() raises ValueError
"Expected `trainable` to be a boolean" (probe /tmp/mine21a/p1.py, hence the porting edit)."""

import tensorflow as tf
import keras


class Attention(keras.layers.Layer):
    def __init__(self, gamma=0.01, trainable=True):
        super().__init__(trainable=trainable)
        self._gamma = gamma
        self.gamma = None
        self.f = None
        self.g = None
        self.h = None
        self.attention = None

    def build(self, input_shape):
        self.f = self.block(input_shape[-1]//8)     # reduce channel size, reduce computation
        self.g = self.block(input_shape[-1]//8)     # reduce channel size, reduce computation
        self.h = self.block(input_shape[-1])        # scale back to original channel size
        self.gamma = tf.Variable(self._gamma)

    @staticmethod
    def block(c):
        return keras.Sequential([
            keras.layers.Conv2D(c, 1, strides=1),   # [n, w, h, c]
            keras.layers.Reshape((-1, c)),          # [n, w*h, c]
        ])

    def call(self, inputs, **kwargs):
        f = self.f(inputs)    # [n, w, h, c] -> [n, w*h, c]
        g = self.g(inputs)    # [n, w, h, c] -> [n, w*h, c]
        h = self.h(inputs)    # [n, w, h, c] -> [n, w*h, c]
        s = tf.matmul(f, g, transpose_b=True)   # [n, w*h, c] @ [n, c, w*h] = [n, w*h, w*h]
        self.attention = tf.nn.softmax(s, axis=-1)
        context_wh = tf.matmul(self.attention, h)  # [n, w*h, w*h] @ [n, w*h, c] = [n, w*h, c]
        context = tf.reshape(context_wh, tf.shape(inputs))    # [n, w, h, c]
        o = self.gamma * context + inputs
        return o


def _get_generator(latent_dim, gamma):
    model = keras.Sequential([
        keras.Input((latent_dim,)),
        keras.layers.Dense(7 * 7 * 16),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(),
        keras.layers.Reshape((7, 7, 16)),

        keras.layers.Conv2DTranspose(8, (4, 4), strides=(2, 2), padding='same'),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(),
        Attention(gamma),
        keras.layers.Conv2D(1, (4, 4), padding='same', activation=keras.activations.tanh)
    ], name="generator")
    return model


def build_model():
    return _get_generator(latent_dim=8, gamma=0.5)
