"""MatchZoo's NonMasking sets `supports_masking = True` before `super().__init__()`: still correct on Keras 3.

MatchZoo (and fancy-nlp after it) put a `NonMasking` layer between a `mask_zero=True` embedding and
the convolutions of ARC-I-style matchers: it accepts the mask and, through `compute_mask`
returning None, stops it there. Its `__init__` assigns `self.supports_masking = True` and only
then calls `super(NonMasking, self).__init__(**kwargs)`, the order that makes Keras 3 reset a
setting. Here it does not matter: Keras 3 recomputes `supports_masking` as "compute_mask is
overridden", which is True for this class, so the layer still takes the mask and the model trains
every weight; the layer itself has no state.
"""

SOURCE = "https://github.com/NTMC-Community/MatchZoo/blob/master/matchzoo/layers/NonMasking.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py okc_matchzoo_nonmasking_sets_supports_masking_before_super.py:
as returned: Functional, count_params() = 4001, 7 weights, unbuilt: none
after call: count_params() = 4001, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'non_masking': 0, 'non_masking_1': 0}
second call: 0 variables watched that the first call did not use
keras/src/layers/layer.py:1039: UserWarning: Layer 'conv1d_1' (of type Conv1D) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
keras/src/layers/layer.py:1039: UserWarning: Layer 'conv1d' (of type Conv1D) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
extra check (python: [l.supports_masking for l in model.layers if isinstance(l, NonMasking)]): [True, True]. (The Conv1D mask warnings come from the eager call: NonMasking returns its input tensor object itself, which still carries the embedding's mask; every weight is counted and gets a gradient.)"""

import keras
from keras import layers


class NonMasking(layers.Layer):
    def __init__(self, **kwargs):
        self.supports_masking = True
        super(NonMasking, self).__init__(**kwargs)

    def build(self, input_shape):
        input_shape = input_shape

    def compute_mask(self, input, input_mask=None):
        # do not pass the mask to the next layers
        return None

    def call(self, x, mask=None):
        return x

    def compute_output_shape(self, input_shape):
        return input_shape


def arci_matcher(vocab_size=200, embed_size=16, text1_maxlen=10, text2_maxlen=20):
    query = keras.Input(shape=(text1_maxlen,), dtype="int32", name="query")
    doc = keras.Input(shape=(text2_maxlen,), dtype="int32", name="doc")
    embedding = layers.Embedding(vocab_size, embed_size, mask_zero=True)
    q_embed = NonMasking()(embedding(query))
    d_embed = NonMasking()(embedding(doc))
    q_conv = layers.Conv1D(8, 3, padding="same", activation="relu")(q_embed)
    d_conv = layers.Conv1D(8, 3, padding="same", activation="relu")(d_embed)
    q_pool = layers.GlobalMaxPooling1D()(q_conv)
    d_pool = layers.GlobalMaxPooling1D()(d_conv)
    pool_flat = layers.Concatenate(axis=1)([q_pool, d_pool])
    out = layers.Dense(1, activation="sigmoid")(pool_flat)
    return keras.Model(inputs=[query, doc], outputs=out)


def build_model():
    return arci_matcher()
