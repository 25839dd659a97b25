"""The checkpoint tutorial's `Net` moved to a `build()` that only *creates* its Dense (and a dummy `tf.Variable`); after `net.build(...)` the model is "built" with 0 parameters and `save_weights()` silently writes nothing.

tensorflow/tensorflow#39540 (TF 2.2): the reporter took the `Net` model of the
"Training checkpoints" guide and, instead of creating `self.l1 = Dense(5)` in `__init__`, created
it in an overridden `build(input_shape)` together with a trainable
`self.dummy = tf.Variable(glorot_normal(...))`, called `net.build([1,])` and then
`net.save_weights(...)`, which raised "Weights for model net_10 have not yet been created". The
`build()` makes the Dense but never builds it (no `self.l1.build(input_shape)`), so nothing exists
until the first real call. On Keras 3 the same code no longer raises: `net.built` is True,
`count_params()` is 0, the Dense is unbuilt and `save_weights()` writes a file with no weights in it.
(The dummy `tf.Variable` is a second, separate problem: Keras 3 does not track it at all.)
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/39540"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/q_checkpoint_tutorial_net_creates_dense_in_build_then_saves.py:
as returned: Net, count_params() = 0, 0 weights, unbuilt: ['Dense:dense']
after call: count_params() = 10, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python, right after build_model(): net.save_weights(<tmp>/easy_checkpoint.weights.h5), then h5py lists the datasets):
net.built True, net.l1.built False, count_params() 0, net.weights [], the saved file holds no dataset; no error, no warning.
The dummy tf.Variable is in none of the weight lists before or after a call (it is not read by call(), so the tape never sees it)."""

import numpy as np
import tensorflow as tf


class Net(tf.keras.Model):
    """A simple linear model."""

    def __init__(self):
        super(Net, self).__init__()
        # self.l1 = tf.keras.layers.Dense(5)

    def build(self, input_shape):
        self.l1 = tf.keras.layers.Dense(5)
        self.dummy = tf.Variable(trainable=True,
                                 initial_value=tf.keras.initializers.glorot_normal()(shape=(1,), dtype=tf.float32))

    def call(self, x):
        return self.l1(x)


def build_model():
    net = Net()
    net.build((None, 1))  # the report calls net.build([1,]) and then net.save_weights('easy_checkpoint')
    return net, np.arange(4, dtype="float32").reshape(4, 1)
