"""A factorization-machine layer creates its `w`/`v` factors as `tf.Variable`s lazily inside `call()`
(guarded by `if not self.w and not self.v`): on Keras 3 they are never tracked, so the FM model has 0
parameters, nothing is trained or saved, and the guard itself crashes on the second call.

From xu-zhiwei/easyrec (`pyrec/layers/fm.py` at the commit cited), a TF2 recommender-model collection.
The `FM` layer starts with `self.w = None; self.v = None` in `__init__` and, on the first call, reads the
input width and makes `self.w = tf.Variable(tf.random.normal((dimension, 1)))` and
`self.v = tf.Variable(tf.random.normal((dimension, k)))`, then computes the linear term plus the
square-of-sum minus sum-of-square pairwise interactions. The `FM` model (`pyrec/models/fm.py`, same
commit) feeds one-hot feature columns through `DenseFeatures` into this layer and applies a sigmoid.

Porting edits: `tf.keras.layers.DenseFeatures` (feature columns) does not exist in Keras 3, so the
model takes the already one-hot/multi-hot encoded dense vector directly (the `fm_input_layer` step is
dropped; `use_dense_feature_columns=False`, the default, so the `fc` branch is unused). `build_model()`
returns the subclassed model and a batch of 4 rows of 12 binary features; the layer is written as the
author wrote it. LD002 primary (variables created in `call()`), LD003 second (they are `tf.Variable`s,
which Keras 3 does not track at all; on tf.keras 2 the lazily created variables were tracked).
"""

SOURCE = "https://github.com/xu-zhiwei/easyrec/blob/07bfbbfeb0388e6ddc26331c525be24879dcd2cb/pyrec/layers/fm.py"
CODES = ("LD002", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/ap_pyrec_fm_layer_tf_variables_created_lazily_in_call.py:
as returned: FMModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['FM:fm']
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['fm_model/fm/Variable:0', 'fm_model/fm/Variable:0']
params of the case's own layers: {'fm': 0}
call 2 raised ValueError: Exception encountered when calling FM.call().
Own probe (probe_pyrec.py): after the first call model.weights is empty while fm.w is a ResourceVariable of shape (12, 1); the second call raises ValueError 'The truth value of an array with more than one element is ambiguous' from the `if not self.w` guard."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.activations import sigmoid


class FM(tf.keras.layers.Layer):
    """
    Factorization machine layer using vector w and matrix v.
    """

    def __init__(self, k):
        super(FM, self).__init__()
        self.k = k
        self.w = None
        self.v = None

    def call(self, inputs, *args, **kwargs):
        if not self.w and not self.v:
            dimension = inputs.shape[1]
            self.w = tf.Variable(tf.random.normal(shape=(dimension, 1)))
            self.v = tf.Variable(tf.random.normal(shape=(dimension, self.k)))

        logits = tf.squeeze(tf.matmul(inputs, self.w))
        square_of_sum = tf.square(tf.matmul(inputs, self.v))
        sum_of_square = tf.matmul(tf.square(inputs), tf.square(self.v))
        logits += 0.5 * tf.reduce_sum(square_of_sum - sum_of_square, axis=1)
        return logits


class FMModel(tf.keras.models.Model):
    """Factorization Machines (pyrec/models/fm.py, DenseFeatures input step dropped for Keras 3)."""

    def __init__(self, k=16, use_dense_feature_columns=False):
        super(FMModel, self).__init__()
        self.use_dense_feature_columns = use_dense_feature_columns
        self.fm = FM(k=k)

    def call(self, inputs, training=None, mask=None):
        logits = self.fm(inputs)
        return sigmoid(logits)


def build_model():
    rng = np.random.default_rng(0)
    inputs = (rng.random((4, 12)) > 0.7).astype("float32")
    return FMModel(k=4), inputs
