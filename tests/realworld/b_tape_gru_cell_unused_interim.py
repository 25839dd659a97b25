"""Hand-written GRU cell declares an `interim` weight in `build()` that `call()` never uses.

tensorflow/probability#927: a GRU rewritten as a custom RNN cell inside a regression model
trains, but every epoch warns "Gradients do not exist for variables ['rnn/my_gru/interim:0']
when minimizing the loss", and printing the variable after one and ten epochs shows it never
changes while all other weights do. The cell creates `interim` alongside the gate weights, and
no line of `call()` reads it.
"""

SOURCE = "https://github.com/tensorflow/probability/issues/927"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 361; under GradientTape (train_step below, MSE on a (2, 5, 3) batch) the cell's
`interim` weight gets a None gradient, the other 8 weights get gradients; apply_gradients warns
"Gradients do not exist for variables ['regressor/rnn/my_gru/interim'] when minimizing the loss.
If using `model.compile()`, did you forget to provide a `loss` argument?" and `interim` is the only
trainable variable left unchanged by the step."""

import tensorflow as tf

import keras
from keras import layers, ops


class MyGRU(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.dim = input_shape[-1]
        self.w_r = self.add_weight(shape=(self.dim + self.units, self.units), initializer="uniform", name="reset_gate")
        self.b_r = self.add_weight(shape=(self.units,), initializer="zeros", name="reset_gate_bias")
        self.w_z = self.add_weight(shape=(self.dim + self.units, self.units), initializer="uniform", name="update_gate")
        self.b_z = self.add_weight(shape=(self.units,), initializer="zeros", name="update_gate_bias")
        self.w_h = self.add_weight(shape=(self.dim + self.units, self.units), initializer="uniform", name="candidate")
        self.b_h = self.add_weight(shape=(self.units,), initializer="zeros", name="candidate_bias")
        self.interim = self.add_weight(shape=(self.units, self.units), initializer="uniform", name="interim")

    def call(self, inputs, states):
        h_prev = states[0]
        xh = ops.concatenate([inputs, h_prev], axis=-1)
        r = ops.sigmoid(ops.matmul(xh, self.w_r) + self.b_r)
        z = ops.sigmoid(ops.matmul(xh, self.w_z) + self.b_z)
        xrh = ops.concatenate([inputs, r * h_prev], axis=-1)
        h_tilde = ops.tanh(ops.matmul(xrh, self.w_h) + self.b_h)
        h = z * h_prev + (1.0 - z) * h_tilde
        return h, [h]


class Regressor(keras.Model):
    def __init__(self, units=8, **kwargs):
        super().__init__(**kwargs)
        self.rnn = layers.RNN(MyGRU(units, name="my_gru"))
        self.out = layers.Dense(1)

    def call(self, x):
        return self.out(self.rnn(x))


optimizer = keras.optimizers.Adam(1e-3)


def train_step(model, x, y):
    with tf.GradientTape() as tape:
        loss = ops.mean(ops.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def build_model():
    model = Regressor()
    model(ops.zeros((1, 5, 3)))
    return model
