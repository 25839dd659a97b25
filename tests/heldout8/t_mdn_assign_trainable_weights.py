"""Mixture Density Network layer that assigns `self.trainable_weights = ...` in build() to expose its Dense heads.

keras-mdn-layer's MDN layer creates three Dense heads (mus, sigmas, pi) in `__init__` -- before
`super().__init__()` -- and in `build()` builds them by hand and then *assigns* the concatenation of
their weight lists to `self.trainable_weights` / `self.non_trainable_weights`, the Keras 2 idiom for
"these are my weights". The issue thread (moving the library to tf.keras / TF 2.0) is about exactly
these lines: tf.keras made `trainable_weights` a read-only property, so the author moved the
computation into a property. Run as written on Keras 3 the assignment is refused.
"""

SOURCE = "https://github.com/cpmpercussion/keras-mdn-layer/issues/16"
CODES = ("LD006", "LD013")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py t_mdn_assign_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'MDN' object has no setter
(build() assigns the read-only `trainable_weights` property; the Dense heads assigned before
super().__init__() are harmless on TF but raise on the torch backend)"""

import keras
from keras import backend as K
from keras.layers import Dense, Layer
import tensorflow as tf


def elu_plus_one_plus_epsilon(x):
    """ELU activation with a very small addition to help prevent NaN in loss."""
    return keras.activations.elu(x) + 1 + K.epsilon()


class MDN(Layer):
    """A Mixture Density Network Layer for Keras.

    - Activation for variances is ELU + 1 + 1e-8 (to avoid very small values)
    - Mixture weights (pi) are trained in as logits, not in the softmax space.
    """

    def __init__(self, output_dimension, num_mixtures, **kwargs):
        self.output_dim = output_dimension
        self.num_mix = num_mixtures
        with tf.name_scope("MDN"):
            self.mdn_mus = Dense(self.num_mix * self.output_dim, name="mdn_mus")
            self.mdn_sigmas = Dense(self.num_mix * self.output_dim, activation=elu_plus_one_plus_epsilon,
                                    name="mdn_sigmas")
            self.mdn_pi = Dense(self.num_mix, name="mdn_pi")
        super(MDN, self).__init__(**kwargs)

    def build(self, input_shape):
        self.mdn_mus.build(input_shape)
        self.mdn_sigmas.build(input_shape)
        self.mdn_pi.build(input_shape)
        self.trainable_weights = (self.mdn_mus.trainable_weights + self.mdn_sigmas.trainable_weights
                                  + self.mdn_pi.trainable_weights)
        self.non_trainable_weights = (self.mdn_mus.non_trainable_weights + self.mdn_sigmas.non_trainable_weights
                                      + self.mdn_pi.non_trainable_weights)
        super(MDN, self).build(input_shape)

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


def get_mixture_loss_func(output_dim, num_mixes):
    """Negative log-likelihood of a diagonal Gaussian mixture (simplified: no tfp)."""
    def loss_func(y_true, y_pred):
        y_pred = tf.reshape(y_pred, [-1, (2 * num_mixes * output_dim) + num_mixes])
        out_mu, out_sigma, out_pi = tf.split(y_pred, [num_mixes * output_dim, num_mixes * output_dim, num_mixes],
                                             axis=-1)
        return tf.reduce_mean(tf.square(out_mu[:, :output_dim] - y_true)) + 0.0 * tf.reduce_sum(out_sigma)
    return loss_func


def build_model(seq_len=None, n_in=3, output_dim=2, n_mix=5):
    inputs = keras.layers.Input(shape=(n_in,), name="inputs")
    x = keras.layers.Dense(16, activation="relu")(inputs)
    outputs = MDN(output_dim, n_mix)(x)
    model = keras.Model(inputs, outputs)
    model.compile(loss=get_mixture_loss_func(output_dim, n_mix), optimizer="adam")
    return model
