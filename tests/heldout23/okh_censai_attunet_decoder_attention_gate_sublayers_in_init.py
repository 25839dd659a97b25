"""Censai's attention U-Net decoder layer: `AttUnetDecodingLayer` builds a `SpatialAttentionGate` (three
Conv2D + bilinear UpSampling2D), an `UpsamplingLayer` (Conv2DTranspose + BatchNormalization or an identity
`Lambda`) and lists of convolutions / batch norms in `__init__`, has no `build()`, and its attention gate
calls `super().__init__()` without forwarding `**kwargs` (they go to the convolutions instead).

From AlexandreAdam/Censai (`censai/models/layers/attunet_decoding_layer.py` and
`spatial_attention_gate.py`, the Oktay et al. additive attention gate used by the lensing-reconstruction
attention U-Net). It looks like several traps at once (sublayers held in Python lists, nested custom layers
with no `build()`, identity `Lambda` layers with a `training` default, `**kwargs` not given to the base
class, the gate called with keyword tensors `x_up=`/`x_skip=`), but on Keras 3 every sublayer is tracked
through the attributes and lists, built on the first call, counted, and gets a gradient.

Porting edits: `censai.definitions.DTYPE` -> `"float32"`, `censai.models.utils.get_activation` -> a
two-line stand-in returning `tf.keras.layers.Activation(name)`; the two files joined; `build_model()` wires
one decoding layer in a functional model with a 4x4x8 coarse input and an 8x8x8 skip input,
`filters=8`, `batch_norm=True`, `activation="relu"`, and `padding="same"` as the `**common_params`
the repository's U-Net passes to every convolution.
"""

SOURCE = "https://github.com/AlexandreAdam/Censai/blob/69cc4c9e00081315ff75c5b72dc91b4c60c30b9e/censai/models/layers/attunet_decoding_layer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/okh_censai_attunet_decoder_attention_gate_sublayers_in_init.py:
as returned: Functional, count_params() = 3601, 24 weights, unbuilt: none
after call: count_params() = 3601, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'att_unet_decoding_layer': 3601, 'upsampling_layer': 616, 'spatial_attention_gate': 1177}
second call: 0 variables watched that the first call did not use
By hand: gate 584 + 584 + 9 = 1177; upsampling Conv2DTranspose 584 + BatchNorm 32 = 616; the two listed
convs 1160 + 584 and their two listed BatchNorms 64: total 3601, every weight accounted for."""

import tensorflow as tf

DTYPE = "float32"


def get_activation(activation):
    return tf.keras.layers.Activation(activation)


class SpatialAttentionGate(tf.keras.layers.Layer):
    """
    Oktay, Schlemper, et al.
    Attention U-Net: Learning Where to Look for the Pancreas (2018),
    """
    def __init__(self, filters, kernel_size=3, **kwargs):
        super(SpatialAttentionGate, self).__init__()
        # filters should be the number of filters in the skip connection
        self.c1_up = tf.keras.layers.Conv2D(filters, kernel_size, strides=(1,1), **kwargs)
        self.c1_skip = tf.keras.layers.Conv2D(filters, kernel_size, strides=(2,2), **kwargs)
        self.psi = tf.keras.layers.Conv2D(1, (1,1), strides=(1,1), **kwargs)
        self.upsample = tf.keras.layers.UpSampling2D(size=(2,2), interpolation="bilinear")

    def call(self, x_up, x_skip):
        x_up = self.c1_up(x_up)
        x_skip_down = self.c1_skip(x_skip)
        x_aligned = tf.nn.relu(tf.add(x_up, x_skip_down))
        psi = tf.nn.sigmoid(self.psi(x_aligned))
        psi = self.upsample(psi)
        out = psi * x_skip
        return out


class UpsamplingLayer(tf.keras.layers.Layer):
    def __init__(
            self,
            filters,
            kernel_size,
            strides,
            batch_norm,
            activation,
            **kwargs
    ):
        super(UpsamplingLayer, self).__init__()
        self.conv = tf.keras.layers.Conv2DTranspose(
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            **kwargs
        )
        self.batch_norm = tf.keras.layers.BatchNormalization() if batch_norm else tf.keras.layers.Lambda(lambda x, training=True: x)
        self.activation = activation

    def call(self, x, training=True):
        x = self.conv(x, training=training)
        x = self.batch_norm(x, training=training)
        x = self.activation(x)
        return x


class AttUnetDecodingLayer(tf.keras.layers.Layer):
    """
    Abstraction for n convolutional layers and a strided convolution for upsampling. Skip connection
    occurs before this layer.
    """
    def __init__(
            self,
            kernel_size=3,
            upsampling_kernel_size=None,
            filters=32,
            conv_layers=2,
            activation="linear",
            batch_norm=False,
            dropout_rate=None,
            name=None,
            strides=2,       # for final layer
            bilinear=False,  # whether to use bilinear upsampling or vanilla half strid convolution
            **common_params
    ):
        super(AttUnetDecodingLayer, self).__init__(name=name, dtype=DTYPE)
        self.kernel_size = (kernel_size,)*2 if isinstance(kernel_size, int) else kernel_size
        if upsampling_kernel_size is None:
            self.upsampling_kernel_size = self.kernel_size
        else:
            self.upsampling_kernel_size = (upsampling_kernel_size,)*2 if isinstance(upsampling_kernel_size, int) else upsampling_kernel_size
        self.num_conv_layers = conv_layers
        self.filters = filters
        self.strides = tuple([strides]*2) if isinstance(strides, int) else strides
        self.activation = get_activation(activation)
        self.att_gate = SpatialAttentionGate(filters, kernel_size, **common_params)

        self.conv_layers = []
        self.batch_norms = []
        for i in range(self.num_conv_layers):
            self.conv_layers.append(
                tf.keras.layers.Conv2D(
                    filters=self.filters,
                    kernel_size=self.kernel_size,
                    **common_params
                )
            )
            if batch_norm:
                self.batch_norms.append(
                    tf.keras.layers.BatchNormalization()
                )
            else:
                self.batch_norms.append(
                    tf.keras.layers.Lambda(lambda x, training=True: x)
                )

        self.upsampling_layer = UpsamplingLayer(
            filters=filters,
            kernel_size=self.upsampling_kernel_size,
            strides=self.strides,
            batch_norm=batch_norm,
            activation=self.activation,
            **common_params

        )
        if dropout_rate is None:
            self.dropout = tf.keras.layers.Lambda(lambda x, training=True: x)
        else:
            self.dropout = tf.keras.layers.SpatialDropout2D(rate=dropout_rate, data_format="channels_last")

    def call(self, x, c_i, training=True):  # c_i is the skip connection
        c_i = self.att_gate(x_up=x, x_skip=c_i)
        x = self.upsampling_layer(x, training=training)
        x = tf.concat([x, c_i], axis=-1)
        for i, layer in enumerate(self.conv_layers):
            x = layer(x, training=training)
            x = self.batch_norms[i](x, training=training)
            x = self.activation(x)
            x = self.dropout(x, training=training)
        return x


def build_model():
    x = tf.keras.Input((4, 4, 8))
    skip = tf.keras.Input((8, 8, 8))
    decoder = AttUnetDecodingLayer(filters=8, activation="relu", batch_norm=True, padding="same")
    y = decoder(x, skip)
    return tf.keras.Model([x, skip], y)
