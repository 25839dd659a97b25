"""A research repo's hand-written convolution layer keeps its kernel as a `tf.Variable` made in `__init__`: on Keras 3
the layer owns no weights, so a model built from it has 0 parameters and its convolutions are never trained or saved.

From aapowadi/Reimnv2 (`models/m_sub/conva_layer.py`, a subclassed-model rewrite of a pose/segmentation network,
"Model sub-class"): `conv_layer(keras.layers.Layer)` takes `kernel_size, n_channels, n_filters, strides,
kernel_initializer` and builds `self.w = tf.Variable(initial_value=self.kernel_initializer(shape=(*kernel_size,
n_channels, n_filters), dtype='float32'), trainable=True, name=self.wname, dtype=tf.float32)`; `call` runs
`tf.nn.conv2d` + ReLU. Written for TF 2.x tf.keras, where the variable was tracked; on Keras 3 it is not (LD003).
(A sibling file, `Reimnv2/models/m_sub/conv_layer.py`, is used by another collection; this is a different file with
the variable in `__init__` and no `trainable` argument.)

Porting edits: none to the class. build_model() stacks two of them in a small functional model on 32x32 RGB input
(3x3 kernels, 3->8->8 channels, stride 1, glorot initializer), the way the repository's models chain them.
"""

SOURCE = "https://github.com/aapowadi/Reimnv2/blob/eb6d8af3210afd791232fa9ff8fd1274c62c04ec/models/m_sub/conva_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bl/bl_reimnv2_conva_layer_conv_kernel_tf_variable_in_init_untracked.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['kernel1:0', 'kernel2:0']
params of the case's own layers: {'conv_layer': 0, 'conv_layer_1': 0}
second call: 0 variables watched that the first call did not use
probe (probe_bl.py): model A save_weights -> fresh model B load_weights: the file holds 0 weights, and A and B give
different outputs on the same image (B keeps its own random kernels)."""

# import the necessary packages
from tensorflow import keras
import tensorflow as tf


class conv_layer(keras.layers.Layer):
    """
    Model sub-class
    """

    def __init__(self, kernel_size, n_channels, n_filters, strides, kernel_initializer, padding="SAME", wname="kernel"):
        # Call the parent constructor
        super(conv_layer, self).__init__()
        self.n_filters = n_filters
        self.strides = strides
        self.kernel_size = kernel_size
        self.kernel_initializer = kernel_initializer
        self.n_channels = n_channels
        self.w = None
        self.padding = padding
        self.wname = wname
        ##----------------------------------------------------------------------------------------
        self.w = tf.Variable(initial_value=self.kernel_initializer(shape=(*self.kernel_size, self.n_channels, self.n_filters),
                             dtype='float32'),trainable=True, name=self.wname, dtype=tf.float32)

    def call(self, X):
        """
        """
        x = tf.nn.conv2d(X, self.w, self.strides, padding=self.padding)
        x = tf.nn.relu(x)
        return x


def build_model():
    init = tf.keras.initializers.GlorotUniform()
    inputs = keras.Input(shape=(32, 32, 3))
    x = conv_layer((3, 3), 3, 8, 1, init, wname="kernel1")(inputs)
    x = conv_layer((3, 3), 8, 8, 1, init, wname="kernel2")(x)
    return keras.Model(inputs, x)
