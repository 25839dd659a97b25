"""A tf.keras GPT-2 that loads picoGPT's pretrained parameters keeps the token and position embedding
tables as `self.wte = tf.convert_to_tensor(params["wte"])` / `self.wpe = ...` on the Model: raw tensors, not
variables, so the tied embedding (input lookup and output projection) is not a weight of the model.

From satojkovic/gpt-tf-pytorch-jax (`tf/model.py` at commit d0e6264, 2024-01-06), GPT-2 written three times
(TensorFlow, PyTorch, JAX) around picoGPT's `load_encoder_hparams_and_params`. `GPT2(tf.keras.Model)` builds its
decoder blocks and final LayerNorm as Keras layers and copies the checkpoint into them with `set_weights`, but
the embeddings are tensors made in `__init__`, and the logits use the NumPy array `self.params["wte"].T`. On
Keras 3 the model's `summary()`/`count_params()` leave out the two tables (for GPT-2 124M: 50257x768 + 1024x768,
about 39.4M of the 124M parameters), `save_weights` drops them, and fine-tuning could not move them (LD001).
The script only generates text, so the outputs are right; the defect is what the model reports and keeps.

Porting edits: none in the classes (`tf.keras` is Keras 3 here). picoGPT's checkpoint download is replaced by
random NumPy parameters in picoGPT's layout with small hparams (n_vocab 50, n_ctx 16, n_embd 32, n_head 4,
n_layer 2). `gpt_tf.py` does `GPT2(params, hparams, drop_p=0.1)`, `model.build(input_shape=(1, len(input_ids)))`,
`model.set_pretrained_weights()`: on Keras 3 `Model.build()` of a subclassed model without a `build()` does not
run `call()`, warns "looks like it has unbuilt state" and leaves the Dense layers empty, so `set_weights` raises
(ValueError "... with a weight list of length 2, but the layer was expecting 0 weights.", measured): a second,
Keras-3-only defect of the script (LD005-shaped), not the one this case is about. `build_model()` therefore
builds the model by calling it once on the ids instead of `model.build(...)`, then `set_pretrained_weights()`,
then calls it again.
"""

