"""A `tf.Module` that wraps a trained Keras model only to export a serving signature with `tf.function`.

The SavedModel guide wraps models in a `tf.Module` with a `@tf.function(input_signature=...)` method
for serving. The Keras model keeps its own weights; the module adds no layer or variable of its own,
and `build_model` returns the Keras model itself.
"""

SOURCE = "https://www.tensorflow.org/guide/saved_model"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_tf_module_serving_wrapper.py:
as returned: Sequential, count_params() = 178, 4 weights, unbuilt: none
after call: count_params() = 178, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras


class ServingModule(tf.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 8], tf.float32)])
    def serve(self, x):
        return {"scores": self.model(x, training=False)}


def build_model():
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(2)])
    module = ServingModule(model)
    module.serve(tf.zeros((1, 8)))
    return model
