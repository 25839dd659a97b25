"""`BinaryDense`/`BinaryConv2D` keep their latent real-valued weights as raw `tf.Variable`s made in
`build()`, so Keras 3 tracks none of them (0 params); `BinaryDense` additionally wraps the binarized kernel in
`tf.stop_gradient`, so its latent weight would get no gradient even if it were tracked.

From LordOfTheDailamites/TensorFlow---Binary-Layers (`binary_layers.py`), a small library of 0/1 "binary
weight" layers with a straight-through-estimator `threshold_weights` (`tf.custom_gradient` that passes the
gradient through). The README promises STE training of the latent weights; the conv layer uses it as
meant, but the dense layer applies `tf.stop_gradient` after the STE (copied from the `Binarize`
constraint above it), which cuts the latent weight off the loss. On Keras 3 both layers also store the
latent weight as `tf.Variable` (LD003): not counted, not in `trainable_weights`, not given to an
optimizer, not saved.

Porting edits: none (the module is written against `tf.keras`, Keras 3 under TF 2.21). `build_model()`
wires the two layers the way the README describes a binary network: a functional model
Input(8, 8, 1) -> BinaryConv2D(4, (3, 3)) -> Flatten -> BinaryDense(3).

Doubt kept as decided: the two defects are different (LD003: the latent weights are invisible to Keras
3; LD009: the dense layer's latent weight is behind `stop_gradient`). LD003 is primary because it is what
Keras 3 users see first (0 params, nothing trained); LD009 is listed second because the dense layer's
weight stays untrained after the LD003 fix (measured in the probe with an `add_weight` version).
"""

SOURCE = "https://github.com/LordOfTheDailamites/TensorFlow---Binary-Layers/blob/987e15fdc98a987d1f7d6d2c7de4387e3dc49d31/binary_layers.py"
CODES = ("LD003", "LD009")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/al_binarylayers_binarydense_latent_weights_tf_variable_and_stop_gradient.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['binary_conv2d/Variable:0', 'binary_dense/Variable:0']
params of the case's own layers: {'binary_conv2d': 0, 'binary_dense': 0}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_binary.py:
raw tf.Variable gradients: conv.w ok dense.w None
add_weight version: count_params 468
add_weight version gradients: [('fixed_conv/variable', True), ('fixed_dense/variable_1', False)]"""

import tensorflow as tf


@tf.custom_gradient
def threshold_weights(weights):
    bin_w = tf.where(weights < 0,
                0*tf.ones_like(weights, dtype=tf.float32),
                1*tf.ones_like(weights, dtype=tf.float32))
    def grad(dw):
        return dw
    return bin_w, grad


# Custom binary fully connected layer.
class BinaryDense(tf.keras.layers.Layer):
    def __init__(self, num_neurons, threshold=0, units=[0,1]):
        super(BinaryDense, self).__init__()
        self.num_neurons = num_neurons
        self.threshold = threshold
        self.min = units[0]
        self.max = units[1]

    def build(self, input_shape):
        w_init = tf.random_uniform_initializer()
        self.w = tf.Variable(
            initial_value=w_init(shape=(input_shape[-1], self.num_neurons), dtype="float32"),
            trainable=True)

    def call(self, input_tensor):
        input_tensor = tf.cast(input_tensor, tf.float32)
        w_shift = self.w - self.threshold
        w_bin = threshold_weights(w_shift)
        w_bin = tf.stop_gradient(w_bin*(self.max-self.min)+ self.min)
        return tf.matmul(input_tensor, w_bin)


# Custom binary convolutional layer.
class BinaryConv2D(tf.keras.layers.Layer):
    def __init__(self, kernel_num, kernel_size, strides=(1,1), padding="VALID",
                 threshold=0, units=[0,1]):
        super(BinaryConv2D, self).__init__()
        self.kernel_num = kernel_num
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.threshold = threshold
        self.min = units[0]
        self.max = units[1]

    def build(self, input_shape):
        w_init = tf.random_uniform_initializer()
        w_shape = [self.kernel_size[0], self.kernel_size[1], input_shape[-1], self.kernel_num]
        self.w = tf.Variable(initial_value=w_init(w_shape, dtype=tf.float32),
                        trainable=True)

    def call(self, input_tensor):
        input_tensor = tf.cast(input_tensor, tf.float32)
        w_shift = self.w - self.threshold
        w_bin = threshold_weights(w_shift)
        w_bin = w_bin * (self.max - self.min) + self.min
        conv = tf.nn.conv2d(input_tensor, w_bin, strides=self.strides, padding=self.padding)
        return conv


def build_model():
    inputs = tf.keras.Input((8, 8, 1))
    x = BinaryConv2D(4, (3, 3))(inputs)
    x = tf.keras.layers.Flatten()(x)
    outputs = BinaryDense(3)(x)
    return tf.keras.Model(inputs, outputs)
