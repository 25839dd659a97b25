"""A diffusion denoiser built by a factory wraps its sinusoidal noise-level embedding in
`layers.Lambda(lambda x: sinusoidal_embedding(x, min_f, max_f, dims))`: the Lambda closes over outside names, but
they are plain floats/ints and the function creates no variables, so nothing is lost; every Dense is tracked.

From Hergoln/master_thesis (`diffusion_libs/network.py`), a thesis project training a DDIM-style diffusion model
on token vectors (the network follows the keras.io DDIM example, with the embedding frequencies and dimension
passed into `get_network` instead of being module globals). The closure captures the three hyperparameters; the
frequencies are recomputed with `tf.exp(tf.linspace(...))` on every call, so there is no hidden state to track or
save. A naive LD012 check ("Lambda whose function uses names defined outside it") would flag it.

Porting edits: `keras.Input(shape=(tokens_capacity))` and `keras.Input(shape=(1))` (ints: the parentheses do not
make tuples) -> `shape=(tokens_capacity,)` / `shape=(1,)`, which Keras 3 requires (as written it raises ValueError "Cannot convert '64' to a shape."). `build_model()` calls
`get_network(64, 1.0, 1000.0, 32)`, i.e. the author's factory with a small token capacity.
"""

SOURCE = "https://github.com/Hergoln/master_thesis/blob/3e61bce75570c4e512dfc7a1e711638c32f21e90/diffusion_libs/network.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/okar_hergolnthesis_diffusion_lambda_sinusoidal_closure_over_floats.py:
as returned: Functional, count_params() = 3626880, 18 weights, unbuilt: none
after call: count_params() = 3626880, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import math
import tensorflow as tf
from tensorflow import keras
from keras import layers


def sinusoidal_embedding(x, embedding_min_frequency, embedding_max_frequency, embedding_dims):
    frequencies = tf.exp(
        tf.linspace(
            tf.math.log(embedding_min_frequency),
            tf.math.log(embedding_max_frequency),
            embedding_dims // 2,
        )
    )

    angular_speeds = 2.0 * math.pi * frequencies
    embeddings = tf.concat(
        [tf.sin(angular_speeds * x), tf.cos(angular_speeds * x)], axis=1
    )
    return embeddings


def get_network(tokens_capacity, embedding_min_frequency, embedding_max_frequency, embedding_dims):
    noisy_images = keras.Input(shape=(tokens_capacity,))
    noise_variances = keras.Input(shape=(1,))

    emb = lambda x: sinusoidal_embedding(x, embedding_min_frequency, embedding_max_frequency, embedding_dims)
    e = layers.Lambda(emb)(noise_variances)

    x = layers.Dense(1024)(noisy_images)
    x = layers.Concatenate()([x, e])
    x = layers.Dense(512, name="dense01")(x)
    x = layers.Dense(256, name="dense02")(x)
    x = layers.Dense(128, name="dense03")(x)
    x = layers.Dense(256, name="dense04")(x)
    x = layers.Dense(256, name="dense05")(x)
    x = layers.Dense(512, name="dense06")(x)
    x = layers.Dense(1024, name="dense07")(x)
    x = layers.Dense(2048, kernel_initializer="zeros", name="last_dense")(x)

    return keras.Model([noisy_images, noise_variances], x, name="simple_net")


def build_model():
    return get_network(64, 1.0, 1000.0, 32)
