"""Model with a proper `build()` for the layers it uses, plus one Dense that nothing builds or calls.

From the pull request that improved `Model.summary()` for subclassed models: `build()` builds
`dense1` and `dense2` explicitly (so `model.build((None, 2))` is enough for a summary), while
`unbuilt_dense` is created in `__init__`, never built and never called; the summary shows it
as "0 (unbuilt)" with Output Shape "?".
"""

SOURCE = "https://github.com/keras-team/keras/pull/19863"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after m.build((None, 2)): count_params() == 22 (dense 12 + dense_1 10), unbuilt_dense unbuilt;
after a call on a (2, 2) batch it is still unbuilt (summary: "dense_2 (Dense) | ? | 0 (unbuilt)");
no warning printed."""

import keras


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense1 = keras.layers.Dense(4, activation="relu")
        self.dense2 = keras.layers.Dense(2, activation="softmax")
        self.unbuilt_dense = keras.layers.Dense(1)

    def build(self, input_shape):
        self.dense1.build(input_shape)
        input_shape = self.dense1.compute_output_shape(input_shape)
        self.dense2.build(input_shape)

    def call(self, inputs):
        x = self.dense1(inputs)
        return self.dense2(x)


def build_model():
    m = MyModel()
    m.build((None, 2))
    return m
