# LD006 private-weight-list, a near miss: a Model that re-binds `self._layers = []` and keeps every
# sublayer in it (a PPO critic, tests/heldout32): a Model saves that list through model.layers, and no
# other sublayer is lost. No finding. The twin also stores a sublayer as an attribute, which the re-bound
# list loses (error). Measured on Keras 3.15.1 + TF 2.21 (/tmp/p35/probe_more.py, 4 input features):
# OnlyList counts its 15 parameters and reloads equal; WithExtra counts 15 of 23 (2 weights: the extra
# Dense is not tracked).
import keras


class OnlyList(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._layers = []
        self._layers.append(keras.layers.Dense(3))

    def call(self, x):
        for layer in self._layers:
            x = layer(x)
        return x


class WithExtra(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._layers = []  # LD006
        self._layers.append(keras.layers.Dense(3))
        self.extra = keras.layers.Dense(2)

    def call(self, x):
        for layer in self._layers:
            x = layer(x)
        return self.extra(x)


def build_model():
    return OnlyList()
