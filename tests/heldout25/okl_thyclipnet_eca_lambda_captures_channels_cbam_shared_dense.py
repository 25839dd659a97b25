"""A thyroid-ultrasound segmentation net whose `eca_block` helper wraps reshapes in `Lambda` layers
that capture `channels` (read from the input tensor outside the lambda), and whose
`customized_cbam_block` creates one `shared_dense` and calls it on both the average- and max-pooled
descriptors.

From Tasnim-Jahan/ThyCLIPNet (`eca.py`, `customized_cbam_block.py`, wired in `model.py`'s
`build_model_with_clip`). Looks like the Lambda-captured-state trap (a closure in three `Lambda`s) and
the shared-layer trap, but the captured value is a Python int, not a layer or variable, and the
shared Dense is applied to two vectors of the same width: on Keras 3 the model tracks every weight
(the shared Dense counted once), the Lambdas own nothing, and every weight gets a gradient.

Porting edits: `tf.keras` -> `keras` (the ops in the lambdas stay `tf.*`); the ImageNet MobileNetV2
encoder (a download) replaced by four small strided convolutions whose outputs take the places of
`block_1/3/6/13_expand_relu`; `aspp_block` replaced by one 3x3 conv, the two CLIP
`cross_attention_block`s and the CLIP input dropped, `decoder_block` written as upsample +
concatenate + conv (its file was not read); 32x32x3 images, widths 4..32.
"""

SOURCE = "https://github.com/Tasnim-Jahan/ThyCLIPNet/blob/95d365f513bca6412cd8ed8e08da243ce2753d19/customized_cbam_block.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okl_thyclipnet_eca_lambda_captures_channels_cbam_shared_dense.py:
as returned: Functional, count_params() = 28014, 32 weights, unbuilt: none
after call: count_params() = 28014, 32 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 32 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25a/probe_thy.py): the shared Dense has 2 inbound nodes and 132 params counted once,
the excitation Dense 160; the 12 Lambda layers own 0 weights and capture only the int 'channels'."""

import tensorflow as tf
import keras
from keras.layers import (Concatenate, Conv2D, Dense, Dropout, GlobalAveragePooling2D,
                          GlobalMaxPooling2D, Input, Lambda, Multiply, Reshape, SpatialDropout2D,
                          UpSampling2D)


# ✅ Efficient Channel Attention (ECA)
def eca_block(input_tensor, k_size=3):
    channels = input_tensor.shape[-1]
    avg_pool = GlobalAveragePooling2D()(input_tensor)
    avg_pool = Lambda(lambda x: tf.expand_dims(x, axis=-1))(avg_pool)
    conv = keras.layers.Conv1D(1, kernel_size=k_size, padding="same", activation="sigmoid")(avg_pool)
    conv = Lambda(lambda x: tf.squeeze(x, axis=-1))(conv)
    conv = Lambda(lambda x: tf.reshape(x, [-1, 1, 1, channels]))(conv)
    return Multiply()([input_tensor, conv])


# ✅ customized_cbam_block
def customized_cbam_block(input_tensor):
    channel_avg = GlobalAveragePooling2D()(input_tensor)
    channel_max = GlobalMaxPooling2D()(input_tensor)
    shared_dense = Dense(input_tensor.shape[-1] // 8, activation="relu")
    channel_weights = Dense(input_tensor.shape[-1], activation="sigmoid")(shared_dense(channel_avg) + shared_dense(channel_max))
    channel_attention = Multiply()([input_tensor, channel_weights])

    avg_pool_spatial = GlobalAveragePooling2D()(channel_attention)
    max_pool_spatial = GlobalMaxPooling2D()(channel_attention)
    spatial_attention = Concatenate()([avg_pool_spatial, max_pool_spatial])
    spatial_attention = Reshape((1, 1, spatial_attention.shape[-1]))(spatial_attention)
    spatial_attention = Conv2D(1, (7, 7), activation="sigmoid", padding="same")(spatial_attention)

    return Multiply()([channel_attention, spatial_attention])


def decoder_block(x, skip, filters):
    x = UpSampling2D()(x)
    x = Concatenate()([x, skip])
    return Conv2D(filters, 3, padding="same", activation="relu")(x)


def build_model_with_clip(input_shape):
    image_input = Input(input_shape, name="image_input")
    # stand-in for MobileNetV2's block_1/3/6/13_expand_relu outputs (strides 2, 4, 8, 16)
    b1 = Conv2D(4, 3, strides=2, padding="same", activation="relu")(image_input)
    b3 = Conv2D(8, 3, strides=2, padding="same", activation="relu")(b1)
    b6 = Conv2D(16, 3, strides=2, padding="same", activation="relu")(b3)
    b13 = Conv2D(32, 3, strides=2, padding="same", activation="relu")(b6)

    skip1 = Dropout(0.3)(eca_block(b1))
    skip2 = Dropout(0.3)(eca_block(b3))
    skip3 = Dropout(0.3)(eca_block(b6))
    encoder_output = Dropout(0.3)(eca_block(b13))

    aspp = Conv2D(32, 3, padding="same", activation="relu")(encoder_output)
    aspp = SpatialDropout2D(0.2)(aspp)
    bridge = customized_cbam_block(aspp)

    decoder1 = decoder_block(bridge, skip3, 16)
    decoder2 = decoder_block(decoder1, skip2, 8)
    decoder3 = decoder_block(decoder2, skip1, 4)

    final_output = Conv2D(1, (1, 1), activation="sigmoid")(decoder3)
    final_output = UpSampling2D(size=(2, 2), interpolation="bilinear")(final_output)
    return keras.models.Model(inputs=image_input, outputs=final_output)


def build_model():
    return build_model_with_clip((32, 32, 3))
