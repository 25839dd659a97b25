"""A tied autoencoder decoder layer that reads the encoder Dense's kernel, transposed, inside its own `call()`.

The tutorial ties decoder weights to the encoder by passing the encoder Dense to a `DenseTranspose`
layer that computes `matmul(x, transpose(dense.kernel))` at call time and owns only its bias: the
kernel is one variable, trained through both uses and counted once.
"""

SOURCE = "https://medium.com/@lmayrandprovencher/building-an-autoencoder-with-tied-weights-in-keras-c4a559c529a2"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_dense_transpose_reads_kernel_in_call.py:
as returned: Sequential, count_params() = 82414, 6 weights, unbuilt: none
after call: count_params() = 82414, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_transpose_1': 79284, 'dense_transpose': 3130}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class DenseTranspose(keras.layers.Layer):
    def __init__(self, dense, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.dense = dense
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.biases = self.add_weight(name="bias", shape=(self.dense.kernel.shape[0],), initializer="zeros")

    def call(self, inputs):
        z = ops.matmul(inputs, ops.transpose(self.dense.kernel))
        return self.activation(z + self.biases)


def build_model():
    dense_1 = keras.layers.Dense(100, activation="selu")
    dense_2 = keras.layers.Dense(30, activation="selu")
    encoder = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), dense_1, dense_2])
    decoder = keras.Sequential([
        keras.Input((30,)),
        DenseTranspose(dense_2, activation="selu"),
        DenseTranspose(dense_1, activation="sigmoid"),
        keras.layers.Reshape([28, 28]),
    ])
    return keras.Sequential([encoder, decoder])
