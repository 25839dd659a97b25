"""A hand-written token Embedding layer makes its (vocab, dim) table with `self.add_weight(...)` in
`__init__` from the `input_dim`/`output_dim` it is given and also sets `self.shape`: fine on Keras 3, the
table's shape does not depend on the input (token ids), so nothing needs `build()`.

From diixo/GPT-keras (`examples/embedding_tf.py` at commit 5f4bfe0, 2025-04-11), the README's "simple
implementation of Keras Embedding layer, that explained functionality how token-indices works with logits".
It looks like LD004 (add_weight in `__init__` with a dimension passed in by hand), but `input_dim` here is the
vocabulary size, not the last axis of the input: an embedding's ids have no feature axis, so the table belongs
in `__init__` as much as in `build()` (Keras's own Embedding builds it in `build()` only for deferred-build
reasons). Assigning `self.shape` on a Layer is also accepted. Porting edits: the module-level `test()` call is
left out (it printed); `build_model()` makes `Embedding(input_dim=1000, output_dim=32)` as `test()` does and
calls it on the same (2, 3) ids, then `_measure` checks its gradient.
"""

SOURCE = "https://github.com/diixo/GPT-keras/blob/5f4bfe013f91db8c42636d94d52975a189267c0b/examples/embedding_tf.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/okba_diixo_gptkeras_handmade_embedding_table_add_weight_in_init_from_vocab_size.py:
as returned: Embedding, count_params() = 32000, 1 weights, unbuilt: none
after call: count_params() = 32000, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class Embedding(tf.keras.layers.Layer):

    def __init__(self, input_dim, output_dim):
        super().__init__()
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings = self.add_weight(
            shape=(input_dim, output_dim),
            initializer=tf.keras.initializers.RandomNormal(mean=0.0, stddev=0.2),
            trainable=True)
        self.shape = self.embeddings.shape

    def call(self, ids):
        # return row[.., output_dim]
        return tf.nn.embedding_lookup(self.embeddings, ids)


def build_model():
    vocab_sz = 1000
    context_sz = 32
    embedding = Embedding(input_dim=vocab_sz, output_dim=context_sz)
    ids = tf.constant([[1, 5, 10], [7, 2, 0]])
    embedding(ids)
    return embedding, ids
