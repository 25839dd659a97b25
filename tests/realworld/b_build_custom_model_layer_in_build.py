"""Custom Model creates its Dense in `build()` without building it; building the model leaves it empty.

The reporter (the author of a Keras book) wrote a model whose `build()` only instantiates
`self.hidden1 = Dense(units)`. Training works (the first call builds the Dense), but
`load_model` rebuilds the model from its config by calling `build()`, which again leaves the
Dense without weights (the report: loading fails; on Keras 3.15 the saved variables are
dropped silently instead). Any explicit `model.build()` shows the same hole.
"""

SOURCE = "https://github.com/keras-team/keras-core/issues/334"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model.build((None, 5)): model.built is True, count_params() == 0, hidden1 is unbuilt,
no warning (the model has its own build()). A call on a (2, 5) batch builds hidden1
(count_params() == 60). Round trip: fit, model.save("m.keras"), keras.models.load_model(...)
raises nothing, but the loaded model has count_params() == 0 and hidden1.built == False; its
first call creates fresh random weights, so its outputs differ from the saved model's."""

import keras


class MyCustomModel(keras.Model):
    def __init__(self, units=30, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, batch_input_shape):
        self.hidden1 = keras.layers.Dense(self.units)

    def call(self, inputs):
        return self.hidden1(inputs)

    def get_config(self):
        return {"units": self.units}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def build_model():
    model = MyCustomModel(10)
    model.build((None, 5))  # what load_model does through build_from_config
    return model
