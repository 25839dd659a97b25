"""A tf.keras-era Tukey window layer keeps its trainable shape parameter as a `tf.Variable` and appends it to `trainable_weights`.

In a gravitational-wave detection repository, `TukeyWinLayer.__init__` creates
`self.alpha = tf.Variable(initial_alpha, trainable=self.trainable)` and `build()` registers it by
hand with `self.trainable_weights.append(self.alpha)` (or `non_trainable_weights`). On Keras 3
the `tf.Variable` is not a Keras variable, and `trainable_weights` is a freshly computed list, so
the append changes nothing: the window's shape parameter is never counted, saved or trained.
Rewritten with a smooth (differentiable) Tukey taper so the parameter reaches the output.
"""

SOURCE = "https://github.com/salvaba94/G2Net/blob/3b57335c51530c7d589a4309c56c880233056f50/src/preprocess/TukeyWinLayer.py"
CODES = ("LD003", "LD006")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py d_ported_tukey_window_alpha_appended_to_trainable_weights.py:
as returned: Functional, count_params() = 69, 4 weights, unbuilt: none
after call: count_params() = 69, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['tukey_win_layer/alpha:0']
params of the case's own layers: {'tukey_win_layer': 0}
second call: 0 variables watched that the first call did not use"""

import math

import keras
import tensorflow as tf


class TukeyWinLayer(keras.layers.Layer):
    def __init__(self, initial_alpha=0.25, **kwargs):
        super().__init__(**kwargs)
        self.alpha = tf.Variable(initial_value=initial_alpha, trainable=self.trainable,
                                 name=self.name + "/alpha", dtype="float32")

    def build(self, input_shape):
        if self.trainable:
            self.trainable_weights.append(self.alpha)
        else:
            self.non_trainable_weights.append(self.alpha)
        super().build(input_shape)

    def call(self, data):
        w_len = tf.shape(data)[1]
        position = tf.cast(tf.range(w_len), "float32") / tf.cast(w_len - 1, "float32")
        edge = tf.minimum(position, 1.0 - position)
        # Cosine taper over the first and last alpha/2 of the window, flat in between.
        ramp = tf.clip_by_value(2.0 * edge / self.alpha, 0.0, 1.0)
        window = 0.5 * (1.0 - tf.cos(math.pi * ramp))
        return data * window[None, :, None]


def build_model():
    inputs = keras.Input((64, 3))
    windowed = TukeyWinLayer(initial_alpha=0.25)(inputs)
    pooled = keras.layers.GlobalAveragePooling1D()(keras.layers.Conv1D(4, 5)(windowed))
    return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(pooled))
