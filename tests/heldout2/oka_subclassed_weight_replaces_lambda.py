"""Correct: the trainable matrix lives in a subclassed layer (`add_weight`), as the Lambda docs recommend.

The report followed the advice to make the variable a weight of a subclassed layer instead of
closing over it in a Lambda, yet TF 2.4 still warned "Variables were used a Lambda layer's call
(tf.linalg.matmul_7)" because the layer's output went through raw TF ops in the functional model.
On Keras 3 the weight is tracked and trained; the ops after it are plain functional ops.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/48535"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_subclassed_weight_replaces_lambda.py:
as returned: Functional, count_params() = 15, 1 weights, unbuilt: none
after call: count_params() = 15, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'learned_matrix': 15}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class LearnedMatrix(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.matrix = self.add_weight(shape=(input_shape[-1], self.units), name="matrix")

    def call(self, inputs):
        return ops.matmul(inputs, self.matrix)


def build_model():
    inputs = keras.Input((5,))
    projected = LearnedMatrix(3)(inputs)
    scores = ops.matmul(projected, ops.transpose(projected))
    return keras.Model(inputs, ops.tanh(scores))
