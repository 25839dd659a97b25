"""The lecture-slide `MyRNNCell` creates its three weight matrices with `add_weight` in `__init__` from a hand-given `input_dim`: the cell only fits that one input size.

From shashi4bs/BLOGS (`b03/rnn.py`, a blog post's copy of the "RNN from scratch" cell of MIT 6.S191's
TensorFlow lecture). `MyRNNCell(tf.keras.layers.Layer).__init__(rnn_units, input_dim, output_dim)` calls
`self.add_weight([rnn_units, input_dim])` (and `[rnn_units, rnn_units]`, `[rnn_units, output_dim]`) right after
`super().__init__()`, keeps its hidden state as `self.h = tf.zeros([rnn_units, 1])`, and in `call(x)` reassigns
`self.h` and returns `(output, self.h)`. The input size is fixed by hand at construction instead of read in
`build(input_shape)` (LD004): the weights exist, are counted and trained, but the layer breaks for any other input
size (and cannot be reused or wrapped in `keras.layers.RNN`, which builds cells from the input shape). Doubt kept:
the cell also stores its recurrent state on `self` as a raw tensor and updates it in `call()`; it is state, not a
weight, so it is not labelled LD001/LD002 here.

Porting edits: none to the class beyond `tf.keras` -> `keras` (tabs kept as spaces). `build_model()` builds
`MyRNNCell(rnn_units=8, input_dim=8, output_dim=8)` (the slide's elementwise products need equal sizes to
broadcast) and returns it with one 8-vector input step.
"""

SOURCE = "https://github.com/shashi4bs/BLOGS/blob/301a0c635e92943319a6d3033f88cb1cc71c3b33/b03/rnn.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bd_shashi4bsblogs_myrnncell_add_weight_in_init_from_hand_given_input_dim.py:
as returned: MyRNNCell, count_params() raised ValueError (layer not built yet), 3 weights, unbuilt: none
after call: count_params() = 192, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_bd_myrnncell.py): before any call the three (8, 8) weights already exist (built False); calling the
cell on a 5-feature input raises InvalidArgumentError "Incompatible shapes: [8,8] vs. [5]" in MyRNNCell.call()."""

import numpy as np
import tensorflow as tf
import keras


class MyRNNCell(keras.layers.Layer):
    def __init__(self, rnn_units, input_dim, output_dim):
        super(MyRNNCell, self).__init__()

        self.W_xh = self.add_weight([rnn_units, input_dim])
        self.W_hh = self.add_weight([rnn_units, rnn_units])
        self.W_hy = self.add_weight([rnn_units, output_dim])

        self.h = tf.zeros([rnn_units, 1])

    def call(self, x):
        self.h = tf.math.tanh(self.W_hh * self.h + self.W_xh * x)
        output = self.W_hy * self.h

        return output, self.h


def build_model():
    cell = MyRNNCell(rnn_units=8, input_dim=8, output_dim=8)
    x = np.random.default_rng(0).random((8,)).astype("float32")
    return cell, x
