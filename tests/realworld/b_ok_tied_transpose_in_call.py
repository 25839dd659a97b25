"""Correct: tied autoencoder decoder that reads the encoder's kernel, transposed, inside `call()`.

The DenseTranspose layer from Hands-On ML (chapter 17), as copied into many repositories: the
decoder owns only a bias and multiplies by `self.dense.weights[0]` with `transpose_b=True` on
every call. Looks like a frozen transposed copy of another layer's weight, but the transpose
happens inside `call()`, so the shared kernel gets gradient from both encoder and decoder.
"""

SOURCE = "https://github.com/PMetcalf/scratch-pad/blob/0d3c19addf47dc3c768b0aed89677eac3329012c/keras/stacked_autoencoder_tying_weights.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 13,496 (each tied kernel counted once; the decoder layers own only biases);
under GradientTape on a (2, 28, 28) batch all six trainable weights get gradients (both shared
kernels through the encoder and the decoder path); no warning."""

import tensorflow as tf

import keras


class DenseTranspose(keras.layers.Layer):
    def __init__(self, dense, activation=None, **kwargs):
        self.dense = dense
        self.activation = keras.activations.get(activation)
        super().__init__(**kwargs)

    def build(self, batch_input_shape):
        self.biases = self.add_weight(
            name="bias", shape=[self.dense.kernel.shape[0]], initializer="zeros"
        )
        super().build(batch_input_shape)

    def call(self, inputs):
        z = tf.matmul(inputs, self.dense.weights[0], transpose_b=True)
        return self.activation(z + self.biases)


def build_model():
    dense_1 = keras.layers.Dense(16, activation="selu")
    dense_2 = keras.layers.Dense(8, activation="selu")
    tied_encoder = keras.models.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        dense_1,
        dense_2,
    ])
    tied_decoder = keras.models.Sequential([
        keras.Input(shape=(8,)),
        DenseTranspose(dense_2, activation="selu"),
        DenseTranspose(dense_1, activation="sigmoid"),
        keras.layers.Reshape([28, 28]),
    ])
    return keras.models.Sequential([tied_encoder, tied_decoder])
