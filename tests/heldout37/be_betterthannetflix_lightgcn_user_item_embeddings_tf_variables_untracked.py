"""A LightGCN recommender `tf.keras.Model` keeps its user and item embedding tables as `tf.Variable`s: on Keras 3 the model has no trainable weights, and its own `fit()` loop (gradients over `self.trainable_weights`) has nothing to train.

From nlp-nathan/better_than_netflix_movie_recommender (`src/models/GCN.py`). `LightGCN(tf.keras.Model).__init__`
stores `self.user_embedding = tf.Variable(GlorotNormal()([n_users, emb_dim]))` and the same for items, plus a list
of weight-less `GraphConv` layers (sparse `adj @ embeddings`). `call(user_emb, item_emb)` propagates the
concatenated tables through the graph convolutions and averages the layers. The class overrides `fit()` with a
BPR loop: `self(self.user_embedding, self.item_embedding)` inside a `GradientTape`, then
`grads = tape.gradient(loss, self.trainable_weights)` and `optimizer.apply_gradients(zip(grads,
self.trainable_weights))`. On tf.keras 2 the two tables were tracked and trained. On Keras 3 they are
backend-native variables the model does not track (LD003): `trainable_weights` is empty, so the gradient list is
empty and `apply_gradients` fails, and a saved model holds no embeddings. (The `NGCF` subclass adds `GraphConv`
kernels made with `add_weight`; those are tracked, the embedding tables are still lost.)

Porting edits: none to the classes (the `fit`/`recommend` methods are kept short: `fit` is reduced to the one
gradient step it repeats, with a fixed user/positive/negative sample instead of pandas sampling; `recommend` is
left out). `build_model()` builds `LightGCN` on a 3-user x 4-item normalised bipartite adjacency (a
`tf.sparse.SparseTensor`, as the repository passes) with `emb_dim=8`, `n_layers=2`.
"""

SOURCE = "https://github.com/nlp-nathan/better_than_netflix_movie_recommender/blob/21f29066444fe4d30f25bdc31acaf2cf2e93d541/src/models/GCN.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py be_betterthannetflix_lightgcn_user_item_embeddings_tf_variables_untracked.py:
as returned: LightGCN, count_params() raised ValueError, 0 weights, unbuilt: ['GraphConv:graph_conv', 'GraphConv:graph_conv_1']
no inputs known: not called
probe (probe_be_lightgcn.py): model(user_embedding, item_embedding) works, outputs (3, 8) and (4, 8);
weights 0, trainable_weights 0, count_params 0; the model's fit() step raises ValueError
"not enough values to unpack (expected 2, got 0)" from optimizer.apply_gradients(zip([], []))."""

import numpy as np
import tensorflow as tf


class GraphConv(tf.keras.layers.Layer):
    def __init__(self, adj_mat, weight=True):
        super(GraphConv, self).__init__()
        self.adj_mat = adj_mat
        self.weight = weight

    def build(self, input_shape):
        if self.weight:
            self.W = self.add_weight('kernel',
                                     shape=[int(input_shape[-1]),
                                            int(input_shape[-1])])

    def call(self, ego_embeddings):
        output = tf.sparse.sparse_dense_matmul(self.adj_mat, ego_embeddings)
        if self.weight:
            output = tf.transpose(tf.matmul(self.W, output, transpose_a=False, transpose_b=True))
        return output


class LightGCN(tf.keras.Model):
    def __init__(self, adj_mat, n_users, n_items, n_layers=3, emb_dim=64):
        super(LightGCN, self).__init__()
        self.adj_mat = adj_mat
        self.R = tf.sparse.to_dense(adj_mat)[:n_users, n_users:]
        self.n_users = n_users
        self.n_items = n_items
        self.n_layers = n_layers
        self.emb_dim = emb_dim

        # Initialize user and item embeddings.
        initializer = tf.keras.initializers.GlorotNormal()
        self.user_embedding = tf.Variable(
            initializer([self.n_users, self.emb_dim]), name='user_embedding'
        )
        self.item_embedding = tf.Variable(
            initializer([self.n_items, self.emb_dim]), name='item_embedding'
        )

        # Stack light graph convolutional layers.
        self.gcn = [GraphConv(adj_mat, weight=False) for layer in range(n_layers)]

    def call(self, user_emb, item_emb):
        output_embeddings = tf.concat([user_emb, item_emb], axis=0)
        all_embeddings = [output_embeddings]

        for i in range(0, self.n_layers):
            output_embeddings = self.gcn[i](output_embeddings)
            all_embeddings += [output_embeddings]

        all_embeddings = tf.stack(all_embeddings, axis=1)
        all_embeddings = tf.reduce_mean(all_embeddings, axis=1, keepdims=False)

        new_user_embeddings, new_item_embeddings = tf.split(
            all_embeddings, [self.n_users, self.n_items], axis=0
        )

        return new_user_embeddings, new_item_embeddings

    def fit(self, users, pos_items, neg_items, optimizer=None, decay=0.0001, batch_size=3):
        # one step of the repository's BPR loop (sampling replaced by given indices)
        if optimizer is None:
            optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)
        with tf.GradientTape() as tape:
            new_user_embeddings, new_item_embeddings = self(
                self.user_embedding, self.item_embedding
            )
            user_embeddings = tf.nn.embedding_lookup(new_user_embeddings, users)
            pos_item_embeddings = tf.nn.embedding_lookup(new_item_embeddings, pos_items)
            neg_item_embeddings = tf.nn.embedding_lookup(new_item_embeddings, neg_items)
            old_user_embeddings = tf.nn.embedding_lookup(self.user_embedding, users)
            old_pos_item_embeddings = tf.nn.embedding_lookup(self.item_embedding, pos_items)
            old_neg_item_embeddings = tf.nn.embedding_lookup(self.item_embedding, neg_items)
            pos_scores = tf.reduce_sum(tf.multiply(user_embeddings, pos_item_embeddings), axis=1)
            neg_scores = tf.reduce_sum(tf.multiply(user_embeddings, neg_item_embeddings), axis=1)
            regularizer = (
                tf.nn.l2_loss(old_user_embeddings)
                + tf.nn.l2_loss(old_pos_item_embeddings)
                + tf.nn.l2_loss(old_neg_item_embeddings)
            )
            regularizer = regularizer / batch_size
            mf_loss = tf.reduce_mean(tf.nn.softplus(-(pos_scores - neg_scores)))
            emb_loss = decay * regularizer
            loss = mf_loss + emb_loss

        grads = tape.gradient(loss, self.trainable_weights)
        optimizer.apply_gradients(zip(grads, self.trainable_weights))
        return loss


def _norm_adj(n_users, n_items):
    R = np.array([[1, 0, 1, 0], [0, 1, 0, 0], [1, 1, 0, 1]], dtype="float32")[:n_users, :n_items]
    A = np.zeros((n_users + n_items,) * 2, dtype="float32")
    A[:n_users, n_users:] = R
    A[n_users:, :n_users] = R.T
    d = A.sum(1)
    d_inv = np.where(d > 0, d ** -0.5, 0.)
    A = d_inv[:, None] * A * d_inv[None, :]
    return tf.sparse.from_dense(A)


def build_model():
    return LightGCN(_norm_adj(3, 4), n_users=3, n_items=4, n_layers=2, emb_dim=8)
