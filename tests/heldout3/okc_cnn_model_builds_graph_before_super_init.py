"""A `Model` subclass wires its functional graph (and two feature sub-models) before `super().__init__(x, y)`.

The book code's `CNN(Model)` stores `nb_classes`, builds `Input -> Conv2D ... -> Dense` in a
`build_model()` helper, keeps two truncated `Model(x, z)` feature extractors as attributes and only
then calls `super().__init__(model.x, model.y)`. Old standalone Keras raised "forgot to call
super().__init__()"; Keras 3 functional subclasses accept attributes set before the call (keras-hub
backbones do exactly this), and every weight is in the model. Rewritten smaller.
"""

SOURCE = "https://github.com/jskDr/keraspp/issues/3"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_cnn_model_builds_graph_before_super_init.py:
as returned: CNN, count_params() = 363, 6 weights, unbuilt: none
after call: count_params() = 363, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras


class CNN(keras.Model):
    def __init__(self, nb_classes, in_shape):
        self.nb_classes = nb_classes
        self.in_shape = in_shape
        self.build_graph()
        super().__init__(self.x, self.y)

    def build_graph(self):
        x = keras.Input(self.in_shape)
        h = keras.layers.Conv2D(4, 3, activation="relu")(x)
        h = keras.layers.MaxPooling2D()(h)
        h = keras.layers.Flatten()(h)
        z_cl = h
        h = keras.layers.Dense(8, activation="relu")(h)
        z_fl = h
        y = keras.layers.Dense(self.nb_classes, activation="softmax", name="preds")(h)
        self.cl_part = keras.Model(x, z_cl)
        self.fl_part = keras.Model(x, z_fl)
        self.x, self.y = x, y


def build_model():
    return CNN(nb_classes=3, in_shape=(8, 8, 1))
