"""DeepFM's small `ReduceLayer` (sum over the field axis) never calls `super().__init__()`.

The recommender-system course code builds the FM second-order term with a functional model and a
tiny custom `ReduceLayer(axis, op)` whose `__init__` only stores `axis`/`op`. Users running it got
"RuntimeError: You must call `super().__init__()` in the layer constructor"; the fix added the call.
On Keras 3 the model cannot even be wired.
"""

SOURCE = "https://github.com/wzhe06/SparrowRecSys/pull/34"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
build_model() raises when ReduceLayer(1) is first called on the stacked field embeddings:
RuntimeError: In layer 'ReduceLayer', you forgot to call `super().__init__()` as the first statement
in the `__init__()` method. Go add it!"""

import tensorflow as tf
from tensorflow import keras


class ReduceLayer(keras.layers.Layer):
    def __init__(self, axis, op="sum", **kwargs):
        self.axis = axis
        self.op = op
        assert self.op in ["sum", "mean"]

    def build(self, input_shape):
        pass

    def call(self, input, **kwargs):
        if self.op == "sum":
            return tf.reduce_sum(input, axis=self.axis)
        return tf.reduce_mean(input, axis=self.axis)


def build_model(num_fields=3, emb_dim=8):
    inputs = [keras.Input(shape=(4,), name=f"field_{i}") for i in range(num_fields)]
    embedded = [keras.layers.Reshape((1, emb_dim))(keras.layers.Dense(emb_dim)(x)) for x in inputs]
    fm_input = keras.layers.Concatenate(axis=1)(embedded)
    sum_feature = ReduceLayer(1)(fm_input)
    sum_square = keras.layers.multiply([sum_feature, sum_feature])
    square_sum = ReduceLayer(1)(keras.layers.multiply([fm_input, fm_input]))
    fm_out = keras.layers.subtract([sum_square, square_sum])
    output = keras.layers.Dense(1, activation="sigmoid")(fm_out)
    return keras.Model(inputs, output)
