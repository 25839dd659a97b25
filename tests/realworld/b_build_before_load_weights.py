"""`model.build()` before `load_weights()` on a subclassed model (the tf.keras 2 recipe) loses the checkpoint on Keras 3.

On tf.keras 2, `load_weights` refused a subclassed model "which has not created its variables
yet", and the advice (and the reporter's question) was to call `model.build(input_shape)`
first. Ported to Keras 3 the same helper builds nothing: the Dense sublayers stay unbuilt,
so the checkpoint has nowhere to go and
is dropped without an error.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/44240"
CODES = ("LD005",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
make_model() warns "`build()` was called on layer 'regressor', however the layer does not have a
`build()` method implemented and it looks like it has unbuilt state"; count_params() == 0 and
hidden1/hidden2/head are unbuilt. restore() on a .weights.h5 file saved from a called Regressor
raises nothing: the restored model still has count_params() == 0, and its first call creates fresh
random weights (outputs differ from the saved model's by up to 0.235): the checkpoint is silently
dropped. Calling the model once on data before load_weights restores it (5,569 params)."""

import keras


class Regressor(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden1 = keras.layers.Dense(64, activation="relu")
        self.hidden2 = keras.layers.Dense(64, activation="relu")
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        return self.head(self.hidden2(self.hidden1(inputs)))


def make_model(n_features=20):
    model = Regressor()
    # tf.keras 2: "Call the Model first, then load the weights" -> build() was enough there
    model.build((None, n_features))
    return model


def restore(path, n_features=20):
    model = make_model(n_features)
    model.load_weights(path)
    return model


def build_model():
    return make_model()
