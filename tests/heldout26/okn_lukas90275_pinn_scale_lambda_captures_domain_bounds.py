"""A PINN `tf.keras.Model` whose first layer is a `Lambda` that closes over the domain bounds `lb`
and `ub` to rescale inputs to [-1, 1], followed by a list of `Dense` hidden layers.

From lukas90275/PINN (`pinn.py`, the "PINN" class of a Raissi-style physics-informed network). Looks
like the "Lambda layer capturing outside state" trap (the lambda uses `lb`/`ub` from the constructor's
closure) and the "layers in a plain list" trap (`self.hidden = [...]`). On Keras 3 neither is a
defect: `lb` and `ub` are NumPy constants, not weights, so nothing trainable hides in the Lambda,
and the list assigned to `self` is tracked, so all Dense layers are counted and trained.

Porting edits: `tf.keras` kept (it is Keras 3 under TF 2.21); `num_hidden_layers=3`,
`num_neurons_per_layer=8` (the repository's defaults are 8 and 20); `lb`/`ub` are the (t, x) bounds
of a Burgers-type domain; `build_model()` returns the model and an 8x2 batch of (t, x) points.
"""

SOURCE = "https://github.com/lukas90275/PINN/blob/d7ddd79f5dd7e9236518b29afe0549970d2c199c/pinn.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/okn_lukas90275_pinn_scale_lambda_captures_domain_bounds.py:
as returned: PINN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Lambda:lambda', 'Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 177, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class PINN(tf.keras.Model):
    """ Set basic architecture of the PINN model."""

    def __init__(self, lb, ub,
                 output_dim=1,
                 num_hidden_layers=8,
                 num_neurons_per_layer=20,
                 activation='tanh',
                 kernel_initializer='glorot_normal',
                 **kwargs):
        super().__init__(**kwargs)

        self.num_hidden_layers = num_hidden_layers
        self.output_dim = output_dim
        self.lb = lb
        self.ub = ub

        # Define NN architecture
        # defining all layers in initalization
        self.scale = tf.keras.layers.Lambda(
            lambda x: 2.0*(x - lb)/(ub - lb) - 1.0)
        self.hidden = [tf.keras.layers.Dense(num_neurons_per_layer,
                                             activation=tf.keras.activations.get(
                                                 activation),
                                             kernel_initializer=kernel_initializer)
                       for _ in range(self.num_hidden_layers)]
        self.out = tf.keras.layers.Dense(output_dim)

    def call(self, X):
        """Forward-pass through neural network."""
        # no need to do keras.sequential -- more flexibility here
        Z = self.scale(X)
        for i in range(self.num_hidden_layers):
            Z = self.hidden[i](Z)
        return self.out(Z)


def build_model():
    lb = np.array([0.0, -1.0], dtype="float32")
    ub = np.array([1.0, 1.0], dtype="float32")
    model = PINN(lb, ub, num_hidden_layers=3, num_neurons_per_layer=8)
    X = tf.constant(np.random.default_rng(0).uniform(-1.0, 1.0, (8, 2)).astype("float32"))
    return model, X
