"""A 3-D CBAM makes its Dense/Conv3D sublayers in `build()` without building them and defines `compute_output_shape`: the functional model is wired without tracing `call()`, so those sublayers stay unbuilt (465 of 1233 params) until the first real call.

From laugh12321/3D-Attention-Keras (`model/CBAM_attention3D.py`), CBAM (Woo et al. 2018) for volumetric
feature maps, applied with `cbam_block(feature)`. `channel_attention.build()` creates the two shared Dense
layers and `spatial_attention.build()` the Conv3D, but neither builds them (no `sublayer.build(shape)`);
both layers also override `compute_output_shape` (returning `input_shape`). On Keras 3 a layer with
`compute_output_shape` is wired symbolically from that method, so `call()` does not run while the
functional model is built and the three sublayers are never called: right after `keras.Model(...)` the
summary counts 465 params and lists `dense`, `dense_1`, `conv3d_1` as unbuilt (Keras 3 prints no warning
here). They get built on the first real call (1233 params, all with gradients), so a model that is
`fit` directly trains; what breaks is anything done to the freshly built model: `summary()`/
`count_params()`, `save_weights`/`load_weights` or weight transfer before a first batch. Labelled LD005
(the catalog's unbuilt sublayer: not called during construction, and no `build()` that builds it) as the
held-out 36 review did for sublayers left unbuilt by an explicit `Model.build(shape)`; doubt kept: a
dynamic checker that calls the model once sees a healthy layer. Also looks like LD002/LD012 (Pooling,
Reshape, Add, Activation, Concatenate and two capture-free Lambdas made inside `call()`), which is not a
defect: they are stateless.

Porting edits: `tf.keras.backend.mean`/`max` inside the lambdas become `keras.ops.mean`/`max` (Keras 3's
backend module has neither); `tf.keras` is `keras`; `inputs.get_shape().as_list()` is kept (TF tensors
inside `call()`). build_model() wires `cbam_block` as the repository's README does, after a Conv3D on a
(4, 8, 8, 1) volume, then a 1x1x1 Conv3D head.
"""

SOURCE = "https://github.com/laugh12321/3D-Attention-Keras/blob/49965842f9bb0b19d7a5eb7632099915255c2d82/model/CBAM_attention3D.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bf_laugh12321_cbam3d_compute_output_shape_skips_trace_sublayers_made_in_build_unbuilt.py:
as returned: Functional, count_params() = 465, 4 weights, unbuilt: ['Dense:dense_1', 'Dense:dense', 'Conv3D:conv3d_1']
after call: count_params() = 1233, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'channel_attention': 82, 'spatial_attention': 686}
second call: 0 variables watched that the first call did not use
probe (probe_cbam.py): as written count_params() = 465 right after construction; with both compute_output_shape
methods deleted (call() traced during wiring) count_params() = 1233 and nothing unbuilt."""

import tensorflow as tf
import keras


class channel_attention(keras.layers.Layer):
    """ 
    channel attention module 
    
    Contains the implementation of Convolutional Block Attention Module(CBAM) block.
    As described in https://arxiv.org/abs/1807.06521.
    """

    def __init__(self, ratio=8, **kwargs):
        super(channel_attention, self).__init__(**kwargs)
        self.ratio = ratio

    def get_config(self):
        config = super(channel_attention, self).get_config()
        config.update({'ratio': self.ratio})
        return config

    def build(self, input_shape):
        channel = input_shape[-1]
        self.shared_layer_one = keras.layers.Dense(
            channel // self.ratio,
            activation='relu',
            kernel_initializer='he_normal',
            use_bias=True,
            bias_initializer='zeros'
        )
        self.shared_layer_two = keras.layers.Dense(
            channel, kernel_initializer='he_normal', use_bias=True, bias_initializer='zeros'
        )
        super(channel_attention, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        return input_shape

    def call(self, inputs):
        channel = inputs.get_shape().as_list()[-1]

        avg_pool = keras.layers.GlobalAveragePooling3D()(inputs)
        avg_pool = keras.layers.Reshape((1, 1, 1, channel))(avg_pool)
        avg_pool = self.shared_layer_one(avg_pool)
        avg_pool = self.shared_layer_two(avg_pool)

        max_pool = keras.layers.GlobalMaxPooling3D()(inputs)
        max_pool = keras.layers.Reshape((1, 1, 1, channel))(max_pool)
        max_pool = self.shared_layer_one(max_pool)
        max_pool = self.shared_layer_two(max_pool)

        feature = keras.layers.Add()([avg_pool, max_pool])
        feature = keras.layers.Activation('sigmoid')(feature)

        return keras.layers.multiply([inputs, feature])


class spatial_attention(keras.layers.Layer):
    """ spatial attention module 
        
    Contains the implementation of Convolutional Block Attention Module(CBAM) block.
    As described in https://arxiv.org/abs/1807.06521.
    """

    def __init__(self, kernel_size=7, **kwargs):
        super(spatial_attention, self).__init__(**kwargs)
        self.kernel_size = kernel_size

    def get_config(self):
        config = super(spatial_attention, self).get_config()
        config.update({'kernel_size': self.kernel_size})
        return config

    def build(self, input_shape):
        self.conv3d = keras.layers.Conv3D(
            filters=1,
            kernel_size=self.kernel_size,
            strides=1,
            padding='same',
            activation='sigmoid',
            kernel_initializer='he_normal',
            use_bias=False
        )
        super(spatial_attention, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        return input_shape

    def call(self, inputs):
        avg_pool = keras.layers.Lambda(
            lambda x: keras.ops.mean(x, axis=-1, keepdims=True)
        )(inputs)
        max_pool = keras.layers.Lambda(
            lambda x: keras.ops.max(x, axis=-1, keepdims=True)
        )(inputs)
        concat = keras.layers.Concatenate(axis=-1)([avg_pool, max_pool])
        feature = self.conv3d(concat)

        return keras.layers.multiply([inputs, feature])


def cbam_block(feature, ratio=8, kernel_size=7):
    """
    Contains the implementation of Convolutional Block Attention Module(CBAM) block.
    As described in https://arxiv.org/abs/1807.06521.
    """

    feature = channel_attention(ratio=ratio)(feature)
    feature = spatial_attention(kernel_size=kernel_size)(feature)

    return feature


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    x_in = keras.Input((4, 8, 8, 1))
    x = keras.layers.Conv3D(16, 3, padding='same', activation='relu')(x_in)
    x = cbam_block(x, ratio=8, kernel_size=7)
    out = keras.layers.Conv3D(1, 1)(x)
    return keras.Model(x_in, out)
