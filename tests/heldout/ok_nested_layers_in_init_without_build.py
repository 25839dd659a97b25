"""A model made of custom layers that create their Dense and Dropout sublayers in `__init__` and define no `build()`.

The report saw `Rmodel.trainable_variables` empty right after constructing the model (nothing had been
called yet). Sublayers assigned in `__init__` are tracked; their weights exist after the first call.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/39358"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_nested_layers_in_init_without_build.py:
as returned: Regulation, count_params() = 1153, 4 weights, unbuilt: none
after call: count_params() = 1153, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mask_mean': 0, 'predict': 1153}
second call: 0 variables watched that the first call did not use"""

import keras


class MaskMean(keras.layers.Layer):
    def __init__(self, trainable=True):
        super().__init__(trainable=trainable)
        self.dropout = keras.layers.Dropout(0.1)

    def call(self, x, training=None):
        return keras.ops.mean(self.dropout(x, training=training), axis=1)


class Predict(keras.layers.Layer):
    def __init__(self, trainable=True):
        super().__init__(trainable=trainable)
        self.dense_layer = keras.layers.Dense(64, activation="relu", name="full_connection")
        self.predict = keras.layers.Dense(1, name="prediction")

    def call(self, x):
        return self.predict(self.dense_layer(x))


class Regulation(keras.Model):
    def __init__(self, trainable=True):
        super().__init__()
        self.mask_mean_layer = MaskMean(trainable=trainable)
        self.predict = Predict(trainable=trainable)

    def call(self, x, training=None):
        return self.predict(self.mask_mean_layer(x, training=training))


def build_model():
    model = Regulation(trainable=True)
    x = keras.ops.ones((2, 7, 16))
    model(x)
    return model, x
