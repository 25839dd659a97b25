"""A DDPM U-Net `ResBlock` sets `self.output_projection = None` in `__init__` and only in `build()` creates its
Dense time projection, both convs and the 1x1 shortcut conv (never building them there), next to GroupNorms made
in `__init__`; the step embedding is a `Lambda` returned by a factory closure. Looks like unbuilt/late
sublayers and captured state, but on Keras 3 every sublayer is tracked, built on the first call and trained.

From johanattia/ddpm-repaint (`generative_models/ddpm/layers.py` at 05403c9), a TensorFlow DDPM + RePaint
implementation following hojonathanho/diffusion. `ResBlock.build` reads the channel count from the first input
of its `(x, step_embed)` tuple, so the projection/conv sizes depend on the input (the right place for them);
assigning a layer to an attribute that held `None` is tracked like any other assignment. `PositionEmbedding`
closes over the integer `embed_dim` only. `Upsample` also makes its UpSampling2D and conv in `build`.

Porting edits: `tensorflow_addons` is not available on Keras 3: `tfa.layers.GroupNormalization(groups=...,
axis=...)` -> `tf.keras.layers.GroupNormalization(groups=..., axis=...)` (same arguments) and the `types.*`
annotations -> `tf.Tensor`. `defaut_initializer` is copied from the package's `utils.py`. The unused
`conv_shortcut=True` branch (`layers.experimental.EinsumDense`) is kept as written and not exercised.
`build_model()` wires the blocks functionally as the U-Net does: images (8, 8, 32) and steps (1,) ->
PositionEmbedding(16) -> ResBlock(groups=8, dropout=0.1, output_channel=16)([x, emb]) -> Upsample().
"""

