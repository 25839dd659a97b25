"""A physics-informed model keeps its unknown PDE coefficients as `tf.Variable`s next to Keras layers.

The report trains an inverse problem with a custom `GradientTape` loop: the network is a Keras
model (a list of `Dense` layers) and the physical coefficients are `tf.Variable`s on the model,
gathered by hand as `model.trainable_variables + [model.lambda_1, model.lambda_2]`. On Keras 3 the
model does not track them, and the Keras optimizer then fails on the mixed list
(`'ResourceVariable' object has no attribute 'overwrite_with_gradient'`). Rewritten with the
residual term in `call()` so a forward pass uses the coefficients.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20517"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py d_training_loop_pinn_coefficients_tf_variables.py:
as returned: InversePINN, count_params() = 337, 6 weights, unbuilt: none
after call: count_params() = 337, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 2 variables the model does not track: ['lambda_1:0', 'lambda_2:0']
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf


class InversePINN(keras.Model):
    def __init__(self, width=16, depth=2, **kwargs):
        super().__init__(**kwargs)
        self.hidden_layers = [keras.layers.Dense(width, activation="tanh") for _ in range(depth)]
        self.output_layer = keras.layers.Dense(1)
        self.lambda_1 = tf.Variable(0.0, name="lambda_1")
        self.lambda_2 = tf.Variable(-6.0, name="lambda_2")

    def call(self, tx):
        h = tx
        for layer in self.hidden_layers:
            h = layer(h)
        u = self.output_layer(h)
        return u * self.lambda_1 + tf.exp(self.lambda_2) * u


def train_step(model, optimizer, tx, target):
    variables = model.trainable_variables + [model.lambda_1, model.lambda_2]
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(tx) - target))
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
    return loss


def build_model():
    model = InversePINN()
    tx = np.random.default_rng(0).random((8, 2)).astype("float32")
    model(tx)
    return model, tx
