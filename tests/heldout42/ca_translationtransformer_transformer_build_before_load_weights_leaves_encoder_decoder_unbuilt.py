"""mvysotskyi's Ukrainian-English translation Transformer is created and then built with `transformer.build(input_shape=[(None, 128), (None, 128)])` before `transformer.summary()` (train.py) and before `transformer.load_weights("checkpoints/transformer_20.h5")` (translator.py); `Transformer(keras.models.Model)` defines no `build()`, so on Keras 3 the explicit build does not run `call()`: the encoder, decoder, their embeddings, attention and feed-forward layers and `final_layer` all stay unbuilt, the summary shows 0 parameters and the checkpoint is loaded into a model with no variables.

From mvysotskyi/translation-transformer (TF 2 / Keras, 2023), commit 0730443: `transformer.py` (`Transformer` with
`Encoder`, `Decoder` and `final_layer = Dense(target_vocab_size)`, masks built in `call()` from the token ids),
`models/encoder.py`, `models/decoder.py`, `layers/encoder_layer.py`, `layers/decoder_layer.py` (both on
`keras.layers.MultiHeadAttention`, "Temporary use Keras MultiHeadAttention"), `layers/addnorm.py`,
`layers/feedforward.py` and `layers/positional_embedding.py`. `translator.py`'s `__main__` does
`Transformer(7000, 7000, 128, 128, 8, 4, 512)`, `.build(input_shape=[(None, 128), (None, 128)])`,
`.load_weights(...)`, then translates; `train.py` builds the same way, prints the summary, compiles and fits. On
tf.keras 2 that build traced `call()` on two placeholders and created all weights; on Keras 3 the default `build()`
only warns ("does not have a `build()` method implemented and it looks like it has unbuilt state") and marks the
model built (LD005). Side notes, not the defect: `EncoderLayer.dropout_2`, `DecoderLayer.dropout_3` and the
first `Decoder.dropout` (assigned twice) are never called, but they hold no weights.

Porting edits: the eight modules are merged (package imports and `sys.path` hack dropped; the custom
`layers/multihead_attention.py`, imported but unused by the layers, is left out). build_model() does what
translator.py does before `load_weights`, with a small configuration `Transformer(200, 200, 16, 32, 4, 2, 64)`
(vocabularies, seq_len, d_model, heads, layers, d_ff) instead of (7000, 7000, 128, 128, 8, 4, 512), and
`build(input_shape=[(None, 16), (None, 16)])`; it returns the model with a pair of (2, 16) token-id batches.
"""

SOURCE = "https://github.com/mvysotskyi/translation-transformer/blob/07304435f7d3cc8b19934e75086338184747057a/translator.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/ca_translationtransformer_transformer_build_before_load_weights_leaves_encoder_decoder_unbuilt.py:
warning: `build()` was called on layer 'transformer', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, des
as returned: Transformer, count_params() = 0, 0 weights, unbuilt: ['Encoder:encoder', 'EncoderLayer:encoder_layer_1', 'FeedForward:feed_forward_1', 'LayerNormalization:layer_normalization_3', 'Add:add_3', 'Sequential:sequential_1', 'Dense:dense_3', 'Dense:dense_2', 'AddNorm:add_norm_1', 'Add:add_2', 'LayerNormalization:layer_normalization_2', 'MultiHeadAttention:multi_head_attention_1', 'EncoderLayer:encoder_layer', 'FeedForward:feed_forward', 'LayerNormalization:layer_normalization_1', 'Add:add_1', 'Sequential:sequential', 'Dense:dense_1', 'Dense:dense', 'AddNorm:add_norm', 'Add:add', 'LayerNormalization:layer_normalization', 'MultiHeadAttention:multi_head_attention', 'PositionEmbeddingFixedWeights:position_embedding_fixed_weights', 'Embedding:embedding', 'Decoder:decoder', 'DecoderLayer:decoder_layer_1', 'FeedForward:feed_forward_3', 'LayerNormalization:layer_normalization_9', 'Add:add_9', 'Sequential:sequential_3', 'Dense:dense_7', 'Dense:dense_6', 'AddNorm:add_norm_5', 'Add:add_8', 'LayerNormalization:layer_normalization_8', 'MultiHeadAttention:multi_head_attention_5', 'AddNorm:add_norm_4', 'Add:add_7', 'LayerNormalization:layer_normalization_7', 'MultiHeadAttention:multi_head_attention_4', 'DecoderLayer:decoder_layer', 'FeedForward:feed_forward_2', 'LayerNormalization:layer_normalization_6', 'Add:add_6', 'Sequential:sequential_2', 'Dense:dense_5', 'Dense:dense_4', 'AddNorm:add_norm_3', 'Add:add_5', 'LayerNormalization:layer_normalization_5', 'MultiHeadAttention:multi_head_attention_3', 'AddNorm:add_norm_2', 'Add:add_4', 'LayerNormalization:layer_normalization_4', 'MultiHeadAttention:multi_head_attention_2', 'PositionEmbeddingFixedWeights:position_embedding_fixed_weights_1', 'Embedding:embedding_1', 'Dense:dense_8']
after call: count_params() = 137608, 88 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 88 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 48640, 'encoder_layer_1': 21120, 'feed_forward_1': 4256, 'add_norm_1': 64, 'encoder_layer': 21120, 'feed_forward': 4256, 'add_norm': 64, 'position_embedding_fixed_weights': 6400, 'decoder': 82368, 'decoder_layer_1': 37984, 'feed_forward_3': 4256, 'add_norm_5': 64, 'add_norm_4': 64, 'decoder_layer': 37984, 'feed_forward_2': 4256, 'add_norm_3': 64, 'add_norm_2': 64, 'position_embedding_fixed_weights_1': 6400}
second call: 0 variables watched that the first call did not use
probes/probe_tt_load.py (same classes, small config): weights saved (.weights.h5) from a Transformer that was called once, then load_weights() into the model as build_model() returns it (after build() only): no exception, len(weights) stays 0; after the first call its outputs differ from the saved model's (allclose False): the checkpoint is silently not applied."""

