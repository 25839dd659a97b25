"""Weight-normalization wrapper that aliases the wrapped layer's kernel (`self.v = self.layer.kernel`) and adds a gain `g`.

The tensorflow/addons WeightNormalization wrapper keeps a second reference to the inner layer's
kernel as `self.v`, creates the gain `self.g` with add_weight in build(), and computes the
normalized kernel as a tensor in call, feeding it to the op itself instead of writing it back to
the layer. The user in the issue could not see where the variables were tracked. Looks like
double tracking of `v` and a shadowed kernel; on Keras 3 `v` is counted once and both `v` and `g`
get gradients.
"""

SOURCE = "https://github.com/tensorflow/addons/issues/473"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py okt_weight_norm_kernel_alias.py:
as returned: Functional, count_params() = 178, 6 weights, unbuilt: none
after call: count_params() = 178, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'weight_norm_dense': 160, 'weight_norm_dense_1': 18}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class WeightNormDense(keras.layers.Wrapper):
    """Weight normalization (Salimans & Kingma) for a wrapped Dense layer."""

    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.is_rnn = False

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel = self.layer.kernel
        self.layer_depth = int(kernel.shape[-1])
        self.kernel_norm_axes = list(range(len(kernel.shape) - 1))
        self.v = self.layer.kernel
        self.g = self.add_weight(name="g", shape=(self.layer_depth,), initializer="ones",
                                 dtype=kernel.dtype, trainable=True)
        super().build(input_shape)

    def call(self, inputs):
        g = ops.reshape(self.g, (1,) * len(self.kernel_norm_axes) + (self.layer_depth,))
        norm = ops.sqrt(ops.sum(ops.square(self.v), axis=self.kernel_norm_axes, keepdims=True))
        kernel = self.v / norm * g
        outputs = ops.matmul(inputs, kernel)
        if self.layer.use_bias:
            outputs = outputs + self.layer.bias
        return self.layer.activation(outputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def build_model():
    inputs = keras.Input(shape=(8,))
    x = WeightNormDense(keras.layers.Dense(16, activation="relu"))(inputs)
    outputs = WeightNormDense(keras.layers.Dense(1))(x)
    return keras.Model(inputs, outputs)
