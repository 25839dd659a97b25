"""keras_mixnets' `GroupConvolution` layer keeps its per-group Conv2D / DepthwiseConv2D layers in
`self._layers`, the attribute name Keras 3 uses for a layer's own tracked sublayers: the model counts
and trains the convolutions, but `save_weights` writes nothing for them and `load_weights` restores
nothing.

`GroupConvolution.__init__` (titu1994/keras_mixnets, `custom_objects.py`, used by every `MDConv` and
`GroupedConv2D` block of MixNet-S/M/L) builds one conv per kernel size and assigns the list to
`self._layers`; `call()` splits the channels and runs each group through its conv. On Keras 3 the
assignment replaces the layer's internal sublayer list: the variables are still reachable
(`model.weights`, `count_params()`, gradients and `fit` all look right), but the saving machinery
walks the layer's tracked children, finds none, and the group convolution's weights are silently
missing from the weights file. A trained MixNet reloaded from its checkpoint comes back with freshly
initialised mixed-depthwise and grouped 1x1 convolutions.

Porting edits: `K.int_shape` -> `inputs.shape`; `tf.split` and `layers.concatenate` kept;
`MixNetConvInitializer` (a normal(0, sqrt(2/fan_out)) initializer) replaced by 'he_normal' (passed as
`depthwise_initializer` to DepthwiseConv2D, the Keras 3 name);
`compute_output_shape`/`get_config` left out; the block is wired as the repo's `MDConv` does it (a
depthwise group conv with kernels [3, 5]) between two plain layers.
"""

SOURCE = "https://github.com/titu1994/keras_mixnets/blob/5f27ae6/keras_mixnets/custom_objects.py"
CODES = ("LD006", "LD011")
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/q_mixnets_group_convolution_convs_in_private_layers_list.py:
as returned: Functional, count_params() = 178, 5 weights, unbuilt: none
after call: count_params() = 178, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'group_convolution': 136}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine15a/probe.py - one SGD fit step changes 5 of 5 trainable weights (the failure is
not visible while training). /tmp/mine15a/p_mix_save.py - model.save_weights(...) writes only
['layers/conv2d/vars/0', 'layers/dense/vars/0', 'layers/dense/vars/1']: no dataset for the two
depthwise kernels of group_convolution (136 params); a fresh build_model() + load_weights gives a
different output on the same input (max abs diff 0.28); no warning on save or load."""

import tensorflow as tf
import keras
from keras import layers


class GroupConvolution(layers.Layer):

    def __init__(self, filters, kernels, groups,
                 type='conv', conv_kwargs=None,
                 **kwargs):
        super(GroupConvolution, self).__init__(**kwargs)

        if conv_kwargs is None:
            conv_kwargs = {
                'strides': (1, 1),
                'padding': 'same',
                'dilation_rate': (1, 1),
                'use_bias': False,
            }

        self.filters = filters
        self.kernels = kernels
        self.groups = groups
        self.type = type
        self.strides = conv_kwargs.get('strides', (1, 1))
        self.padding = conv_kwargs.get('padding', 'same')
        self.dilation_rate = conv_kwargs.get('dilation_rate', (1, 1))
        self.use_bias = conv_kwargs.get('use_bias', False)
        self.conv_kwargs = conv_kwargs or {}

        assert type in ['conv', 'depthwise_conv']
        if type == 'conv':
            splits = self._split_channels(filters, self.groups)
            self._layers = [layers.Conv2D(splits[i], kernels[i],
                                          strides=self.strides,
                                          padding=self.padding,
                                          dilation_rate=self.dilation_rate,
                                          use_bias=self.use_bias,
                                          kernel_initializer='he_normal')
                            for i in range(groups)]

        else:
            self._layers = [layers.DepthwiseConv2D(kernels[i],
                                                   strides=self.strides,
                                                   padding=self.padding,
                                                   dilation_rate=self.dilation_rate,
                                                   use_bias=self.use_bias,
                                                   depthwise_initializer='he_normal')
                            for i in range(groups)]

        self.data_format = 'channels_last'
        self._channel_axis = -1

    def call(self, inputs, **kwargs):
        if len(self._layers) == 1:
            return self._layers[0](inputs)

        filters = inputs.shape[self._channel_axis]
        splits = self._split_channels(filters, self.groups)
        x_splits = tf.split(inputs, splits, self._channel_axis)
        x_outputs = [c(x) for x, c in zip(x_splits, self._layers)]
        x = layers.concatenate(x_outputs, axis=self._channel_axis)
        return x

    def _split_channels(self, total_filters, num_groups):
        split = [total_filters // num_groups for _ in range(num_groups)]
        split[0] += total_filters - sum(split)
        return split


def build_model():
    ip = keras.Input(shape=(8, 8, 3))
    x = layers.Conv2D(8, 1, use_bias=False)(ip)
    x = GroupConvolution(8, [3, 5], groups=2, type='depthwise_conv')(x)   # MDConv([3, 5])
    x = layers.GlobalAveragePooling2D()(x)
    out = layers.Dense(2)(x)
    return keras.Model(ip, out)
