"""Correct: a Whisper decoder ties its LM head with `Lambda(lambda t, w=embed_weight: t @ w.T)`, binding the embedding variable.

keras-vision-models' Keras 3 Whisper builds the decoder as a functional model and ties the
output projection to the token embedding: `embed_weight = tok_embed.embeddings`, then
`layers.Lambda(lambda t, w=embed_weight: ops.matmul(t, ops.transpose(w, (1, 0))), name="lm_head")`.
A Lambda that closes over a variable defined outside it is the textbook untracked-state bug, but
here the captured object is the live variable of `tok_embed`, a layer already wired into the same
graph (`x = tok_embed(decoder_input_ids)`): the matrix is tracked once through the Embedding,
counted once, read fresh on every call, and trained from both the lookup and the logits. The
causal mask built from the ids by another Lambda has no state at all.
"""

SOURCE = "https://github.com/IMvision12/keras-vision-models/blob/main/kmodels/models/whisper/whisper_model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oka_whisper_decoder_lm_head_lambda_binds_embedding.py:
as returned: Functional, count_params() = 4016, 28 weights, unbuilt: none
after call: count_params() = 4016, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoder_embed_positions': 192, 'decoder_layers_0_self_attn': 1072, 'decoder_layers_0_encoder_attn': 1072}
second call: 0 variables watched that the first call did not use
extra check (python: GradientTape of mean(logits**2) w.r.t. decoder_embed_tokens.embeddings): 30 of 30 rows get
a nonzero gradient although the batch uses 7 ids (the lm_head reads the live variable); the variable appears once
in model.weights."""

import keras
import numpy as np
from keras import layers, ops


def _gelu(x):
    return keras.activations.gelu(x, approximate=False)


def _make_causal_mask_from_ids(decoder_input_ids):
    seq_len = ops.shape(decoder_input_ids)[1]
    i = ops.arange(seq_len)[:, None]
    j = ops.arange(seq_len)[None, :]
    mask = ops.cast(j > i, "float32") * -1e9
    return mask[None, None, :, :]


class LearnedPositionEmbedding(keras.layers.Layer):
    def __init__(self, max_target_positions, d_model, **kwargs):
        super().__init__(**kwargs)
        self.max_target_positions = max_target_positions
        self.d_model = d_model

    def build(self, input_shape):
        self.pos_embed = self.add_weight(
            shape=(self.max_target_positions, self.d_model), initializer="zeros", trainable=True, name="weight"
        )
        super().build(input_shape)

    def call(self, inputs, past_key_values_length=0):
        seq_len = ops.shape(inputs)[1]
        start = past_key_values_length
        return inputs + self.pos_embed[start : start + seq_len]

    def compute_output_shape(self, input_shape):
        return input_shape


class WhisperAttention(keras.layers.Layer):
    def __init__(self, d_model, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.d_model = d_model
        self.num_heads = num_heads
        self.head_dim = d_model // num_heads
        self.q_proj = layers.Dense(d_model, name="q_proj")
        self.k_proj = layers.Dense(d_model, use_bias=False, name="k_proj")
        self.v_proj = layers.Dense(d_model, name="v_proj")
        self.out_proj = layers.Dense(d_model, name="out_proj")

    def build(self, input_shape):
        for proj in (self.q_proj, self.k_proj, self.v_proj, self.out_proj):
            proj.build((None, None, self.d_model))
        self.built = True

    def _heads(self, x):
        x = ops.reshape(x, (ops.shape(x)[0], -1, self.num_heads, self.head_dim))
        return ops.transpose(x, (0, 2, 1, 3))

    def call(self, hidden_states, key_value_states=None, attention_mask=None):
        kv = hidden_states if key_value_states is None else key_value_states
        q = self._heads(self.q_proj(hidden_states)) * self.head_dim**-0.5
        k, v = self._heads(self.k_proj(kv)), self._heads(self.v_proj(kv))
        scores = ops.matmul(q, ops.transpose(k, (0, 1, 3, 2)))
        if attention_mask is not None:
            scores = scores + attention_mask
        out = ops.matmul(ops.softmax(scores, axis=-1), v)
        out = ops.reshape(ops.transpose(out, (0, 2, 1, 3)), (ops.shape(out)[0], -1, self.d_model))
        return self.out_proj(out)


def whisper_decoder_block(x, encoder_hidden_states, causal_mask, d_model, num_heads, ffn_dim, layer_idx):
    prefix = f"decoder_layers_{layer_idx}"
    h = layers.LayerNormalization(epsilon=1e-5, name=f"{prefix}_self_attn_layer_norm")(x)
    h = WhisperAttention(d_model, num_heads, name=f"{prefix}_self_attn")(h, attention_mask=causal_mask)
    x = layers.Add()([x, h])
    h = layers.LayerNormalization(epsilon=1e-5, name=f"{prefix}_encoder_attn_layer_norm")(x)
    h = WhisperAttention(d_model, num_heads, name=f"{prefix}_encoder_attn")(h, key_value_states=encoder_hidden_states)
    x = layers.Add()([x, h])
    h = layers.LayerNormalization(epsilon=1e-5, name=f"{prefix}_final_layer_norm")(x)
    h = layers.Dense(ffn_dim, name=f"{prefix}_fc1")(h)
    h = layers.Lambda(_gelu, name=f"{prefix}_fc1_act")(h)
    h = layers.Dense(d_model, name=f"{prefix}_fc2")(h)
    return layers.Add()([x, h])


def whisper_decoder(d_model, max_target_positions, vocab_size, decoder_layers, decoder_attention_heads, decoder_ffn_dim):
    decoder_input_ids = layers.Input(shape=(None,), dtype="int32", name="decoder_input_ids")
    encoder_hidden_states = layers.Input(shape=(None, d_model), name="encoder_hidden_states")

    tok_embed = layers.Embedding(input_dim=vocab_size, output_dim=d_model, name="decoder_embed_tokens")
    x = tok_embed(decoder_input_ids)
    x = LearnedPositionEmbedding(max_target_positions, d_model, name="decoder_embed_positions")(x)
    causal_mask = layers.Lambda(
        _make_causal_mask_from_ids, name="decoder_causal_mask", output_shape=lambda s: (1, 1, s[1], s[1])
    )(decoder_input_ids)
    for i in range(decoder_layers):
        x = whisper_decoder_block(
            x, encoder_hidden_states, causal_mask, d_model, decoder_attention_heads, decoder_ffn_dim, i
        )
    x = layers.LayerNormalization(epsilon=1e-5, name="decoder_layer_norm")(x)

    # Tied LM head: the input embedding matrix, transposed, is the output projection.
    embed_weight = tok_embed.embeddings
    logits = layers.Lambda(lambda t, w=embed_weight: ops.matmul(t, ops.transpose(w, (1, 0))), name="lm_head")(x)
    return keras.Model(
        inputs={"decoder_input_ids": decoder_input_ids, "encoder_hidden_states": encoder_hidden_states},
        outputs=logits,
        name="decoder",
    )


def build_model():
    model = whisper_decoder(
        d_model=16, max_target_positions=12, vocab_size=30, decoder_layers=1, decoder_attention_heads=2, decoder_ffn_dim=32
    )
    batch = {
        "decoder_input_ids": np.array([[1, 7, 9, 4], [1, 3, 3, 2]], dtype="int32"),
        "encoder_hidden_states": np.random.default_rng(0).random((2, 5, 16)).astype("float32"),
    }
    return model, batch
