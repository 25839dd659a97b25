"""super().__init__() called twice (held-out 22, BoTNet's attention): the second call resets the name
the first one was given ('att' comes back as an automatic name; measured in the test)."""
import keras


class Attention(keras.layers.Layer):
    def __init__(self, return_sequences=True, name=None, **kwargs):
        super().__init__(name=name)
        self.return_sequences = return_sequences
        super().__init__(**kwargs)

    def call(self, x):
        return x


def build_model():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Attention(name="att")(inputs))
