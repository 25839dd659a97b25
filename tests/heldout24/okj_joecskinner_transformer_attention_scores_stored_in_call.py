"""A from-scratch encoder-decoder Transformer (pt->en translation) whose cross-attention layer stores
the attention scores on `self` inside `call()` (`self.last_attention_scores = scores`), which the
decoder layer and the decoder copy onto themselves in their own `call()`; the sinusoidal position
table is a float32 tensor made in `__init__`, and the embedding layer wraps a `keras.layers.Embedding`
with `mask_zero=True` and forwards its mask.

From joecskinner/transformer (`src/models/transformer.py`, with `shared_embedding.py` and
`positional_encoding.py` of the same commit; the structure of the TensorFlow transformer tutorial).
Looks like state created inside `call()` (a tensor assigned to a layer attribute on every call) and
like a weight-like tensor stored in `__init__` that is not a variable. On Keras 3 the stored scores
are plain tensors used for plotting, not weights: every weight of the model (embeddings, attention,
feed-forward, norms, final Dense) is tracked once, gets a gradient, and repeated calls create no new
variables; the position table is the fixed encoding, meant to be constant.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); docstrings and comments shortened;
sizes: vocabularies 40/50 -> 20/24, d_model 8, d_ff 16, 2 heads, 1 layer, dropout 0.1, positional
table length 2048 -> 32; `build_model()` calls the model once on a batch of 2 token sequences of
length 5 and 4.
"""

