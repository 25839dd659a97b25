"""The guide's `Linear(units, input_dim)` creates its kernel in `__init__` from an input_dim given by hand.

The Keras subclassing guide opens with a Linear layer that calls `add_weight((input_dim, units))` in
`__init__`; readers copy it into models and training loops. It trains fine as long as the data has
exactly `input_dim` features; the value passed by hand (here 32, the default) does not match the 8
features of the data, and the error surfaces at the matmul inside the training step.
"""

SOURCE = "https://keras.io/guides/making_new_layers_and_models_via_subclassing"
CODES = ("LD004",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
MLPBlock() constructs with 3 Linear layers whose first kernel is (32, 32) although the data has 8
features; the first call inside the GradientTape training step raises InvalidArgumentError
"Matrix size-incompatible: In[0]: [4,8], In[1]: [32,32]" from the matmul in Linear.call (no earlier
warning). With input_dim=8 passed by hand it trains (weights shapes fixed at construction)."""

import tensorflow as tf
import keras
from keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32):
        super().__init__()
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class MLPBlock(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(32)
        self.linear_3 = Linear(1, input_dim=32)

    def call(self, inputs):
        x = ops.relu(self.linear_1(inputs))
        x = ops.relu(self.linear_2(x))
        return self.linear_3(x)


def train_step(mlp, optimizer, x, y):
    with tf.GradientTape() as tape:
        loss = ops.mean(ops.square(mlp(x) - y))
    grads = tape.gradient(loss, mlp.trainable_weights)
    optimizer.apply_gradients(zip(grads, mlp.trainable_weights))
    return loss


def build_model():
    mlp = MLPBlock()
    optimizer = keras.optimizers.SGD(learning_rate=1e-3)
    x = tf.random.normal((4, 8), seed=0)
    y = tf.zeros((4, 1))
    train_step(mlp, optimizer, x, y)
    return mlp, x
