"""A video classifier sets `cnn.trainable = False` on an ImageNet InceptionV3 and wraps the whole model in
`TimeDistributed(cnn)` before an LSTM: a frozen pretrained model nested inside a wrapper looks like weights
that vanish or silently unfreeze, but on Keras 3 all of InceptionV3's weights are tracked as non-trainable
through the wrapper, only the LSTM/Dense head trains, and everything is counted.

From manuelhk/master-thesis-python, `my_model.py`, `build_model_inceptionV3_LSTM(no_of_labels)`:
`Input((15, 299, 299, 3))`, `InceptionV3(weights="imagenet", include_top=False, pooling="avg")`,
`cnn.trainable = False`, `TimeDistributed(cnn)`, `LSTM(256)`, `Dense(128, relu)`, `Dense(no_of_labels,
softmax)`. (The same file's `build_model_inceptionV3` writes `cnn = InceptionV3(...)(image)` and then
`cnn.trainable = False` on the output tensor, which freezes nothing; that is a different defect, outside the
catalog, and not this case.)

Porting edits: `weights=None` instead of "imagenet" (no download; freezing and tracking do not depend on
the values); 2 frames of 75x75 (InceptionV3's minimum) instead of 15 of 299x299 so the case runs quickly;
`no_of_labels=5`. `build_model()` returns the model and one clip.
"""

SOURCE = "https://github.com/manuelhk/master-thesis-python/blob/2220d02249db8f500e7541bf8cee0d41e4996ca4/my_model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/okbj_manuelhk_thesis_frozen_inceptionv3_time_distributed_before_lstm.py:
as returned: Functional, count_params() = 24196645, 383 weights, unbuilt: none
after call: count_params() = 24196645, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 188 variables the model does not track: ['conv2d/kernel:0', 'batch_normalization/beta:0', 'conv2d_1/kernel:0', 'batch_normalization_1/beta:0', 'conv2d_2/kernel:0', 'batch_normalization_2/beta:0']
second call: 0 variables watched that the first call did not use
probe (probe/p_train.py): the 188 "watched" variables are InceptionV3's frozen kernels/betas, which the
model does track, as non-trainable: every weight of the wrapped InceptionV3 is in model.non_trainable_weights
(376 weights, 21802784 values; TimeDistributed(cnn).layer.trainable is False); the 7 trainable weights
(2393861 values: LSTM + two Dense) all change in one compiled train_on_batch."""

import numpy as np
import keras

FRAMES, SIZE = 2, 75


def build_model_inceptionV3_LSTM(no_of_labels):
    video = keras.Input(shape=(FRAMES, SIZE, SIZE, 3), name="video")
    cnn = keras.applications.inception_v3.InceptionV3(weights=None, include_top=False, pooling="avg")
    cnn.trainable = False
    x = keras.layers.TimeDistributed(cnn)(video)
    x = keras.layers.LSTM(256)(x)
    x = keras.layers.Dense(128, activation="relu")(x)
    output = keras.layers.Dense(units=no_of_labels, activation="softmax", name='predictions')(x)
    model = keras.Model(inputs=video, outputs=output)
    return model


def build_model():
    model = build_model_inceptionV3_LSTM(5)
    x = np.random.default_rng(0).uniform(0, 1, (1, FRAMES, SIZE, SIZE, 3)).astype("float32")
    return model, x
