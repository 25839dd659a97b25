"""Correct: a GNN keeps a `DiffPool` layer it never calls, because the batched pooling layer shares its `proj` Dense.

GNN-Keras3 is a small Keras 3 GNN library (TensorFlow backend, graphs as a `tf.ExtensionType`).
Its DiffPool graph-classification example builds `GCNDiffPool` with a per-graph `DiffPool` layer
and a `BatchedDiffPool(..., diffpool=self.diffpool)` that takes over `diffpool.proj` (the Dense that
scores cluster assignments) and `diffpool.act`. The batched path, which the trainer's `_forward_batched` uses, only calls
`batched_diffpool`, so the `DiffPool` layer itself is never called or built, and the assignment
Dense is reachable through two attributes. A sublayer that is never called and a layer owned twice
look like dead or double-counted weights, but the only weights `DiffPool` owns are the shared ones,
which are built, counted once and trained.
"""

SOURCE = "https://github.com/arijitcodespace/GNN-Keras3/blob/b2dde29b58d0eb7b509955065022a8cf63793718/examples/04_gcn_graph_classification_diffpool.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oke_diffpool_head_shared_with_batched_pool_diffpool_never_called.py:
warning: `build()` was called on layer 'trainer', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite
as returned: Trainer, count_params() = 725, 10 weights, unbuilt: ['GCNDiffPool:gcn_diff_pool', 'DiffPool:diff_pool']
after call: count_params() = 725, 10 trainable weights, unbuilt: ['GCNDiffPool:gcn_diff_pool', 'DiffPool:diff_pool']; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gcn_diff_pool': 'count_params() raised ValueError', 'global_sum_pool': 0, 'graph_conv_2': 272, 'batched_diff_pool': 34, 'diff_pool': 'count_params() raised ValueError', 'graph_conv_1': 272, 'graph_conv': 96}
second call: 0 variables watched that the first call did not use
also measured: 725 = every weight of the model counted once (the shared proj Dense is 34 params, under batched_diff_pool); save_weights + load_weights into a fresh build_model() restores the outputs exactly (max diff 0.0); the warning is about the never-called GCNDiffPool/DiffPool containers, whose weight-bearing sublayers are all built"""

from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf
from tensorflow.experimental import ExtensionType
from tensorflow.keras import activations, layers


class Graph(ExtensionType):
    x: tf.Tensor
    a: tf.Tensor

    def with_(self, **kwargs):
        fields = dict(x=self.x, a=self.a)
        fields.update(kwargs)
        return Graph(**fields)


class GraphLayer(layers.Layer):
    def __call__(self, *args, **kwargs):
        if args and isinstance(args[0], Graph):
            return super().__call__(graph=args[0], **kwargs)
        return super().__call__(*args, **kwargs)

    def call(self, *, graph=None, training=None):
        return graph.with_(x=self._call_dense(graph.x, graph.a, training=training))


class GraphConv(GraphLayer):
    def __init__(self, units, use_bias=True, self_loops=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.self_loops = self_loops
        self.lin = layers.Dense(units, use_bias=use_bias)

    def _call_dense(self, x, a, training=None):
        if self.self_loops:
            a = a + tf.eye(tf.shape(a)[0], dtype=a.dtype)
        deg = tf.reduce_sum(a, axis=1)
        inv_sqrt = tf.math.rsqrt(tf.maximum(deg, 1e-9))
        a = a * inv_sqrt[:, None] * inv_sqrt[None, :]
        return tf.linalg.matmul(a, self.lin(x))


class DiffPool(GraphLayer):
    def __init__(self, clusters, activation="softmax", **kwargs):
        super().__init__(**kwargs)
        self.clusters = clusters
        self.act = activations.get(activation)
        self.proj = layers.Dense(clusters)  # logits for assignment

    def call(self, graph, training=None):
        x, a = graph.x, graph.a
        S = self.act(self.proj(x))
        return graph.with_(x=tf.linalg.matmul(S, x, transpose_a=True),
                           a=tf.linalg.matmul(tf.linalg.matmul(S, a, transpose_a=True), S))


class BatchedDiffPool(layers.Layer):
    """Segment-aware DiffPool that reuses the Dense->K projection of a DiffPool instance."""

    def __init__(self, clusters, diffpool=None, activation="softmax"):
        super().__init__()
        self.K = int(clusters)
        if diffpool is not None and hasattr(diffpool, "proj"):
            self.proj = diffpool.proj
            self.act = diffpool.act
        else:
            self.proj = layers.Dense(self.K)
            self.act = activations.get(activation)

    def call(self, Z, A, n_nodes):
        S_local = self.act(self.proj(Z))  # [N_tot, K]
        B = tf.shape(n_nodes)[0]
        gids = tf.repeat(tf.range(B), n_nodes)  # graph id of every node
        cols = gids[:, None] * self.K + tf.range(self.K)[None, :]
        Sbd = tf.reduce_sum(tf.one_hot(cols, B * self.K) * S_local[:, :, None], axis=1)  # [N_tot, K*B]
        Zp = tf.linalg.matmul(Sbd, Z, transpose_a=True)
        Ap = tf.linalg.matmul(tf.linalg.matmul(Sbd, A, transpose_a=True), Sbd)
        seg_ids = tf.repeat(tf.range(B), repeats=self.K)
        return Zp, Ap, seg_ids


class GlobalSumPool(layers.Layer):
    def call(self, x, segment_ids, num_segments):
        return tf.math.unsorted_segment_sum(x, segment_ids, num_segments)


@dataclass
class Config:
    hidden: int = 16
    clusters: int = 2
    dropout: float = 0.1


class GCNDiffPool(keras.Model):
    def __init__(self, num_classes, cfg):
        super().__init__()
        self.cfg = cfg
        H = cfg.hidden
        self.enc1 = GraphConv(H)
        self.enc2 = GraphConv(H)
        self.dropout = layers.Dropout(cfg.dropout)
        self.diffpool = DiffPool(cfg.clusters)
        self.batched_diffpool = BatchedDiffPool(cfg.clusters, diffpool=self.diffpool)
        self.post = GraphConv(H)
        self.readout = GlobalSumPool()
        self.cls = layers.Dense(num_classes)  # logits

    def encode(self, G, training):
        Z = tf.nn.relu(self.enc1(G, training=training).x)
        Z = self.dropout(Z, training=training)
        Z = tf.nn.relu(self.enc2(G.with_(x=Z), training=training).x)
        return self.dropout(Z, training=training)

    def call(self, graph_batch, n_nodes=None, training=False):
        Z = self.encode(graph_batch, training)
        Zp, Ap, seg_ids_p = self.batched_diffpool(Z, graph_batch.a, n_nodes)
        Gp = self.post(graph_batch.with_(x=Zp, a=Ap), training=training)
        H = self.dropout(tf.nn.relu(Gp.x), training=training)
        G_emb = self.readout(H, seg_ids_p, tf.shape(n_nodes)[0])
        return self.cls(G_emb)


class Trainer(keras.Model):
    """Drives the backbone the way the example's train_step does (`_forward_batched`)."""

    def __init__(self, backbone, cfg):
        super().__init__()
        self.backbone = backbone
        self.cfg = cfg

    def _forward_batched(self, Gbd, n_nodes, training):
        Z = self.backbone.encode(Gbd, training=training)
        # Build block-diag S using the shared head
        Zp, Ap, seg_ids = self.backbone.batched_diffpool(Z, Gbd.a, n_nodes)
        Gp = self.backbone.post(Gbd.with_(x=Zp, a=Ap), training=training)
        H = self.backbone.dropout(tf.nn.relu(Gp.x), training=training)
        G_emb = self.backbone.readout(H, seg_ids, tf.shape(n_nodes)[0])
        return self.backbone.cls(G_emb)

    def call(self, inputs, training=False):
        x, a, n_nodes = inputs
        return self._forward_batched(Graph(x=x, a=a), n_nodes, training)


def build_model():
    rng = np.random.default_rng(0)
    # Two graphs (3 and 4 nodes) packed block-diagonally.
    a = np.zeros((7, 7), "float32")
    for i, j in [(0, 1), (1, 2), (3, 4), (4, 5), (5, 6), (6, 3)]:
        a[i, j] = a[j, i] = 1.0
    x = rng.random((7, 5)).astype("float32")
    n_nodes = np.array([3, 4], dtype="int32")
    cfg = Config()
    model = Trainer(GCNDiffPool(num_classes=3, cfg=cfg), cfg)
    model((x, a, n_nodes))
    return model, (x, a, n_nodes)
