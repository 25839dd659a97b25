"""Dynamic routing between capsules: `stop_gradient(u_hat)` in the inner routing iterations, the plain `u_hat` in the last one.

The reader asks "Why stop the gradient of u_hat? I don't think W can be updated in that case." The
stopped copy is used only to compute the routing coefficients; the final iteration uses `u_hat`
itself, so the transformation matrix W gets its gradient.
"""

SOURCE = "https://github.com/bourdakos1/capsule-networks/issues/9"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_capsule_routing_stop_gradient_inner_iterations.py:
as returned: Functional, count_params() = 40960, 1 weights, unbuilt: none
after call: count_params() = 40960, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'capsule_layer': 40960}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


def squash(s, axis=-1):
    norm2 = ops.sum(ops.square(s), axis=axis, keepdims=True)
    return norm2 / (1.0 + norm2) * s / ops.sqrt(norm2 + 1e-7)


class CapsuleLayer(keras.layers.Layer):
    def __init__(self, num_capsules, dim_capsule, routings=3, **kwargs):
        super().__init__(**kwargs)
        self.num_capsules = num_capsules
        self.dim_capsule = dim_capsule
        self.routings = routings

    def build(self, input_shape):
        _, n_in, dim_in = input_shape
        self.W = self.add_weight(shape=(n_in, self.num_capsules, dim_in, self.dim_capsule),
                                 initializer="glorot_uniform", name="W")

    def call(self, u):
        u_hat = ops.einsum("bid,ijde->bije", u, self.W)
        u_hat_stopped = ops.stop_gradient(u_hat)
        b = ops.zeros(ops.shape(u_hat)[:3])
        for i in range(self.routings):
            c = ops.softmax(b, axis=2)
            if i == self.routings - 1:
                return squash(ops.einsum("bij,bije->bje", c, u_hat))
            v = squash(ops.einsum("bij,bije->bje", c, u_hat_stopped))
            b = b + ops.einsum("bje,bije->bij", v, u_hat_stopped)


def build_model():
    inputs = keras.Input((32, 8))
    caps = CapsuleLayer(10, 16)(inputs)
    lengths = keras.layers.Lambda(lambda v: ops.sqrt(ops.sum(ops.square(v), -1)), output_shape=(10,))(caps)
    return keras.Model(inputs, lengths)
