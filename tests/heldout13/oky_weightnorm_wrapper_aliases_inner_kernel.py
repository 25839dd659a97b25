"""Weight-normalisation Wrapper that keeps `self.v = self.layer.kernel` and a new `g` on the wrapper.

From the review of the TF-Addons WeightNorm wrapper: "move the weights v and g to the wrapper
itself" -- `v` is an alias of the wrapped layer's kernel, `g` is a fresh add_weight on the
wrapper, build() only creates weights and call() recomputes the normalised kernel.  Written here
as a Keras 3 port that does the matmul itself instead of re-assigning `layer.kernel`.  The alias
looks like a second copy of the kernel (double counting) or an untracked handle; it is neither.
"""

SOURCE = "https://github.com/tensorflow/addons/pull/208"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oky_weightnorm_wrapper_aliases_inner_kernel.py:
as returned: Functional, count_params() = 232, 6 weights, unbuilt: none
after call: count_params() = 232, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'weight_normalization': 160, 'weight_normalization_1': 72}
second call: 0 variables watched that the first call did not use
Counts are exact: 8*16+16 (kernel v + bias) + 16 (g) = 160 and 16*4+4+4 = 72; the alias v is de-duplicated, not counted twice, and every weight gets a gradient."""

import keras
from keras import ops


class WeightNormalization(keras.layers.Wrapper):
    """Decouple the magnitude of a Dense kernel from its direction: w = g * v / ||v||."""

    def __init__(self, layer, data_init=False, **kwargs):
        super(WeightNormalization, self).__init__(layer, **kwargs)
        self.data_init = data_init
        self._initialized = False

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
        if not hasattr(self.layer, "kernel"):
            raise ValueError("`WeightNormalization` must wrap a layer that contains a `kernel` for weights")

        self.kernel_norm_axes = list(range(len(self.layer.kernel.shape) - 1))
        self.layer_depth = int(self.layer.kernel.shape[-1])

        self.v = self.layer.kernel
        self.g = self.add_weight(
            name="g",
            shape=(self.layer_depth,),
            initializer="ones",
            dtype=self.layer.kernel.dtype,
            trainable=True,
        )
        self.built = True

    def _compute_weights(self):
        """Generate weights by combining the direction of weight vector with its norm."""
        return self.g * (self.v / ops.sqrt(ops.sum(ops.square(self.v), axis=self.kernel_norm_axes, keepdims=True) + 1e-12))

    def call(self, inputs):
        kernel = self._compute_weights()
        outputs = ops.matmul(inputs, kernel)
        if self.layer.use_bias:
            outputs = outputs + self.layer.bias
        if self.layer.activation is not None:
            outputs = self.layer.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        config = {"data_init": self.data_init}
        base_config = super(WeightNormalization, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    inputs = keras.Input(shape=(8,))
    x = WeightNormalization(keras.layers.Dense(16, activation="relu"))(inputs)
    x = WeightNormalization(keras.layers.Dense(4))(x)
    return keras.Model(inputs, x)
