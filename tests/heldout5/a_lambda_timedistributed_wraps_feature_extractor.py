"""A per-frame MobileNet feature extractor applied as `TimeDistributed(Lambda(lambda x: feature_extractor(x)))`: its weights are not the model's.

tensorflow#44722: a video model runs a truncated MobileNet (`Feature_Extractor`, cut at
`conv_pw_1_relu`, all layers set trainable) on every frame and processes the frame features with
3D convolutions. Wrapping the extractor model itself in TimeDistributed showed its parameters in
the summary; wrapping a Lambda that calls it showed 0 parameters for that TimeDistributed, and the
reloaded model did not reproduce its validation accuracy. The Lambda only closes over the
extractor: the extractor's variables are read on every call but never become weights of the
video model, so they are not counted, not trained by `fit`, and not saved with it.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/44722"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py a_lambda_timedistributed_wraps_feature_extractor.py:
as returned: Functional, count_params() = 110981, 4 weights, unbuilt: none
after call: count_params() = 110981, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 9 variables the model does not track: ['conv1/kernel:0', 'conv1_bn/gamma:0', 'conv1_bn/beta:0', 'conv_dw_1/kernel:0', 'conv_dw_1_bn/gamma:0', 'conv_dw_1_bn/beta:0']
second call: 0 variables watched that the first call did not use"""

import keras
from keras.layers import Conv3D, Dense, GlobalAveragePooling3D, Input, Lambda, TimeDistributed
from keras.models import Model


def feature_extractor_model():
    feature_extractor = keras.applications.mobilenet.MobileNet(include_top=False, input_shape=(100, 100, 1), weights=None)
    for layer in feature_extractor.layers:
        layer.trainable = True
    output_layer = feature_extractor.get_layer(name="conv_pw_1_relu").output
    return Model(inputs=feature_extractor.inputs, outputs=output_layer, name="Feature_Extractor")


def base_model(inputs, N_classes, num_features=64):
    feature_extractor = feature_extractor_model()
    x = TimeDistributed(Lambda(lambda frame: feature_extractor(frame)))(inputs)
    x = Conv3D(num_features, kernel_size=3, strides=2, padding="same", activation="relu")(x)
    x = GlobalAveragePooling3D()(x)
    return Dense(N_classes, activation="softmax")(x)


def build_model():
    inputs = Input(shape=(4, 100, 100, 1))
    return Model(inputs, base_model(inputs, N_classes=5))
