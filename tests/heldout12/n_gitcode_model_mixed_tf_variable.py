"""Subclassed keras.Model mixes Dense layers with a hand-made tf.Variable coefficient; Keras 3 does not own it.

A blog write-up (Chinese, 2025) of a Keras report: a model subclasses keras.Model, keeps a list of tanh
Dense layers plus an output Dense, and adds a learnable quantity as a raw `tf.Variable` next to them. The
training step passes the variable to the Keras optimizer together with the model's variables and fails with
`AttributeError: 'ResourceVariable' object has no attribute 'overwrite_with_gradient'`; the post's fix is to
create it with `self.add_weight(...)`. This reproduction keeps the post's model shape (Dense list + output
layer) and gives the variable a concrete role (a log-coefficient in a residual-style output, as in PINN
code); with only `model.trainable_variables` handed to the optimizer nothing fails at all: the coefficient
is silently never learned, and appending it by hand makes the already-built optimizer raise.
"""

SOURCE = "https://blog.gitcode.com/a12204fe2aa3dd6a4e2cad4bd9b195ca.html"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py n_gitcode_model_mixed_tf_variable.py:
as returned: MyModel, count_params() = 1185, 6 weights, unbuilt: none
after call: count_params() = 1185, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['log_nu:0']
second call: 0 variables watched that the first call did not use
(own script /tmp/mine12c/chk2.py: log_nu is not in model.trainable_variables and 3 train_step calls leave it unchanged; passing it to the already-built Adam by hand raises ValueError: Unknown variable: <tf.Variable 'log_nu:0' ...> This optimizer can only be called for the variables it was originally built with.)"""

import numpy as np
import tensorflow as tf
import keras


class MyModel(keras.Model):
    def __init__(self, n_hidden=2, width=32, nu_init=0.05, **kwargs):
        super().__init__(**kwargs)
        self.hidden_layers = [
            keras.layers.Dense(width, activation="tanh") for _ in range(n_hidden)
        ]
        self.output_layer = keras.layers.Dense(1)
        # unknown physical coefficient, learned together with the network
        self.log_nu = tf.Variable(np.log(nu_init), dtype=tf.float32, trainable=True, name="log_nu")

    @property
    def nu(self):
        return tf.exp(self.log_nu)

    def call(self, inputs):
        x = inputs
        for layer in self.hidden_layers:
            x = layer(x)
        u = self.output_layer(x)
        # residual-style term that depends on the coefficient
        return u - self.nu * tf.reduce_sum(inputs, axis=-1, keepdims=True)

    def get_config(self):
        return {"n_hidden": len(self.hidden_layers), "width": self.hidden_layers[0].units}


def make_optimizer():
    return keras.optimizers.Adam(learning_rate=1e-3)


@tf.function
def train_step(model, optimizer, x, y):
    with tf.GradientTape() as tape:
        pred = model(x, training=True)
        loss = tf.reduce_mean(tf.square(pred - y))
    variables = model.trainable_variables
    # variables = model.trainable_variables + [model.log_nu]   # -> AttributeError: overwrite_with_gradient
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss


def build_model():
    model = MyModel()
    x = np.random.default_rng(0).random((4, 2)).astype("float32")
    model(x)
    return model, x


if __name__ == "__main__":
    model, x = build_model()
    opt = make_optimizer()
    y = np.zeros((4, 1), "float32")
    for _ in range(3):
        train_step(model, opt, x, y)
    print(model.nu.numpy())
