"""VQ-VAE vector quantizer whose codebook is a tf.Variable made in __init__, trained by a custom train_step.

The keras.io VQ-VAE example (TF 2 era, copied into many projects) stores the codebook as
`self.embeddings = tf.Variable(..., trainable=True, name="embeddings_vqvae")` and trains through a
`VQVAETrainer.train_step` that differentiates w.r.t. `self.vqvae.trainable_variables`. Run on Keras 3,
the codebook is not among them: the quantizer never learns its codes.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/generative/vq_vae.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
get_vqvae(): count_params() == 485 (encoder + decoder convs) without the (4, 16) codebook, which is in
neither vqvae.weights nor vqvae.trainable_variables; tf.GradientTape does watch the embeddings_vqvae
tf.Variable, but train_step applies gradients only to vqvae.trainable_variables, so one fit step changes
the 8 conv weights and never the codebook; no warning."""

import tensorflow as tf
import keras
from keras import layers


class VectorQuantizer(layers.Layer):
    def __init__(self, num_embeddings, embedding_dim, beta=0.25, **kwargs):
        super().__init__(**kwargs)
        self.embedding_dim = embedding_dim
        self.num_embeddings = num_embeddings
        self.beta = beta
        w_init = tf.random_uniform_initializer()
        self.embeddings = tf.Variable(
            initial_value=w_init(shape=(self.embedding_dim, self.num_embeddings), dtype="float32"),
            trainable=True,
            name="embeddings_vqvae",
        )

    def call(self, x):
        input_shape = tf.shape(x)
        flattened = tf.reshape(x, [-1, self.embedding_dim])
        encoding_indices = self.get_code_indices(flattened)
        encodings = tf.one_hot(encoding_indices, self.num_embeddings)
        quantized = tf.reshape(tf.matmul(encodings, self.embeddings, transpose_b=True), input_shape)
        commitment_loss = tf.reduce_mean((tf.stop_gradient(quantized) - x) ** 2)
        codebook_loss = tf.reduce_mean((quantized - tf.stop_gradient(x)) ** 2)
        self.add_loss(self.beta * commitment_loss + codebook_loss)
        return x + tf.stop_gradient(quantized - x)

    def get_code_indices(self, flattened_inputs):
        similarity = tf.matmul(flattened_inputs, self.embeddings)
        distances = (
            tf.reduce_sum(flattened_inputs ** 2, axis=1, keepdims=True)
            + tf.reduce_sum(self.embeddings ** 2, axis=0)
            - 2 * similarity
        )
        return tf.argmin(distances, axis=1)


def get_vqvae(latent_dim=4, num_embeddings=16):
    inputs = keras.Input(shape=(8, 8, 1))
    x = layers.Conv2D(8, 3, strides=2, activation="relu", padding="same")(inputs)
    encoded = layers.Conv2D(latent_dim, 1, padding="same")(x)
    quantized = VectorQuantizer(num_embeddings, latent_dim, name="vector_quantizer")(encoded)
    x = layers.Conv2DTranspose(8, 3, strides=2, activation="relu", padding="same")(quantized)
    outputs = layers.Conv2DTranspose(1, 3, padding="same")(x)
    return keras.Model(inputs, outputs, name="vq_vae")


class VQVAETrainer(keras.models.Model):
    def __init__(self, latent_dim=4, num_embeddings=16, **kwargs):
        super().__init__(**kwargs)
        self.vqvae = get_vqvae(latent_dim, num_embeddings)
        self.total_loss_tracker = keras.metrics.Mean(name="total_loss")

    def call(self, x):
        return self.vqvae(x)

    def train_step(self, x):
        with tf.GradientTape() as tape:
            reconstructions = self.vqvae(x)
            total_loss = tf.reduce_mean((x - reconstructions) ** 2) + sum(self.vqvae.losses)
        grads = tape.gradient(total_loss, self.vqvae.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.vqvae.trainable_variables))
        self.total_loss_tracker.update_state(total_loss)
        return {"loss": self.total_loss_tracker.result()}


def build_model():
    vqvae = get_vqvae()
    return vqvae
