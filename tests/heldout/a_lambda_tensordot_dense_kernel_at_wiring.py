"""A projection written as `tensordot(features, dense.kernel)` + bias while wiring a functional model.

The report wired a ResNet50 feature extractor into `tf.tensordot(x, dense.kernel)` and
`tf.nn.bias_add(..., dense.bias)` so as to reuse a Dense layer's weights by hand; tf.keras 2 wrapped
each op in an op-lambda layer and warned that `dense_1/kernel` and `dense_1/bias` were used but not
tracked. Ported to Keras 3 with `keras.ops` (a small conv stack instead of the downloaded ResNet).
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/49901"
CODES = ("LD012",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_lambda_tensordot_dense_kernel_at_wiring.py:
as returned: Functional, count_params() = 5220, 6 weights, unbuilt: none
after call: count_params() = 5220, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 2 variables the model does not track: ['dense/kernel:0', 'dense/bias:0']
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def build_model():
    inputs = keras.Input((32, 32, 3))
    x = layers.Conv2D(16, 3, activation="relu")(inputs)
    x = layers.Conv2D(32, 3, strides=2, activation="relu")(x)
    features = layers.GlobalAveragePooling2D()(x)

    projection = layers.Dense(32)
    projection.build((None, 32))
    projected = ops.tensordot(features, projection.kernel, axes=1)
    projected = ops.add(projected, projection.bias)

    outputs = layers.Dense(4, activation="softmax")(projected)
    return keras.Model(inputs, outputs)
