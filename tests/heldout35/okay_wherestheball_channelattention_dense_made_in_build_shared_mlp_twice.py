"""A CBAM-style channel attention layer creates its Dense layers in `build()` without building them or
calling `super().build()`, and calls `shared_dense` twice (avg and max branch): correct on Keras 3, all
three Dense layers are built on the first call, tracked, counted once and trained.

From YaBoyHasan/WheresTheBall (`app/predictors/ChannelAttention.py`, imported by
`app/predictors/VanillaCNN/train.py`), a "spot the ball" predictor. `ChannelAttention(tf.keras.layers.Layer)`
has an empty `__init__`; `build(input_shape)` reads the channel count and assigns `shared_dense`
(channels // 8, relu), `dense_avg` and `dense_max` (channels, sigmoid) to `self` without building them;
`call` averages and max-pools over H and W, sends both through `shared_dense` and then through their
own head, and scales the input by `sigmoid(avg_out + max_out)`. Looks like: sublayers made in `build`
but never built there (LD005), `build` without `super().build()` (the Myths list), one Dense called on
two branches (LD007, info only). None of it loses a weight: Keras 3 marks the layer built after the
user's `build` and the sublayers build on their first call inside the symbolic call.

Porting edits: the train script's backbone is `MobileNetV2(input_shape=Config.TARGET_SHAPE,
include_top=False, weights='imagenet')` with `trainable = False`, which would download weights; it is
replaced by a frozen stand-in `Conv2D(64, 3, strides=4)` on (64, 64, 3) inputs (the real TARGET_SHAPE
is in an unshown config). The head after the attention is the author's: GlobalAveragePooling2D ->
Dense(512, relu) -> Dropout(0.5) -> Dense(2, sigmoid).
"""

SOURCE = "https://github.com/YaBoyHasan/WheresTheBall/blob/a2611d115689e5dd5483dfe8bfac906901d792e9/app/predictors/ChannelAttention.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/okay_wherestheball_channelattention_dense_made_in_build_shared_mlp_twice.py:
as returned: Functional, count_params() = 37770, 12 weights, unbuilt: none
after call: count_params() = 37770, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 2 variables the model does not track: ['backbone_stand_in/kernel:0', 'backbone_stand_in/bias:0']
params of the case's own layers: {'channel_attention': 1672}
second call: 0 variables watched that the first call did not use
note: the 2 watched-untracked variables are the frozen stand-in backbone's kernel/bias (12 weights, 10 trainable);
1672 = shared_dense 520 + dense_avg 576 + dense_max 576, the shared Dense counted once."""

import tensorflow as tf
from tensorflow.keras import layers, Model


class ChannelAttention(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        channels = input_shape[-1]
        self.shared_dense = tf.keras.layers.Dense(channels // 8, activation='relu')
        self.dense_avg = tf.keras.layers.Dense(channels, activation='sigmoid')
        self.dense_max = tf.keras.layers.Dense(channels, activation='sigmoid')

    def call(self, inputs):
        avg_pool = tf.reduce_mean(inputs, axis=[1, 2], keepdims=True)
        max_pool = tf.reduce_max(inputs, axis=[1, 2], keepdims=True)
        avg_out = self.dense_avg(self.shared_dense(avg_pool))
        max_out = self.dense_max(self.shared_dense(max_pool))
        weights = tf.sigmoid(avg_out + max_out)
        return inputs * weights


def build_model():
    target_shape = (64, 64, 3)
    base_model = layers.Conv2D(64, 3, strides=4, name="backbone_stand_in")  # stands in for MobileNetV2
    base_model.trainable = False

    inputs = layers.Input(shape=target_shape)
    x = base_model(inputs)
    x = ChannelAttention()(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(512, activation='relu')(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(2, activation='sigmoid')(x)

    model = Model(inputs, outputs)
    return model
