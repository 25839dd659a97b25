# LD002 state-created-in-call: a Dropout or noise layer made in call(): on Keras 3 each holds a seed-generator variable
import keras
from keras import layers

CASE, TITLE = "LD002g", "dropout made per call: Keras 3's random layers own a seed variable, made anew on every call"
FEATURES = 6


class DropoutPerCall(layers.Layer):
    def __init__(self, rate=0.5, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.dense = layers.Dense(4)

    def call(self, inputs, training=None):
        dropped = layers.Dropout(self.rate)(inputs, training=training)  # LD002
        return self.dense(dropped)


class NoiseInHelper(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def corrupt(self, x, training):
        if training:
            x = layers.GaussianNoise(0.1)(x, training=training)  # LD002
        return x

    def call(self, inputs, training=None):
        return self.dense(self.corrupt(inputs, training))


class DropoutOnce(layers.Layer):
    """Correct: the Dropout is made once, in __init__."""

    def __init__(self, rate=0.5, **kwargs):
        super().__init__(**kwargs)
        self.dropout = layers.Dropout(rate)
        self.dense = layers.Dense(4)

    def call(self, inputs, training=None):
        return self.dense(self.dropout(inputs, training=training))


class ReluPerCall(layers.Layer):
    """Correct: an activation layer owns no state; making one per call costs nothing."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def call(self, inputs):
        return layers.ReLU()(self.dense(inputs))


def _model(layer):
    inputs = keras.Input((FEATURES,))
    model = keras.Model(inputs, layer(inputs))
    model.compile(optimizer="sgd", loss="mse")
    return model


def make_dropout_per_call():
    return _model(DropoutPerCall())


def make_noise_in_helper():
    return _model(NoiseInHelper())


def make_dropout_once():
    return _model(DropoutOnce())


def make_relu_per_call():
    return _model(ReluPerCall())
