"""Deep_CBRS' `ReductionLayer` stores in `self.layer` either a `WeightedSum` sublayer or a plain function, chosen by a `method` flag: with `'w-sum'` the sublayer is tracked and its weights train.

swapUniba/Deep_CBRS_Amar_Renaissance (graph recommender research) reduces the outputs of the
stacked GNN layers with `ReductionLayer(method, regularizer)`. Its `__init__` picks
`layers.Concatenate()`, `tf.add_n`, a classmethod, a `lambda` or `WeightedSum(regularizer)` and
stores whichever it picked under the same attribute `self.layer`; `call()` is `return
self.layer(inputs)`. `WeightedSum.build()` sizes its `[n_layers, 1, 1]` weight from the number of
inputs. With `method='w-sum'` the attribute holds a Layer and Keras 3 tracks it; with `'sum'` or
`'last'` it is a plain callable with nothing to track.
"""

SOURCE = "https://github.com/swapUniba/Deep_CBRS_Amar_Renaissance/blob/7b4a50ebc44d3f1a8b306065fa80556932936d21/src/layers/reduction.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okr_deep_cbrs_reduction_layer_method_flag_picks_weighted_sum_or_plain_function.py:
as returned: Functional, count_params() = 852, 9 weights, unbuilt: none
after call: count_params() = 852, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reduction_layer': 3, 'weighted_sum': 3, 'reduction_layer_1': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers


class ReductionLayer(layers.Layer):
    """Reduces outputs from previous layers of the GNN."""

    def __init__(self, method="concatenate", regularizer=None):
        super(ReductionLayer, self).__init__()
        if method == "concatenation":
            self.layer = layers.Concatenate()
        elif method == "sum":
            self.layer = tf.add_n
        elif method == "mean":
            self.layer = ReductionLayer.tensor_mean
        elif method == "w-sum":
            self.layer = WeightedSum(regularizer)
        elif method == "last":
            self.layer = lambda inputs: inputs[-1]
        else:
            raise ValueError("Reduction method not supported: " + method)

    @classmethod
    def tensor_mean(cls, inputs):
        return tf.divide(tf.add_n(inputs), len(inputs))

    def call(self, inputs, **kwargs):
        return self.layer(inputs)


class WeightedSum(layers.Layer):
    """Computes weighted sum of input tensor with learnable weights."""

    def __init__(self, regularizer=None, **kwargs):
        super(WeightedSum, self).__init__(**kwargs)
        self.w = None
        self.regularizer = regularizer

    def build(self, input_shape):
        n_layers = len(input_shape)
        self.w = self.add_weight(name="reduction-weights", shape=[n_layers, 1, 1], initializer="ones",
                                 regularizer=self.regularizer)

    def call(self, inputs, **kwargs):
        return tf.reduce_sum(tf.multiply(self.w * self.w, inputs), axis=0)


def build_model():
    x = tf.keras.Input(shape=(16,))
    h1 = layers.Dense(16, activation="relu", name="gnn_1")(x)
    h2 = layers.Dense(16, activation="relu", name="gnn_2")(h1)
    h3 = layers.Dense(16, activation="relu", name="gnn_3")(h2)
    user = ReductionLayer("w-sum")([h1, h2, h3])
    item = ReductionLayer("mean")([h1, h2, h3])
    score = layers.Dense(1, activation="sigmoid")(layers.Concatenate()([user, item]))
    return tf.keras.Model(x, score)
