"""Correct: vector quantizer picks codes with `argmin` (integer ids) yet its codebook still trains.

The Keras VQ-VAE example: `VectorQuantizer.call()` computes integer code indices with `argmin`,
turns them into one-hot rows and multiplies by the codebook, adding the codebook and commitment
losses; the straight-through estimator passes the decoder's gradient to the encoder. Looks like a
weight read only through `argmin`/`cast`, but the codebook is read through `matmul` and the
losses, so it gets a gradient.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/generative/vq_vae.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 492; code indices from argmin are int32. Under GradientTape on a (2, 8) batch
with loss = sum of outputs + sum(model.losses) (what the example's trainer does) every trainable
weight, the codebook `embeddings_vqvae` included, gets a gradient. With loss = sum of outputs
alone the codebook gets None: the straight-through output `x + stop_gradient(quantized - x)` does
not depend on it; it learns only through the codebook loss, by design. No warning."""

import keras
from keras import layers, ops


class VectorQuantizer(layers.Layer):
    def __init__(self, num_embeddings, embedding_dim, beta=0.25, **kwargs):
        super().__init__(**kwargs)
        self.embedding_dim = embedding_dim
        self.num_embeddings = num_embeddings
        self.beta = beta
        self.embeddings = self.add_weight(
            shape=(self.embedding_dim, self.num_embeddings),
            initializer="random_uniform",
            trainable=True,
            name="embeddings_vqvae",
        )

    def call(self, x):
        input_shape = ops.shape(x)
        flattened = ops.reshape(x, [-1, self.embedding_dim])
        encoding_indices = self.get_code_indices(flattened)
        encodings = ops.one_hot(encoding_indices, self.num_embeddings)
        quantized = ops.matmul(encodings, ops.transpose(self.embeddings))
        quantized = ops.reshape(quantized, input_shape)

        commitment_loss = ops.mean((ops.stop_gradient(quantized) - x) ** 2)
        codebook_loss = ops.mean((quantized - ops.stop_gradient(x)) ** 2)
        self.add_loss(self.beta * commitment_loss + codebook_loss)

        # Straight-through estimator.
        return x + ops.stop_gradient(quantized - x)

    def get_code_indices(self, flattened_inputs):
        similarity = ops.matmul(flattened_inputs, self.embeddings)
        distances = (
            ops.sum(flattened_inputs**2, axis=1, keepdims=True)
            + ops.sum(self.embeddings**2, axis=0)
            - 2 * similarity
        )
        return ops.argmin(distances, axis=1)


def build_model(latent_dim=4, num_embeddings=16):
    inputs = keras.Input(shape=(8,))
    z = layers.Dense(16, activation="relu")(inputs)
    z = layers.Dense(latent_dim)(z)
    q = VectorQuantizer(num_embeddings, latent_dim, name="vector_quantizer")(z)
    h = layers.Dense(16, activation="relu")(q)
    out = layers.Dense(8)(h)
    return keras.Model(inputs, out)
