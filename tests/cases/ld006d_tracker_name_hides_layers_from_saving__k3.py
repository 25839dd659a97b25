# LD006 private-weight-list: sublayers kept under Keras 3's own `_layers` name run and count, but are not saved
import keras
from keras import ops

CASE, TITLE = "LD006d", "self._layers as a tuple, and as a list made in build(); twins that save"


class LazyEncoder(keras.layers.Layer):
    """Makes its Dense stack in build() and keeps it in self._layers."""

    def __init__(self, units=6, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self._layers = [keras.layers.Dense(self.units, activation="relu") for _ in range(2)]  # LD006
        for layer in self._layers:
            layer.build(input_shape)
            input_shape = (*input_shape[:-1], self.units)

    def call(self, inputs):
        x = inputs
        for layer in self._layers:
            x = layer(x)
        return x


class GaussianHeads(keras.layers.Layer):
    """Two heads in a tuple named self._layers. (In a Model, Keras 3 saves `_layers` through
    model.layers: measured, not a saving bug there.)"""

    def __init__(self, latent=2, **kwargs):
        super().__init__(**kwargs)
        self._layers = (keras.layers.Dense(latent, name="mean"), keras.layers.Dense(latent, name="log_var"))  # LD006

    def call(self, inputs):
        mean, log_var = self._layers
        return ops.concatenate([mean(inputs), log_var(inputs)], axis=-1)


class ResidualStack(keras.Sequential):
    """The look-alike: a Sequential subclass (Keras itself re-binds _layers there) is saved whole."""


class Trunk(keras.layers.Layer):
    """The look-alike: any other private name is tracked and saved."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._blocks = [keras.layers.Dense(6, activation="relu") for _ in range(2)]
        self.stack = ResidualStack([keras.layers.Dense(6), keras.layers.Dense(6)])

    def call(self, inputs):
        x = inputs
        for block in self._blocks:
            x = block(x)
        return self.stack(x)


class Autoencoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.trunk = Trunk()
        self.encoder = LazyEncoder()
        self.heads = GaussianHeads()

    def call(self, inputs):
        return self.heads(self.encoder(self.trunk(inputs)))


SHAPE = (6,)


def make():
    return Autoencoder()
