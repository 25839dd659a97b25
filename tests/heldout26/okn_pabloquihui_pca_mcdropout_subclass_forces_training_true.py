"""A Monte Carlo dropout layer for prostate-cancer (PCa) segmentation uncertainty: `MCDropout`
subclasses `Dropout` and overrides `call(inputs)` to always call `super().call(inputs,
training=True)`, so dropout stays on at inference for MC sampling.

From pabloquihui/PCa_WebPage (`static/models/mcdropout.py`, loaded as a custom object for the
MC-dropout dense U-Net served by the web page). Looks like the "dropout made/used inside call()"
trap of MC-dropout layers (a dropout applied from inside an overridden `call`) and like a layer
that drops the `training` argument. On Keras 3 it is correct: the layer IS the `Dropout` (its
seed generator is made once in `Dropout.__init__`), nothing new is created per call, the
surrounding convolutions are tracked and trained, and outputs differ between two calls at
inference, as intended.

Porting edits: `tensorflow.keras.layers` -> `keras.layers`; the served dense U-Net (a JSON model
file) is replaced by a two-convolution encoder with an `MCDropout(0.2)` between them on 16x16x1
slices, one sigmoid output channel as in a segmentation head.
"""

SOURCE = "https://github.com/pabloquihui/PCa_WebPage/blob/c0ffdfdd5aab24859c113ac10a49048afe40e650/static/models/mcdropout.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/okn_pabloquihui_pca_mcdropout_subclass_forces_training_true.py:
as returned: Functional, count_params() = 193, 6 weights, unbuilt: none
after call: count_params() = 193, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mc_dropout': 0}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine26a/probe_mc.py): two model.predict calls on the same batch differ (dropout on at
inference); compile sgd/mse + one fit step: fit ok, 6/6 trainable weights change."""

import keras
from keras.layers import Dropout


class MCDropout(Dropout):
    def call(self, inputs):
        return super().call(inputs, training=True)


def build_model():
    inp = keras.Input((16, 16, 1))
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu")(inp)
    x = MCDropout(0.2)(x)
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu")(x)
    out = keras.layers.Conv2D(1, 1, activation="sigmoid")(x)
    return keras.Model(inp, out)