SOURCE = "https://github.com/joecskinner/transformer/blob/fdd3b05048c96084bd7a50fd2afdb896a0487824/src/models/transformer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okj_joecskinner_transformer_attention_scores_stored_in_call.py:
warning: Layer 'residual_and_layer_norm' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask informat
warning: Layer 'residual_and_layer_norm' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask informat
warning: Layer 'multi_head_self_attention' (of type MultiHeadSelfAttention) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask info
warning: Layer 'encoder_layer' (of type EncoderLayer) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream la
warning: Layer 'residual_and_layer_norm_2' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask inform
warning: Layer 'residual_and_layer_norm_2' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask inform
warning: Layer 'multi_head_self_attention_1' (of type MultiHeadSelfAttention) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask in
warning: Layer 'decoder_layer' (of type DecoderLayer) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream la
warning: Layer 'residual_and_layer_norm' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask informat
warning: Layer 'multi_head_self_attention' (of type MultiHeadSelfAttention) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask info
warning: Layer 'encoder_layer' (of type EncoderLayer) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream la
warning: Layer 'residual_and_layer_norm_2' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask inform
warning: Layer 'multi_head_self_attention_1' (of type MultiHeadSelfAttention) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask in
warning: Layer 'decoder_layer' (of type DecoderLayer) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream la
as returned: Transformer, count_params() = 2912, 46 weights, unbuilt: none
after call: count_params() = 2912, 46 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 46 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 1040, 'encoder_layer': 880, 'feed_forward': 296, 'residual_and_layer_norm_1': 16, 'multi_head_self_attention': 584, 'residual_and_layer_norm': 16, 'positional_encoding': 0, 'shared_embedding': 160, 'decoder': 1656, 'decoder_layer': 1464, 'feed_forward_1': 296, 'residual_and_layer_norm_4': 16, 'multi_head_cross_attention': 584, 'residual_and_layer_norm_3': 16, 'multi_head_self_attention_1': 584, 'residual_and_layer_norm_2': 16, 'positional_encoding_1': 0, 'shared_embedding_1': 192}
second call: 0 variables watched that the first call did not use
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:1039: UserWarning: Layer 'residual_and_layer_norm' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
  warnings.warn(
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:1039: UserWarning: Layer 'multi_head_self_attention' (of type MultiHeadSelfAttention) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
  warnings.warn(
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:1039: UserWarning: Layer 'encoder_layer' (of type EncoderLayer) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
  warnings.warn(
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:1039: UserWarning: Layer 'residual_and_layer_norm_2' (of type ResidualAndLayerNorm) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
  warnings.warn(
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:1039: UserWarning: Layer 'multi_head_self_attention_1' (of type MultiHeadSelfAttention) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
  warnings.warn(
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:1039: UserWarning: Layer 'decoder_layer' (of type DecoderLayer) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
  warnings.warn(
The mask warnings are Keras 3 noting that the author's wrapper layers drop the Embedding mask
(mask propagation, not weights). Own script (/tmp/mine24a/p19.py): model.decoder.last_attention_scores
after the call is a float32 EagerTensor of shape (2, 2, 4, 5) (batch, heads, target, source), not a
variable; the model has 46 weights, all trainable, all with a gradient."""

import numpy as np
import tensorflow as tf
import keras


def positional_encoding(max_length, d_model):
    positional_encodings = np.zeros((max_length, d_model))
    pos = np.arange(max_length)[:, np.newaxis]
    dimensions = np.arange(d_model // 2)[np.newaxis, :]
    denominator_terms = 1 / np.power(10000, (2 * dimensions / d_model))
    positional_encodings[:, 0::2] = np.sin(pos * denominator_terms)
    positional_encodings[:, 1::2] = np.cos(pos * denominator_terms)
    return tf.cast(positional_encodings, dtype=tf.float32)


class PositionalEncoding(keras.layers.Layer):
    def __init__(self, max_length, d_model):
        super().__init__()
        self.d_model = d_model
        self.pos_encoding = positional_encoding(max_length, d_model)

    def call(self, x):
        length = tf.shape(x)[1]
        return x + self.pos_encoding[tf.newaxis, :length, :]

    def compute_mask(self, inputs, mask=None):
        return mask


class SharedEmbedding(keras.layers.Layer):
    def __init__(self, vocab_size, d_model):
        super(SharedEmbedding, self).__init__()
        self.vocab_size = vocab_size
        self.d_model = d_model
        self.embedding = keras.layers.Embedding(input_dim=vocab_size,
                                                output_dim=d_model,
                                                mask_zero=True)

    def call(self, x):
        x = self.embedding(x)
        return self.scale_by_d_model(x)

    def scale_by_d_model(self, x):
        return x * tf.math.sqrt(tf.cast(self.d_model, tf.float32))

    def compute_mask(self, *args, **kwargs):
        return self.embedding.compute_mask(*args, **kwargs)


class ResidualAndLayerNorm(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.norm = keras.layers.LayerNormalization()
        self.add = keras.layers.Add()

    def call(self, x, sublayer_output):
        x = self.add([x, sublayer_output])
        return self.norm(x)


class BaseMultiHeadAttention(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__()
        self.mha = keras.layers.MultiHeadAttention(**kwargs)
        self.rln = ResidualAndLayerNorm()


class MultiHeadSelfAttention(BaseMultiHeadAttention):
    def call(self, x, masked=False):
        output = self.mha(
            query=x,
            value=x,
            key=x,
            use_causal_mask=masked
        )
        return self.rln(output, x)


class MultiHeadCrossAttention(BaseMultiHeadAttention):
    def call(self, x, encoder_output):
        attention_output, scores = self.mha(
            query=x,
            value=encoder_output,
            key=encoder_output,
            return_attention_scores=True
        )
        self.last_attention_scores = scores
        return self.rln(attention_output, x)


class FeedForward(keras.layers.Layer):
    def __init__(self, d_model, d_ff, dropout):
        super().__init__()
        self.d_model = d_model
        self.d_ff = d_ff
        self.fc1 = keras.layers.Dense(d_ff, activation='relu')
        self.fc2 = keras.layers.Dense(d_model)
        self.dropout = keras.layers.Dropout(dropout)
        self.rln = ResidualAndLayerNorm()

    def call(self, x):
        output = self.fc1(x)
        output = self.fc2(output)
        output = self.dropout(output)
        return self.rln(output, x)


class EncoderLayer(keras.layers.Layer):
    def __init__(self, *, d_model, d_ff, num_heads, dropout):
        super().__init__()
        key_dim = d_model
        self.mhsa = MultiHeadSelfAttention(num_heads=num_heads, key_dim=key_dim, dropout=dropout)
        self.ff = FeedForward(d_model, d_ff, dropout)

    def call(self, x):
        x = self.mhsa(x)
        return self.ff(x)


class Encoder(keras.layers.Layer):
    def __init__(self, *, d_model, d_ff, shared_embedding, num_layers, num_heads, dropout, vocab_size):
        super().__init__()
        self.shared_embedding = SharedEmbedding(vocab_size=vocab_size, d_model=d_model)
        self.positional_encoding = PositionalEncoding(max_length=32, d_model=d_model)
        self.dropout = keras.layers.Dropout(dropout)
        self.encoder_stack = [
            EncoderLayer(d_model=d_model, d_ff=d_ff, dropout=dropout, num_heads=num_heads)
            for _ in range(num_layers)
        ]

    def call(self, x):
        x = self.shared_embedding(x)
        x = self.positional_encoding(x)
        x = self.dropout(x)
        for encoder_layer in self.encoder_stack:
            x = encoder_layer(x)
        return x


class DecoderLayer(keras.layers.Layer):
    def __init__(self, *, d_model, d_ff, num_heads, dropout):
        super().__init__()
        key_dim = d_model
        self.mmhsa = MultiHeadSelfAttention(num_heads=num_heads, key_dim=key_dim, dropout=dropout)
        self.mhca = MultiHeadCrossAttention(num_heads=num_heads, key_dim=key_dim, dropout=dropout)
        self.ff = FeedForward(d_model=d_model, d_ff=d_ff, dropout=dropout)

    def call(self, x, encoder_output):
        x = self.mmhsa(x, masked=True)
        x = self.mhca(x, encoder_output)
        self.last_attention_scores = self.mhca.last_attention_scores
        return self.ff(x)


class Decoder(keras.layers.Layer):
    def __init__(self, *, d_model, d_ff, shared_embedding, num_layers, num_heads, dropout, vocab_size):
        super().__init__()
        self.shared_embedding = SharedEmbedding(vocab_size=vocab_size, d_model=d_model)
        self.positional_encoding = PositionalEncoding(max_length=32, d_model=d_model)
        self.dropout = keras.layers.Dropout(dropout)
        self.decoder_stack = [
            DecoderLayer(d_model=d_model, d_ff=d_ff, dropout=dropout, num_heads=num_heads)
            for _ in range(num_layers)
        ]

    def call(self, x, encoder_output):
        x = self.shared_embedding(x)
        x = self.positional_encoding(x)
        x = self.dropout(x)
        for decoder_layer in self.decoder_stack:
            x = decoder_layer(x, encoder_output)
        self.last_attention_scores = self.decoder_stack[-1].last_attention_scores
        return x


class Transformer(keras.Model):
    def __init__(self, *, vocab_size, input_vocab_size, target_vocab_size, d_model, d_ff, dropout, num_layers, num_heads):
        super().__init__()
        self.encoder = Encoder(d_model=d_model, d_ff=d_ff, shared_embedding=None, num_layers=num_layers,
                               num_heads=num_heads, dropout=dropout, vocab_size=input_vocab_size)
        self.decoder = Decoder(d_model=d_model, d_ff=d_ff, shared_embedding=None, num_layers=num_layers,
                               num_heads=num_heads, dropout=dropout, vocab_size=target_vocab_size)
        self.linear = keras.layers.Dense(target_vocab_size)

    def call(self, inputs):
        encoder_input, decoder_input = inputs
        encoder_output = self.encoder(encoder_input)
        decoder_output = self.decoder(decoder_input, encoder_output)
        logits = self.linear(decoder_output)
        try:
            del logits._keras_mask
        except AttributeError:
            pass
        return logits


def build_model():
    model = Transformer(vocab_size=24, input_vocab_size=20, target_vocab_size=24, d_model=8, d_ff=16,
                        dropout=0.1, num_layers=1, num_heads=2)
    enc = np.array([[3, 4, 5, 6, 0], [7, 8, 9, 0, 0]], dtype="int32")
    dec = np.array([[1, 10, 11, 12], [1, 13, 14, 0]], dtype="int32")
    model((enc, dec))
    return model, (enc, dec)
