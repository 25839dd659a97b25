# LD006 private-weight-list, a near miss: a Model that keeps every sublayer in a list named like Keras 3's
# own tracking list loses nothing (a Model saves `_layers` through model.layers; measured: 4 weights, 76
# parameters, trained, a save_weights/load_weights round trip equal). With another sublayer assigned as an
# attribute, that one is lost: tests/cases_static/ld006k (LD006).
import keras

CASE, TITLE = "LD006c", "self._layers = [...] holding every sublayer of a Model subclass"


class Tower(keras.Model):
    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self._layers = [keras.layers.Dense(w, activation="relu") for w in widths]

    def call(self, inputs):
        x = inputs
        for layer in self._layers:
            x = layer(x)
        return x


class TowerFixed(keras.Model):
    """Another private name: tracked and saved as well."""

    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self._dense_layers = [keras.layers.Dense(w, activation="relu") for w in widths]

    def call(self, inputs):
        x = inputs
        for layer in self._dense_layers:
            x = layer(x)
        return x


SHAPE = (4,)


def make():
    return Tower([8, 4])
