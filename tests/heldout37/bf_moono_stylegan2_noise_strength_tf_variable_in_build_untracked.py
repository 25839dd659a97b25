"""StyleGAN2's per-layer noise strength made with `tf.Variable` in `build()`: Keras 3 does not track it (0 params, never trained).

From moono/stylegan2-tf-2.x (`stylegan2/layers/noise.py`), a TF 2 port of NVIDIA's StyleGAN2 whose
synthesis blocks add per-pixel noise scaled by a learned scalar. `Noise(tf.keras.layers.Layer)` creates
`self.noise_strength = tf.Variable(tf.zeros(()), trainable=True, name='w')` in `build()` (no
`super().build()`) and in `call()` adds `noise * self.noise_strength`, drawing the noise with
`tf.random.normal` over the NCHW input shape when none is given. On tf.keras 2 the `tf.Variable` is
tracked as a trainable weight; on Keras 3 it is a foreign variable: not counted, not in
`trainable_weights`, so the optimizer never sees it and the noise stays switched off (strength 0).

Porting edits: `tf.keras` is `keras`; nothing else. `build_model()` wires the layer as the synthesis
block does after a convolution: a functional model on NCHW (4, 8, 8) features, Noise, then a Flatten and
Dense(1) head so that the model has other weights to compare against.
"""

SOURCE = "https://github.com/moono/stylegan2-tf-2.x/blob/45e57e124727f3bab599b694824acd63f758d258/stylegan2/layers/noise.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bf_moono_stylegan2_noise_strength_tf_variable_in_build_untracked.py:
as returned: Functional, count_params() = 257, 2 weights, unbuilt: none
after call: count_params() = 257, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['noise/w:0']
params of the case's own layers: {'noise': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras


class Noise(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(Noise, self).__init__(**kwargs)

    def build(self, input_shape):
        w_init = tf.zeros(shape=(), dtype=tf.dtypes.float32)
        self.noise_strength = tf.Variable(w_init, trainable=True, name='w')

    def call(self, inputs, noise=None, training=None, mask=None):
        x_shape = tf.shape(inputs)

        # noise: [1, 1, x_shape[2], x_shape[3]] or None
        if noise is None:
            noise = tf.random.normal(shape=(x_shape[0], 1, x_shape[2], x_shape[3]), dtype=tf.dtypes.float32)

        x = inputs + noise * self.noise_strength
        return x


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    x_in = keras.Input(shape=(4, 8, 8))
    x = Noise(name='noise')(x_in)
    x = keras.layers.Flatten()(x)
    out = keras.layers.Dense(1)(x)
    return keras.Model(x_in, out)
