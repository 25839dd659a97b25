"""A Gemma fine-tuning helper builds the token-embedding front end as a small functional model in a factory:
a tied `ReversibleEmbedding`, then `keras.layers.Lambda(lambda _: tf.cast(_, tf.float16))`, then a scale by
`sqrt(hidden_dim)`, and returns both the model and the embedding layer: fine on Keras 3.

From kmkolasinski/keras-llm-light (`keras_llm_light/models/gemma.py` at commit c50dced, 2024-06-15), which
trains Gemma 2B with LoRA block by block on a small GPU. `build_gemma_preprocessing_fn()` makes the embedding
model, builds it on a dummy batch and copies the pretrained table in with `set_weights`. It looks like two
catalog bugs: a `Lambda` in a factory (LD012-shaped) and a layer returned out of the factory to be used again
elsewhere (the same `ReversibleEmbedding` object is the tied output projection, LD007/LD011-shaped). On
Keras 3 the Lambda captures nothing (a pure cast), the embedding is a layer of the functional model and its
table is tracked, counted once and trained.

Porting edits: `from keras_nlp.layers import ReversibleEmbedding` becomes `from keras_hub.layers import
ReversibleEmbedding` (KerasNLP was renamed KerasHub; same class). The pretrained Gemma is not downloaded:
`set_weights(gemma_llm.backbone.token_embedding.get_weights())` gets a random (vocab, hidden) table of the same
shape, the factory takes `hidden_dim`/`vocabulary_size` directly (Gemma 2B: 2048 / 256000; here 32 / 100), and
the global `mixed_float16` policy the caller sets first is not set (the embedding keeps its own
`dtype="float16"`); `DUMMY_SEQUENCE_LENGTH` is 64 as in the file. `build_model()` calls the factory and returns
the embeddings model with a (2, 8) batch of token ids.
"""

SOURCE = "https://github.com/kmkolasinski/keras-llm-light/blob/c50dced3868bc9de179de763949d3d58aea17a6d/keras_llm_light/models/gemma.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 + keras-hub 0.32.0 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/okba_kerasllmlight_gemma_tied_reversible_embedding_factory_lambda_cast.py:
warning: The structure of `inputs` doesn't match the expected structure. (the factory's dummy call passes a bare
tensor to a dict-input model, as the author wrote)
as returned: Functional, count_params() = 3200, 1 weights, unbuilt: none
after call: count_params() = 3200, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_kll.py): the returned ReversibleEmbedding is one of the model's layers; its float16 table
('token_embedding/embeddings') equals the table copied in with set_weights, and it gets a (non-None) gradient
through the lookup plus the tied reverse projection emb(h, reverse=True)."""

import keras
import numpy as np
import tensorflow as tf
from keras_hub.layers import ReversibleEmbedding


DUMMY_SEQUENCE_LENGTH = 64


def build_gemma_preprocessing_fn(hidden_dim: int, vocabulary_size: int, pretrained_table: np.ndarray):
    token_id_input = keras.Input(shape=(None,), dtype="int32", name="token_ids")
    token_embedding = ReversibleEmbedding(
        input_dim=vocabulary_size,
        output_dim=hidden_dim,
        tie_weights=True,
        dtype="float16",
        name="token_embedding",
    )
    x = token_embedding(token_id_input)
    x = keras.layers.Lambda(lambda _: tf.cast(_, tf.float16))(x)
    x = x * keras.ops.cast(keras.ops.sqrt(hidden_dim), x.dtype)
    embeddings_op_layer = tf.keras.Model(
        inputs={"token_ids": token_id_input}, outputs=x
    )
    with tf.device("CPU"):
        embeddings_op_layer(tf.zeros((1, DUMMY_SEQUENCE_LENGTH)))
        embeddings_op_layer.set_weights([pretrained_table])

    return embeddings_op_layer, token_embedding


def build_model():
    hidden_dim, vocabulary_size = 32, 100
    table = np.random.default_rng(0).standard_normal((vocabulary_size, hidden_dim)).astype("float16")
    embeddings_op_layer, token_embedding = build_gemma_preprocessing_fn(hidden_dim, vocabulary_size, table)
    ids = {"token_ids": np.random.default_rng(1).integers(0, vocabulary_size, size=(2, 8)).astype("int32")}
    return embeddings_op_layer, ids
