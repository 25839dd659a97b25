"""A Padé rational KAN activation whose Jacobi shape parameters are only read inside `for deg in range(2, degree_p)`.

The rKAN report: the README's TensorFlow example warned "Gradients do not exist for variables
['pade_rkan/alpha_p', 'pade_rkan/beta_p', 'pade_rkan/zeta_p']" and the loss went to nan. With
`degree_p=2` the loop that uses `alpha_p`, `beta_p` and `zeta_p` never runs, so those weights are
created, counted and never touch the output. A Keras 3 version of the layer (simplified Jacobi
term) in a small regression model.
"""

SOURCE = "https://github.com/alirezaafzalaghaei/rKAN/issues/1"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_tape_pade_rkan_low_degree_unused_params.py:
as returned: Functional, count_params() = 39, 12 weights, unbuilt: none
after call: count_params() = 39, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 3 of 12 trainable weights: ['pade_rkan/alpha_p', 'pade_rkan/beta_p', 'pade_rkan/zeta_p']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pade_rkan': 14}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


def shifted_jacobi_term(x, degree, alpha, beta, zeta):
    """A stand-in for the shifted Jacobi polynomial: smooth in alpha, beta, zeta."""
    t = zeta + (1.0 - zeta) * x
    return ops.power(t, degree) * (alpha + beta) - ops.power(t, degree - 1) * beta


class PadeRKAN(keras.layers.Layer):
    def __init__(self, degree_p, degree_q, **kwargs):
        super().__init__(**kwargs)
        self.degree_p = degree_p
        self.degree_q = degree_q

    def build(self, input_shape):
        self.alpha_p = self.add_weight(name="alpha_p", shape=(1,), initializer="ones")
        self.beta_p = self.add_weight(name="beta_p", shape=(1,), initializer="ones")
        self.zeta_p = self.add_weight(name="zeta_p", shape=(1,), initializer="zeros")
        self.w_p = self.add_weight(name="w_p", shape=(self.degree_p,), initializer="ones")
        self.alpha_q = self.add_weight(name="alpha_q", shape=(1,), initializer="ones")
        self.beta_q = self.add_weight(name="beta_q", shape=(1,), initializer="ones")
        self.zeta_q = self.add_weight(name="zeta_q", shape=(1,), initializer="zeros")
        self.w_q = self.add_weight(name="w_q", shape=(self.degree_q,), initializer="ones")

    def call(self, inputs):
        x = ops.sigmoid(inputs)
        alpha_p, beta_p = ops.elu(self.alpha_p), ops.elu(self.beta_p)
        zeta_p = ops.sigmoid(self.zeta_p)
        alpha_q, beta_q = ops.elu(self.alpha_q), ops.elu(self.beta_q)
        zeta_q = ops.sigmoid(self.zeta_q)

        p = self.w_p[0] + self.w_p[1] * x
        for deg in range(2, self.degree_p):
            p = p + self.w_p[deg] * shifted_jacobi_term(x, deg, alpha_p, beta_p, zeta_p)
        q = self.w_q[0] + self.w_q[1] * x
        for deg in range(2, self.degree_q):
            q = q + self.w_q[deg] * shifted_jacobi_term(x, deg, alpha_q, beta_q, zeta_q)
        return p / q


def build_model():
    inputs = keras.Input((1,))
    x = keras.layers.Dense(8)(inputs)
    x = PadeRKAN(degree_p=2, degree_q=6)(x)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
