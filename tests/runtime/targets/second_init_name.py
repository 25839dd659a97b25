"""Layer.__init__ run twice by one user __init__: a name the first call was given is lost; a name Keras picked
itself only moves on to the next free one (held-out 39's U-Sleep DeepFeatureNet, a correct model)."""

import keras


class Named(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(name="encoder_block", **kwargs)
        self.dense = keras.layers.Dense(2)
        super().__init__()

    def call(self, x):
        return self.dense(x)


class NameHandedOn(keras.layers.Layer):
    """super().__init__(name=name) with the user's own default None, then super().__init__(**kwargs) (held-out
    40's StopLossModel attention): made without a name, it loses nothing."""

    def __init__(self, return_sequences=True, name=None, **kwargs):
        super().__init__(name=name)
        self.return_sequences = return_sequences
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(2)

    def call(self, x):
        return self.dense(x)


class TwiceFunctional(keras.Model):
    def __init__(self):
        super().__init__()
        self.units = 3
        inputs = keras.Input((4,))
        outputs = keras.layers.Dense(self.units)(inputs)
        super().__init__(inputs, outputs)


def named():
    layer = Named()
    layer(keras.ops.zeros((1, 4)))
    return layer


def twice_functional():
    return TwiceFunctional()


def name_handed_on(name=None):
    layer = NameHandedOn(name=name)
    layer(keras.ops.zeros((1, 4)))
    return layer


def name_handed_on_given():
    return name_handed_on("attention")
