"""Look-alike: a pasted MyLayer stores its kernel as (output_dim, input_dim) and transposes it into a local
`matrix` on every call; the kernel stays a tracked weight with a gradient.

From a pastebin paste (debug prints throughout, a tf.keras 2.1.6-tf traceback from fit() at the end) in which the
asker follows the Keras "writing your own layer" template: `output_dim` set before `super().__init__()` (the
template's order), `self.kernel = self.add_weight(shape=(self.output_dim, input_shape[1]), ...)` and
`super().build()` in build(), and `matrix = tf.transpose(self.kernel)`; `prod = K.dot(x, matrix)` in call().
A checker looking for LD010 (a variable attribute overwritten by a tensor derived from it, e.g.
`self.kernel = tf.transpose(self.kernel)`) or LD013 (settings before super) would stop here, but the transpose
goes into a local and `output_dim` is a plain attribute: the kernel is counted and gets a gradient. The paste's
fit() error comes from its data, not from the layer.

Porting edits: the paste starts mid-class; the `class MyLayer(Layer):` line and imports are restored (`K` from
`tensorflow.keras.backend`, which still has `dot`); the debug prints are kept. `batch_input_shape=(100, 5)` on the
custom layer is refused by Keras 3, so `build_model()` puts `keras.Input(batch_shape=(100, 5))` first in the
Sequential, then `MyLayer(5)`, as the paste does.
"""

SOURCE = "https://pastebin.com/UtCNqqtS"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/bc/okbc_pastebin_utcnqqts_mylayer_kernel_transposed_locally_in_call.py:
(the layer's debug prints: output_dim 5, input shape (100, 5), kernel (5, 5), product (100, 5))
as returned: Sequential, count_params() = 25, 1 weights, unbuilt: none
after call: count_params() = 25, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_layer': 25}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer
from tensorflow.keras.models import Sequential


class MyLayer(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(MyLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        print(self.output_dim)
        print(input_shape)
        # Create a trainable weight variable for this layer.
        self.kernel = self.add_weight(name='kernel',
                                      shape=(self.output_dim, input_shape[1]),
                                      initializer='uniform',
                                      trainable=True)
        super(MyLayer, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x):
        print('shape x: ')
        print(x.shape)
        print('shape kernel: ')
        print(self.kernel.shape)
        matrix = tf.transpose(self.kernel)
        print('matrix')
        print(matrix.shape)
        prod = K.dot(x, matrix)
        print('after product')
        print(prod.shape)
        return prod

    def compute_output_shape(self, input_shape):
        print('Compute output shape')
        print(input_shape)
        print(self.output_dim)
        return (input_shape[0], self.output_dim)


def build_model():
    model = Sequential()
    model.add(keras.Input(batch_shape=(100, 5)))
    model.add(MyLayer(5))
    return model
