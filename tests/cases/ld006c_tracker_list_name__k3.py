# LD006 private-weight-list: a sublayer list named like Keras 3's own tracking list
import keras

CASE, TITLE = "LD006c", "self._layers = [...] in a Model subclass"


class Tower(keras.Model):
    """The list re-binds Keras's own: the head, assigned after it, is no longer tracked (a Model keeping
    every sublayer in the list loses nothing: tests/cases_static/ld006k)."""

    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self._layers = [keras.layers.Dense(w, activation="relu") for w in widths]  # LD006
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        x = inputs
        for layer in self._layers:
            x = layer(x)
        return self.head(x)


class TowerFixed(keras.Model):
    """The correct twin: any other private name is tracked and saved."""

    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self._dense_layers = [keras.layers.Dense(w, activation="relu") for w in widths]
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        x = inputs
        for layer in self._dense_layers:
            x = layer(x)
        return self.head(x)


SHAPE = (4,)


def make():
    return Tower([8, 4])
