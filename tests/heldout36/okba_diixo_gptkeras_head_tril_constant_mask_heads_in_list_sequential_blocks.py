"""A Karpathy-style character GPT in tf.keras: each attention `Head` keeps its causal mask as
`self.tril = tf.constant(...)`, `MultiHeadAttention` keeps its heads in a plain list, and the blocks sit
in a `tf.keras.Sequential` inside the language-model layer: all tracked and trained on Keras 3.

From diixo/GPT-keras (`5_gpt_model.py` at commit 449b593c), a TensorFlow port of Karpathy's "Let's build GPT"
lecture. A naive checker flags a tensor on self in `__init__` (the mask, LD001-shaped), sublayers held in a
Python list (LD011-shaped), global hyperparameters read inside `call()` and a `Sequential` of custom blocks.
On Keras 3 the mask is a constant that is meant to stay constant (not weight-like), the list of heads is
tracked, and every Dense/LayerNorm/Embedding weight gets a gradient.

Porting edits: the script's data loading (`input.txt`), training loop and generation at module level are
left out; the hyperparameters are kept as module globals as the author wrote them, with smaller values
(`block_size` 16, `n_embd` 32, `n_head` 4, `n_layer` 2) and a vocabulary of 20 instead of the text's
characters. The author wires `BigramLanguageLayer` into
`keras.Model(keras.Input((block_size,)), layer(inputs))`; on Keras 3 that wiring fails before any weight question
(ValueError "All operation outputs must be tensors ... Non-tensor received: None", because the layer returns
`(logits, None)` without targets), so `build_model()` builds the layer and calls it eagerly on a (2, 16) batch
of token ids, as the author's `generate()` and `estimate_loss()` call it.
"""

SOURCE = "https://github.com/diixo/GPT-keras/blob/449b593cdd00a4bd47c1535fb0b5336f256727a6/5_gpt_model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/okba_diixo_gptkeras_head_tril_constant_mask_heads_in_list_sequential_blocks.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. (lm_head's input_shape=)
as returned: BigramLanguageLayer, count_params() = 27092, 50 weights, unbuilt: none
call 1 raised AttributeError: 'NoneType' object has no attribute 'dtype'  (the script's output listing: the layer
returns (logits, None) without targets, as the author wrote it)
probe (probe_diixo.py), lm(x, y) under a GradientTape: 50 trainable weights, 27092 params; 4 heads tracked in each
MultiHeadAttention (768 params per head); loss 3.72, None gradient for 0 of 50 trainable weights; the mask
`tril` is an EagerTensor and not among the weights (a constant mask, not a weight)."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from keras import layers


# Hyperparameters
batch_size = 2
block_size = 16
n_embd = 32
n_head = 4
n_layer = 2
dropout = 0.2
vocab_size = 20


class Head(tf.keras.layers.Layer):
    """ one head of self-attention """

    def __init__(self, head_size):
        super().__init__()
        self.key = layers.Dense(units=head_size, use_bias=False)
        self.query = layers.Dense(units=head_size, use_bias=False)
        self.value = layers.Dense(units=head_size, use_bias=False)
        self.head_size = head_size

        tril = tf.linalg.band_part(tf.ones((block_size, block_size)), -1, 0)
        self.tril = tf.constant(tril)
        self.dropout = layers.Dropout(dropout)

    def call(self, x):
        B, T, C = x.shape
        k = self.key(x)
        q = self.query(x)
        k_T = tf.transpose(k, perm=[0, 2, 1])

        scale = tf.math.rsqrt(tf.cast(k.shape[-1], tf.float32))
        wei = tf.matmul(q, k_T) * scale
        wei = tf.where(self.tril[:T, :T] == 0, float('-inf'), wei)
        wei = tf.nn.softmax(wei, axis=-1)
        wei = self.dropout(wei)

        v = self.value(x)
        out = tf.matmul(wei, v)

        assert out.shape[1] == x.shape[1] and out.shape[2] == self.head_size
        return out


class MultiHeadAttention(tf.keras.layers.Layer):
    """ multiple heads of self-attention in parallel """

    def __init__(self, num_heads, head_size):
        super().__init__()
        self.heads = [Head(head_size) for _ in range(num_heads)]
        self.proj = layers.Dense(units=n_embd)
        self.dropout = layers.Dropout(dropout)

    def call(self, x):
        out = tf.concat([h(x) for h in self.heads], axis=-1)
        out = self.dropout(self.proj(out))

        assert out.shape[1] == x.shape[1] and out.shape[2] == n_embd
        return out


class FeedForward(tf.keras.layers.Layer):
    """ a simple linear layer followed by a non-linearity """

    def __init__(self, n_embd):
        super().__init__()
        self.net = tf.keras.Sequential([
            layers.Dense(units=4*n_embd),
            layers.ReLU(),
            layers.Dropout(dropout),
            layers.Dense(units=n_embd),
        ])
        self.n_embd = n_embd

    def call(self, x):
        out = self.net(x)
        assert out.shape[1] == x.shape[1] and out.shape[2] == self.n_embd
        return out


class Block(tf.keras.layers.Layer):
    """ Transformer block: communication followed by computation """

    def __init__(self, n_embd, n_head, dropout_rate=0.2):
        super().__init__()
        head_size = n_embd // n_head
        self.sa = MultiHeadAttention(n_head, head_size)
        self.ffwd = FeedForward(n_embd)
        self.ln1 = layers.LayerNormalization(epsilon=1e-6)
        self.ln2 = layers.LayerNormalization(epsilon=1e-6)

        self.dropout_sa = layers.Dropout(dropout_rate)
        self.dropout_ffn = layers.Dropout(dropout_rate)

    def call(self, x):
        x = x + self.dropout_sa(self.sa(self.ln1(x)))
        x = x + self.dropout_ffn(self.ffwd(self.ln2(x)))
        return x


class BigramLanguageLayer(layers.Layer):

    def __init__(self, vocab_size, n_embd, n_head, n_block, dropout_rate=0.2):
        super().__init__()
        self.token_embedding_table = layers.Embedding(vocab_size, n_embd)
        self.position_embedding_table = layers.Embedding(block_size, n_embd)
        self.blocks = tf.keras.Sequential([Block(n_embd, n_head, dropout_rate) for _ in range(n_block)])
        self.ln_f = layers.LayerNormalization(epsilon=1e-6)
        self.lm_head = layers.Dense(units=vocab_size, input_shape=(n_embd,))

    def call(self, idx, targets=None):
        B, T = idx.shape

        tok_emb = self.token_embedding_table(idx)
        pos_emb = self.position_embedding_table(tf.range(T))
        x = tok_emb + pos_emb
        x = self.blocks(x)
        x = self.ln_f(x)
        logits = self.lm_head(x)

        if targets is None:
            loss = None
        else:
            B, T, C = logits.shape
            logits = tf.reshape(logits, (B * T, C))
            targets = tf.reshape(targets, (B * T,))
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits))
        return logits, loss


def build_model():
    keras.utils.set_random_seed(2081)
    lm = BigramLanguageLayer(vocab_size, n_embd, n_head, n_layer, dropout)
    x = np.random.default_rng(0).integers(0, vocab_size, size=(batch_size, block_size)).astype("int32")
    lm(x)
    return lm, x
