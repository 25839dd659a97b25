"""A DeepFM builder keeps its FM part in a plain Python object (`FmPart(object)` with `__call__`) that
creates the weighted `FM` layer on the fly and applies it to a KerasTensor: the layer is wired into the
functional graph, so on Keras 3 its factor matrix is tracked, counted and trained.

From LongmaoTeamTf/deep_recommenders (`deep_recommend/recommend/ctr/deepfm/fm.py` at the commit cited), an
earlier layout of the same TF2 recommender library. `FM(Layer)` creates `self.V` (input_dim x
fm_factors) with `add_weight` in `build()` and sets `self.built = True`; `call` returns
0.5 * sum((xV)^2 - x^2 V^2). `FmPart` is a plain class (its `super().__init__(**kwargs)` goes to
`object`) whose `__call__(concat_embeddings)` returns `FM(self._fm_factors, name="fm")(concat_embeddings)`;
the DeepFM model function calls it on the concatenated embedding KerasTensor.

Why it looks buggy: a layer created and used from a plain Python object that is not a Layer (LD011's
"layers held in a plain Python object"), plus a new layer per `__call__`. Measured: on the functional
path the FM layer becomes a node of the model (LD011's note: global/plain layers wired in a functional
model are fine); its 16 x 4 factor matrix is counted and gets a gradient.

No porting edit. `build_model()` wires it as the DeepFM builder does: two categorical ids embedded by
`Embedding(20, 8)`, flattened to a 16-wide vector, `FmPart(4)(concat)` for the FM logit, added to a
Dense(1) deep logit, then a sigmoid.
"""

SOURCE = "https://github.com/LongmaoTeamTf/deep_recommenders/blob/d9824111b967abb8d1421215859ab7d0db393ba7/deep_recommend/recommend/ctr/deepfm/fm.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/okap_deeprecommenders_fmpart_plain_object_wires_fm_layer_functionally.py:
as returned: Functional, count_params() = 241, 4 weights, unbuilt: none
after call: count_params() = 241, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fm': 64}
second call: 0 variables watched that the first call did not use
241 = Embedding 160 + FM factor matrix 64 (16 x 4) + deep Dense 17: the FM layer made inside the plain object's __call__ is a node of the functional model, tracked and trained."""

import tensorflow as tf
from tensorflow.keras.layers import Layer
import keras


class FM(Layer):
    """ Factorization Machines """

    def __init__(self, fm_factors, **kwargs):
        super(FM, self).__init__(**kwargs)
        self._fm_factors = fm_factors

    def build(self, input_shape):
        self.V = self.add_weight(
            shape=(input_shape[-1], self._fm_factors),
            initializer="glorot_uniform",
            trainable=True,
            name="fm_v"
        )
        self.built = True

    def call(self, inputs, **kwargs):
        outputs = 0.5 * tf.reduce_sum(
            tf.subtract(
                tf.pow(tf.matmul(inputs, self.V), 2),
                tf.matmul(tf.pow(inputs, 2), tf.pow(self.V, 2))
            ), axis=1, keepdims=True
        )
        return outputs


class FmPart(object):
    """ FM explicit part """
    __layer__ = "fm"

    def __init__(self, fm_factors, **kwargs):
        super(FmPart, self).__init__(**kwargs)
        self._fm_factors = fm_factors

    def __call__(self, concat_embeddings):
        """ build model """
        return FM(self._fm_factors, name=self.__layer__)(concat_embeddings)


def build_model():
    ids = keras.Input(shape=(2,), dtype="int32", name="ids")
    emb = keras.layers.Embedding(20, 8, name="embedding")(ids)
    concat = keras.layers.Flatten(name="concat_embeddings")(emb)
    fm_logit = FmPart(4)(concat)
    deep_logit = keras.layers.Dense(1, name="deep")(concat)
    out = keras.layers.Activation("sigmoid")(keras.layers.Add()([fm_logit, deep_logit]))
    return keras.Model(ids, out, name="deepfm")
