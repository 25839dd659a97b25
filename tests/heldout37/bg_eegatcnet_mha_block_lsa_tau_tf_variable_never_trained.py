"""EEG-ATCNet's multi-head *local* self-attention (`mhla`) subclasses `MultiHeadAttention` and keeps its learnable
temperature `tau` as a `tf.Variable`; on Keras 3 the variable is not tracked, so it is neither counted nor trained.

From Altaheri/EEG-ATCNet `attention_models.py` (the attention blocks of the ATCNet motor-imagery model, copied by
many EEG repositories). `mha_block(..., vanilla=False)` builds a diagonal mask with `tf.eye` and calls
`MultiHeadAttention_LSA`, whose docstring says it is taken from keras.io's vit_small_ds; `__init__` does
`self.tau = tf.Variable(math.sqrt(float(self._key_dim)), trainable=True)` and `_compute_attention` divides the
query by it. The file is tf.keras-era code (`from tensorflow.keras.layers import ...`); with TF >= 2.16
`tensorflow.keras` is Keras 3, where `tau` is a plain TensorFlow variable that the layer does not own.

Porting edits: `_compute_attention` gains `return_attention_scores=False`, which Keras 3.15's
MultiHeadAttention.call passes positionally (otherwise the call raises TypeError before reaching the bug);
the rest of the file (SE/CBAM blocks) is not needed. build_model() wires the block the way ATCNet does after its
convolutional stem: an input sequence of 20 time steps x 32 features (the block's `key_dim=8, num_heads=2`
defaults), `mha_block(x, vanilla=False)`, then Flatten and a 4-class Dense head.
"""

SOURCE = "https://github.com/Altaheri/EEG-ATCNet/blob/549f6af45da6b68b6da63012d0fc77df0f39f098/attention_models.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bg/bg_eegatcnet_mha_block_lsa_tau_tf_variable_never_trained.py:
as returned: Functional, count_params() = 4756, 12 weights, unbuilt: none
after call: count_params() = 4756, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'multi_head_attention_lsa': 2128}
second call: 0 variables watched that the first call did not use
probe (probe_bg_lsa.py): `tau` is a tensorflow ResourceVariable, not in model.weights nor in the layer's
trainable_weights; after compile(Adam(1e-2), 'mse') and fit(epochs=3) it is still 2.8284 (sqrt(key_dim=8))."""

import math

import tensorflow as tf
from tensorflow.keras.layers import Dropout, MultiHeadAttention, LayerNormalization
from tensorflow.keras.layers import Add, Dense, Flatten, Input
from tensorflow.keras.models import Model


def mha_block(input_feature, key_dim=8, num_heads=2, dropout = 0.5, vanilla = True):
    """Multi Head self Attention (MHA) block."""
    # Layer normalization
    x = LayerNormalization(epsilon=1e-6)(input_feature)

    if vanilla:
        x = MultiHeadAttention(key_dim = key_dim, num_heads = num_heads, dropout = dropout)(x, x)
    else:
        # Build the diagonal attention mask
        NUM_PATCHES = input_feature.shape[1]
        diag_attn_mask = 1 - tf.eye(NUM_PATCHES)
        diag_attn_mask = tf.cast([diag_attn_mask], dtype=tf.int8)

        # Create a multi-head local self attention layer.
        x = MultiHeadAttention_LSA(key_dim = key_dim, num_heads = num_heads, dropout = dropout)(
            x, x, attention_mask = diag_attn_mask)

    x = Dropout(0.3)(x)
    # Skip connection
    mha_feature = Add()([input_feature, x])

    return mha_feature


class MultiHeadAttention_LSA(tf.keras.layers.MultiHeadAttention):
    """local multi-head self attention block

     Locality Self Attention as described in https://arxiv.org/abs/2112.13492v1
     This implementation is taken from  https://keras.io/examples/vision/vit_small_ds/
    """
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The trainable temperature term. The initial value is the square
        # root of the key dimension.
        self.tau = tf.Variable(math.sqrt(float(self._key_dim)), trainable=True)

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=False):
        query = tf.multiply(query, 1.0 / self.tau)
        attention_scores = tf.einsum(self._dot_product_equation, key, query)
        attention_scores = self._masked_softmax(attention_scores, attention_mask)
        attention_scores_dropout = self._dropout_layer(
            attention_scores, training=training
        )
        attention_output = tf.einsum(
            self._combine_equation, attention_scores_dropout, value
        )
        return attention_output, attention_scores


def build_model():
    inputs = Input(shape=(20, 32))
    x = mha_block(inputs, vanilla=False)
    outputs = Dense(4, activation="softmax")(Flatten()(x))
    return Model(inputs, outputs)
