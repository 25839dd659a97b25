"""MDN layer after the tf.keras port: the weight lists are exposed through properties, not assigned.

The keras-mdn-layer author's answer to tf.keras making `trainable_weights` read-only was to move the
computation into a `trainable_weights` / `non_trainable_weights` property that concatenates the Dense
heads' lists. It looks like the private-weight-list hack (overriding what Keras uses to count and
train), but on Keras 3 the heads are tracked anyway as attributes, and the override returns the same
variables Keras would have found: counted once, all trained.
"""

SOURCE = "https://github.com/cpmpercussion/keras-mdn-layer/commit/c2c3839"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py okt_mdn_trainable_weights_property.py:
as returned: Functional, count_params() = 489, 8 weights, unbuilt: none
after call: count_params() = 489, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mdn': 425}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import backend as K
from keras.layers import Dense
import tensorflow as tf


def elu_plus_one_plus_epsilon(x):
    """ELU activation with a very small addition to help prevent NaN in loss."""
    return keras.activations.elu(x) + 1 + K.epsilon()


class MDN(keras.layers.Layer):
    """A Mixture Density Network Layer (tf.keras-compatible version)."""

    def __init__(self, output_dimension, num_mixtures, **kwargs):
        super(MDN, self).__init__(**kwargs)
        self.output_dim = output_dimension
        self.num_mix = num_mixtures
        with tf.name_scope("MDN"):
            self.mdn_mus = Dense(self.num_mix * self.output_dim, name="mdn_mus")
            self.mdn_sigmas = Dense(self.num_mix * self.output_dim, activation=elu_plus_one_plus_epsilon,
                                    name="mdn_sigmas")
            self.mdn_pi = Dense(self.num_mix, name="mdn_pi")

    def build(self, input_shape):
        with tf.name_scope("mus"):
            self.mdn_mus.build(input_shape)
        with tf.name_scope("sigmas"):
            self.mdn_sigmas.build(input_shape)
        with tf.name_scope("pis"):
            self.mdn_pi.build(input_shape)
        super(MDN, self).build(input_shape)

    @property
    def trainable_weights(self):
        return self.mdn_mus.trainable_weights + self.mdn_sigmas.trainable_weights + self.mdn_pi.trainable_weights

    @property
    def non_trainable_weights(self):
        return (self.mdn_mus.non_trainable_weights + self.mdn_sigmas.non_trainable_weights
                + self.mdn_pi.non_trainable_weights)

    def call(self, x, mask=None):
        with tf.name_scope("MDN"):
            mdn_out = keras.layers.concatenate([self.mdn_mus(x), self.mdn_sigmas(x), self.mdn_pi(x)],
                                               name="mdn_outputs")
        return mdn_out

    def compute_output_shape(self, input_shape):
        return (input_shape[0], (2 * self.output_dim * self.num_mix) + self.num_mix)

    def get_config(self):
        config = {"output_dimension": self.output_dim, "num_mixtures": self.num_mix}
        base_config = super(MDN, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model(n_in=3, output_dim=2, n_mix=5):
    inputs = keras.layers.Input(shape=(n_in,), name="inputs")
    x = keras.layers.Dense(16, activation="relu")(inputs)
    outputs = MDN(output_dim, n_mix)(x)
    return keras.Model(inputs, outputs)
