"""Dense subclass keeps an extra `tf.Variable` and saves it by hand in save_own_variables().

From the Keras 3 guide on customizing saving: `LayerWithCustomVariables(keras.layers.Dense)`
creates `self.stored_variables = tf.Variable(np.random.random((10,)), ...)` in `__init__`,
multiplies the Dense output by it in `call()`, and overrides `save_own_variables` /
`load_own_variables` to write and read it under the key "variables". Save/load round-trips,
so the guide's assertion passes, but the `tf.Variable` (trainable by default) is a
backend-native variable that Keras 3 does not track: it is not in `trainable_weights`, not
counted by `count_params()`/`summary()`, and `fit()` never updates it although every forward
pass reads it (the gradient tape watches it). The manual save hides the tracking bug.
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/1423"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py m_dense_tf_variable_save_own_variables.py:
as returned: Sequential, count_params() = 11, 2 weights, unbuilt: none
after call: count_params() = 11, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['special_arr:0']
params of the case's own layers: {'layer_with_custom_variables': 11}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine12b/fitcheck.py): after 2 epochs of model.fit (adam, mse), the Dense kernel changed, stored_variables (trainable tf.Variable, 10 values, not in count_params) did not change."""

import numpy as np
import tensorflow as tf
import keras


@keras.saving.register_keras_serializable(package="my_custom_package")
class LayerWithCustomVariables(keras.layers.Dense):
    def __init__(self, units, **kwargs):
        super().__init__(units, **kwargs)
        self.stored_variables = tf.Variable(
            np.random.random((10,)), name="special_arr", dtype=tf.float32
        )

    def save_own_variables(self, store):
        super().save_own_variables(store)
        # Stores the value of the `tf.Variable` upon saving
        store["variables"] = self.stored_variables.numpy()

    def load_own_variables(self, store):
        # Assigns the value of the `tf.Variable` upon loading
        self.stored_variables.assign(store["variables"])
        # Load the remaining weights
        for i, v in enumerate(self.weights):
            v.assign(store[f"{i}"])

    def call(self, inputs):
        return super().call(inputs) * self.stored_variables


def build_model():
    model = keras.Sequential([keras.Input((10,)), LayerWithCustomVariables(1)])
    model.compile(optimizer="adam", loss="mean_squared_error")
    return model
