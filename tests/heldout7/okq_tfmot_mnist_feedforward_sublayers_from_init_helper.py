"""A custom `MnistFeedForward` layer builds its Conv2D/MaxPool/Flatten sublayers in a private `_build()` helper called from `__init__`, and multiplies by a NumPy ones-mask made inside `call()`: correct on Keras 3.

tensorflow/model-optimization#756 asks for quantization support of custom layers composed of standard
Keras layers. The reporter's example layer calls `self._build()` from `__init__` (not Keras's
`build()`) to create `self.conv2d`, `self.pool` and `self.reshape`; `call()` runs them inside a
`tf.compat.v1.variable_scope("subnet")` and then multiplies by `tf.constant(np.ones(...))` "just to
test if constant muls are supported". The sublayers are assigned to `self` in `__init__`, so Keras
tracks them and builds them on the first call; the mask is a per-call constant, not state. The
model trains every weight; the trouble in the issue was tfmot's `quantize_apply` not knowing the
class, not Keras.
"""

SOURCE = "https://github.com/tensorflow/model-optimization/issues/756"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okq_tfmot_mnist_feedforward_sublayers_from_init_helper.py:
as returned: Functional, count_params() = 20410, 4 weights, unbuilt: none
after call: count_params() = 20410, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mnist_feedforward': 120}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class MnistFeedForward(layers.Layer):
    def __init__(self, name: str = "mnist_feedforward", **kwargs) -> None:
        super().__init__(name=name)
        self._build()

    def _build(self) -> None:
        self.conv2d = layers.Conv2D(
            filters=12,
            kernel_size=(3, 3),
            activation="relu",
            name="MFF_conv2d",
        )
        self.pool = layers.MaxPool2D(pool_size=(2, 2), name="MFF_maxpool")
        self.reshape = layers.Flatten()

    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        with tf.compat.v1.variable_scope("subnet"):
            x = self.conv2d(inputs)
            x = self.pool(x)
            x = self.reshape(x)

        # This is a no-op, just to test if constant muls are supported by the quantization framework
        mask = np.ones(x.shape[1], np.float32)
        output = tf.constant(mask) * x
        return output


def build_model():
    inputs = tf.keras.Input(shape=(28, 28, 1))
    features = MnistFeedForward()(inputs)
    outputs = layers.Dense(10)(features)
    return tf.keras.Model(inputs, outputs)
