"""An RBF layer (Gaussian radial basis units with trainable centers and widths) that sets its
`output_dim`, `betas_initializer` and `initializer` before calling `super().__init__()`: looks like
the late-super-init bug, but these are plain settings, not state, and both weights are tracked.

From PetraVidnerova/rbf_for_tf2 (`rbflayer.py`, the TF2 port of the widely copied rbf_keras RBF
network layer). `__init__` stores the unit count and two initializer objects (`Constant(betas)` and
`RandomUniform(0, 1)`, or the `InitCentersRandom(X)` initializer that picks centers from a NumPy data
set) before `super().__init__(**kwargs)`; `build()` creates `centers` (units x input_dim) and `betas`
(units,) with `add_weight` and calls `super().build()`; `call()` computes `exp(-betas * ||x - c||^2)`
through a transpose/expand_dims dance. Settings assigned first are not reset by Keras 3 (only
`trainable`/`name`-like base attributes are), and initializer objects are not layers.

No porting edits to the layer (docstring trimmed). build_model(): the docstring's usage (its
`input_shape=(1,)` layer kwarg replaced by a `tf.keras.Input`), Sequential Input(1) -> RBFLayer(10,
initializer=InitCentersRandom(X), betas=1.0) -> Dense(1), with X a small fixed NumPy array of
20 one-dimensional samples.
"""

SOURCE = "https://github.com/PetraVidnerova/rbf_for_tf2/blob/34d6e64e0b31d5fac1f56101125ab028e8f71794/rbflayer.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okan_rbffortf2_rbflayer_settings_before_super_init.py:
as returned: Sequential, count_params() = 31, 4 weights, unbuilt: none
after call: count_params() = 31, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rbf_layer': 20}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras.layers import Layer
from tensorflow.keras.initializers import RandomUniform, Initializer, Constant
import numpy as np


class InitCentersRandom(Initializer):
    """ Initializer for initialization of centers of RBF network
        as random samples from the given data set.
    """

    def __init__(self, X):
        self.X = X
        super().__init__()

    def __call__(self, shape, dtype=None):
        assert shape[1:] == self.X.shape[1:]  # check dimension

        # np.random.randint returns ints from [low, high) !
        idx = np.random.randint(self.X.shape[0], size=shape[0])

        return self.X[idx, :]


class RBFLayer(Layer):
    """ Layer of Gaussian RBF units. """

    def __init__(self, output_dim, initializer=None, betas=1.0, **kwargs):

        self.output_dim = output_dim

        # betas is either initializer object or float
        if isinstance(betas, Initializer):
            self.betas_initializer = betas
        else:
            self.betas_initializer = Constant(value=betas)

        self.initializer = initializer if initializer else RandomUniform(
            0.0, 1.0)

        super().__init__(**kwargs)

    def build(self, input_shape):

        self.centers = self.add_weight(name='centers',
                                       shape=(self.output_dim, input_shape[1]),
                                       initializer=self.initializer,
                                       trainable=True)
        self.betas = self.add_weight(name='betas',
                                     shape=(self.output_dim,),
                                     initializer=self.betas_initializer,
                                     # initializer='ones',
                                     trainable=True)

        super().build(input_shape)

    def call(self, x):

        C = tf.expand_dims(self.centers, -1)  # inserts a dimension of 1
        H = tf.transpose(C-tf.transpose(x))  # matrix of differences
        return tf.exp(-self.betas * tf.math.reduce_sum(H**2, axis=1))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)

    def get_config(self):
        # have to define get_config to be able to use model_from_json
        config = {
            'output_dim': self.output_dim
        }
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    X = np.linspace(0.0, 1.0, 20, dtype="float32").reshape(20, 1)
    model = tf.keras.Sequential()
    model.add(tf.keras.Input((1,)))
    model.add(RBFLayer(10,
                       initializer=InitCentersRandom(X),
                       betas=1.0))
    model.add(tf.keras.layers.Dense(1))
    return model
