"""QKeras-style linear quantizer: `x + stop_gradient(round(x) - x)` applied to the kernel in `call()`.

From the QKeras pull request introducing `quantized_linear` (google/qkeras #118): "for backprop
purposes, the quantizer uses the straight-through estimator for the rounding step", i.e. the
rounded kernel is computed as `x + K.stop_gradient(q(x) - x)`. A `stop_gradient` and a `round`
both appear on the weight path, which reads like a kernel that never gets a gradient, but the
identity term carries the gradient: the kernel and the learned quantization scale both train.
Ported to Keras 3 with `keras.ops` in a QDense layer that owns a trainable per-layer scale.
"""

SOURCE = "https://github.com/google/qkeras/pull/118"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okw_qkeras_linear_quantizer_stop_gradient_ste.py:
as returned: Functional, count_params() = 514, 6 weights, unbuilt: none
after call: count_params() = 514, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'q_dense': 313, 'q_dense_1': 201}
second call: 0 variables watched that the first call did not use
own probe (/tmp/mine9b/gradnorm.py): non-zero gradient norms for both kernels (0.16, 0.11) and
both quantization scales (0.063, 0.043)."""

import keras
from keras import ops


def _round_ste(x):
    """Round with a straight-through gradient."""
    return x + ops.stop_gradient(ops.round(x) - x)


class quantized_linear:
    """Callable quantizer object in the QKeras style (not a Layer)."""

    def __init__(self, bits=4, integer=1, symmetric=True, keep_negative=True):
        self.bits = bits
        self.integer = integer
        self.symmetric = symmetric
        self.keep_negative = keep_negative

    @property
    def clip_bounds(self):
        n = 2 ** (self.bits - 1)
        low = -n + (1 if self.symmetric else 0) if self.keep_negative else 0
        return low, n - 1

    def __call__(self, x, quantization_scale):
        clip_min, clip_max = self.clip_bounds
        scaled = x / quantization_scale
        clipped = ops.clip(scaled, clip_min, clip_max)
        # straight-through estimator around the rounding step only
        return _round_ste(clipped) * quantization_scale

    def get_config(self):
        return {"bits": self.bits, "integer": self.integer, "symmetric": self.symmetric}


class QDense(keras.layers.Layer):
    def __init__(self, units, kernel_quantizer=None, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel_quantizer = kernel_quantizer or quantized_linear()
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[-1], self.units), initializer="glorot_uniform"
        )
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")
        self.quantization_scale = self.add_weight(
            name="quantization_scale", shape=(), initializer=keras.initializers.Constant(0.1)
        )

    def call(self, inputs):
        quantized_kernel = self.kernel_quantizer(self.kernel, self.quantization_scale)
        return self.activation(ops.matmul(inputs, quantized_kernel) + self.bias)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "kernel_quantizer": self.kernel_quantizer.get_config()})
        return config


def build_model():
    inputs = keras.Input(shape=(12,))
    x = QDense(24, kernel_quantizer=quantized_linear(bits=4), activation="relu")(inputs)
    x = QDense(8, kernel_quantizer=quantized_linear(bits=8, symmetric=False))(x)
    outputs = keras.layers.Activation("softmax")(x)
    return keras.Model(inputs, outputs)
