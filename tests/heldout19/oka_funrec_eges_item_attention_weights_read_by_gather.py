"""EGES item embedding: the per-item attention table is read only through `tf.gather(self.attention_weights, item_indices)`.

From datawhalechina/fun-rec (`src/funrec/models/eges.py`, Enhanced Graph Embedding with Side information).
`ItemSpecificAttentionLayer.build()` creates one row of side-information weights per item,
`A` of shape |V| x (n+1), with `add_weight`; `call(inputs, item_indices)` never touches the table as a
whole: it gathers the rows of the items in the batch with integer ids that come from an input, softmaxes
them (exp / sum) and pools the stacked feature embeddings. Looks like a weight reached only through
integer indices, but `tf.gather` on the weight itself is differentiable with respect to the weight (a
sparse gradient on the gathered rows), so the table trains.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); `build_eges_model()`'s dataset/config plumbing
(`DATASET_CONFIG`, `read_pkl_data`) replaced by fixed vocabulary sizes; `tf.expand_dims`/`tf.concat`/
`tf.cast` on symbolic inputs -> `keras.ops` (Keras 3 refuses tf ops on KerasTensors); the skip-gram
sampled-softmax head reduced to a dot product with the context embedding.
"""

SOURCE = "https://github.com/datawhalechina/fun-rec/blob/13509d6057d43393b6b129624c70a8cb6e214d0d/src/funrec/models/eges.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/oka_funrec_eges_item_attention_weights_read_by_gather.py:
as returned: Functional, count_params() = 1828, 4 weights, unbuilt: none
after call: count_params() = 1828, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'item_specific_attention_layer': 100}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine19a/trainprobe.py, one SGD step): all 4 trainable weights change, including attention_weights (50x2), read only through tf.gather with the batch's item ids (IndexedSlices gradient on the gathered rows)."""

import keras
import tensorflow as tf
from keras import ops


class ItemSpecificAttentionLayer(keras.layers.Layer):
    """
    EGES weighted-pooling attention: A in R^{|V| x (n+1)}, one set of feature weights per item.
    """

    def __init__(self, num_items, **kwargs):
        self.num_items = num_items
        super(ItemSpecificAttentionLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        num_features = input_shape[1]  # n+1

        self.attention_weights = self.add_weight(
            name="attention_weights",
            shape=(self.num_items, num_features),  # |V| x (n+1)
            initializer=keras.initializers.RandomNormal(),
            trainable=True,
            regularizer=keras.regularizers.l2(1e-5),
        )
        super(ItemSpecificAttentionLayer, self).build(input_shape)

    def call(self, inputs, item_indices):
        batch_attention_weights = tf.gather(self.attention_weights, item_indices)
        exp_attention = tf.exp(batch_attention_weights)  # [batch_size, n+1]
        attention_sum = tf.reduce_sum(exp_attention, axis=1, keepdims=True)
        normalized_attention = exp_attention / attention_sum
        normalized_attention = tf.expand_dims(normalized_attention, axis=-1)
        weighted_embedding = inputs * normalized_attention  # [batch_size, n+1, emb_dim]
        output = tf.reduce_sum(weighted_embedding, axis=1)  # [batch_size, emb_dim]
        return output, normalized_attention


def build_model():
    item_vocab_size, genre_vocab_size, emb_dim, l2_reg = 50, 8, 16, 1e-5
    item_feature_list = ["movie_id", "genre_id"]
    inputs = {
        "movie_id": keras.Input(shape=(), dtype="int32", name="movie_id"),
        "context_id": keras.Input(shape=(), dtype="int32", name="context_id"),
        "genre_id": keras.Input(shape=(), dtype="int32", name="genre_id"),
    }
    movie_emb_table = keras.layers.Embedding(
        input_dim=item_vocab_size, output_dim=emb_dim, name="eges_movie_id",
        embeddings_initializer=keras.initializers.RandomNormal(),
        embeddings_regularizer=keras.regularizers.l2(l2_reg))
    genre_emb_table = keras.layers.Embedding(
        input_dim=genre_vocab_size, output_dim=emb_dim, name="eges_genre_id",
        embeddings_initializer=keras.initializers.RandomNormal(),
        embeddings_regularizer=keras.regularizers.l2(l2_reg))
    context_emb_table = keras.layers.Embedding(
        input_dim=item_vocab_size, output_dim=emb_dim, name="eges_context_id",
        embeddings_initializer=keras.initializers.RandomNormal(),
        embeddings_regularizer=keras.regularizers.l2(l2_reg))

    feature_embedding_dict = {
        "movie_id": ops.expand_dims(movie_emb_table(inputs["movie_id"]), axis=1),
        "genre_id": ops.expand_dims(genre_emb_table(inputs["genre_id"]), axis=1),
    }
    all_feature_embeddings = [feature_embedding_dict[f] for f in item_feature_list]
    stacked_embeddings = ops.concatenate(all_feature_embeddings, axis=1)  # [B,n,D]
    item_indices = ops.cast(inputs["movie_id"], "int32")

    attention_layer = ItemSpecificAttentionLayer(num_items=item_vocab_size)
    final_embedding, _ = attention_layer(stacked_embeddings, item_indices)

    context_embedding = context_emb_table(inputs["context_id"])
    logit = ops.sum(final_embedding * context_embedding, axis=-1, keepdims=True)
    model = keras.Model(inputs, keras.layers.Activation("sigmoid")(logit))
    batch = {"movie_id": tf.constant([3, 17, 42]), "context_id": tf.constant([5, 17, 1]),
             "genre_id": tf.constant([1, 2, 7])}
    return model, batch
