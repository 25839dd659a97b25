"""`build()` calls `super().build(input_shape)` first and only then `self.add_weight(...)`.

On tf.keras 1.x graph mode this order failed: `super().build()` sets `built = True` and the later
`add_weight` raised, hence the advice to call it last. It looks like state added to an already
built layer (the Keras 3 "cannot add new elements of state" error), but on Keras 3 the layer is
locked only after `build()` returns: correct code.
"""

SOURCE = "https://github.com/keras-team/keras/pull/10191"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
MyLayer()(X) with X of shape (2, 4) works; layer.weights == [kernel (4, 1)], count_params() == 4;
the kernel gets a non-None gradient; no warning, no 'cannot add new elements of state' error."""

import keras
from keras import layers, initializers, ops


class MyLayer(layers.Layer):
    def build(self, input_shape):
        super(MyLayer, self).build(input_shape)  # "too early" on tf.keras 1.x
        self.kernel = self.add_weight(
            name="kernel", shape=[input_shape[1], 1], initializer=initializers.get("uniform"))

    def call(self, x):
        return ops.matmul(x, self.kernel)


def build_model():
    my_layer = MyLayer()
    X = ops.convert_to_tensor([[1.0, 5.0, 3.0, 8.0], [1.0, 4.0, 7.0, 1.0]])
    my_layer(X)
    return my_layer, X
