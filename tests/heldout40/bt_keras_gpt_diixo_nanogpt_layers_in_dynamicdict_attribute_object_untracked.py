"""A Keras 3 nanoGPT port keeps its token and position Embeddings, the list of transformer Blocks and the final LayerNorm in `self.transformer = DynamicDict(dict(...))`, a plain Python object that sets each entry as an attribute; `GPTModel(keras.Model)` never tracks them, so only `lm_head` counts, trains and saves.

From diixo/kerasGPT (October 2024, Keras 3 with the TensorFlow backend), `model.py`: a line-by-line port of
Karpathy's nanoGPT, where `self.transformer = nn.ModuleDict(dict(wte=..., wpe=..., drop=..., h=nn.ModuleList([...]),
ln_f=...))` became `DynamicDict(dict(...))` (`dynamic_dict.py` in the same repository: a class whose `__init__` does
`setattr(self, key, value)` for every item). `call()` reaches every layer through it (`self.transformer.wte(idx)`,
`for block in self.transformer.h`, `self.transformer.ln_f(x)`), so the forward pass works, but Keras 3's tracker
only looks into lists, dicts and tuples assigned to the model, not into arbitrary objects. The container was kept
unchanged across the repository's history (first in a plain `GPT` class, then in `GPTModel(keras.Model)`).

Porting edits, all to reach the bug on Keras 3 (the file at this commit does not run as written): `LayerNorm`, `MLP`
and `Block` are plain classes in the final commit that still call `self.add_weight` and are called like layers;
they get back the bases and `super().__init__()` they had in the author's earlier commits (`layers.Layer`,
`keras.Model`, `keras.Model`), and their `call` is used through `__call__` as the author does. `Block(...)` is
called with `n_heads=` while its parameter is `num_heads`; the keyword is fixed, and `self.mlp(self.ln_2(x), training)` passes `training=` by keyword (Keras 3 refuses a positional bool
for a layer). The weight-tying line
`self.transformer.wte.embeddings = self.lm_head.kernel` raises AttributeError on Keras 3 (the Dense is not built
yet) and is removed. `DynamicDict` is copied in. `generate`, `configure_optimizers` and the training script are left
out. build_model() uses GPTConfig(block_size=16, vocab_size=40, n_layer=2, n_head=2, n_embd=16).
"""

