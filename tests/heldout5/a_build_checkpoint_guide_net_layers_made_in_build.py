"""The checkpoint guide's `Net`, changed to create its Dense in `build()`, then `net.build([1,])` before saving weights.

tensorflow#39540: the reporter took the `Net(tf.keras.Model)` of the TensorFlow checkpointing guide
and moved its state from `__init__` into an overridden `build()`: `self.l1 = Dense(5)` plus a
`tf.Variable` "dummy", then called `net.build([1,])` and `net.save_weights(...)`, which failed
with "Weights for model net have not yet been created". An overridden `build()` replaces the
default one that would have traced `call()`, so nothing ever builds `l1`: it is created but stays
unbuilt with no kernel, and the model claims to be built. (The `tf.Variable` is a second problem
on Keras 3: a backend variable, not tracked by the model at all.)
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/39540"
CODES = ("LD005", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py a_build_checkpoint_guide_net_layers_made_in_build.py:
built layers
as returned: Net, count_params() = 0, 0 weights, unbuilt: ['Dense:dense']
no inputs known: not called
extra check (python: net.save_weights('easy_checkpoint.weights.h5') after build_model(), then list the h5 datasets):
the save succeeds silently and the file holds no dataset at all; net.weights == [] (the dummy tf.Variable is not
among them)."""

import tensorflow as tf


class Net(tf.keras.Model):
    """A simple linear model."""

    def __init__(self):
        super(Net, self).__init__()
        # self.l1 = tf.keras.layers.Dense(5)

    def build(self, input_shape):
        self.l1 = tf.keras.layers.Dense(5)
        self.dummy = tf.Variable(trainable=True, initial_value=tf.keras.initializers.glorot_normal()(shape=(1,), dtype=tf.float32))
        print("built layers")

    def call(self, x):
        return self.l1(x)


def build_model():
    net = Net()
    net.build([1])  # the report then calls net.save_weights('easy_checkpoint')
    return net