import numpy as np
import tensorflow as tf
from tensorflow import keras

# Temporary use Keras MultiHeadAttention
from keras.layers import MultiHeadAttention as KerasMultiHeadAttention


# ---- layers/addnorm.py ----
class AddNorm(keras.layers.Layer):
    """
    Add and Normalization layer.
    """
    def __init__(self, **kwargs):
        super(AddNorm, self).__init__(**kwargs)

        self.layer_norm = keras.layers.LayerNormalization()
        self.add = keras.layers.Add()

    def call(self, inputs: tf.Tensor, x_sublayer: tf.Tensor) -> tf.Tensor:
        x = self.add([inputs, x_sublayer])
        x = self.layer_norm(x)

        return x


# ---- layers/feedforward.py ----
class FeedForward(tf.keras.layers.Layer):
    """
    Feedforward layer for Transformer.
    """
    def __init__(self, d_model: int, dff: int, dropout_rate: float = 0.1):
        super().__init__()
        self.seq = tf.keras.Sequential(
            [
                tf.keras.layers.Dense(dff, activation="relu"),
                tf.keras.layers.Dense(d_model),
                tf.keras.layers.Dropout(dropout_rate),
            ]
        )
        self.add = tf.keras.layers.Add()
        self.layer_norm = tf.keras.layers.LayerNormalization()

    def call(self, x):
        x = self.add([x, self.seq(x)])
        x = self.layer_norm(x)
        return x


# ---- layers/positional_embedding.py ----
def positional_encoding(length, depth):
    depth = depth / 2

    positions = np.arange(length)[:, np.newaxis]  # (seq, 1)
    depths = np.arange(depth)[np.newaxis, :] / depth  # (1, depth)

    angle_rates = 1 / (10000**depths)  # (1, depth)
    angle_rads = positions * angle_rates  # (pos, depth)

    pos_encoding = np.concatenate([np.sin(angle_rads), np.cos(angle_rads)], axis=-1)

    return tf.cast(pos_encoding, dtype=tf.float32)


class PositionEmbeddingFixedWeights(tf.keras.layers.Layer):
    def __init__(self, seq_len, vocab_size, d_model):
        super().__init__()
        self.d_model = d_model
        self.seq_len = seq_len
        self.embedding = tf.keras.layers.Embedding(vocab_size, d_model, mask_zero=False)
        self.pos_encoding = positional_encoding(length=seq_len, depth=d_model)

    def compute_mask(self, *args, **kwargs):
        # return self.embedding.compute_mask(*args, **kwargs)
        return None

    def call(self, x):
        length = tf.shape(x)[1]
        x = self.embedding(x)
        # This factor sets the relative scale of the embedding and positonal_encoding.
        x *= tf.math.sqrt(tf.cast(self.d_model, tf.float32))
        x = x + self.pos_encoding[tf.newaxis, :length, :]
        # print("MAKS: ", x._keras_mask)
        return x


