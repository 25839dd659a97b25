"""A quantization-aware linear layer fake-quantizes its kernel and bias with NumPy (`self.w.numpy()`) inside `call()`.

The post on quantizing custom layers during QAT defines `symmetric_fake_quantize` with NumPy
(`np.round`, `np.clip`) and, in `CustomLinearLayer.call`, quantizes `self.w.numpy()` and
`self.b.numpy()` before converting them back with `tf.convert_to_tensor`. Reading `.numpy()` takes
the variables' current values as constants: called eagerly (here a subclassed model run in a
custom training step), the layer multiplies by a snapshot and `w` and `b` get no gradient; wired
into a functional model on Keras 3, the same `call()` cannot even be traced (`.numpy()` on a
symbolic call raises NotImplementedError).
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/how-can-custom-layers-be-quantized-during-quantization-aware.md"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py b_tape_fake_quantize_weights_through_numpy.py:
as returned: QatModel, count_params() = 83, 4 weights, unbuilt: none
after call: count_params() = 83, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['qat_model/custom_linear_layer/variable', 'qat_model/custom_linear_layer/variable_1']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_linear_layer': 27}
second call: 0 variables watched that the first call did not use
extra check (same _measure.py on a first draft that wired the layer into keras.Input -> Dense -> CustomLinearLayer):
build_model() raised NotImplementedError: Exception encountered when calling CustomLinearLayer.call()."""

import keras
import numpy as np
import tensorflow as tf


def symmetric_fake_quantize(x, min_val, max_val, num_bits=8):
    q_min = -(2 ** (num_bits - 1))
    q_max = (2 ** (num_bits - 1)) - 1
    scale = (max_val - min_val) / (q_max - q_min)
    return np.clip(np.round(x / scale), q_min, q_max) * scale


class CustomLinearLayer(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        quantized_w = symmetric_fake_quantize(self.w.numpy(), -2.0, 2.0)
        quantized_b = symmetric_fake_quantize(self.b.numpy(), -2.0, 2.0)
        w_tensor = tf.convert_to_tensor(quantized_w, dtype=tf.float32)
        b_tensor = tf.convert_to_tensor(quantized_b, dtype=tf.float32)
        return tf.matmul(inputs, w_tensor) + b_tensor


class QatModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.head = CustomLinearLayer(3)

    def call(self, inputs):
        return self.head(self.hidden(inputs))


def build_model():
    model = QatModel()
    inputs = np.random.RandomState(0).rand(4, 6).astype("float32")
    model(inputs)
    return model, inputs
