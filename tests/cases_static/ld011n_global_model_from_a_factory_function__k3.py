# LD011 untracked-container: call() runs a module-level model or layer that a function of the file returns
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix9b/measure.py on this file):
# make_mixer: 3 weights (the mixing scalars and Dense), 4 variables call() uses untracked (the global
# encoder's Embedding + LSTM); make_projector: 0 weights, 2 untracked (the Sequential a local holds
# and the factory returns); make_scorer: 0 weights, 2 untracked (a project layer class returned,
# called from a helper method of call()).
# Twins: make_table_lookup: a factory returning a NumPy table, used in call(): a constant, 0 weights
# and 0 untracked variables (nothing to track); make_held_encoder: the same global factory model stored
# as self.encoder in __init__: tracked (2 weights, 0 untracked); make_wired: the global model called on a
# keras.Input in functional code: tracked (2 weights, 0 untracked).
import keras
import numpy as np
from keras import layers, ops
from keras.models import Model, Sequential

CASE, TITLE = "LD011n", "a module-level global bound to a file function's returned model/layer, run in call()"
FEATURES = 4
INPUTS = {"make_mixer": (2, 6)}
INT_INPUTS = ("make_mixer",)


def _make_encoder():
    tokens = keras.Input(shape=(6,), dtype="int32")
    emb = layers.Embedding(20, 4, name="emb")(tokens)
    lstm = layers.LSTM(4, return_sequences=True, name="lstm")(emb)
    return Model(tokens, {"emb": emb, "lstm": lstm})


encoder = _make_encoder()  # LD011


def build_projector(units):
    net = Sequential([layers.Dense(units)])
    return net


projector = build_projector(FEATURES)  # LD011


class Scorer(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(1)

    def call(self, x):
        return self.dense(x)


def scorer_for(task):
    if task == "rank":
        return Scorer(name="rank_scorer")
    return Scorer()


shared_scorer = scorer_for("rank")  # LD011


def _position_table(n):
    return np.arange(n, dtype="float32") / n


table = _position_table(FEATURES)


class Mixer(layers.Layer):
    def build(self, input_shape):
        self.mix = self.add_weight(shape=(2,), initializer="ones")

    def call(self, x):
        out = encoder(x)
        return self.mix[0] * ops.mean(out["emb"], axis=1) + self.mix[1] * ops.mean(out["lstm"], axis=1)


class MixerModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mixer = Mixer()
        self.head = layers.Dense(1)

    def call(self, x):
        return self.head(self.mixer(x))


class Projected(keras.Model):
    def call(self, x):
        return projector(x) + x


class Scored(keras.layers.Layer):
    def call(self, x):
        return self._score(x)

    def _score(self, x):
        return shared_scorer(x)


class TableLookup(keras.layers.Layer):
    def call(self, x):
        return x + table


class HeldEncoder(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = projector  # the global, stored on self: tracked

    def call(self, x):
        return self.encoder(x)


def make_mixer():
    return MixerModel()


def make_projector():
    return Projected()


def make_scorer():
    return Scored()


def make_table_lookup():
    return TableLookup()


def make_held_encoder():
    return HeldEncoder()


def make_wired():
    inputs = keras.Input(shape=(FEATURES,))
    return keras.Model(inputs, projector(inputs))
