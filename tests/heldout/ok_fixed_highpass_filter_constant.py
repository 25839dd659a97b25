"""A steganalysis front end whose 5x5 KV high-pass kernel is a constant by design, applied in `call()`.

The audio/image steganalysis code keeps the "KV" residual filter as `tf.constant` and convolves every
input with it before the learned layers. The filter is deliberately fixed: it is not a weight.
"""

SOURCE = "https://github.com/Charleswyt/tf_audio_steganalysis/blob/master/src/filters.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_fixed_highpass_filter_constant.py:
as returned: Functional, count_params() = 98, 4 weights, unbuilt: none
after call: count_params() = 98, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'high_pass': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops

KV = [-1, 2, -2, 2, -1, 2, -6, 8, -6, 2, -2, 8, -12, 8, -2, 2, -6, 8, -6, 2, -1, 2, -2, 2, -1]


class HighPass(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.kv_kernel = ops.reshape(ops.convert_to_tensor(KV, dtype="float32") / 12.0, (5, 5, 1, 1))

    def call(self, x):
        return ops.conv(x, self.kv_kernel, padding="same")


def build_model():
    inputs = keras.Input((64, 64, 1))
    x = HighPass()(inputs)
    x = keras.layers.Conv2D(8, 3, activation="relu")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