# ---- layers/encoder_layer.py ----
class EncoderLayer(keras.layers.Layer):
    """
    Encoder layer.
    """
    def __init__(self, d_model: int, num_heads: int, d_ff: int, dropout_rate: float = 0.1, **kwargs):
        super(EncoderLayer, self).__init__(**kwargs)

        self.d_model = d_model
        self.num_heads = num_heads
        self.d_ff = d_ff
        self.dropout_rate = dropout_rate

        self.multihead_attention = KerasMultiHeadAttention(num_heads, d_model)
        self.addnorm_1 = AddNorm()

        self.feedforward = FeedForward(d_model, d_ff)

        # Dropout layers
        self.dropout_1 = keras.layers.Dropout(dropout_rate)
        self.dropout_2 = keras.layers.Dropout(dropout_rate)

    def call(self, inputs: tf.Tensor, padding_mask: tf.Tensor | None = None, training: bool = True) -> tf.Tensor:
        attention = self.multihead_attention(inputs, inputs, inputs)
        attention = self.dropout_1(attention, training=training)
        attention = self.addnorm_1(inputs, attention, training=training)

        output = self.feedforward(attention)
        return output


# ---- layers/decoder_layer.py ----
class DecoderLayer(keras.layers.Layer):
    """
    Decoder Layer.
    """

    def __init__(
        self,
        d_model: int,
        num_heads: int,
        d_ff: int,
        dropout_rate: float = 0.1,
        **kwargs
    ):
        super(DecoderLayer, self).__init__(**kwargs)

        self.d_model = d_model
        self.num_heads = num_heads
        self.d_ff = d_ff
        self.dropout_rate = dropout_rate

        self.multihead_attention_1 = KerasMultiHeadAttention(num_heads, d_model)
        self.addnorm_1 = AddNorm()

        self.multihead_attention_2 = KerasMultiHeadAttention(num_heads, d_model)
        self.addnorm_2 = AddNorm()

        self.feedforward = FeedForward(d_model, d_ff)

        # Dropout layers
        self.dropout_1 = keras.layers.Dropout(dropout_rate)
        self.dropout_2 = keras.layers.Dropout(dropout_rate)
        self.dropout_3 = keras.layers.Dropout(dropout_rate)

    def call(
        self,
        inputs: tf.Tensor,
        encoder_outputs: tf.Tensor,
        look_ahead_mask: tf.Tensor | None = None,
        padding_mask: tf.Tensor | None = None,
        training: bool = True,
    ) -> tf.Tensor:
        attention = self.multihead_attention_1(
            inputs, inputs, inputs, attention_mask=look_ahead_mask
        )
        attention = self.dropout_1(attention, training=training)
        attention = self.addnorm_1(inputs, attention)

        attention_2 = self.multihead_attention_2(
            attention, encoder_outputs, encoder_outputs, attention_mask=padding_mask
        )
        attention_2 = self.dropout_2(attention_2)
        attention_2 = self.addnorm_2(attention, attention_2, training=training)

        output = self.feedforward(attention_2)
        return output


# ---- models/encoder.py ----
class Encoder(keras.layers.Layer):
    def __init__(self, vocab_size: int, seq_len: int, 
                num_layers: int, d_model: int, num_heads: int, d_ff: int,
                dropout_rate: float = 0.1, **kwargs):
        super(Encoder, self).__init__(**kwargs)
        
        self.pos_embedding = PositionEmbeddingFixedWeights(seq_len, vocab_size, d_model)
        self.dropout = keras.layers.Dropout(dropout_rate)
        self.encoder_layers = [EncoderLayer(d_model, num_heads, d_ff, dropout_rate) for _ in range(num_layers)]

    def call(self, inputs: tf.Tensor, padding_mask: tf.Tensor | None = None, training: bool = True) -> tf.Tensor:
        output = self.pos_embedding(inputs)
        output = self.dropout(output, training=training)

        for encoder_layer in self.encoder_layers:
            output = encoder_layer(output, padding_mask, training=training)

        return output


