"""The DeepMask-style `Score` head of blobWar-image creates `self.conv1 = Conv2D(16, kernel_size=(1, 1), ...)` in `__init__` but its `call()` goes max-pool -> flatten -> three Dense layers without it; the conv is never called, never built, and is silently missing from `score.trainable_weights` that the custom training loop hands to `opt.minimize`.

From benoitkoenig/blobWar-image (object-mask prediction for a game's screenshots, July 2019), `deep_mask/score.py`,
trained by `deep_mask/train.py`: a frozen `FeatureMapper(Model)` (three convs, weights loaded from disk) feeds both a
`Segmentation(Model)` head and this `Score(Model)` objectness head; each step runs `score(features)` inside
`get_loss` and calls `opt.minimize(get_loss, [score.trainable_weights, segmentation.trainable_weights])`, then
`score.save_weights(...)` every 100 images. `Score.conv1` (the 1x1 conv that the sibling `Segmentation` head does
call first) is tracked as a sublayer but never built: `0 (unbuilt)`, "unbuilt state" warning, no weights to train
or save (LD005). Nothing fails; the head simply trains without its intended 1x1 projection.

Porting edits: none to the three classes (`tf.compat.v1.enable_eager_execution()` and the data/loss code of train.py
are left out; `FeatureMapper` is inlined from feature_mapper.py, without loading its weight file). build_model()
wires what `get_loss` computes for the score branch, `score(feature_mapper(img))`, on the 255x255x3 image that
`img.get_img` produces (`resized_image_size = 255` in constants.py), as one functional model.
"""

SOURCE = "https://github.com/benoitkoenig/blobWar-image/blob/ebd844b6fe06031a213207b567a166b7e7bbd09a/deep_mask/score.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/bw_blobwar_deepmask_score_head_conv1_created_never_called_in_training_loop.py:
warning: `build()` was called on layer 'score', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite n
as returned: Functional, count_params() = 4208673, 12 weights, unbuilt: ['Conv2D:conv2d_3']
after call: count_params() = 4208673, 12 trainable weights, unbuilt: ['Conv2D:conv2d_3']; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'feature_mapper': 5856, 'score': 4202817}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Conv2D, Dense, Flatten, MaxPool2D


class FeatureMapper(Model):
    def __init__(self):
        super(FeatureMapper, self).__init__()
        self.conv1 = Conv2D(16, kernel_size=(5, 5), strides=(2, 2), activation="relu", padding="same")
        self.conv2 = Conv2D(16, kernel_size=(3, 3), activation="relu", padding="same")
        self.conv3 = Conv2D(16, kernel_size=(3, 3), activation="relu", padding="same")

    def call(self, input):
        x = self.conv1(input)
        x = self.conv2(x)
        output = self.conv3(x)
        return output


class Score(Model):
    def __init__(self):
        super(Score, self).__init__()
        self.mp1 = MaxPool2D((2, 2))
        self.flat1 = Flatten()
        self.conv1 = Conv2D(16, kernel_size=(1, 1), activation="relu", padding="same")
        self.dense1 = Dense(64, activation="relu")
        self.dense2 = Dense(128, activation="relu")
        self.dense3 = Dense(1, activation="linear")

    def call(self, input):
        x = self.mp1(input)
        x = self.flat1(x)
        x = self.dense1(x)
        x = self.dense2(x)
        output = self.dense3(x)
        return output


def build_model():
    resized_image_size = 255
    feature_mapper = FeatureMapper()
    score = Score()
    img = tf.keras.Input(shape=(resized_image_size, resized_image_size, 3))
    features = feature_mapper(img)
    score_prediction = score(features)
    return tf.keras.Model(img, score_prediction)
