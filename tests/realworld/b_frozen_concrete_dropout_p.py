"""ConcreteDropout wrapper computes `p = sigmoid(p_logit)` once in `build()`; the dropout rate never learns.

Porting Yarin Gal's Keras ConcreteDropout wrapper to TF 2 gave "Gradients do not exist for
variables ['p_logit']" although the output depends on the dropout rate. The wrapper keeps
`self.p = sigmoid(p_logit[0])` (and the regulariser built from it), computed once in `build()`;
`call()` reads that frozen `self.p`, so `p_logit` is counted and saved but never learned. (The
original added `p_logit` to the wrapped layer with `self.layer.add_weight(...)`; on Keras 3 that
raises, so this port adds it to the wrapper.)
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/38607"
CODES = ("LD010", "LD009")  # a frozen copy of the weight used in its place (LD010); the weight gets no gradient (LD009)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.count_params() == 131; under GradientTape (training=True, loss = sum of outputs) on a
(2, 6) batch p_logit of both wrappers gets a None gradient while both Dense kernels and biases get
gradients; no warning. The original line `self.p_logit = self.layer.add_weight(...)` after
`self.layer.build(...)` raises on Keras 3: ValueError "You cannot add new elements of state
(variables or sub-layers) to a layer that is already built"."""

import numpy as np

import keras
from keras import initializers, layers, ops


class ConcreteDropout(layers.Wrapper):
    def __init__(self, layer, weight_regularizer=1e-6, dropout_regularizer=1e-5,
                 init_min=0.1, init_max=0.1, **kwargs):
        super().__init__(layer, **kwargs)
        self.weight_regularizer = weight_regularizer
        self.dropout_regularizer = dropout_regularizer
        self.init_min = np.log(init_min) - np.log(1.0 - init_min)
        self.init_max = np.log(init_max) - np.log(1.0 - init_max)

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)

        # initialise p (the original called self.layer.add_weight here, after building the
        # wrapped layer; Keras 3 refuses to add state to a built layer, so the port owns it)
        self.p_logit = self.add_weight(
            name="p_logit", shape=(1,),
            initializer=initializers.RandomUniform(self.init_min, self.init_max),
            trainable=True,
        )
        self.p = ops.sigmoid(self.p_logit[0])

        input_dim = int(np.prod(input_shape[1:]))
        kernel_reg = self.weight_regularizer * ops.sum(ops.square(self.layer.kernel)) / (1.0 - self.p)
        dropout_reg = self.p * ops.log(self.p) + (1.0 - self.p) * ops.log(1.0 - self.p)
        self.reg_term = kernel_reg + self.dropout_regularizer * input_dim * dropout_reg
        super().build()

    def concrete_dropout(self, x):
        eps, temp = 1e-7, 0.1
        unif = keras.random.uniform(ops.shape(x))
        drop_prob = (ops.log(self.p + eps) - ops.log(1.0 - self.p + eps)
                     + ops.log(unif + eps) - ops.log(1.0 - unif + eps))
        drop_prob = ops.sigmoid(drop_prob / temp)
        x = x * (1.0 - drop_prob)
        return x / (1.0 - self.p)

    def call(self, inputs, training=None):
        self.add_loss(self.reg_term)
        return self.layer(self.concrete_dropout(inputs))

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def build_model():
    inp = keras.Input(shape=(6,))
    x = ConcreteDropout(layers.Dense(16, activation="relu"))(inp)
    out = ConcreteDropout(layers.Dense(1))(x)
    return keras.Model(inp, out)
