"""IndexedConv's TF `MaskedConv2d` creates its kernel with `add_variable` in `build()` and immediately rebinds
`self.kernel = self.kernel * self.mask` then `self.kernel = tf.transpose(self.kernel, ...)`: on Keras 3 build runs
eagerly, so `call()` convolves with a constant snapshot of the initial kernel and the real kernel gets no gradient (LD010).

From TjarkMiener/IndexedConv (the hexagonal-grid convolution library used for Cherenkov telescope images),
`indexedconv/engine/tf/masked.py`. The layer emulates a hexagonal 3x3 (or 5x5) neighbourhood on an axial-coordinate
image by zeroing two corners of a square kernel with a hard-coded mask, then convolves with `tf.nn.conv2d`. Written for
TF 1 graph mode (`tf.layers.Layer`, `layer.apply`), where the rebinding in `build()` is a graph op on the variable and
the gradient flows through the product; in eager Keras 3 the product is computed once, at build time, from the
initial values.

Porting edits: `tf.layers.Layer` is `keras.layers.Layer` (Keras 3 still has `add_variable`, which the author calls
with keywords only); the logger, the docstring and the functional `masked_conv2d(...)` wrapper (which ends in the
TF 1 `layer.apply`) are left out; the `print('noflip')` the author left in `build()` is dropped; TF 1's `tf.nn.conv2d(filter=...)` keyword is TF 2's `filters=`. Everything else in
`__init__`, `build()` and `call()` is as written, including the mask kept as a `tf.Variable` (a constant in intent;
see the doubts). build_model() wires two masked convolutions the way a hexagonal CNN stem would: 3x3 then 3x3, on
a 12x12x2 axial image, and a global average pool.

Doubts kept: the mask is a raw `tf.Variable` on a Keras 3 layer (the catalog's LD003), but it is only read in
`build()`, never trained by intent, and is not the defect that loses the kernel; the kernel rebinding is LD010's
`self.w = transform(self.w)` exactly. Keras 3 still counts the kernel (`add_variable` tracked it before the rebinding),
so the summary looks right.
"""

SOURCE = "https://github.com/TjarkMiener/IndexedConv/blob/1c6edd55ca2686a1770fa6c73525fc63b9a728ea/indexedconv/engine/tf/masked.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 736, 4 weights, unbuilt: none
after call: count_params() = 736, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['hex_conv1/kernel', 'hex_conv2/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'hex_conv1': 152, 'hex_conv2': 584}
second call: 0 variables watched that the first call did not use
(The two kernels are counted and saved, but `call()` reads the EagerTensor left in `self.kernel` by `build()`.)"""

import tensorflow as tf
import keras


class MaskedConv2d(keras.layers.Layer):
    def __init__(self,
                 filters,
                 kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 data_format='channels_last',
                 dilation_rate=(1, 1),
                 activation=None,
                 use_bias=True,
                 kernel_initializer=None,
                 bias_initializer=tf.zeros_initializer(),
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 activity_regularizer=None,
                 trainable=True,
                 name=None,
                 **kwargs):

        super(MaskedConv2d, self).__init__(trainable=True, name=name, activity_regularizer=activity_regularizer, **kwargs)

        self.filters = filters
        self.kernel_size = kernel_size
        if padding == 'valid':
            self.padding = 'VALID'
        elif padding == 'same':
            self.padding = 'SAME'
        else:
            raise ValueError('padding must be valid or same.')
        if data_format == 'channels_last':
            self.data_format = 'NHWC'
            self.strides = (1,) + strides + (1,)
        elif data_format == 'channels_first':
            self.data_format = 'NCHW'
            self.strides = (1, 1) + strides
        else:
            raise ValueError('data_format must be channels_last or channels_first.')
        self.dilation_rate = dilation_rate
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint

    def build(self, input_shape):

        input_dim = tf.TensorShape(input_shape)
        if self.data_format == 'NHWC':
            in_channels = input_dim[3]
        elif self.data_format == 'NCHW':
            in_channels = input_dim[1]
        out_channels = self.filters
        # For now the mask are hardcoded (to run on gpu)! Later with build_kernel() from utils.py!
        if self.kernel_size == 3:
            self.mask = tf.Variable([[1.,1.,0.],[1.,1.,1.],[0.,1.,1.]], tf.float32)
        elif self.kernel_size == 5:
            self.mask = tf.Variable([[1.,1.,1.,0.,0.],[1.,1.,1.,1.,0.],[1.,1.,1.,1.,1.],[0.,1.,1.,1.,1.],[0.,0.,1.,1.,1.]], tf.float32)
        else:
            raise ValueError('kernel_size must be 3 or 5.')

        kernel_shape = (in_channels, out_channels, self.kernel_size, self.kernel_size)
        self.kernel = self.add_variable(name='kernel',
                                        shape=kernel_shape,
                                        initializer=self.kernel_initializer,
                                        regularizer=self.kernel_regularizer,
                                        constraint=self.kernel_constraint,
                                        trainable=True,
                                        dtype=self.dtype)
        self.kernel = self.kernel * self.mask
        self.kernel = tf.transpose(self.kernel, perm=[2, 3, 0, 1])

        if self.use_bias:
            self.bias = self.add_variable(name='bias',
                                          shape=(out_channels,),
                                          initializer=self.bias_initializer,
                                          regularizer=self.bias_regularizer,
                                          constraint=self.bias_constraint,
                                          trainable=True,
                                          dtype=self.dtype)
        else:
            self.bias = None

    def call(self, inputs):

        outputs = tf.nn.conv2d(input=inputs,
                               filters=self.kernel,
                               strides=self.strides,
                               padding=self.padding,
                               data_format=self.data_format,
                               name=self.name)
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias, data_format=self.data_format)
        if self.activation is not None:
                return self.activation(outputs)
        return outputs


def build_model():
    image = keras.Input(shape=(12, 12, 2))
    x = MaskedConv2d(8, 3, padding='same', activation=tf.nn.relu, name='hex_conv1')(image)
    x = MaskedConv2d(8, 3, padding='same', activation=tf.nn.relu, name='hex_conv2')(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(image, x)
