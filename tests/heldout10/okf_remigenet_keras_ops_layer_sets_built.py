"""A keras.ops course layer builds its kernel in `build()`, sets `self.built = True` by hand, skips `super().build()`.

The "Keras Fundamentals: Models & Layers" lecture notes (Deep Learning for Finance course) teach a
custom `MyLayer` that creates `w`/`b` with `add_weight` in `build()`, marks itself built manually
instead of calling `super().build()`, and uses `keras.ops.relu(ops.dot(...))` in `call()`. Next to it
the course defines a subclassed model holding built-in and custom layers. It looks like the
"forgot super().build()" myth, but on Keras 3 everything is tracked and trained.
"""

SOURCE = "https://remigenet.github.io/DeepLearningForFinance/content/Cours_1/6-Keras.html"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okf_remigenet_keras_ops_layer_sets_built.py:
as returned: Functional, count_params() = 385, 4 weights, unbuilt: none
after call: count_params() = 385, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'return_predictor': 385, 'my_layer': 352}
second call: 0 variables watched that the first call did not use
"""

import keras
from keras import layers
import keras.ops as ops


class MyLayer(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        # Note: weights are not created here

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.w = self.add_weight(
            shape=(input_dim, self.units),
            initializer='glorot_uniform',
            name='kernel',
            trainable=True,
        )
        self.b = self.add_weight(
            shape=(self.units,),
            initializer='zeros',
            name='bias',
            trainable=True,
        )
        # Mark layer as built
        self.built = True

    def call(self, inputs):
        return ops.relu(ops.dot(inputs, self.w) + self.b)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config


class ReturnPredictor(keras.Model):
    def __init__(self, hidden_units=32, **kwargs):
        super().__init__(**kwargs)
        self.feature_layer = MyLayer(hidden_units)
        self.dropout = layers.Dropout(0.2)
        self.out = layers.Dense(1)

    def call(self, inputs, training=False):
        x = self.feature_layer(inputs)
        x = self.dropout(x, training=training)
        return self.out(x)


def build_model():
    inputs = keras.Input(shape=(10,))
    return keras.Model(inputs, ReturnPredictor()(inputs))
