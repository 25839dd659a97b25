"""A custom layer keeps its stack of Dense sublayers in TensorFlow's own trackable `List`; Keras drops them.

The reporter wrapped the per-block layers in `tensorflow.python.training.tracking.data_structures.List`
(the container TF uses internally for checkpoint tracking) instead of a plain Python list, expecting the
same tracking. After a save/load round trip the sublayers' variables were restored into the layer but were
missing from `.weights`, so anything that walks the weights (optimizers, `get_weights`) skipped them; with a
plain list (`ListWrapper`) the problem went away. On Keras 3 the TF `List` is not a Python list at all, so the
Keras layer tracker never sees the Dense layers inside it: only the static Dense is counted.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/43755"
CODES = ("LD011",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py g_tf_trackable_list_of_sublayers.py:
as returned: Functional, count_params() = 16512, 2 weights, unbuilt: none
after call: count_params() = 16512, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 6 variables the model does not track: ['test_layer/kernel:0', 'test_layer/bias:0', 'test_layer/kernel:0', 'test_layer/bias:0', 'test_layer/kernel:0', 'test_layer/bias:0']
params of the case's own layers: {'test_layer': 16512}
second call: 0 variables watched that the first call did not use
(own script: the three Dense layers in the TF List hold 3 x 16,512 params that are neither counted nor trained)"""

import tensorflow as tf

try:  # TF >= 2.13 moved the module
    from tensorflow.python.trackable import data_structures
except ImportError:  # pragma: no cover - older TF
    from tensorflow.python.training.tracking import data_structures


class TestLayer(tf.keras.layers.Layer):
    """One static projection followed by `num_layers` residual Dense blocks."""

    def __init__(self, units=128, num_layers=3, **kwargs):
        super(TestLayer, self).__init__(**kwargs)
        self.units = units
        self.num_layers = num_layers

        self.static_layer = tf.keras.layers.Dense(units)
        self.my_layers = data_structures.List(
            [tf.keras.layers.Dense(units, activation="relu", name=f"block_{i}") for i in range(num_layers)]
        )

    def call(self, inputs):
        x = self.static_layer(inputs)
        for layer in self.my_layers:
            x = x + layer(x)
        return x

    def get_config(self):
        config = super(TestLayer, self).get_config()
        config.update({"units": self.units, "num_layers": self.num_layers})
        return config


def make_model(input_dim=128):
    inputs = tf.keras.Input(shape=(input_dim,))
    outputs = TestLayer(name="test_layer")(inputs)
    return tf.keras.Model(inputs, outputs)


def build_model():
    return make_model()
