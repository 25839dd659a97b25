"""A pasted question: MyDenseLayer symmetrises its kernel in build() (`k = tf.Variable(X)`, then
`self.kernel = 0.5 * (k + tf.transpose(k))`), so the layer keeps only a constant tensor and
`layer.trainable_variables` prints `[]`.

From a pastebin paste (the kind linked from a Q&A thread; the paste ends with the asker's own output
`print(layer.trainable_variables)` -> `[]`). The asker wants a trainable symmetric kernel: build() draws
`X = tf.random.uniform(...)`, wraps it in a local `tf.Variable`, and stores the symmetrised product on
`self.kernel`. Only the derived tensor is kept on the layer; the variable itself is a local that nothing
tracks, so there is no weight at all: 0 params, nothing trained, nothing saved (LD001: a weight-like tensor
stored on self in build instead of a variable). The defect is the same on tf.keras 2 (that is what the paste
shows) and on Keras 3. A fix keeps `self.k = self.add_weight(...)` and symmetrises it inside call().

Porting edits: the paste's `from tensorflow.python.framework.ops import enable_eager_execution` /
`enable_eager_execution()` lines are dropped (TF1 API, eager is the default, and importing must be side-effect
free); the class is verbatim. The paste calls the layer eagerly on `tf.ones([3, 5])`; `build_model()` wires the
same `MyDenseLayer(5)` on a width-5 `keras.Input` (the kernel is square, so the input width must be 5).
"""

SOURCE = "https://pastebin.com/zW6vYPYC"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/bc/bc_pastebin_zw6vypyc_mydenselayer_symmetric_kernel_tensor_from_local_tf_variable.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_dense_layer': 0}
second call: 0 variables watched that the first call did not use
probe (probe_bc.py), the paste's own eager use: MyDenseLayer(5)(tf.ones([3, 5])) -> (3, 5);
layer.trainable_variables == [] (as the paste prints); layer.kernel is an EagerTensor (the tf.Variable k is a local
no one keeps)."""

import tensorflow as tf
from tensorflow import keras


class MyDenseLayer(tf.keras.layers.Layer):
    def __init__(self, num_outputs):
        super(MyDenseLayer, self).__init__()
        self.num_outputs = num_outputs

    def build(self, input_shape):
        X = tf.random.uniform([int(input_shape[-1]),self.num_outputs],minval=0,maxval=1,dtype=tf.dtypes.float32,)
        k = tf.Variable(X, name="kernel")
        self.kernel = 0.5 * (k+tf.transpose(k))

    def call(self, input):
        return tf.matmul(input, self.kernel)


def build_model():
    inputs = keras.Input((5,))
    outputs = MyDenseLayer(5)(inputs)
    return keras.Model(inputs, outputs)
