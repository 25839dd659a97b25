"""An image-captioning Transformer decoder layer (keras.io captioning style): a token+position
`Embeddings` sublayer whose position `Embedding` is called on `tf.range` inside `call()`, two
`MultiHeadAttention`s, three `LayerNormalization`s, a causal mask built from `tf` ops in a helper.

From DHIWAHAR-K/Image-Captioning (`transformer_decoder.py` with `embeddings.py`). Looks like the
"position embedding called on a concrete range" trap and the "vocabulary-sized head made from a
module-level tokenizer" pattern, but the range is built inside `call()` from the input's dynamic
length, so the position table is a tracked, trained weight; every sublayer is called and built.

Porting edits: `tokenizer.vocabulary_size()` -> a module constant `VOCAB_SIZE = 12` and
`MAX_LENGTH = 5` (from `configs`); `tf.keras` -> `keras` for the layers; embed_dim 8, units 16,
2 heads; `build_model()` wires token ids (length 5), an encoder output (4 x 8) and a padding mask.
"""

SOURCE = "https://github.com/DHIWAHAR-K/Image-Captioning/blob/e39214324f62ec915d161bb8f963e11190d23824/transformer_decoder.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okq_imagecaptioning_decoder_embeddings_and_two_attentions.py:
warnings: Do not pass an `input_shape`/`input_dim` argument to a layer (the position Embedding);
Layer 'transformer_decoder_layer' ... was passed an input with a mask attached to it (the `mask=` keyword).
as returned: Functional, count_params() = 1708, 30 weights, unbuilt: none
after call: count_params() = 1708, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'transformer_decoder_layer': 1708, 'embeddings': 136}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras

VOCAB_SIZE = 12
MAX_LENGTH = 5


class Embeddings(keras.layers.Layer):

    def __init__(self, vocab_size, embed_dim, max_len):
        super().__init__()
        self.token_embeddings = keras.layers.Embedding(
            vocab_size, embed_dim)
        self.position_embeddings = keras.layers.Embedding(
            max_len, embed_dim, input_shape=(None, max_len))

    def call(self, input_ids):
        length = tf.shape(input_ids)[-1]
        position_ids = tf.range(start=0, limit=length, delta=1)
        position_ids = tf.expand_dims(position_ids, axis=0)

        token_embeddings = self.token_embeddings(input_ids)
        position_embeddings = self.position_embeddings(position_ids)

        return token_embeddings + position_embeddings


class TransformerDecoderLayer(keras.layers.Layer):

    def __init__(self, embed_dim, units, num_heads):
        super().__init__()
        self.embedding = Embeddings(
            VOCAB_SIZE, embed_dim, MAX_LENGTH)

        self.attention_1 = keras.layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=embed_dim, dropout=0.1
        )
        self.attention_2 = keras.layers.MultiHeadAttention(
            num_heads=num_heads, key_dim=embed_dim, dropout=0.1
        )

        self.layernorm_1 = keras.layers.LayerNormalization()
        self.layernorm_2 = keras.layers.LayerNormalization()
        self.layernorm_3 = keras.layers.LayerNormalization()

        self.ffn_layer_1 = keras.layers.Dense(units, activation="relu")
        self.ffn_layer_2 = keras.layers.Dense(embed_dim)

        self.out = keras.layers.Dense(VOCAB_SIZE, activation="softmax")

        self.dropout_1 = keras.layers.Dropout(0.3)
        self.dropout_2 = keras.layers.Dropout(0.5)

    def call(self, input_ids, encoder_output, training, mask=None):
        embeddings = self.embedding(input_ids)

        combined_mask = None
        padding_mask = None

        if mask is not None:
            causal_mask = self.get_causal_attention_mask(embeddings)
            padding_mask = tf.cast(mask[:, :, tf.newaxis], dtype=tf.int32)
            combined_mask = tf.cast(mask[:, tf.newaxis, :], dtype=tf.int32)
            combined_mask = tf.minimum(combined_mask, causal_mask)

        attn_output_1 = self.attention_1(
            query=embeddings,
            value=embeddings,
            key=embeddings,
            attention_mask=combined_mask,
            training=training
        )

        out_1 = self.layernorm_1(embeddings + attn_output_1)

        attn_output_2 = self.attention_2(
            query=out_1,
            value=encoder_output,
            key=encoder_output,
            attention_mask=padding_mask,
            training=training
        )

        out_2 = self.layernorm_2(out_1 + attn_output_2)

        ffn_out = self.ffn_layer_1(out_2)
        ffn_out = self.dropout_1(ffn_out, training=training)
        ffn_out = self.ffn_layer_2(ffn_out)

        ffn_out = self.layernorm_3(ffn_out + out_2)
        ffn_out = self.dropout_2(ffn_out, training=training)
        preds = self.out(ffn_out)
        return preds

    def get_causal_attention_mask(self, inputs):
        input_shape = tf.shape(inputs)
        batch_size, sequence_length = input_shape[0], input_shape[1]
        i = tf.range(sequence_length)[:, tf.newaxis]
        j = tf.range(sequence_length)
        mask = tf.cast(i >= j, dtype="int32")
        mask = tf.reshape(mask, (1, input_shape[1], input_shape[1]))
        mult = tf.concat(
            [tf.expand_dims(batch_size, -1), tf.constant([1, 1], dtype=tf.int32)],
            axis=0
        )
        return tf.tile(mask, mult)


def build_model():
    ids = keras.Input((MAX_LENGTH,), dtype="int32")
    enc = keras.Input((4, 8))
    mask = keras.Input((MAX_LENGTH,), dtype="int32")
    preds = TransformerDecoderLayer(8, 16, 2)(ids, enc, training=False, mask=mask)
    return keras.Model([ids, enc, mask], preds)
