"""Correct: a learnable dropout rate read only in training mode (`if training:`), fixed port of ConcreteDropout.

After tensorflow#38607 ("Gradients do not exist for variables ['p_logit']"), the working port
computes `p = sigmoid(p_logit)` inside `call()` and applies the relaxed dropout only when
`training` is true. At inference the weight is not read at all, so a gradient check in inference
mode finds no gradient for it; in training mode it gets one, which is what matters.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/38607"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 131 (two p_logit scalars included); under GradientTape with training=True on a
(2, 6) batch every trainable weight, both p_logit included, gets a gradient; with training=False
(the default) both p_logit weights get a None gradient (not read at inference, by design);
no warning."""

import numpy as np

import keras
from keras import initializers, layers, ops


class ConcreteDropout(layers.Layer):
    def __init__(self, init_min=0.1, init_max=0.1, temperature=0.1, **kwargs):
        super().__init__(**kwargs)
        self.init_min = float(np.log(init_min) - np.log(1.0 - init_min))
        self.init_max = float(np.log(init_max) - np.log(1.0 - init_max))
        self.temperature = temperature

    def build(self, input_shape):
        self.p_logit = self.add_weight(
            name="p_logit", shape=(1,),
            initializer=initializers.RandomUniform(self.init_min, self.init_max),
        )

    def call(self, x, training=False):
        if not training:
            return x
        eps = 1e-7
        p = ops.sigmoid(self.p_logit[0])
        unif = keras.random.uniform(ops.shape(x))
        drop_prob = (ops.log(p + eps) - ops.log(1.0 - p + eps)
                     + ops.log(unif + eps) - ops.log(1.0 - unif + eps))
        drop_prob = ops.sigmoid(drop_prob / self.temperature)
        return x * (1.0 - drop_prob) / (1.0 - p)


class MCDropoutNet(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.drop_in = ConcreteDropout()
        self.hidden = layers.Dense(16, activation="relu")
        self.drop_hidden = ConcreteDropout()
        self.head = layers.Dense(1)

    def call(self, x, training=False):
        x = self.hidden(self.drop_in(x, training=training))
        return self.head(self.drop_hidden(x, training=training))


def build_model():
    model = MCDropoutNet()
    model(np.zeros((1, 6), dtype="float32"))
    return model
