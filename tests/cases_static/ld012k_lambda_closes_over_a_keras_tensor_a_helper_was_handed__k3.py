# LD012 lambda-captured-state: a Lambda whose function reads a KerasTensor from outside it, in a helper that wires
# part of the model: a parameter the helper was handed (SciANN's `Lambda(lambda y: _gradients(y, xs))`), or a local
# of a plain builder class's method (a GNN's learned adjacency; held-out 41)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s41/probe_ld012k.py): with keras.ops, derivative_model() and
# Builder().model() wire, but called on NumPy data they return a KerasTensor, and predict() raises TypeError ("Python
# functions must return zero or more Tensors"); the held-out cases, written with TF ops, raise NotImplementedError
# while wiring instead. The look-alikes scaled_model() (a float from outside) and Builder().connected_model() (the
# tensor passed among the Lambda's inputs) return EagerTensors of shapes (2, 1) and (2, 8, 4). context_model()'s
# Lambda reads the outside KerasTensor only for its shape and dtype (held-out 45's FranNet head), fixed when the
# model is wired: on NumPy data it returns zeros of shape (2, 3) (/tmp/s45/ctx.py).
import keras
from keras import ops
from keras.layers import Dense, Input, Lambda


def _difference(y, xs):
    return y - ops.mean(xs, axis=-1, keepdims=True)


def difference_of(ys, xs):
    return Lambda(lambda y: _difference(y, xs))(ys)  # LD012


def derivative_model():
    x = Input(shape=(1,))
    u = Dense(1)(Dense(4, activation="tanh")(x))
    return keras.Model(x, difference_of(u, x))


def scaled(ys, factor):
    return Lambda(lambda y: y * factor)(ys)


def scaled_model():
    x = Input(shape=(1,))
    return keras.Model(x, scaled(Dense(1)(x), 0.5))


class Builder:
    def graph_conv(self, x, filters):
        adjacency = Dense(x.shape[1], activation="softmax")(x)
        features = Dense(filters)(x)
        return Lambda(lambda h: ops.matmul(adjacency, h))(features)  # LD012

    def connected_conv(self, x, filters):
        adjacency = Dense(x.shape[1], activation="softmax")(x)
        features = Dense(filters)(x)
        return Lambda(lambda pair: ops.matmul(pair[0], pair[1]))([adjacency, features])

    def model(self):
        inputs = Input((8, 4))
        return keras.Model(inputs, self.graph_conv(inputs, 4))

    def connected_model(self):
        inputs = Input((8, 4))
        return keras.Model(inputs, self.connected_conv(inputs, 4))


def context_model():
    x = Input((4,))
    res = Dense(3)(x)
    context = Lambda(lambda t: ops.zeros((ops.shape(t)[0], res.shape[-1]), dtype=res.dtype))(res)
    return keras.Model(x, [res, context])
