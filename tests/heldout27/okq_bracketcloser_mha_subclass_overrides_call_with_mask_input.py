"""A GPT-style toy model whose attention is a `MultiHeadAttention` subclass overriding `call()`
(reshaping a (batch, seq) mask to (batch, 1, 1, seq)) and delegating to `super().call()`, fed a second model input as
`attention_mask`; the FFN is a `Sequential` built inline.

From neromehiro/BracketCloser-LLM-b (`modules/custom_layers.py` and `define_gpt_model` in
`modules/model_utils.py`). Looks like the "subclass of a built-in layer that overrides call and
skips its build" and "sublayer created in a model-building function" traps, but
`MultiHeadAttention.build()` still runs from `__call__` (query/value shapes), all projections are
tracked and counted, and the mask input is an ordinary graph input.

Porting edits: `tensorflow.keras` -> `keras`, `tf.reshape` kept; the layer at commit b30d9f7, the model
function from `model_utils.py` at 1dc767b; `compile` dropped;
seq_length 6, vocabulary 10, embedding 8 (the author's 64), 2 heads of key_dim 8 (8, 64), FFN 16
(2048).
"""

SOURCE = "https://github.com/neromehiro/BracketCloser-LLM-b/blob/b30d9f7ac0658af31b7767e7000cd736566cc23d/modules/custom_layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okq_bracketcloser_mha_subclass_overrides_call_with_mask_input.py:
as returned: Functional, count_params() = 1050, 19 weights, unbuilt: none
after call: count_params() = 1050, 19 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 19 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_multi_head_attention': 568}
second call: 0 variables watched that the first call did not use
(The later version of the layer at 1dc767b, which passes the (batch, seq) mask unreshaped, fails the
first call with InvalidArgumentError; the b30d9f7 version used here works.)"""

import tensorflow as tf
import keras
from keras.layers import MultiHeadAttention


class CustomMultiHeadAttention(MultiHeadAttention):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, query, value, key=None, attention_mask=None, return_attention_scores=False, training=None, **kwargs):
        if attention_mask is not None:
            # attention_maskの形状を(batch_size, 1, 1, seq_len)に変更
            batch_size = tf.shape(query)[0]
            seq_len = tf.shape(query)[1]
            attention_mask = tf.reshape(attention_mask, (batch_size, 1, 1, seq_len))
        return super().call(query, value, key=key, attention_mask=attention_mask, return_attention_scores=return_attention_scores, training=training)


def define_gpt_model(seq_length, output_dim):
    inputs = keras.layers.Input(shape=(seq_length,), name='input_1')
    attention_mask = keras.layers.Input(shape=(seq_length,), dtype="float32", name='input_2')

    # Embedding Layer
    embedding_layer = keras.layers.Embedding(input_dim=output_dim, output_dim=8)(inputs)

    # Custom Multi-Head Attention Layer ここで、マスクを渡します
    attention_layer = CustomMultiHeadAttention(num_heads=2, key_dim=8)(embedding_layer, embedding_layer, attention_mask=attention_mask)

    # Add & Norm層
    add_norm_layer = keras.layers.Add()([embedding_layer, attention_layer])
    norm_layer = keras.layers.LayerNormalization(epsilon=1e-6)(add_norm_layer)

    # Feed Forward Network
    ffn = keras.Sequential([
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(8)
    ])
    ffn_output = ffn(norm_layer)

    # Add & Norm層
    add_norm_layer2 = keras.layers.Add()([norm_layer, ffn_output])
    norm_layer2 = keras.layers.LayerNormalization(epsilon=1e-6)(add_norm_layer2)

    # Output Layer
    outputs = keras.layers.Dense(output_dim, activation='softmax')(norm_layer2)

    return keras.Model(inputs=[inputs, attention_mask], outputs=outputs)


def build_model():
    return define_gpt_model(6, 10)
