"""An adaptive-activation layer registers its slope by appending to `self._trainable_weights`.

The Q&A answer ("Why would you add a variable to the _trainable_weights list of a layer") explains
the trick as the way to "manually register trainable variables so that the optimizer knows to update
them", e.g. "an adaptive parameter". The author's layer (an adaptive-slope tanh used in a small
physics-informed MLP built by a helper) makes the slope with `tf.Variable` in `build()` and appends it to the
private list. On Keras 3 that private attribute does not exist and the first call fails.
"""

SOURCE = "https://errorhandle.ai/why-would-you-add-a-variable-to-the-trainable-weights-list-of-a-layer"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py f_errorhandle_adaptive_slope_private_list.py:
build_model() raised AttributeError: 'AdaptiveTanh' object has no attribute '_trainable_weights'
"""

import tensorflow as tf
from tensorflow import keras


class AdaptiveTanh(keras.layers.Layer):
    """tanh(n * a * x) with a learnable slope `a` (Jagtap et al. style)."""

    def __init__(self, n=10.0, a_init=0.1, **kwargs):
        super().__init__(**kwargs)
        self.n = n
        self.a_init = a_init

    def build(self, input_shape):
        self.a = tf.Variable(self.a_init, dtype=tf.float32, name="slope")
        self._trainable_weights.append(self.a)  # register it for the optimizer
        super().build(input_shape)

    def call(self, inputs):
        return tf.tanh(self.n * self.a * inputs)

    def get_config(self):
        config = super().get_config()
        config.update(n=self.n, a_init=self.a_init)
        return config


def pinn_mlp(width=20, depth=3):
    x_in = keras.Input(shape=(2,), name="xt")
    h = x_in
    for i in range(depth):
        h = keras.layers.Dense(width, name=f"hidden_{i}")(h)
        h = AdaptiveTanh(name=f"act_{i}")(h)
    u = keras.layers.Dense(1, name="u")(h)
    return keras.Model(x_in, u, name="pinn")


def build_model():
    return pinn_mlp()
