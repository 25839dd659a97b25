# LD005 unbuilt-sublayer: a sublayer with weights that the layer's call() (or its own __call__) runs only
# under a flag of its call signature that defaults to off (`use_gate=False`, `prev=None`), while every call
# of the layer's instances in the file leaves the flag off: nothing ever runs the sublayer, so it stays
# unbuilt, with no weights (the summary shows 0 (unbuilt)).
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/lead28/measure_ld005z.py on this file):
# make_gated: GatedScore.gate built False, 0 weights, the three other Dense built; make_aux: AuxBlock.aux_head
# built False after model(x) and after one fit step (the model's weights: body only); make_decoder:
# Decoder.attention.coverage built False after a call. Twins: make_gated_on (a call passes use_gate=True):
# every Dense built; make_training_only: ClassifierWithAux.aux built after one fit step (fit passes
# training=True); make_handed_over: the instance is handed to run_twice(), which passes the flag: built.
# make_gated returns its instance (the finding is then a warning: code outside may turn the flag on).
import keras
from keras import layers, ops


class GatedScore(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.w_q = layers.Dense(units)
        self.w_k = layers.Dense(units)
        self.gate = layers.Dense(units)  # LD005
        self.v = layers.Dense(1)

    def __call__(self, query, keys, use_gate=False, previous=None):
        hidden = ops.tanh(self.w_q(query)[:, None, :] + self.w_k(keys))
        if use_gate and previous is not None:
            hidden = hidden + self.gate(previous)
        return ops.softmax(self.v(hidden), axis=1)


class AuxBlock(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(6, activation="relu")
        self.aux_head = layers.Dense(2)  # LD005

    def call(self, x, return_aux=False):
        h = self.body(x)
        if return_aux:
            return h, self.aux_head(h)
        return h


class Attention(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.score = layers.Dense(1)
        self.coverage = layers.Dense(units)  # LD005

    def call(self, values, coverage=None):
        features = values
        if coverage is not None:
            features = features + self.coverage(coverage)
        weights = ops.softmax(self.score(features), axis=1)
        return ops.sum(weights * values, axis=1)


class Decoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.attention = Attention(4)
        self.out = layers.Dense(3)

    def call(self, values):
        return self.out(self.attention(values))


def make_gated():
    score = GatedScore(5)
    score(keras.random.normal((2, 3)), keras.random.normal((2, 4, 3)))
    return score


def make_aux():
    inputs = keras.Input((4,))
    block = AuxBlock()
    return keras.Model(inputs, block(inputs))


def make_decoder():
    model = Decoder()
    model(keras.random.normal((2, 5, 4)))
    return model


# Twins.
class GatedScoreOn(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.w_q = layers.Dense(units)
        self.w_k = layers.Dense(units)
        self.gate = layers.Dense(units)
        self.v = layers.Dense(1)

    def __call__(self, query, keys, gated=False, previous=None):
        hidden = ops.tanh(self.w_q(query)[:, None, :] + self.w_k(keys))
        if gated and previous is not None:
            hidden = hidden + self.gate(previous)
        return ops.softmax(self.v(hidden), axis=1)


class ClassifierWithAux(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(6)
        self.aux = layers.Dense(1)
        self.head = layers.Dense(1)

    def call(self, x, training=False):
        h = self.body(x)
        if training:
            self.add_loss(0.01 * ops.mean(ops.square(self.aux(h))))
        return self.head(h)


class Pooler(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(3)
        self.extra = layers.Dense(3)

    def call(self, x, with_extra=False):
        h = self.proj(x)
        if with_extra:
            h = h + self.extra(x)
        return h


def make_gated_on():
    score = GatedScoreOn(5)
    keys = keras.random.normal((2, 4, 3))
    first = score(keras.random.normal((2, 3)), keys)
    score(keras.random.normal((2, 3)), keys, gated=True, previous=keys)
    return score, first


def make_training_only():
    model = ClassifierWithAux()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(keras.random.normal((4, 3)), keras.random.normal((4, 1)), verbose=0)
    return model


def run_twice(layer, x):
    return layer(x, with_extra=True) + layer(x)


def make_handed_over():
    pooler = Pooler()
    run_twice(pooler, keras.random.normal((2, 3)))
    return pooler
