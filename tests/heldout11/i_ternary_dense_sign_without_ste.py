"""First TernaryDense proposal for Keras 3: the kernel reaches the output only through sign(), so it never trains.

The PR adds a BitNet-b1.58 style `TernaryDense` to Keras 3. In the version first submitted,
`call()` ternarizes the float kernel with `ops.where(ops.abs(w) > threshold, ops.sign(w), 0)`
(threshold = 0.7 * mean|w|) and multiplies the inputs by that; no straight-through estimator and no
`beta` scale. The review points out that `sign` "has zero gradient", so the float kernel, although
created with `add_weight` and listed in `trainable_weights`, receives an all-zero gradient and
only the bias learns. The merged version adds `w + stop_gradient(q(w) - w)`.
"""

SOURCE = "https://github.com/keras-team/keras/pull/22960"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py i_ternary_dense_sign_without_ste.py:
as returned: Functional, count_params() = 6922, 6 weights, unbuilt: none
after call: count_params() = 6922, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ternary_1': 2112, 'ternary_2': 4160}
second call: 0 variables watched that the first call did not use
Own scripts (/tmp/mine11a/grad.py, fit.py): the gradient is not None but all-zero for both ternary kernels (max|g| = 0 for ternary_1/kernel and ternary_2/kernel, vs 114 and 29.4 for their biases); one model.fit step (SGD, mse) changes 4 of 6 trainable weights - the two TernaryDense kernels never move."""

import keras
from keras import activations, constraints, initializers, ops, regularizers
from keras.layers import InputSpec, Layer


class TernaryDense(Layer):
    """Densely-connected layer whose kernel is constrained to {-1, 0, +1}."""

    def __init__(self, units, threshold=None, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        if not isinstance(units, int) or units <= 0:
            raise ValueError(f"Received an invalid value for `units`. Received: units={units}")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = units
        self.threshold = threshold
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernel = self.add_weight(
            name="kernel", shape=(input_dim, self.units), initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint,
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.units,), initializer=self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def _threshold(self, w):
        if self.threshold is not None:
            return self.threshold
        return 0.7 * ops.mean(ops.abs(w))

    def _ternarize(self, w):
        return ops.where(ops.abs(w) > self._threshold(w), ops.sign(w), ops.zeros_like(w))

    def call(self, inputs):
        kernel = self._ternarize(self.kernel)
        x = ops.matmul(inputs, kernel)
        if self.bias is not None:
            x = ops.add(x, self.bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def get_config(self):
        base_config = super().get_config()
        config = {
            "units": self.units,
            "threshold": self.threshold,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
        }
        return {**base_config, **config}


def build_model():
    inputs = keras.Input((32,))
    x = TernaryDense(64, activation="relu", name="ternary_1")(inputs)
    x = TernaryDense(64, activation="relu", name="ternary_2")(x)
    outputs = keras.layers.Dense(10, name="head")(x)
    return keras.Model(inputs, outputs, name="ternary_mlp")