# ---- models/decoder.py ----
class Decoder(keras.layers.Layer):
    """
    Decoder model.
    """

    def __init__(
        self,
        vocab_size: int,
        seq_len: int,
        d_model: int,
        num_heads: int,
        num_layers: int,
        d_ff: int,
        dropout_rate: float = 0.1,
        **kwargs
    ):
        super(Decoder, self).__init__(**kwargs)

        self.num_layers = num_layers
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_ff = d_ff
        self.vocab_size = vocab_size
        self.dropout_rate = dropout_rate
        self.seq_len = seq_len

        self.pos_embedding = PositionEmbeddingFixedWeights(seq_len, vocab_size, d_model)
        self.dropout = keras.layers.Dropout(dropout_rate)
        self.encoder_layers = [
            DecoderLayer(d_model, num_heads, d_ff, dropout_rate)
            for _ in range(num_layers)
        ]

        # Dropout layer
        self.dropout = keras.layers.Dropout(dropout_rate)

    def call(
        self,
        inputs: tf.Tensor,
        encoder_outputs: tf.Tensor,
        look_ahead_mask: tf.Tensor | None = None,
        padding_mask: tf.Tensor | None = None,
        training: bool = True,
    ) -> tf.Tensor:
        output = self.pos_embedding(inputs)
        output = self.dropout(output, training=training)

        for decoder_layer in self.encoder_layers:
            output = decoder_layer(
                output,
                encoder_outputs,
                look_ahead_mask,
                padding_mask,
                training=training,
            )

        return output


# ---- transformer.py ----
class Transformer(keras.models.Model):
    """
    Transformer model.
    """

    def __init__(
        self,
        src_vocab_size: int,
        target_vocab_size: int,
        seq_len: int,
        d_model: int,
        num_heads: int,
        num_layers: int,
        d_ff: int,
        dropout_rate: float = 0.1,
        **kwargs
    ):
        super(Transformer, self).__init__(**kwargs)

        self.num_layers = num_layers
        self.d_model = d_model
        self.num_heads = num_heads
        self.d_ff = d_ff
        # self.vocab_size = vocab_size
        self.dropout_rate = dropout_rate
        self.seq_len = seq_len

        self.encoder = Encoder(
            src_vocab_size, seq_len, num_layers, d_model, num_heads, d_ff, dropout_rate
        )
        self.decoder = Decoder(
            target_vocab_size,
            seq_len,
            d_model,
            num_heads,
            num_layers,
            d_ff,
            dropout_rate,
        )

        self.final_layer = keras.layers.Dense(target_vocab_size)

    def padding_mask(self, inputs: tf.Tensor) -> tf.Tensor:
        """
        Create padding mask.
        """
        mask = tf.math.logical_not(tf.math.equal(inputs, 0))
        mask = tf.cast(mask, dtype=tf.float32)
        return mask[:, tf.newaxis, tf.newaxis, :]

    def look_ahead_mask(self, size: int) -> tf.Tensor:
        """
        Create look ahead mask.
        """
        mask = tf.linalg.band_part(tf.ones((size, size)), -1, 0)
        return mask

    def call(
        self, inputs: tuple[tf.Tensor, tf.Tensor], training: bool = True
    ) -> tf.Tensor:
        encoder_input, decoder_input = inputs

        encoder_padding_mask = self.padding_mask(encoder_input)
        decoder_padding_mask = self.padding_mask(decoder_input)
        look_ahead_mask = self.look_ahead_mask(self.seq_len)
        look_ahead_mask = tf.minimum(decoder_padding_mask, look_ahead_mask)
        # print(look_ahead_mask.shape)

        encoder_output = self.encoder(
            encoder_input, encoder_padding_mask, training=training
        )
        decoder_output = self.decoder(
            decoder_input,
            encoder_output,
            look_ahead_mask,
            encoder_padding_mask,
            training=training,
        )

        output = self.final_layer(decoder_output)

        try:
            del output._keras_mask
        except AttributeError:
            pass

        return output



def build_model():
    transformer = Transformer(200, 200, 16, 32, 4, 2, 64)
    transformer.build(input_shape=[(None, 16), (None, 16)])
    rng = np.random.default_rng(0)
    inputs = [rng.integers(1, 200, size=(2, 16)).astype("int32"), rng.integers(1, 200, size=(2, 16)).astype("int32")]
    return transformer, inputs
