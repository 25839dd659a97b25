"""A sequence GAN feeds `argmax` of the generator's softmax to a frozen discriminator: the generator gets no gradient.

The report's `define_gan` set `discriminator.trainable = False`, wired `c = K.argmax(g_model(a))`
into `d_model` and got "No gradient is provided to any variable"; with the discriminator trainable
the combined model "works", because then it has other weights to train.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/52260"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_int_gan_argmax_between_generator_and_critic.py:
as returned: Functional, count_params() = 341, 7 weights, unbuilt: none
after call: count_params() = 341, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 4 trainable weights: ['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']
tape watched 3 variables the model does not track: ['embedding/embeddings:0', 'dense_2/kernel:0', 'dense_2/bias:0']
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops

TIMESTEPS, VOCAB = 6, 12


def make_generator():
    noise = keras.Input((TIMESTEPS,))
    x = keras.layers.Reshape((TIMESTEPS, 1))(noise)
    x = keras.layers.Dense(16, activation="relu")(x)
    tokens = keras.layers.Dense(VOCAB, activation="softmax")(x)
    return keras.Model(noise, tokens, name="generator")


def make_discriminator():
    tokens = keras.Input((TIMESTEPS,), dtype="int64")
    x = keras.layers.Embedding(VOCAB, 8)(tokens)
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model(tokens, keras.layers.Dense(1, activation="sigmoid")(x), name="discriminator")


def build_model():
    generator, discriminator = make_generator(), make_discriminator()
    discriminator.trainable = False
    noise = keras.Input((TIMESTEPS,))
    fake_tokens = ops.argmax(generator(noise), axis=-1)
    return keras.Model(noise, discriminator(fake_tokens), name="gan")
