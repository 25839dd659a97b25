"""Factory returns a subclassed model after `model.build(...)`; `summary()` then shows no weights.

The report takes the subclassing example from the Keras docs, builds it with
`model.build(input_shape=...)` and calls `summary()`: on Keras 2 the two Dense rows had
352 and 165 parameters, on Keras 3 the model "does not think it got built properly" and the
summary is missing everything. The model itself runs fine once called on data.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19535"
CODES = ("LD005",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
get_compiled_model() prints the Keras UserWarning "`build()` was called on layer 'my_model', however
the layer does not have a `build()` method implemented and it looks like it has unbuilt state";
the returned model has count_params() == 0, no weights, and dense1/dense2 are unbuilt
(summary rows "0 (unbuilt)", Total params: 0). After one call on a (2, 10) batch:
count_params() == 517 (352 + 165), as on Keras 2."""

import keras


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense1 = keras.layers.Dense(32, activation="relu")
        self.dense2 = keras.layers.Dense(5, activation="softmax")
        self.dropout = keras.layers.Dropout(0.5)

    def call(self, inputs, training=False):
        x = self.dense1(inputs)
        x = self.dropout(x, training=training)
        return self.dense2(x)


def get_compiled_model(input_dim=10):
    model = MyModel()
    model.build(input_shape=(None, input_dim))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def build_model():
    return get_compiled_model()
