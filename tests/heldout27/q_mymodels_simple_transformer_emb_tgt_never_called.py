"""A hand-written encoder-decoder `MyTransformer` (keras.Model) that creates a target-side
`Embedding` `self.emb_tgt` in `__init__` but embeds the target tokens with `self.emb_src` in `call()`.

From MoritzPlaten/my-models (`simple-transformer-tensorflow/MyTransformer.py` with its
`helperClass.py`). `emb_tgt` is never called and nothing builds it: it stays unbuilt and owns no
weights (the target vocabulary shares the source table, sized `src_vocab_size`). The helper
`PositionalEncoding` also keeps its sinusoid table as a `tf.Variable(trainable=False)` made in
`__init__`, which Keras 3 does not track (second code; the table is a constant, so only saving loses it).

Porting edits: `from helperClass import ...` replaced by the helper classes pasted above (unchanged
except the three `MultiHeadAttention` calls, written `self.multiHead([q, v, k])` for tf.keras 2's list
form, passed as positional `(q, v, k)` because Keras 3 requires `value`); the custom
`train_step`/`metrics`/`compute_loss` dropped; sizes: vocab 11/13, d_model 8, 2 heads, 1 layer,
d_ff 16, max_seq_length 8 on a batch of 8 length-8 sequences (the author's `self.pe[:, :seq_length]`
slices the model axis and the (batch, seq) target mask is and-ed with a (1, seq, seq) no-peak mask,
which only broadcast when max_seq_length == seq_length == d_model == batch); `tf.logical_and(mask,
nopeak_mask)` given `nopeak_mask > 0` (the author's float operand raises).
"""

