"""Mfys212/VideoCaptioning's cross-attention `EncoderBlock` creates `layers.Add()` inside call(), keeps its four LayerNormalizations in a Python list and runs one FFN pair (`self.dense`, `self.densel`) on both the temporal and the spatial stream: all of it looks like state made in call / untracked containers / bad reuse, and all of it works on Keras 3.

From Mfys212/VideoCaptioning, `model/CrossAttention.py`: a video-captioning encoder whose blocks alternate cross
attention between temporal tokens `Zt` and spatial tokens `Zs`. Why each suspicious line is fine: `layers.Add()` has no
weights, so a fresh one per call creates nothing to train or lose (like the attention-made-in-call look-alike of an
earlier collection); `self.layernorm = [LayerNormalization() ...]` is a list attribute, which Keras 3 tracks; `self.dense`
and `self.densel` are called on `Zt` and on `Zs`, whose last axis is `d_models` in both, so the shared FFN fits both
(weights shared by design; LD007 at most, info). The two MultiHeadAttentions attend over concatenations of both
streams.

Porting edits: EncoderBlock's call argument `mask` is renamed `attn_mask`: Keras 3 fills an argument named `mask`
with the inputs' Keras masks (here `[None, None]` for the two streams, even when `mask=None` is passed) and the
attention layers then fail on the list; nothing else changed. The file's `Encoder` model is not used (its call references a `self.conv` it never
defines, and needs the Conv3D patch stem); build_model() wires two EncoderBlocks the way `Encoder.call` loops over
`self.blocks`, functionally, on `Zt` (4 frames) and `Zs` (6 patches) of width 16, then concatenates and projects as
`Encoder` does with `self.out`.
"""

SOURCE = "https://github.com/Mfys212/VideoCaptioning/blob/09188388ef0fdfb2029b7724aeb192bfe7663d0d/model/CrossAttention.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bm/okbm_videocaptioning_crossattention_encoderblock_add_layers_made_in_call_shared_ffn.py:
as returned: Functional, count_params() = 5968, 58 weights, unbuilt: none
after call: count_params() = 5968, 58 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 58 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder_block': 2848, 'encoder_block_1': 2848}
second call: 0 variables watched that the first call did not use
(2848 per block = 2 MultiHeadAttention x 1088 + 4 listed LayerNormalization x 32 + the shared Dense pair 272 + 272:
every weight counted once and trained; the per-call Add layers own nothing.)"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class EncoderBlock(tf.keras.layers.Layer):
    def __init__(self, d_models, num_heads, **kwargs):
        super().__init__(**kwargs)
        d = d_models // num_heads
        self.attention1 = layers.MultiHeadAttention(num_heads=num_heads, key_dim=d, dropout=0.1)
        self.attention2 = layers.MultiHeadAttention(num_heads=num_heads, key_dim=d, dropout=0.1)
        self.layernorm = [layers.LayerNormalization() for _ in range(4)]
        self.dense = layers.Dense(d_models, activation="gelu")
        self.densel = layers.Dense(d_models)
        self.dropout = layers.Dropout(0.1)

    def call(self, inputs, attn_mask=None, training=True):  # porting edit: was `mask`
        Zt, Zs = inputs
        Zts = tf.concat([Zs, Zt], axis=1)
        attention1 = self.attention1(query=Zt, value=Zts, key=Zts, attention_mask=attn_mask, training=training)
        Zt = self.layernorm[0](layers.Add()([Zt, attention1]))
        Zst = tf.concat([Zs, Zt], axis=1)
        attention2 = self.attention2(query=Zs, value=Zst, key=Zst, attention_mask=attn_mask, training=training)
        Zs = self.layernorm[1](layers.Add()([Zs, attention2]))

        ffn1 = self.densel(self.dropout(self.dense(Zt), training=training))
        Zt = self.layernorm[2](layers.Add()([ffn1, Zt]))
        ffn2 = self.densel(self.dropout(self.dense(Zs), training=training))
        Zs = self.layernorm[3](layers.Add()([ffn2, Zs]))
        return [Zt, Zs]


def build_model(d_models=16, num_heads=2, num_l=2):
    zt_in = keras.Input((4, d_models))
    zs_in = keras.Input((6, d_models))
    Zt, Zs = zt_in, zs_in
    for block in [EncoderBlock(d_models, num_heads) for _ in range(num_l)]:
        Zt, Zs = block([Zt, Zs], attn_mask=None)  # Encoder.call passes mask=mask
    out = layers.Concatenate(axis=1)([Zs, Zt])
    out = layers.Dense(d_models, activation="gelu")(out)
    return keras.Model([zt_in, zs_in], out)
