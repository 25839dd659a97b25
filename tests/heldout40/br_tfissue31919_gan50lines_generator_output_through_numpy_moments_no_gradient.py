"""A TF 2 port of "GANs in 50 lines" feeds the discriminator `get_moments(g_fake_data.numpy().T)`: the generator's
output leaves the tape as a NumPy array, so in the generator step every generator weight gets a None gradient and
the generator never trains (LD009).

From tensorflow/tensorflow issue #31919 ("tf.GradientTape().tape() is returning None on the generator loss"): the
reporter ported devnag's 50-line PyTorch GAN (a generator learning a 1-D Gaussian, judged by a discriminator that
sees only four moments of a minibatch) to TensorFlow 2.0 with Keras models and a GradientTape loop. Their generator
step is `with tf.GradientTape() as tape: g_fake_data = G(gen_input); dg_fake_decision =
D(get_moments(g_fake_data.numpy().T).reshape((1,4))); g_error = criterion(dg_fake_decision, ones)` and then
`tape.gradient(g_error, G.trainable_variables)`, which is all None. `get_moments` computes mean, std, skew and
kurtosis with NumPy, as the PyTorch original's preprocessing did with torch ops.

Porting edits: the issue shows the training step, not the model definitions (they are in a Colab this corpus does
not hold); G and D are written as small Keras Sequential models with the article's sizes (G: 1 -> 5 -> 5 -> 1 with
ELU/sigmoid, D: 4 -> 10 -> 10 -> 1 with ELU and a sigmoid output), `get_moments` follows the article in NumPy.
build_model() returns G with a minibatch of 500 uniform noise samples (G itself is differentiable: the standard
measurement passes); the probe runs the reporter's generator step.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/31919"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/br_tfissue31919_gan50lines_generator_output_through_numpy_moments_no_gradient.py:
as returned: Sequential, count_params() = 46, 6 weights, unbuilt: none
after call: count_params() = 46, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(G alone is differentiable.) probe_gan31919.py, the reporter's generator step with a fresh D:
generator step: 6 generator weights, gradient None for 6: ['sequential/dense/kernel', 'sequential/dense/bias', 'sequential/dense_1/kernel', 'sequential/dense_1/bias', 'sequential/dense_2/kernel', 'sequential/dense_2/bias']"""

import numpy as np
import tensorflow as tf

g_input_size = 1
g_hidden_size = 5
g_output_size = 1
d_input_size = 500
d_hidden_size = 10
d_output_size = 1
minibatch_size = d_input_size


def get_moments(d):
    # Return the first 4 moments of the data provided
    mean = np.mean(d)
    diffs = d - mean
    var = np.mean(np.power(diffs, 2.0))
    std = np.power(var, 0.5)
    zscores = diffs / std
    skews = np.mean(np.power(zscores, 3.0))
    kurtoses = np.mean(np.power(zscores, 4.0)) - 3.0  # excess kurtosis, should be 0 for Gaussian
    final = np.array([mean, std, skews, kurtoses])
    return final


def make_generator():
    return tf.keras.Sequential([
        tf.keras.Input((g_input_size,)),
        tf.keras.layers.Dense(g_hidden_size, activation='elu'),
        tf.keras.layers.Dense(g_hidden_size, activation='sigmoid'),
        tf.keras.layers.Dense(g_output_size),
    ])


def make_discriminator():
    return tf.keras.Sequential([
        tf.keras.Input((4,)),
        tf.keras.layers.Dense(d_hidden_size, activation='elu'),
        tf.keras.layers.Dense(d_hidden_size, activation='elu'),
        tf.keras.layers.Dense(d_output_size, activation='sigmoid'),
    ])


criterion = tf.keras.losses.BinaryCrossentropy()


def generator_step(G, D, gen_input):
    with tf.GradientTape() as tape:
        g_fake_data = G(gen_input)
        dg_fake_decision = D(get_moments(g_fake_data.numpy().T).reshape((1, 4)))
        g_error = criterion(np.ones((1, 1)), dg_fake_decision)  # Train G to pretend it's genuine
    return tape.gradient(g_error, G.trainable_variables)


def build_model():
    G = make_generator()
    gen_input = np.random.default_rng(0).random((minibatch_size, g_input_size)).astype("float32")
    return G, gen_input
