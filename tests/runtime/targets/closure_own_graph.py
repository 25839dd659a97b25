"""A Lambda whose function closes over an object that holds models (held-out 8, keras-rl's DQN agent).

`graph_submodel`: the object holds a model whose layers are all part of the returned model's graph: every
variable it reaches is tracked by the returned model (nothing is lost). `separate_model`: the object also
holds a model that is not in the graph and that the Lambda calls: its weights are not the returned model's.
"""

import keras
from keras import layers, ops


class Agent:
    def __init__(self, model, scale):
        self.model = model
        self.scale = scale

    def head(self):
        def scaled_error(args):
            y_true, y_pred = args
            return ops.sum(ops.square(y_true - y_pred), axis=-1) * self.scale

        y_true = keras.Input((2,), name="y_true")
        loss = layers.Lambda(scaled_error, output_shape=(), name="loss")([y_true, self.model.output])
        return keras.Model([self.model.input, y_true], [loss, self.model.output])


class Critic:
    def __init__(self, model, judge):
        self.model = model
        self.judge = judge

    def head(self):
        def judged(t):
            return t + self.judge(t)

        out = layers.Lambda(judged, output_shape=(2,), name="judged")(self.model.output)
        return keras.Model(self.model.input, out)


def _base():
    inputs = keras.Input((4,))
    hidden = layers.Dense(8, activation="relu")(inputs)
    return keras.Model(inputs, layers.Dense(2)(hidden))


def graph_submodel():
    return Agent(_base(), 0.5).head()


def separate_model():
    judge_in = keras.Input((2,))
    judge = keras.Model(judge_in, layers.Dense(2)(judge_in))
    return Critic(_base(), judge).head()
