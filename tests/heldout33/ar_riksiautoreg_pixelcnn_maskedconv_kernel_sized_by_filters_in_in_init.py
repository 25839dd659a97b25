"""PixelCNN `MaskedConv2D` creates its kernel and bias with `add_weight` in `__init__`, sized by a hand-passed
`filters_in`, and builds its colour mask there too: the model trains, but every layer is pinned to the channel
count the author typed: a grayscale input fails inside `tf.nn.conv2d` far from the constructor, and a 6-channel
input silently runs as a 2-group convolution.

From Riksi/autoreg (`blocks.py`, `masks.py`, `models.py` at da12094), the code behind the minibatchai/annotaited
"PixelCNN" tutorial: a PixelCNN with R/G/B-grouped masks (`get_mask` asserts both feature counts divide by 3),
residual blocks of masked 1x1/3x3/1x1 convs, and a 256-way softmax per colour. Each `MaskedConv2D` is told
`filters_in` by its caller (the model passes `filters_in=3` for the input conv, and `2 * hidden_dim` etc.
downstream) instead of reading `input_shape[-1]` in `build()` (LD004). The weights are tracked and trained;
the defect is the fixed input dimension.

Porting edits: none (the three modules are inlined in dependency order; `import blocks` / `from masks import`
become references to the classes above). `build_model()` is `build_pixel_cnn(hidden_dim=2, out_dim=2,
n_layers=1)` returned with a [2, 8, 8, 3] image batch; the own probe calls the same model on a 6-channel input
to show where the fixed `filters_in` surfaces (6 channels: no error,
TensorFlow treats the 3-channel kernel as a grouped conv; 1 channel: InvalidArgumentError in `call`).
"""

SOURCE = "https://github.com/Riksi/autoreg/blob/da12094c18208c342ae1f5bf2aadb6c635447315/blocks.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/ar_riksiautoreg_pixelcnn_maskedconv_kernel_sized_by_filters_in_in_init.py:
as returned: PixelRNN, count_params() = count_params() raised ValueError, 14 weights, unbuilt: ['MaskedConv2D:masked_conv2d', 'Sequential:sequential', 'PixelCNNResBlock:pixel_cnn_res_block', 'MaskedConv2D:masked_conv2d_3', 'MaskedConv2D:masked_conv2d_2', 'MaskedConv2D:masked_conv2d_1', 'MaskedConv2D:masked_conv2d_4', 'MaskedConv2D:masked_conv2d_5', 'MaskedConv2D:masked_conv2d_6']
after call: count_params() = 7764, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'masked_conv2d': 1776, 'pixel_cnn_res_block': 492, 'masked_conv2d_3': 84, 'masked_conv2d_2': 330, 'masked_conv2d_1': 78, 'masked_conv2d_4': 78, 'masked_conv2d_5': 42, 'masked_conv2d_6': 5376}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine33/ar/p_riksi.py:
input_conv before any call: built = False | kernel shape (7, 7, 3, 12) | weights 2
6-channel input: no error, output shape (2, 8, 8, 3, 256) (tf.nn.conv2d silently runs a grouped conv: 6 input channels / 3 kernel channels)
1-channel input raised InvalidArgumentError: Exception encountered when calling MaskedConv2D.call()."""

import numpy as np
import tensorflow as tf


def get_mask(kernel_size, features_in, features_out, mode='B'):
    assert (features_in % 3) == 0, features_in
    assert (features_out % 3) == 0, features_out

    # Assume centre of kernel corresponds to present pixel
    # which will be the case if kernel dims are odd
    # and "same" padding is used
    h, w = kernel_size
    i_cent = h // 2
    j_cent = w // 2
    mask = np.ones((h, w, features_in, features_out))

    # all zeros to the left in the centre row
    mask[i_cent, (j_cent + 1):] = 0.
    # all zeros below
    mask[(i_cent + 1):] = 0.

    clr2clr = np.triu(np.ones((3, 3)), k=1 if mode == 'A' else 0)

    rgb_mask = np.repeat(np.repeat(clr2clr, features_in // 3, axis=0),
                         features_out // 3, axis=1)

    mask[i_cent, j_cent] = rgb_mask

    return mask.astype('float32')


class MaskedConv2D(tf.keras.layers.Layer):
    def __init__(self, kernel_size, filters_in, filters, act=None, mode='B'):
        super(MaskedConv2D, self).__init__()
        if isinstance(kernel_size, int):
            self.kernel_size = (kernel_size, kernel_size)
        else:
            self.kernel_size = kernel_size
        self.filters = filters
        self.mode = mode
        if act is not None:
            self.act = tf.keras.layers.Activation(act)

        self.kernel = self.add_weight(name='kernel', shape=(*self.kernel_size, filters_in, self.filters))
        self.bias = self.add_weight(name='bias', shape=(self.filters,))
        mask_kwargs = dict(kernel_size=self.kernel_size,
                           features_in=filters_in,
                           features_out=self.filters,
                           mode=self.mode)
        self.mask = get_mask(**mask_kwargs)

    def call(self, x, **kwargs):
        kernel = self.kernel * self.mask
        out = tf.nn.conv2d(x, kernel, [1, 1, 1, 1], padding='SAME')
        out = tf.nn.bias_add(out, self.bias)
        if hasattr(self, 'act'):
            return self.act(out)
        return out


class PixelCNNResBlock(tf.keras.layers.Layer):
    def __init__(self, filters_in, filters):
        super(PixelCNNResBlock, self).__init__()
        self.conv_in = MaskedConv2D(1, filters_in, filters, act='relu')
        self.conv_mid = MaskedConv2D(3, filters, filters, act='relu')
        self.conv_out = MaskedConv2D(1, filters, 2 * filters, act='relu')

    def call(self, x, **kwargs):
        out = self.conv_in(x)
        out = self.conv_mid(out)
        out = self.conv_out(out)
        return x + out


class PixelRNN(tf.keras.models.Model):
    def __init__(self, hidden_dim, out_dim, n_layers, pixel_layer):
        super(PixelRNN, self).__init__()
        hidden_dim = hidden_dim * 3
        out_dim = out_dim * 3

        self.input_conv = MaskedConv2D(kernel_size=7,
                                       filters_in=3,
                                       filters=2 * hidden_dim,
                                       mode='A')

        self.pixel_model = tf.keras.Sequential(
            [pixel_layer(2 * hidden_dim, hidden_dim) for _ in range(n_layers)]
        )

        self.output_conv1 = MaskedConv2D(kernel_size=1,
                                         filters_in=2 * hidden_dim,
                                         filters=out_dim)
        self.output_conv2 = MaskedConv2D(kernel_size=1,
                                         filters_in=out_dim,
                                         filters=out_dim)

        self.final_conv = MaskedConv2D(kernel_size=1,
                                       filters_in=out_dim,
                                       filters=256 * 3)

    def call(self, x, **kwargs):
        y = self.input_conv(x)
        y = self.pixel_model(y)

        y = self.output_conv1(tf.nn.relu(y))
        y = self.output_conv2(tf.nn.relu(y))
        y = self.final_conv(y)

        y = tf.reshape(y, tf.concat([tf.shape(y)[:-1], [3, 256]], 0))
        return y


def build_pixel_cnn(hidden_dim, out_dim, n_layers):
    return PixelRNN(
        hidden_dim=hidden_dim,
        out_dim=out_dim,
        n_layers=n_layers,
        pixel_layer=PixelCNNResBlock
    )


def build_model():
    model = build_pixel_cnn(hidden_dim=2, out_dim=2, n_layers=1)
    images = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    return model, images