SOURCE = "https://github.com/diixo/kerasGPT/blob/5311a6122437718d2f34b0cab113ce130b929eff/model.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/bt_keras_gpt_diixo_nanogpt_layers_in_dynamicdict_attribute_object_untracked.py:
as returned: GPTModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense_4']
call 1 raised AttributeError: 'NoneType' object has no attribute 'dtype'
(the standard measurement fails on the (logits, None) tuple call() returns; not the model's fault)
probe (probe_kerasgpt.py), one eager call on (2, 8) int tokens under a GradientTape: count_params() = 640, model.weights = ['gpt_model/dense_4/kernel'] (lm_head only); the tape watched 37 variables, 36 of them (9632 values: both Embeddings, both Blocks, ln_f) not in model.trainable_weights; model._flatten_layers() reaches only dense_4."""

import math
from dataclasses import dataclass

import tensorflow as tf
import keras
from keras import layers
from keras.initializers import RandomNormal


class DynamicDict:

    def __init__(self, attributes):

        if not isinstance(attributes, dict):
            raise ValueError("attributes must be a dictionary")

        for key, value in attributes.items():
            setattr(self, key, value)

    def __repr__(self):
        return f"DynamicAttributes({vars(self)})"


class LayerNorm(layers.Layer):

    def __init__(self, ndim, use_bias=True):
        super().__init__()
        self.weight = self.add_weight(
            shape=(ndim,), initializer="ones", trainable=True
        )
        if use_bias:
            self.bias = self.add_weight(
                shape=(ndim,), initializer="zeros", trainable=True)
        else:
            self.bias = None
        self.epsilon = 1e-5

    # training flag is don't care
    def call(self, inputs, training=False):
        mean = tf.reduce_mean(inputs, axis=-1, keepdims=True)
        variance = tf.reduce_mean(tf.square(inputs - mean), axis=-1, keepdims=True)
        normalized_inputs = (inputs - mean) / tf.sqrt(variance + self.epsilon)

        output = self.weight * normalized_inputs
        if self.bias is not None:
            output += self.bias
        return output


class MLP(keras.Model):

    def __init__(self, n_embd, use_bias, dropout=0.1):
        super().__init__()
        self.fc = layers.Dense(4 * n_embd, use_bias=use_bias, kernel_initializer = RandomNormal(mean=0.0, stddev=0.02))
        self.gelu = layers.Activation(keras.activations.gelu)
        self.proj = layers.Dense(n_embd, use_bias=use_bias, kernel_initializer = RandomNormal(mean=0.0, stddev=0.02))
        self.dropout = layers.Dropout(dropout)

    def call(self, x, training=False):
        x = self.fc(x)
        x = self.gelu(x)
        x = self.proj(x)
        x = self.dropout(x, training=training)
        return x


class Block(keras.Model):

    def __init__(self, embed_dim, num_heads, use_bias, dropout=0.1):
        super().__init__()
        self.ln_1 = LayerNorm(ndim=embed_dim, use_bias=use_bias)
        self.attn = layers.MultiHeadAttention(
            num_heads=num_heads,
            key_dim=embed_dim,
            dropout=dropout,
            kernel_initializer=RandomNormal(mean=0.0, stddev=0.02))
        self.ln_2 = LayerNorm(ndim=embed_dim, use_bias=use_bias)
        self.mlp = MLP(n_embd=embed_dim, use_bias=use_bias, dropout=dropout) # ff_dim = 4*embed_dim

    def call(self, x, training=False):
        attn_output = self.attn(self.ln_1(x), self.ln_1(x), training=training)
        x = x + attn_output
        x = x + self.mlp(self.ln_2(x), training=training)
        return x


@dataclass
class GPTConfig:
    block_size: int = 512
    vocab_size: int = 50304
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 64
    dropout: float = 0.1
    bias: bool = True


class GPTModel(keras.Model):

    def __init__(self, config: GPTConfig):
        super().__init__()
        assert config.vocab_size is not None
        assert config.block_size is not None
        self.config = config

        self.transformer = DynamicDict(dict(
            wte = layers.Embedding(input_dim=config.vocab_size, output_dim=config.n_embd),
            wpe = layers.Embedding(input_dim=config.block_size, output_dim=config.n_embd),
            drop = layers.Dropout(config.dropout),
            h = [ Block(
                        embed_dim = config.n_embd,
                        num_heads = config.n_head,
                        use_bias = config.bias,
                        dropout = config.dropout)
                    for _ in range(config.n_layer)
                ],
            ln_f = LayerNorm(config.n_embd, use_bias=config.bias)
        ))

        self.lm_head = layers.Dense(
            config.vocab_size,
            use_bias=False,
            kernel_initializer=RandomNormal(mean=0.0, stddev=0.02))

    def call(self, idx, targets=None):
        batch_sz, maxlen = tf.shape(idx)[0], tf.shape(idx)[1]

        pos = tf.range(0, maxlen, delta=1, dtype=tf.int32)

        tok_emb = self.transformer.wte(idx)
        pos_emb = self.transformer.wpe(pos)

        x = self.transformer.drop(tok_emb + pos_emb, training=True)

        for block in self.transformer.h:
            x = block(x, training=True)

        x = self.transformer.ln_f(x)

        if targets is not None:
            logits = self.lm_head(x)
            loss = tf.keras.losses.sparse_categorical_crossentropy(targets, logits, from_logits=True)
        else:
            logits = self.lm_head(x[:, -1, :])
            loss = None

        return logits, loss


def build_model():
    import numpy as np

    config = GPTConfig(block_size=16, vocab_size=40, n_layer=2, n_head=2, n_embd=16)
    model = GPTModel(config)
    return model, np.ones((2, 8), dtype="int32")
