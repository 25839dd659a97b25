"""A captioning model's `Embeddings` layer: a token `Embedding` plus a position `Embedding` created
with a stray `input_shape=(None, max_len)` argument, the positions made with `tf.range` over the
dynamic sequence length and expanded to a batch of one inside `call()`.

From naman181/Transformer-Based-Image-Captioning (`Transformer_Encoder.py`). Looks like two traps at
once: a sublayer given a hand-written `input_shape` in `__init__` (as if its weight were sized by
hand) and a table layer called on a constant range rather than on the model input. On Keras 3 the
`input_shape` argument only triggers a warning (the table is sized by `max_len`, not by it), and the
range is built inside `call()`, so both tables are tracked, counted and trained.

Porting edits: `tf.keras.layers` -> `keras.layers` (the file has no imports; `import tensorflow as tf`
added); vocab 12, embed_dim 8, max_len 5; `build_model()` feeds length-5 token ids and pools the
embeddings into a small head.
"""

SOURCE = "https://github.com/naman181/Transformer-Based-Image-Captioning/blob/79b7e031f4180ec7e952e71696b8f99b177ee105/Transformer_Encoder.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okq_captioning_embeddings_position_table_given_input_shape.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 154, 4 weights, unbuilt: none
after call: count_params() = 154, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'embeddings': 136}
second call: 0 variables watched that the first call did not use
(136 = token table 12*8 + position table 5*8.)"""

import tensorflow as tf
import keras


class Embeddings(keras.layers.Layer):

    def __init__(self, vocab_size, embed_dim, max_len):
        super().__init__()
        self.token_embeddings = keras.layers.Embedding(
            vocab_size, embed_dim)
        self.position_embeddings = keras.layers.Embedding(
            max_len, embed_dim, input_shape=(None, max_len))


    def call(self, input_ids):
        length = tf.shape(input_ids)[-1]
        position_ids = tf.range(start=0, limit=length, delta=1)
        position_ids = tf.expand_dims(position_ids, axis=0)

        token_embeddings = self.token_embeddings(input_ids)
        position_embeddings = self.position_embeddings(position_ids)

        return token_embeddings + position_embeddings


def build_model():
    ids = keras.Input((5,), dtype="int32")
    x = Embeddings(12, 8, 5)(ids)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(ids, outputs)
