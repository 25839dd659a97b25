"""keras-io example "Generative Pretrained Transformer (GPT)" (Keras 3, May 2024): the subclassed
`BigramLanguageModel` has no `build()`, and the example calls `model.build((batch_size, block_size))`
and prints `model.count_params()` as "Number of trainable parameters". On Keras 3 that build creates
nothing: every embedding, transformer block and the LM head stay unbuilt, the count printed is 0,
and weights saved or loaded before the first `fit` step are empty.

The model keeps a token and a position `Embedding`, a list of `Block` layers (each with a
`MultiHeadAttention`, a `FeedForward` wrapping a `Sequential`, and two `LayerNormalization`s), a final
`LayerNormalization` and a `Dense` head. Its `call(idx, targets=None)` reads `B, T = idx.shape` and
returns `(logits, loss)`. `Model.build(shape)` on Keras 3 does not trace `call()` for a subclassed
model without `build()`: it warns that the layer "does not have a `build()` method implemented and it
looks like it has unbuilt state" and marks only the outer model built.

Porting edits: none for Keras 3 (the example already imports `keras`); the Tiny-Shakespeare download,
data pipeline, training loop and generation are left out, and the sizes are made tiny (vocabulary 20,
block size 8, embedding 8, 2 heads, 2 blocks). `build_model()` does what the example does before
`compile`: `model.build((batch_size, block_size))`.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/0445a562c8a1abcd496d904ced41502dd25e947c/examples/nlp/Generative_Pretrained_Transformer(GPT).py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/w_kerasio_gpt_shakespeare_build_then_count_params_zero.py:
warning: `build()` was called on layer 'bigram_language_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as
as returned: BigramLanguageModel, count_params() = 0, 0 weights, unbuilt: ['Embedding:embedding', 'Embedding:embedding_1', 'Block:block', 'LayerNormalization:layer_normalization_1', 'LayerNormalization:layer_normalization', 'FeedForward:feed_forward', 'Sequential:sequential', 'Dense:dense_1', 'Dense:dense', 'MultiHeadAttention:multi_head_attention', 'Block:block_1', ...(20 layers), 'Dense:dense_4']
call 1 raised AttributeError: 'NoneType' object has no attribute 'dtype'   (the probe's own limit: call() returns (logits, None))
Own script (/tmp/mine17a/t_gpt.py): after model.build((4, 8)) the example's print gives "Number of trainable
parameters: 0" (0 weights); save_weights right after build writes a file with 0 datasets; one fit step (adam)
then builds everything: count_params() 2164. The model trains once data flows; what is lost is every weight
operation before the first call (count, summary, save/load_weights)."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers, models

# hyperparameters (tiny)
batch_size = 4
block_size = 8
vocab_size = 20
n_embd = 8
n_head = 2
n_layer = 2
dropout = 0.0


class FeedForward(layers.Layer):
    """A simple linear layer followed by a non-linearity"""

    def __init__(self, n_embd):
        super().__init__()
        self.net = models.Sequential(
            [
                layers.Dense(4 * n_embd, activation="relu"),
                layers.Dense(n_embd),
                layers.Dropout(dropout),
            ]
        )

    def call(self, x):
        return self.net(x)


class Block(layers.Layer):
    """Transformer block: communication followed by computation"""

    def __init__(self, n_embd, n_head):
        super().__init__()
        self.sa = layers.MultiHeadAttention(
            num_heads=n_head, key_dim=n_embd // n_head, dropout=dropout
        )
        self.ffwd = FeedForward(n_embd)
        self.ln1 = layers.LayerNormalization()
        self.ln2 = layers.LayerNormalization()

    def call(self, x):
        attn_output = self.sa(
            self.ln1(x), self.ln1(x), use_causal_mask=True
        )  # use causal mask to ensure each token can only see previous tokens
        x = x + attn_output
        x = x + self.ffwd(self.ln2(x))
        return x


class BigramLanguageModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.token_embedding_table = layers.Embedding(vocab_size, n_embd)
        self.position_embedding_table = layers.Embedding(block_size, n_embd)
        self.blocks = [Block(n_embd, n_head) for _ in range(n_layer)]
        self.ln_f = layers.LayerNormalization()
        self.lm_head = layers.Dense(vocab_size)

    def call(self, idx, targets=None):
        B, T = idx.shape
        tok_emb = self.token_embedding_table(idx)  # (B,T,C)
        pos_emb = self.position_embedding_table(tf.range(T)[tf.newaxis, :])  # (1,T,C)
        x = tok_emb + pos_emb
        for block in self.blocks:
            x = block(x)
        x = self.ln_f(x)
        logits = self.lm_head(x)

        if targets is None:
            return logits, None

        logits_flat = tf.reshape(logits, [-1, logits.shape[-1]])
        targets_flat = tf.reshape(targets, [-1])
        loss = keras.losses.sparse_categorical_crossentropy(
            targets_flat, logits_flat, from_logits=True
        )
        return logits, tf.reduce_mean(loss)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            logits, loss = self(x, y)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


def build_model():
    model = BigramLanguageModel()
    # print the number of parameters in the model
    model.build((batch_size, block_size))
    inputs = np.random.default_rng(0).integers(0, vocab_size, (batch_size, block_size)).astype("int64")
    return model, inputs
