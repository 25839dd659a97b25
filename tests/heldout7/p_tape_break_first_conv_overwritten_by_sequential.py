"""A subclassed MyModel assigns `self._l1 = Conv2D(...)` and then reassigns `self._l1` to a Sequential branch: the first Conv2D stays tracked but is never called.

From a TensorFlow Forum thread asking where the gradient tape breaks in a three-headed image
classifier trained with a custom GradientTape loop. In `__init__` the author first writes
`self._l1 = tf.keras.layers.Conv2D(filters=64, kernel_size=3)` and, on the next statement,
overwrites `self._l1` with a `Sequential([Conv2D, GlobalAveragePooling2D, Dense(10)])`; `_l2` and
`_l3` are two more such branches, and `call` stacks the three logits. The leftover Conv2D is
still in the model's layer list, is never called by `call`, and stays unbuilt: the model carries a
layer that will never have weights. Rewritten for Keras 3 (smaller images so it runs fast).
"""

SOURCE = "https://discuss.tensorflow.org/t/where-does-the-tape-break-after-all/20305"
CODES = ("LD005",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py p_tape_break_first_conv_overwritten_by_sequential.py:
as returned: MyModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', 'Sequential:sequential', 'Dense:dense', 'Conv2D:conv2d_1', 'Sequential:sequential_1', 'Dense:dense_1', 'Conv2D:conv2d_2', 'Sequential:sequential_2', 'Dense:dense_2', 'Conv2D:conv2d_3']
after call: count_params() = 7326, 12 trainable weights, unbuilt: ['Conv2D:conv2d']; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class MyModel(tf.keras.Model):
    def __init__(self):
        super(MyModel, self).__init__()
        self._l1 = tf.keras.layers.Conv2D(filters=64, kernel_size=3)
        self._l1 = tf.keras.Sequential([
            tf.keras.layers.Conv2D(filters=64, kernel_size=3),
            tf.keras.layers.GlobalAveragePooling2D(keepdims=False),
            tf.keras.layers.Dense(units=10),
        ])
        self._l2 = tf.keras.Sequential([
            tf.keras.layers.Conv2D(filters=64, kernel_size=3),
            tf.keras.layers.GlobalAveragePooling2D(keepdims=False),
            tf.keras.layers.Dense(units=10),
        ])
        self._l3 = tf.keras.Sequential([
            tf.keras.layers.Conv2D(filters=64, kernel_size=3),
            tf.keras.layers.GlobalAveragePooling2D(keepdims=False),
            tf.keras.layers.Dense(units=10),
        ])

    def call(self, inputs, training=None, mask=None):
        y1 = self._l1(inputs)
        y2 = self._l2(inputs)
        y3 = self._l3(inputs)
        out = tf.stack([y1, y2, y3])
        return out


def build_model():
    model = MyModel()
    images = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    return model, images
