"""car-velocity-estimation's recurrent CNN wraps the whole InceptionV3 in `TimeDistributed(Lambda(lambda x:
base_model(x)))`: the Lambda closes over `base_model`, so its 21.8M weights are not the model's; they are not counted,
not saved by `save_weights`, and the later "fine-tune the top 2 inception blocks" step cannot reach them (LD012).

From twsq/car-velocity-estimation (TuSimple velocity-estimation challenge, 2017, Keras 2 on TF 1),
`recurrent_cnn_polished.py`: an LRCN that runs a pre-trained InceptionV3 on each of the last frames of a clip, pools,
applies a TimeDistributed Dense(1024), an LSTM(256), Dense(128) and a 2-unit velocity head. The author wrapped the
CNN in a Lambda because, as the comment says, they thought TimeDistributed needed it (citing a gist), then froze
`base_model.layers`, trained, and "unfroze" `model.layers[172:]` to fine-tune the top inception blocks; they also
note that `model.save` fails "due to the Lambda layer" and fall back to `save_weights`.

Porting edits: `weights='imagenet'` -> `weights=None` (build_model() must not download; the tracking is the same);
`keras.layers.wrappers`/`keras.layers.recurrent` -> `keras.layers`; `K.set_learning_phase(0)` (gone from Keras 3)
is dropped; the data loading and the `fit`/`compile` calls are left out. build_model() builds the model and runs the
first-stage freeze loop over `base_model.layers` as the author did (the state the model is first trained in) and
returns the functional model; the probe then runs the author's fine-tune loops over `model.layers[:172]` /
`model.layers[172:]`. The measurement feeds two clips of two 299x299 frames.
Doubt kept: the backbone is frozen first on purpose, so the missing gradient is only a symptom in the fine-tune stage;
the labelled defect is the layer captured by the Lambda (nothing about the model records InceptionV3).
"""

SOURCE = "https://github.com/twsq/car-velocity-estimation/blob/c66d852d1ab79988ea0cd9b7faec852bb6cbe85d/recurrent_cnn_polished.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/br_carvelocity_rcnn_inceptionv3_called_inside_timedistributed_lambda_weights_outside_model.py:
as returned: Functional, count_params() = 3443074, 9 weights, unbuilt: none
after call: count_params() = 3443074, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 188 variables the model does not track: ['conv2d/kernel:0', 'batch_normalization/beta:0', 'conv2d_1/kernel:0', 'batch_normalization_1/beta:0', 'conv2d_2/kernel:0', 'batch_normalization_2/beta:0']
second call: 0 variables watched that the first call did not use
(the measure's call also printed Keras' UserWarning "The structure of `inputs` doesn't match the expected structure", from passing a bare array for the named input)
probe_carvelocity.py:
model layers: 7 ['InputLayer', 'TimeDistributed', 'TimeDistributed', 'TimeDistributed', 'LSTM', 'Dense', 'Dense']
model.count_params() = 3443074 ; weights: 9 ; lambda weights: [0]
tape watched 197 variables; 188 not tracked by the model ... their params: 21768352 (all of InceptionV3)
save_weights file bytes: 13803968 (the 3.4M top parameters only)
fine-tune stage: model.layers[172:] = [] ; trainable weights now: 0 (the author's "unfreeze the top inception blocks" freezes the whole model)"""

import numpy as np
import tensorflow as tf
from keras.applications.inception_v3 import InceptionV3
from keras.models import Model
from keras.layers import Dense, GlobalAveragePooling2D, Lambda, Input
from keras import backend as K
from keras.layers import TimeDistributed
from keras.layers import LSTM


def build_model():
    # create the base pre-trained model (InceptionV3 pretrained on ImageNet)
    input = Input(shape=(None, 299, 299, 3), name='input')
    base_model = InceptionV3(weights=None, include_top=False)

    # Apply TimeDistributed wrapper to InceptionV3 model. This way, the same InceptionV3
    # network is applied to every frame in a given input sequence.
    cnn_time_model = TimeDistributed(Lambda(lambda x: base_model(x)))
    cnn_time_output = cnn_time_model(input)
    cnn_time = TimeDistributed(GlobalAveragePooling2D())(cnn_time_output)
    rcnn_model = TimeDistributed(Dense(1024, activation='relu'))(cnn_time)
    rcnn_model = LSTM(256)(rcnn_model)
    rcnn_model = Dense(128, activation='relu')(rcnn_model)
    # Output layer that predicts both components of velocity
    rcnn_model = Dense(2)(rcnn_model)

    # this is the model we will train
    model = Model(inputs=[input], outputs=rcnn_model)

    # first: train only the top layers (which were randomly initialized)
    # i.e. freeze all convolutional InceptionV3 layers
    for layer in base_model.layers:
        layer.trainable = False

    return model
