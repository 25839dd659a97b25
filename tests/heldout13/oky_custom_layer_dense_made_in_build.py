"""Custom layer that owns a Keras Dense created in build() plus its own add_weight gate; weights counted correctly on Keras 3.

In TF 1.12 the reporter's `CustomLayer(tf.keras.layers.Layer)` holding a `tf.keras.layers.Dense`
reported the wrong number of weights (the inner Dense's kernel/bias were not part of the outer
layer's `weights`), so the functional summary under-counted.  Same structure here: the Dense is
created in `build()` (not `__init__`), built explicitly from the known input shape, and a
per-unit gate is an add_weight of the outer layer.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/32778"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oky_custom_layer_dense_made_in_build.py:
as returned: Functional, count_params() = 153, 7 weights, unbuilt: none
after call: count_params() = 153, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom': 112, 'custom_nogate': 36}
second call: 0 variables watched that the first call did not use
Counts are exact: custom = 12*8+8 (inner Dense) + 8 (gate) = 112, custom_nogate = 8*4+4 = 36, output Dense 5: 153."""

import tensorflow as tf


class CustomLayer(tf.keras.layers.Layer):
    def __init__(self, units, use_gate=True, **kwargs):
        super(CustomLayer, self).__init__(**kwargs)
        self.units = units
        self.use_gate = use_gate

    def build(self, input_shape):
        self.dense = tf.keras.layers.Dense(self.units, activation="tanh", name="inner_dense")
        self.dense.build(input_shape)
        if self.use_gate:
            self.gate = self.add_weight(name="gate", shape=(self.units,),
                                        initializer="ones", trainable=True)
        super(CustomLayer, self).build(input_shape)

    def call(self, inputs):
        out = self.dense(inputs)
        if self.use_gate:
            out = out * tf.sigmoid(self.gate)
        return out

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        config = super(CustomLayer, self).get_config()
        config.update({"units": self.units, "use_gate": self.use_gate})
        return config


def build_model():
    inp = tf.keras.layers.Input(shape=(12,))
    x = CustomLayer(8, name="custom")(inp)
    x = CustomLayer(4, use_gate=False, name="custom_nogate")(x)
    out = tf.keras.layers.Dense(1)(x)
    model = tf.keras.Model(inp, out)
    return model
