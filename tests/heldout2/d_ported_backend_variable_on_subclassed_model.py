"""A subclassed model asks for "a trainable variable like tf.get_variable" and makes it with `K.variable`.

The report asks how to create a free trainable variable in Keras the way `tf.get_variable` works,
having found that `K.variable(...)` does not train. Ported as such code lands on Keras 3: the
`tensorflow.keras.backend` import is kept, the variable (a learned temperature and offset) is created
with `K.variable` in the model's `__init__` and used in `call()`. On Keras 3 `K.variable` returns a
plain `tf.Variable`, which a Keras 3 model does not track.
"""

SOURCE = "https://github.com/keras-team/keras/issues/10190"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py d_ported_backend_variable_on_subclassed_model.py:
as returned: Functional, count_params() = 212, 4 weights, unbuilt: none
after call: count_params() = 212, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 2 variables the model does not track: ['temperature:0', 'offset:0']
params of the case's own layers: {'temperature_classifier': 212}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow.keras.backend as K
from tensorflow import keras


class TemperatureClassifier(keras.Model):
    def __init__(self, num_classes=4, **kwargs):
        super().__init__(**kwargs)
        self.features = keras.layers.Dense(16, activation="relu")
        self.logits = keras.layers.Dense(num_classes)
        self.temperature = K.variable(np.ones((1,), dtype="float32"), name="temperature")
        self.offset = K.variable(np.zeros((num_classes,), dtype="float32"), name="offset")

    def call(self, x):
        return self.logits(self.features(x)) / self.temperature + self.offset


def build_model():
    inputs = keras.Input((8,))
    return keras.Model(inputs, TemperatureClassifier()(inputs))
