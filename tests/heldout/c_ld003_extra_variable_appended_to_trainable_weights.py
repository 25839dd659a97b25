"""An extra trainable scalar made with `tf.Variable` and "registered" by appending it to `trainable_weights`.

The TF 1.13 report added a trainable variable `y` to a Keras model with
`model.trainable_weights.append(y)` (and a `get_trainable_weights().append` variant), which worked on
1.12 and stopped working on 1.13. Here the layer does the same for its own temperature variable.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/26791"
CODES = ("LD003", "LD006")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld003_extra_variable_appended_to_trainable_weights.py:
as returned: Functional, count_params() = 65, 2 weights, unbuilt: none
after call: count_params() = 65, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['temperature_softmax/temperature:0']
params of the case's own layers: {'temperature_softmax': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras


class TemperatureSoftmax(keras.layers.Layer):
    def build(self, input_shape):
        self.temperature = tf.Variable(1.0, trainable=True, name="temperature")
        self.trainable_weights.append(self.temperature)

    def call(self, logits):
        return tf.nn.softmax(logits / self.temperature)


def build_model():
    inputs = keras.Input((12,))
    logits = keras.layers.Dense(5)(inputs)
    outputs = TemperatureSoftmax()(logits)
    return keras.Model(inputs, outputs)
