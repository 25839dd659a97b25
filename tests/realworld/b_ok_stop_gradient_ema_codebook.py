"""Correct: `stop_gradient` on a codebook that is a non-trainable buffer updated by moving averages.

The EMA vector quantizer (documented in helia-edge's `EmaResidualVectorQuantizer`, following
VQ-VAE): instead of learning the codebook by gradient descent, it keeps exponential moving
averages of cluster counts and embedding sums in non-trainable weights and derives the codebook
from them; only the commitment loss is backpropagated. The codebook appears inside
`stop_gradient(...)`, which looks like a weight cut off from training, but it is not trainable:
nothing is lost.
"""

SOURCE = "https://ambiqai.github.io/helia-edge/api/helia_edge/layers/ema_residual_vector_quantizer/"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 500 (8 trainable weights in the four Dense layers; 3 non-trainable buffers:
codebook, cluster_size, embed_sum); under GradientTape with training=True on a (2, 8) batch every
trainable weight gets a gradient; the buffers are not in trainable_weights and the codebook changes
only through assign() in a training-mode call; no warning."""

import keras
from keras import layers, ops


class EmaVectorQuantizer(layers.Layer):
    def __init__(self, num_embeddings, embedding_dim, decay=0.99, beta=0.25, eps=1e-5, **kwargs):
        super().__init__(**kwargs)
        self.k = num_embeddings
        self.d = embedding_dim
        self.decay = decay
        self.beta = beta
        self.eps = eps

    def build(self, input_shape):
        self.codebook = self.add_weight(
            name="codebook", shape=(self.k, self.d), initializer="random_uniform", trainable=False
        )
        self.cluster_size = self.add_weight(
            name="cluster_size", shape=(self.k,), initializer="zeros", trainable=False
        )
        self.embed_sum = self.add_weight(
            name="embed_sum", shape=(self.k, self.d), initializer="zeros", trainable=False
        )

    def call(self, x, training=False):
        flat = ops.reshape(x, (-1, self.d))
        dist = (ops.sum(flat**2, axis=1, keepdims=True)
                - 2 * ops.matmul(flat, ops.transpose(self.codebook))
                + ops.sum(self.codebook**2, axis=1))
        idx = ops.argmin(dist, axis=1)
        onehot = ops.one_hot(idx, self.k)
        quantized = ops.reshape(ops.matmul(onehot, ops.stop_gradient(self.codebook)), ops.shape(x))

        if training:
            counts = ops.sum(onehot, axis=0)
            sums = ops.matmul(ops.transpose(onehot), ops.stop_gradient(flat))
            self.cluster_size.assign(self.decay * self.cluster_size + (1 - self.decay) * counts)
            self.embed_sum.assign(self.decay * self.embed_sum + (1 - self.decay) * sums)
            n = ops.sum(self.cluster_size)
            smoothed = (self.cluster_size + self.eps) / (n + self.k * self.eps) * n
            self.codebook.assign(self.embed_sum / ops.expand_dims(smoothed, 1))

        self.add_loss(self.beta * ops.mean((ops.stop_gradient(quantized) - x) ** 2))
        return x + ops.stop_gradient(quantized - x)


def build_model():
    inputs = keras.Input(shape=(8,))
    z = layers.Dense(16, activation="relu")(inputs)
    z = layers.Dense(4)(z)
    q = EmaVectorQuantizer(8, 4)(z)
    h = layers.Dense(16, activation="relu")(q)
    return keras.Model(inputs, layers.Dense(8)(h))
