"""noisy-cyclegan's `ResBlock(layers.Layer)` assigns its Conv2D/BatchNormalization/ReLU in `__init__` without ever calling `super().__init__()`: the block cannot be constructed on Keras 3.

longdead-ai/noisy-cyclegan (a CycleGAN variant, tf.keras) defines its generator blocks in
`models.py` as `ResBlock(layers.Layer)` and `TransResBlock(layers.Layer)`, each an `__init__(self,
filters)` that sets `self.conv`/`self.convtrans`, `self.batchnorm` and `self.relu` and a `call()`
that chains them; neither `__init__` calls `layers.Layer.__init__`. (The file also misspells
`BatchNormalisation` and calls `self.conv1`; both are corrected here so the run reaches the
missing `super().__init__()`.) The generator stacks the blocks in a Sequential.
"""

SOURCE = "https://github.com/longdead-ai/noisy-cyclegan/blob/5329a90fedfb91665a1e118315dccd0dba9812ff/models.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/r_noisy_cyclegan_resblock_never_calls_layer_init.py:
build_model() raised AttributeError: 'ResBlock' object has no attribute 'name'"""

import tensorflow as tf
from tensorflow.keras import Sequential, layers


class ResBlock(layers.Layer):

    def __init__(self, filters):
        self.conv = layers.Conv2D(filters, kernel_size=4, strides=2, padding="same", use_bias=False)
        self.batchnorm = layers.BatchNormalization()
        self.relu = layers.ReLU()

    def call(self, x):
        return self.relu(self.batchnorm(self.conv(x)))


class TransResBlock(layers.Layer):

    def __init__(self, filters):
        self.convtrans = layers.Conv2DTranspose(filters, kernel_size=4, strides=2, padding="same", use_bias=False)
        self.batchnorm = layers.BatchNormalization()
        self.relu = layers.ReLU()

    def call(self, x):
        return self.relu(self.batchnorm(self.convtrans(x)))


def build_model():
    generator = Sequential([
        layers.Input(shape=(32, 32, 3)),
        ResBlock(16),
        ResBlock(32),
        TransResBlock(16),
        TransResBlock(3),
    ])
    return generator
