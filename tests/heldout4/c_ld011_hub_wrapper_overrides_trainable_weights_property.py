"""A TF-Hub-style wrapper layer exposes a wrapped `tf.Module`'s variables by overriding `trainable_weights`.

The pull request makes `hub.KerasLayer` work on Keras 3 / TF 2.16+: instead of the removed
`_add_existing_weight`, it collects the loaded module's `tf.Variable`s into its own lists
`_hub_trainable_weights` / `_hub_non_trainable_weights` and overrides the `trainable_weights`
and `non_trainable_weights` properties to return them, "to properly expose hub weights to the
Keras layer system". Rewritten with a small in-process `tf.Module` in place of a downloaded
SavedModel, used as the feature extractor of a functional classifier.
"""

SOURCE = "https://github.com/tensorflow/hub/pull/930"
CODES = ("LD011", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py c_ld011_hub_wrapper_overrides_trainable_weights_property.py:
as returned: Functional, count_params() = 10, 2 weights, unbuilt: none
after call: count_params() = 10, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['kernel:0', 'bias:0']
params of the case's own layers: {'keras_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


class TextEncoderModule(tf.Module):
    """Stands in for `hub.load(handle)`: a module that owns its variables."""

    def __init__(self, in_dim=8, out_dim=4):
        super().__init__()
        self.kernel = tf.Variable(tf.random.normal((in_dim, out_dim), stddev=0.1), name="kernel")
        self.bias = tf.Variable(tf.zeros((out_dim,)), name="bias")

    def __call__(self, x):
        return tf.nn.relu(tf.matmul(x, self.kernel) + self.bias)


class KerasLayer(keras.layers.Layer):
    def __init__(self, handle, trainable=True, **kwargs):
        super().__init__(trainable=trainable, **kwargs)
        self._func = handle
        self._hub_trainable_weights = []
        self._hub_non_trainable_weights = []
        for v in self._func.variables:
            if v.trainable and trainable:
                self._hub_trainable_weights.append(v)
            else:
                self._hub_non_trainable_weights.append(v)

    @property
    def trainable_weights(self):
        return self._hub_trainable_weights if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return self._hub_non_trainable_weights
        return self._hub_trainable_weights + self._hub_non_trainable_weights

    def call(self, inputs):
        return self._func(inputs)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 4)


def build_model():
    inputs = keras.Input((8,))
    features = KerasLayer(TextEncoderModule(), trainable=True)(inputs)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(features))
