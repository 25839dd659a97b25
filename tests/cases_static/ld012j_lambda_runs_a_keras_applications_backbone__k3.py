# LD012 lambda-captured-state: a Lambda (inside TimeDistributed) that runs a keras.applications backbone made outside
# it (held-out 40's car-velocity RCNN: InceptionV3 applied to every frame)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s40/probe_ld012j.py): frames_model().count_params() = 577, 2 weights (the
# Dense head only): MobileNetV3Small's weights are not the model's. frames_model_direct() (the backbone handed to
# TimeDistributed itself) counts them: 939,697 params, 208 weights.
import keras
from keras.applications import MobileNetV3Small
from keras.layers import Dense, GlobalAveragePooling2D, Input, Lambda, TimeDistributed


def frames_model():
    frames = Input(shape=(2, 32, 32, 3))
    backbone = MobileNetV3Small(input_shape=(32, 32, 3), weights=None, include_top=False)
    features = TimeDistributed(Lambda(lambda x: backbone(x)))(frames)  # LD012
    pooled = TimeDistributed(GlobalAveragePooling2D())(features)
    return keras.Model(frames, Dense(1)(pooled))


def frames_model_direct():
    frames = Input(shape=(2, 32, 32, 3))
    backbone = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), weights=None, include_top=False)
    features = TimeDistributed(backbone)(frames)
    pooled = TimeDistributed(GlobalAveragePooling2D())(features)
    return keras.Model(frames, Dense(1)(pooled))
