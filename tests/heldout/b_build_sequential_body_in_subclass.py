"""A subclassed model whose body is a Sequential with no Input, built with `model.build(shape)` before `summary()`.

The report (`model.build(input_shape)` results in an output shape of "multiple", TF 2.5) builds
`MyModel(units)` with `model.build((1, 3))`. Here the layers are grouped in a `keras.Sequential`
attribute, a common way to write the same model, and the model is made by a factory.
"""

SOURCE = "https://github.com/keras-team/keras/issues/15135"
CODES = ("LD005",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_build_sequential_body_in_subclass.py:
warning: `build()` was called on layer 'my_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
as returned: MyModel, count_params() = 0, 0 weights, unbuilt: ['Sequential:sequential', 'Dense:dense_1', 'Dense:dense']
no inputs known: not called"""

import keras


class MyModel(keras.Model):
    def __init__(self, units):
        super().__init__()
        self.body = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(units)])

    def call(self, inputs, training=False):
        return self.body(inputs, training=training)


def get_model(units=1, n_features=3):
    model = MyModel(units)
    model.build((1, n_features))
    return model


def build_model():
    return get_model()
