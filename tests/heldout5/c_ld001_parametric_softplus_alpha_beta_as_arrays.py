"""A "parametric" softplus keeps its alpha and beta as fixed NumPy scalars, so it has nothing to learn.

In the retina-modelling repository, `ParametricSoftplus` (alpha * log(1 + exp(beta * x)), from a
paper that fits both parameters per neuron) documents `alpha_init`/`beta_init` as the initial
values of "the alpha weights" and "the beta weights", yet this version of the layer stores them
as `K.cast_to_floatx(...)` constants in `__init__` and has no `build()`. Written for Keras 3 with
NumPy in place of the old backend helper: the layer that ends the model has 0 parameters, so the
per-cell gain and slope are never fitted.
"""

SOURCE = "https://github.com/baccuslab/deep-retina/blob/0898ef501c540e3fc925ab2943d68bb9c29aff63/deepretina/activations.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py c_ld001_parametric_softplus_alpha_beta_as_arrays.py:
as returned: Functional, count_params() = 4065, 18 weights, unbuilt: none
after call: count_params() = 4065, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'parametric_softplus': 0}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
from keras import ops
from keras.layers import Activation, BatchNormalization, Conv2D, Dense, Flatten, GaussianNoise, Input, Layer
from keras.models import Model
from keras.regularizers import l2


class ParametricSoftplus(Layer):
    """Parametric Softplus of the form: alpha * log(1 + exp(beta * X))

    # Arguments
        alpha_init: float. Initial value of the alpha weights.
        beta_init: float. Initial values of the beta weights.
    """

    def __init__(self, alpha_init=0.2, beta_init=5.0, weights=None, shared_axes=None, **kwargs):
        self.alpha = np.asarray(alpha_init, dtype=keras.backend.floatx())
        self.beta = np.asarray(beta_init, dtype=keras.backend.floatx())
        self.initial_weights = weights
        super(ParametricSoftplus, self).__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs):
        return ops.softplus(self.beta * inputs) * self.alpha

    def get_config(self):
        config = {"alpha_init": float(self.alpha), "beta_init": float(self.beta)}
        base_config = super(ParametricSoftplus, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def conv(x, nfilters=8, kernel_size=5, strides=(2, 2), l2reg=0.1, sigma=0.05):
    """Conv-BN-GaussianNoise-Relu"""
    y = Conv2D(nfilters, kernel_size, strides=strides, kernel_regularizer=l2(l2reg))(x)
    y = BatchNormalization()(y)
    y = GaussianNoise(sigma)(y)
    return Activation("relu")(y)


def bn_cnn(x, nout):
    y = Dense(nout)(Flatten()(conv(conv(x))))
    y = BatchNormalization()(y)
    return ParametricSoftplus()(y)


def build_model():
    x = Input(shape=(24, 24, 10))
    return Model(inputs=x, outputs=bn_cnn(x, nout=5))