SOURCE = "https://github.com/MoritzPlaten/my-models/blob/677aabf820f582b5d05ebf1df089d2fa180693d9/simple-transformer-tensorflow/MyTransformer.py"
CODES = ("LD005", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/q_mymodels_simple_transformer_emb_tgt_never_called.py:
warnings: Layer 'embedding' ... was passed an input with a mask attached to it (Masking before Embedding);
`build()` was called on layer 'my_transformer', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state.
as returned: MyTransformer, count_params() = 2501, 39 weights, unbuilt: ['Embedding:embedding_1']
after call: count_params() = 2501, 39 trainable weights, unbuilt: ['Embedding:embedding_1']; output dtypes ['float32']
gradient None for 0 of 39 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_encoding': 0, 'encoder_layer': 864, 'position_wise_feed_forward': 280, 'decoder_layer': 1432, 'position_wise_feed_forward_1': 280}
second call: 0 variables watched that the first call did not use
(embedding_1 is `self.emb_tgt`; positional_encoding owns 0 weights: its tf.Variable table is untracked
and non-trainable, so it is only missing from saved weights.)"""

import numpy as np
import tensorflow as tf
import keras


class PositionalEncoding(keras.layers.Layer):

    def __init__(self, d_model, max_seq_length):
        super(PositionalEncoding, self).__init__()
        self.supports_masking = True

        self.d_model = d_model
        self.max_seq_length = max_seq_length

        position = tf.range(max_seq_length, dtype=tf.float32)[:, tf.newaxis]
        div_term = tf.exp(tf.range(0, d_model, 2, dtype=tf.float32) * -(tf.math.log(10000.0) / d_model))
        pe = tf.concat([tf.sin(position * div_term), tf.cos(position * div_term)], axis=-1)
        pe = tf.reshape(pe, [max_seq_length, d_model])
        self.pe = tf.Variable(pe, trainable=False, name='positional_encoding')

    def call(self, x):
        seq_length = tf.shape(x)[1]
        pe = self.pe[:, :seq_length]
        return x + pe


class PositionWiseFeedForward(keras.layers.Layer):
    def __init__(self, d_model, d_ff, activation="relu"):
        super(PositionWiseFeedForward, self).__init__()
        self.d_model = d_model
        self.d_ff = d_ff
        self.activation = keras.activations.get(activation)

        self.fc1 = keras.layers.Dense(d_ff, activation=self.activation)
        self.fc2 = keras.layers.Dense(d_model)

    def call(self, x):
        if x.shape[-1] != self.d_model:
            raise ValueError(f"Input dimension {x.shape[-1]} doesn't match expected dimension {self.d_model}.")

        x = self.fc1(x)
        x = self.fc2(x)
        return x


class EncoderLayer(keras.layers.Layer):

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, activation="relu"):
        super(EncoderLayer, self).__init__()
        self.supports_masking = True

        self.multiHead = keras.layers.MultiHeadAttention(
            key_dim=d_model,
            num_heads=num_heads,
            dropout=dropout
        )

        self.ff = PositionWiseFeedForward(d_model, d_ff=d_ff, activation=activation)
        self.add = keras.layers.Add()
        self.norm = keras.layers.LayerNormalization()
        self.dropout = keras.layers.Dropout(dropout)

    def call(self, src, src_mask):
        att_output = self.multiHead(src, src, src)
        x = self.add([att_output, src])
        x = self.norm(x)
        x = self.dropout(x)

        ff_output = self.ff(x)
        x = self.add([ff_output, x])
        x = self.norm(x)
        x = self.dropout(x)
        return x


class DecoderLayer(keras.layers.Layer):

    def __init__(self, d_model, num_heads, d_ff, dropout=0.1, activation="relu"):
        super(DecoderLayer, self).__init__()
        self.supports_masking = True

        self.multiHead1 = keras.layers.MultiHeadAttention(
            key_dim=d_model,
            num_heads=num_heads,
            dropout=dropout
        )
        self.add = keras.layers.Add()
        self.norm = keras.layers.LayerNormalization()

        self.multiHead2 = keras.layers.MultiHeadAttention(
            key_dim=d_model,
            num_heads=num_heads,
            dropout=dropout
        )

        self.ff = PositionWiseFeedForward(d_model=d_model, d_ff=d_ff, activation=activation)
        self.dropout = keras.layers.Dropout(dropout)

    def call(self, tgt, enc_output, src_mask=None, tgt_mask=None):

        att_output1 = self.multiHead1(tgt, tgt, tgt)
        x = self.add([att_output1, tgt])
        x = self.norm(x)
        x = self.dropout(x)

        att_output2 = self.multiHead2(enc_output, enc_output, x)
        x = self.add([att_output2, x])
        x = self.norm(x)
        x = self.dropout(x)

        ff_output = self.ff(x)
        x = self.add([ff_output, x])
        x = self.norm(x)
        x = self.dropout(x)
        return x


class MyTransformer(keras.Model):

    def __init__(self, src_vocab_size=5000, tgt_vocab_size=5000, d_model=512, num_heads=8,
                 num_layers=6, d_ff=2048, max_seq_length=100, dropout=0.1, activation="relu"):
        super(MyTransformer, self).__init__()
        self.supports_masking = True
        self.num_layers = num_layers

        self.masking = keras.layers.Masking(mask_value=0.0)

        self.emb_src = keras.layers.Embedding(src_vocab_size, d_model)
        self.emb_tgt = keras.layers.Embedding(tgt_vocab_size, d_model)
        self.pos_encoding = PositionalEncoding(d_model=d_model, max_seq_length=max_seq_length)

        self.enc_layers = [
            EncoderLayer(
                d_model=d_model,
                num_heads=num_heads,
                d_ff=d_ff,
                dropout=dropout,
                activation=activation
            ) for _ in range(num_layers)
        ]

        self.dec_layers = [
            DecoderLayer(
                d_model=d_model,
                num_heads=num_heads,
                d_ff=d_ff,
                dropout=dropout,
                activation=activation
            ) for _ in range(num_layers)
        ]

        self.dropout = keras.layers.Dropout(dropout)

        self.output_layer = keras.layers.Dense(tgt_vocab_size)

    def generate_mask(self, src, tgt):

        padding_mask_src = tf.math.logical_not(tf.equal(src, 0))
        padding_mask_tgt = tf.math.logical_not(tf.equal(tgt, 0))

        seq_length = tf.shape(tgt)[-1]

        nopeak_mask = tf.linalg.band_part(tf.ones((1, seq_length, seq_length)), -1, 0)
        padding_mask_tgt = tf.logical_and(padding_mask_tgt, nopeak_mask > 0)

        src_mask = tf.expand_dims(tf.expand_dims(padding_mask_src, 1), 1)
        tgt_mask = tf.expand_dims(padding_mask_tgt, 1)

        return src_mask, tgt_mask

    def call(self, inputs):

        src, tgt, = inputs

        src_mask, tgt_mask = self.generate_mask(src, tgt)
        src = self.masking(src)
        src = self.emb_src(src)
        src = self.pos_encoding(src)
        src = self.dropout(src)

        tgt = self.masking(tgt)
        tgt = self.emb_src(tgt)
        tgt = self.pos_encoding(tgt)
        tgt = self.dropout(tgt)

        enc_output = src
        for enc_layer in self.enc_layers:
            enc_output = enc_layer(src, src_mask=src_mask)

        dec_output = tgt
        for dec_layer in self.dec_layers:
            dec_output = dec_layer(tgt=tgt, enc_output=enc_output, src_mask=src_mask, tgt_mask=tgt_mask)

        output = self.output_layer(dec_output)
        return output


def build_model():
    model = MyTransformer(src_vocab_size=11, tgt_vocab_size=13, d_model=8, num_heads=2,
                          num_layers=1, d_ff=16, max_seq_length=8)
    rng = np.random.default_rng(0)
    src = rng.integers(1, 11, size=(8, 8)).astype("int32")
    tgt = rng.integers(1, 11, size=(8, 8)).astype("int32")
    model([src, tgt])
    return model, [src, tgt]
