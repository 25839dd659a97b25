"""A `NoisyLinear` layer (the custom-layer example of Python Machine Learning, 3rd ed., ch. 14, kept in a
reader's repository) that draws Gaussian noise with `tf.random.normal` inside `call()` when
`training=True`, adds it to the inputs, then applies its `add_weight` kernel and bias.

From gakitoru/python-ml (`3rd/NoisyLinear.py`). Looks like a NoisyNet layer with the "random tensor
created in call" / "weights-like tensor made per call" trap (LD002/LD001 look-alike), plus a
`training=False` default on `call()`. On Keras 3 the noise is a per-call sample by design (no state to
keep), the two weights are made by `add_weight` in `build()`, counted and trained, and Keras passes
`training=True` during `fit` so the noise is applied only then.

Porting edits: `tf.keras` -> `keras` for the base class and activation (tf ops kept); `build_model()`
is the book's XOR model (Input(2) -> NoisyLinear(4, noise_stddev=0.1) -> Dense(4, relu) x2 ->
Dense(1, sigmoid)) with the same widths.
"""

SOURCE = "https://github.com/gakitoru/python-ml/blob/2fa04ec3a5129fdac7db5eacf1d1381459b08a20/3rd/NoisyLinear.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/okd_pythonml_noisylinear_input_noise_drawn_in_call.py:
as returned: Sequential, count_params() = 57, 8 weights, unbuilt: none
after call: count_params() = 57, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_linear': 12}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine21a/nlprobe.py: NoisyLinear's weights are exactly its two add_weight variables;
model(x, training=False) is deterministic, two layer(x, training=True) calls differ (fresh noise, as
intended); /tmp/mine21a/gradprobe.py (mse to 1.0, training=True): all 8 gradients non-None and
non-zero (NoisyLinear kernel 0.056, bias 0.059)."""

import tensorflow as tf
import keras


class NoisyLinear(keras.layers.Layer):
    def __init__(self, output_dim, noise_stddev=0.1, **kwargs):
        self.output_dim = output_dim
        self.noise_stddev = noise_stddev
        super(NoisyLinear, self).__init__(**kwargs)

    def build(self, input_shape):
        self.w = self.add_weight(name='weights',
                                 shape=(input_shape[1], self.output_dim),
                                 initializer='random_normal',
                                 trainable=True)
        self.b = self.add_weight(shape=(self.output_dim,),
                                 initializer='zeros',
                                 trainable=True)

    def call(self, inputs, training=False):
        if training:
            batch = tf.shape(inputs)[0]
            dim = tf.shape(inputs)[1]
            noise = tf.random.normal(shape=(batch, dim), mean=0.0,
                                     stddev=self.noise_stddev)
            noisy_inputs = tf.add(inputs, noise)
        else:
            noisy_inputs = inputs
        z = tf.matmul(noisy_inputs, self.w) + self.b
        return keras.activations.relu(z)

    def get_config(self):
        config = super(NoisyLinear, self).get_config()
        config.update({'output_dim': self.output_dim,
                       'noise_stddev': self.noise_stddev})

        return config


def build_model():
    model = keras.Sequential([
        keras.Input((2,)),
        NoisyLinear(4, noise_stddev=0.1),
        keras.layers.Dense(units=4, activation='relu'),
        keras.layers.Dense(units=4, activation='relu'),
        keras.layers.Dense(units=1, activation='sigmoid')])
    return model
