# LD012 lambda-captured-state: a sampling function defined inside the helper that wires a VAE's latent code reads a
# variable the caller hands the helper (chemical_vae's `variational_layers(z_mean, enc, kl_loss_var, params)` with
# `kl_loss_var = K.variable(...)` annealed by a callback, held-out 42); the look-alike hands the helper a float
import keras
from keras import layers, ops

CASE, TITLE = "LD012l", "a Lambda's nested function reads a variable handed to the wiring helper"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s42/probe/probe_ld012l.py): vae_with_variable()'s model has 6 weights,
# not kl_weight, and a call's tape watches kl_weight, a variable the model does not track (not counted, trained
# or saved); vae_with_float() has the same 6 weights and the tape watches nothing outside the model.


def variational(z_mean, z_log_var, kl_weight):
    def sampling(args):
        mean, log_var = args
        eps = keras.random.normal(ops.shape(mean))
        return mean + ops.exp(log_var / 2) * kl_weight * eps

    return layers.Lambda(sampling)([z_mean, z_log_var])  # LD012


def vae_with_variable():
    kl_weight = keras.Variable(1.0, name="kl_weight")  # (K.variable: trainable, as in chemical_vae)
    x = keras.Input((8,))
    h = layers.Dense(4)(x)
    z = variational(layers.Dense(2)(h), layers.Dense(2)(h), kl_weight)
    return keras.Model(x, z), kl_weight


def scaled(z_mean, z_log_var, scale):
    def sampling(args):
        mean, log_var = args
        return mean + ops.exp(log_var / 2) * scale * keras.random.normal(ops.shape(mean))

    return layers.Lambda(sampling)([z_mean, z_log_var])


def vae_with_float():
    x = keras.Input((8,))
    h = layers.Dense(4)(x)
    return keras.Model(x, scaled(layers.Dense(2)(h), layers.Dense(2)(h), 0.5))
