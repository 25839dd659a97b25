"""MIT 6.S191 Lab 1's `OurDenseLayer`: the weight matrix and bias are made with `add_weight` in
`build()`, then the notebook builds the layer by hand (`layer.build((1, 2))`) and runs the forward
pass by calling `layer.call(x_input)` directly instead of `layer(x_input)`.

From MITDeepLearning/introtodeeplearning: issue #163 reports the lab's original
`self.add_weight("weight", shape=[...])` raising "got multiple values for argument 'shape'" on Keras 3
(the name was passed positionally); PR #165 passes `name="weight"` / `name="bias"`, which is the code
here. Looks like "layer used without `__call__`, so never built/tracked" but it is fine on Keras 3: the
manual `build()` marks the layer built and creates both weights (tracked, trainable), `call()` reads
them, and they get gradients whether the layer is used through `call` or `__call__`.

Porting edits: `tf.keras.layers.Layer` -> `keras.layers.Layer`, `tf.keras.utils.set_random_seed` ->
`keras.utils.set_random_seed`; `build_model()` repeats the notebook's build-then-call steps and
returns the layer with the (1, 2) input.
"""

SOURCE = "https://github.com/MITDeepLearning/introtodeeplearning/pull/165"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/oke_mitdeeplearning_ourdenselayer_manual_build_then_call.py:
as returned: OurDenseLayer, count_params() = 9, 2 weights, unbuilt: none
after call: count_params() = 9, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script /tmp/mine21b/pmit.py: built: True ; weights: ['our_dense_layer/weight', 'our_dense_layer/bias'] ; call(x) == __call__(x): True ; y = [[0.27059999108314514, 0.1826999932527542, 0.5037000179290771]]"""

import tensorflow as tf
import keras


class OurDenseLayer(keras.layers.Layer):
    def __init__(self, n_output_nodes):
        super(OurDenseLayer, self).__init__()
        self.n_output_nodes = n_output_nodes

    def build(self, input_shape):
        d = int(input_shape[-1])
        # Define and initialize parameters: a weight matrix W and bias b
        # Note that parameter initialization is random!
        self.W = self.add_weight(name="weight", shape=[d, self.n_output_nodes])  # note the dimensionality
        self.b = self.add_weight(name="bias", shape=[1, self.n_output_nodes])  # note the dimensionality

    def call(self, x):
        '''TODO: define the operation for z (hint: use tf.matmul)'''
        z = tf.matmul(x, self.W) + self.b

        '''TODO: define the operation for out (hint: use tf.sigmoid)'''
        y = tf.sigmoid(z)
        return y


def build_model():
    # Since layer parameters are initialized randomly, we will set a random seed for reproducibility
    keras.utils.set_random_seed(1)
    layer = OurDenseLayer(3)
    layer.build((1, 2))
    x_input = tf.constant([[1, 2.]], shape=(1, 2))
    y = layer.call(x_input)
    return layer, x_input
