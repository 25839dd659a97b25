"""A siamese wrapper model keeps its encoder and head on underscore attributes (`self._encoder`,
`self._head`), exposes them through read-only properties, and calls the one encoder on both the
anchor and the other input before the head compares them.

From Benjamin-Etheredge/siamese (`models/siamese_model.py`). Looks like state Keras may miss (models
kept on "private" attributes and reached through properties, not plain attributes) and like a
weight-sharing mistake (the same encoder called twice). On Keras 3 the underscore attributes are
tracked like any other, the shared encoder is counted once and gets the gradient of both branches, and
the head's weights are there too.

Porting edits: `tf.keras.Model` -> `keras.Model`; `get_config` (which serialises the sub-models by
hand) left out; the repository's encoder and head models are not in this file, so a small Sequential
encoder (Input(6) -> Dense(4)) and a head taking the two embeddings (concatenated with their absolute
difference -> Dense(1), sigmoid; with the difference alone the encoder bias would cancel out) stand in for them; `build_model()` returns the model and an (anchor, other) pair of
2 x 6 batches.
"""

SOURCE = "https://github.com/Benjamin-Etheredge/siamese/blob/6a9f8208a0e3ffc12b6b60cb56b529648f25bbc2/models/siamese_model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okk_siamese_model_private_encoder_behind_property.py:
as returned: SiameseModel, count_params() = count_params() raised ValueError, 2 weights, unbuilt: ['DistanceHead:distance_head', 'Dense:dense_1'] (the encoder is a built Sequential; the head is built on the first call)
after call: count_params() = 41, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'distance_head': 13}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine24/k/probe_siam.py): model.layers == [Sequential, DistanceHead]; 41 = encoder 28
(counted once although called twice) + head 13; fit(epochs=2) changes 4 of 4 trainable weights."""

import numpy as np
import tensorflow as tf
import keras


class SiameseModel(keras.Model):
   def __init__(
         self,
         encoder_model: keras.Model,
         head_model: keras.Model,
         name=None):
      super(SiameseModel, self).__init__(name=name)
      self._encoder = encoder_model
      self._head = head_model
      # TODO do I need to pass through the args?  can do en_kwargs/h_kwargs

   def call(self, input):
      anchor, other = input
      return self.head(self.encoder(anchor), self.encoder(other))

   @property
   def encoder(self):
      return self._encoder

   @property
   def head(self):
      return self._head


class DistanceHead(keras.Model):
    """Stand-in for the repository's head model: compares two embeddings."""

    def __init__(self):
        super().__init__()
        self.out = keras.layers.Dense(1, activation="sigmoid")

    def call(self, a, b):
        return self.out(tf.concat([a, b, tf.abs(a - b)], axis=-1))


def build_model():
    encoder = keras.Sequential([keras.Input((6,)), keras.layers.Dense(4)])
    model = SiameseModel(encoder, DistanceHead())
    rng = np.random.default_rng(0)
    pair = (rng.random((2, 6)).astype("float32"), rng.random((2, 6)).astype("float32"))
    return model, pair