SOURCE = "https://github.com/johanattia/ddpm-repaint/blob/05403c99edd939699749dada00f743b6c9c410be/generative_models/ddpm/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/okar_ddpmrepaint_resblock_sublayers_made_in_build_projection_none_in_init.py:
as returned: Functional, count_params() = 14256, 14 weights, unbuilt: none
after call: count_params() = 14256, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'res_block': 11936, 'upsample': 2320}
second call: 0 variables watched that the first call did not use"""

from typing import Dict, Iterable, Tuple, Union

import tensorflow as tf
from tensorflow.keras import layers


def defaut_initializer(scale: float = 1.0):
    return tf.keras.initializers.VarianceScaling(
        scale=scale, mode="fan_avg", distribution="uniform"
    )


def PositionEmbedding(embed_dim: int):
    # Reference: https://github.com/hojonathanho/diffusion/blob/master/diffusion_tf/nn.py#L90-L109
    def _sinusoidal_embedding(steps: tf.Tensor) -> tf.Tensor:
        half_dim = embed_dim // 2
        freqs = -tf.math.log(10000.0) / (half_dim - 1)
        freqs = tf.exp(tf.range(half_dim, dtype=tf.float32) * freqs)
        args = tf.cast(steps, dtype=tf.float32) * tf.expand_dims(freqs, axis=0)
        step_embed = tf.concat([tf.sin(args), tf.cos(args)], axis=1)

        if embed_dim % 2 == 1:
            return tf.pad(step_embed, [[0, 0], [0, 1]])

        return step_embed  # output shape: (B, embed_dim)

    return layers.Lambda(_sinusoidal_embedding)


class Upsample(layers.Layer):
    def __init__(
        self, data_format: str = "channels_last", use_conv: bool = True, **kwargs
    ):
        super().__init__(**kwargs)
        self.data_format = data_format
        self._use_conv = use_conv

    def build(self, input_shape: tf.TensorShape):
        input_shape = tf.TensorShape(input_shape)
        if len(input_shape) != 4:
            raise ValueError(
                f"""Input of an `Upsample` layer should correspond to a batch of images.
                Expected shape is either (B, H, W, C) or (B, C, H, W).  Received: {input_shape}.
                """
            )
        self.upsample = layers.UpSampling2D(
            size=(2, 2),
            data_format=self.data_format,
            interpolation="nearest",
        )

        if self._use_conv:
            if self.data_format == "channels_last":  # (B, H, W, C)
                channels = input_shape[-1]
            else:  # (B, C, H, W)
                channels = input_shape[1]

            self.conv = layers.Conv2D(
                filters=channels,
                kernel_size=(3, 3),
                strides=(1, 1),
                padding="same",
                data_format=self.data_format,
                dilation_rate=(1, 1),
                use_bias=True,
                kernel_initializer=defaut_initializer(scale=1.0),
            )
        super().build(input_shape)

    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        x = self.upsample(inputs)

        if self._use_conv:
            return self.conv(x)

        return x


class ResBlock(layers.Layer):
    def __init__(
        self,
        kernel_size: Union[int, Tuple[int]] = (3, 3),
        data_format: str = "channels_last",
        groups: int = 32,
        dropout: float = 0.2,
        output_channel: int = None,
        conv_shortcut: bool = False,
        **kwargs,
    ):
        super().__init__(**kwargs)
        # CONV LAYERS
        self.kernel_size = kernel_size
        self.data_format = data_format

        # OUTPUT LAYERS
        self.conv_shortcut = conv_shortcut
        self.output_channel = output_channel
        self.output_projection = None

        # DROPOUT & NORMALIZATION LAYERS
        self._dropout = dropout
        self.dropout = layers.Dropout(rate=self._dropout)

        self.groups = groups
        self.group_norm1 = tf.keras.layers.GroupNormalization(
            groups=self.groups, axis=-1 if data_format == "channels_last" else 1
        )
        self.group_norm2 = tf.keras.layers.GroupNormalization(
            groups=self.groups, axis=-1 if data_format == "channels_last" else 1
        )

    def build(self, input_shape: Union[tf.TensorShape, Iterable[tf.TensorShape]]):
        input_shape = tf.TensorShape(input_shape[0])
        if len(input_shape) != 4:
            raise ValueError(
                f"""Input of a `ConvBlock` layer should correspond to a batch of images.
                Expected shape is either (B, H, W, C) or (B, C, H, W).  Received: {input_shape}.
                """
            )
        channels = (
            input_shape[-1] if self.data_format == "channels_last" else input_shape[1]
        )
        if channels % self.groups != 0:
            raise ValueError(
                f"""Normalization `groups` must divide input channels. Received groups={self.groups}.
                while channels={channels}.
                """
            )
        if self.output_channel is None:
            self.output_channel = channels

        self.dense = layers.Dense(
            units=self.output_channel,
            use_bias=True,
            kernel_initializer=defaut_initializer(1.0),
        )
        conv_kwargs = dict(
            filters=self.output_channel,
            kernel_size=self.kernel_size,
            padding="same",
            data_format=self.data_format,
            kernel_initializer=defaut_initializer(scale=1.0),
        )
        self.conv1 = layers.Conv2D(**conv_kwargs)
        self.conv2 = layers.Conv2D(**conv_kwargs)

        if self.output_channel != channels:
            if not self.conv_shortcut:
                self.output_projection = layers.Conv2D(**conv_kwargs)
            else:
                if self.data_format == "channels_last":
                    equation = "abcd,de->abce"
                    output_shape = (None, None, self.output_channel)
                else:
                    equation = "abcd,be->aecd"
                    output_shape = (self.output_channel, None, None)

                self.output_projection = layers.experimental.EinsumDense(
                    equation,
                    output_shape=output_shape,
                    bias_axes="e",
                    kernel_initializer=defaut_initializer(scale=1.0),
                )

        super().build(input_shape)

    def call(
        self, inputs: Tuple[tf.Tensor], training: bool = None
    ) -> tf.Tensor:
        x, step_embed = inputs

        h = tf.nn.silu(self.group_norm1(x))
        h = self.conv1(h)

        h += self.dense(tf.nn.silu(step_embed))[:, tf.newaxis, tf.newaxis, :]

        h = tf.nn.silu(self.group_norm2(h))
        h = self.dropout(h, training=training)
        h = self.conv2(h)

        if self.output_projection is not None:
            x = self.output_projection(x)

        return h + x  # h + self.output_projection(x)

    def get_config(self) -> Dict:
        config = super().get_config()
        config.update(
            {
                "kernel_size": self.kernel_size,
                "data_format": self.data_format,
                "groups": self.groups,
                "dropout": self._dropout,
                "output_channel": self.output_channel,
                "conv_shortcut": self.conv_shortcut,
            }
        )
        return config


def build_model():
    images = tf.keras.Input((8, 8, 32))
    steps = tf.keras.Input((1,))
    emb = PositionEmbedding(16)(steps)
    h = ResBlock(groups=8, dropout=0.1, output_channel=16)([images, emb])
    out = Upsample()(h)
    return tf.keras.Model([images, steps], out)
