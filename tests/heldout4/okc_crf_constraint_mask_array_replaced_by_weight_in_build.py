"""A CRF layer keeps the NumPy constraint mask on `self` in `__init__` and replaces it by a frozen weight in `build()`.

The pull request "create the CRF weights in the build like a good keras layer" moved the CRF's
transition matrix and its constraint masks out of `__init__`: the constructor now stores the mask
array (scaled by -1e4) on `self.inv_mask`, and `build()` overwrites that attribute with a
non-trainable weight initialised from it. A raw array on `self` in `__init__` looks like
untracked state, but it only lives until `build()`; the transitions are a trainable weight.
Rewritten for Keras 3 with a tagger head and a Viterbi-free scoring `call()`.
"""

SOURCE = "https://github.com/mead-ml/mead-baseline/pull/590"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py okc_crf_constraint_mask_array_replaced_by_weight_in_build.py:
as returned: Functional, count_params() = 85, 4 weights, unbuilt: none
after call: count_params() = 85, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'crf': 50}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import ops


class CRF(keras.layers.Layer):
    def __init__(self, num_tags, constraint_mask=None, **kwargs):
        super().__init__(**kwargs)
        self.num_tags = num_tags
        self.A = None
        self.inv_mask = None
        if constraint_mask is not None:
            self.inv_mask = constraint_mask * -1e4

    def build(self, input_shape):
        self.A = self.add_weight(shape=(self.num_tags, self.num_tags), initializer="zeros", name="transitions")
        if self.inv_mask is not None:
            self.inv_mask = self.add_weight(shape=(self.num_tags, self.num_tags), trainable=False,
                                            initializer=keras.initializers.Constant(self.inv_mask),
                                            name="inverse_constraint_mask")

    @property
    def transitions(self):
        if self.inv_mask is not None:
            return self.A + self.inv_mask
        return self.A

    def call(self, unary):
        # Score of each tag at t given the previous step's tag scores: a soft forward pass.
        previous = ops.expand_dims(unary[:, :-1, :], -1)
        pairwise = previous + ops.expand_dims(self.transitions, 0)
        return unary[:, 1:, :] + ops.logsumexp(pairwise, axis=2)


def build_model():
    num_tags = 5
    mask = np.zeros((num_tags, num_tags), dtype="float32")
    mask[0, 4] = 1.0  # "O" may not be followed by "I-": an illegal transition
    tokens = keras.Input((7, 6))
    unary = keras.layers.Dense(num_tags)(tokens)
    return keras.Model(tokens, CRF(num_tags, constraint_mask=mask)(unary))