SOURCE = "https://github.com/satojkovic/gpt-tf-pytorch-jax/blob/d0e62645fd0793925f3dfce07b87162956dc7699/tf/model.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/ba_satojkovic_gpttf_gpt2_wte_wpe_tables_as_tensors_on_model_not_counted.py:
as returned: GPT2, count_params() = 25472, 26 weights, unbuilt: none
after call: count_params() = 25472, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'transformer_decoder_block': 12704, 'masked_multi_self_attention': 4224, 'transformer_decoder_block_1': 12704, 'masked_multi_self_attention_1': 4224}
probe (probe_sato.py): model.wte is an EagerTensor (50, 32) and model.wpe an EagerTensor (16, 32); count_params()
is 25472 without the tables' 2112 values, and no weight of the model has the table's shape.
With the author's model.build(input_shape=(1, 5)) instead of a first call: warning "`build()` was called on layer
'gpt2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state",
then set_pretrained_weights() raised ValueError: You called `set_weights(weights)` on layer 'dense' with a weight
list of length 2, but the layer was expecting 0 weights."""

import numpy as np
import tensorflow as tf


class MaskedMultiSelfAttention(tf.keras.layers.Layer):
    def __init__(self, h_dim, n_heads, drop_p):
        super(MaskedMultiSelfAttention, self).__init__()
        self.n_heads = n_heads

        self.c_attn = tf.keras.layers.Dense(3 * h_dim)

        self.c_proj = tf.keras.layers.Dense(h_dim)

        self.attn_drop = tf.keras.layers.Dropout(drop_p)
        self.proj_drop = tf.keras.layers.Dropout(drop_p)

    def call(self, x):
        B, T, C = x.shape
        N, D = self.n_heads, C // self.n_heads

        # Create lower triangle mask
        mask = tf.linalg.band_part(tf.ones((T, T)), -1, 0)
        mask = tf.reshape(mask, (1, 1, T, T))

        qkv = self.c_attn(x)
        q, k, v = tf.split(qkv, 3, axis=-1)
        q = tf.reshape(q, (B, T, N, D))
        k = tf.reshape(k, (B, T, N, D))
        v = tf.reshape(v, (B, T, N, D))

        q = tf.transpose(q, perm=[0, 2, 1, 3])
        k = tf.transpose(k, perm=[0, 2, 1, 3])
        v = tf.transpose(v, perm=[0, 2, 1, 3])

        weights = tf.matmul(q, k, transpose_b=True) / tf.math.sqrt(
            tf.cast(D, dtype=tf.float32)
        )

        # Apply mask
        weights += (1 - mask) * -1e9

        normalized_weights = tf.nn.softmax(weights, axis=-1)
        attention = self.attn_drop(tf.matmul(normalized_weights, v))
        attention = tf.transpose(attention, perm=[0, 2, 1, 3])
        attention = tf.reshape(attention, (B, T, C))

        out = self.proj_drop(self.c_proj(attention))
        return out


class TransformerDecoderBlock(tf.keras.Model):
    def __init__(self, h_dim, n_heads, drop_p):
        super().__init__()

        self.attn = MaskedMultiSelfAttention(h_dim, n_heads, drop_p)
        self.mlp = tf.keras.Sequential(
            [
                tf.keras.layers.Dense(units=4 * h_dim, activation="gelu"),
                tf.keras.layers.Dense(units=h_dim),
                tf.keras.layers.Dropout(rate=drop_p),
            ]
        )
        self.ln1 = tf.keras.layers.LayerNormalization()
        self.ln2 = tf.keras.layers.LayerNormalization()

    def call(self, x):
        x = self.attn(self.ln1(x)) + x
        x = self.mlp(self.ln2(x)) + x
        return x


class GPT2(tf.keras.Model):
    def __init__(self, params, hparams, drop_p=0.1):
        super(GPT2, self).__init__()
        self.params = params
        self.hparams = hparams
        self.drop_p = drop_p
        # Input embeddings
        self.wte = tf.convert_to_tensor(self.params["wte"])
        self.wpe = tf.convert_to_tensor(self.params["wpe"])
        # Decoder blocks
        self.blocks = []
        for _ in range(self.hparams["n_layer"]):
            block = TransformerDecoderBlock(
                h_dim=self.hparams["n_embd"],
                n_heads=self.hparams["n_head"],
                drop_p=self.drop_p,
            )
            self.blocks.append(block)
        # LayerNorm
        self.layer_norm = tf.keras.layers.LayerNormalization()

    def set_pretrained_weights(self):
        for i, block in enumerate(self.blocks):
            self._set_block_weights(i, block)
        self._set_layernorm_weights()

    def _set_block_weights(self, layer_idx, block):
        block.layers[0].c_attn.set_weights(
            [
                self.params["blocks"][layer_idx]["attn"]["c_attn"]["w"],
                self.params["blocks"][layer_idx]["attn"]["c_attn"]["b"],
            ]
        )
        block.layers[0].c_proj.set_weights(
            [
                self.params["blocks"][layer_idx]["attn"]["c_proj"]["w"],
                self.params["blocks"][layer_idx]["attn"]["c_proj"]["b"],
            ]
        )
        block.layers[1].layers[0].set_weights(
            [
                self.params["blocks"][layer_idx]["mlp"]["c_fc"]["w"],
                self.params["blocks"][layer_idx]["mlp"]["c_fc"]["b"],
            ]
        )
        block.layers[1].layers[1].set_weights(
            [
                self.params["blocks"][layer_idx]["mlp"]["c_proj"]["w"],
                self.params["blocks"][layer_idx]["mlp"]["c_proj"]["b"],
            ]
        )
        block.layers[2].set_weights(
            [
                self.params["blocks"][layer_idx]["ln_1"]["g"],
                self.params["blocks"][layer_idx]["ln_1"]["b"],
            ]
        )
        block.layers[3].set_weights(
            [
                self.params["blocks"][layer_idx]["ln_2"]["g"],
                self.params["blocks"][layer_idx]["ln_2"]["b"],
            ]
        )

    def _set_layernorm_weights(self):
        self.layer_norm.set_weights(
            [self.params["ln_f"]["g"], self.params["ln_f"]["b"]]
        )

    def call(self, input_ids):
        # Text and Position Embedding
        input_ids = tf.cast(input_ids, tf.int32)
        x = tf.gather(self.wte, input_ids) + tf.gather(
            self.wpe, range(input_ids.shape[1])
        )
        # Transformer Block (Decoder only)
        for block in self.blocks:
            x = block(x)
        # Additional LayerNorm
        x = self.layer_norm(x)
        # Linear
        return tf.matmul(x, self.params["wte"].T)


def _fake_picogpt_params(n_vocab=50, n_ctx=16, n_embd=32, n_layer=2, seed=0):
    rng = np.random.default_rng(seed)
    f = lambda *s: (0.02 * rng.standard_normal(s)).astype("float32")
    block = lambda: {
        "attn": {"c_attn": {"w": f(n_embd, 3 * n_embd), "b": f(3 * n_embd)},
                 "c_proj": {"w": f(n_embd, n_embd), "b": f(n_embd)}},
        "mlp": {"c_fc": {"w": f(n_embd, 4 * n_embd), "b": f(4 * n_embd)},
                "c_proj": {"w": f(4 * n_embd, n_embd), "b": f(n_embd)}},
        "ln_1": {"g": np.ones(n_embd, "float32"), "b": np.zeros(n_embd, "float32")},
        "ln_2": {"g": np.ones(n_embd, "float32"), "b": np.zeros(n_embd, "float32")},
    }
    return {"wte": f(n_vocab, n_embd), "wpe": f(n_ctx, n_embd),
            "blocks": [block() for _ in range(n_layer)],
            "ln_f": {"g": np.ones(n_embd, "float32"), "b": np.zeros(n_embd, "float32")}}


def build_model():
    hparams = {"n_vocab": 50, "n_ctx": 16, "n_embd": 32, "n_head": 4, "n_layer": 2}
    params = _fake_picogpt_params()
    input_ids = [3, 14, 15, 9, 2]
    model = GPT2(params, hparams, drop_p=0.1)
    ids = tf.expand_dims(input_ids, axis=0)
    model(ids)  # author: model.build(input_shape=(1, len(input_ids))), which leaves the blocks unbuilt on Keras 3
    model.set_pretrained_weights()
    model(ids)
    return model, ids
