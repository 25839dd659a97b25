"""kgcnn's rewrite of its Molecule Attention Transformer layers, six days after the first version: the attention head
makes its query/key/value projections `dense_q`, `dense_k`, `dense_v` as `Dense(units)` in `__init__` and only
calls them in `call()`; its `build()` calls `super().build()` without building them. It looks like the earlier
Dense-in-call code and like an unbuilt-sublayer case, but it is correct: the three Dense layers are tracked
attributes, built by their first (symbolic) call when the functional model is wired, counted, trained and saved;
two calls give the same output.

From aimat-lab/gcnn_keras (kgcnn, graph neural networks for chemistry and materials), `kgcnn/layers/conv/mat_conv.py`
at c298415 (2022-09-27, "Work on MAT"), which replaced the `Attention`/`FF` layers of d86f0eb (see
cc_kgcnn_mat_attention_and_ff_dense_created_in_call, where the projections were created inside `call()`).
`MATAttentionHead(units, lambda_a, lambda_g, lambda_d)` takes `[h, a_d, a_g]` with masks `[h_mask, a_d_mask,
a_g_mask]`; `MATDistanceMatrix` turns padded coordinates into `exp(-d^2)`; `MATGlobalPool` sums over atoms.

Porting edits: none in the layers (the module is copied whole at that commit). build_model() follows
`kgcnn/literature/MAT.py` of the same commit from the padded tensors on, without the ragged-to-padded casts and the
`OptionalInputEmbedding`/`MLP` helpers: padded node features (12 atoms, 16 features), coordinates and adjacency
with their masks -> `MATReduceMask`/`MATExpandMask` -> `Dense(32)` embedding -> `LayerNormalization` -> two
`MATAttentionHead(units=32)` summed (`Add`) -> `Dense(32)` -> residual `Add` -> `LayerNormalization` ->
`MATGlobalPool` -> `Dense(1)`.
"""

SOURCE = "https://github.com/aimat-lab/gcnn_keras/blob/c298415d47c10a3ad9c42d0e06e0d7e0d9a1b4a8/kgcnn/layers/conv/mat_conv.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/okcc_kgcnn_matattentionhead_dense_qkv_in_init_refactor.py:
warning: Layer 'mat_distance_matrix' (of type MATDistanceMatrix) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Do
warning: Layer 'mat_attention_head' (of type MATAttentionHead) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Down
warning: Layer 'mat_attention_head_1' (of type MATAttentionHead) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Do
warning: Layer 'mat_global_pool' (of type MATGlobalPool) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream
as returned: Functional, count_params() = 8033, 20 weights, unbuilt: none
after call: count_params() = 8033, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mat_distance_matrix': 0, 'mat_expand_mask': 0, 'mat_reduce_mask': 0, 'mat_expand_mask_1': 0, 'mat_attention_head': 3168, 'mat_attention_head_1': 3168, 'mat_global_pool': 0}
second call: 0 variables watched that the first call did not use
(The four mask warnings come from passing the masks explicitly as call arguments, as kgcnn's MAT.py does; the layers take them as inputs and produce no output mask.) probe_same.py: two calls on the same batch are identical (max abs diff 0.0); one fit step changes 20 of 20 trainable weights, including both heads' dense_q/dense_k/dense_v."""

import numpy as np
import tensorflow as tf
from typing import Union

ks = tf.keras


class MATGlobalPool(ks.layers.Layer):

    def __init__(self, pooling_method: str = "sum", **kwargs):
        super(MATGlobalPool, self).__init__(**kwargs)
        self.pooling_method = pooling_method
        # TODO: Add mean with mask.

        if self.pooling_method not in ["sum"]:
            raise ValueError("`pooling_method` must be in ['sum']")

    def build(self, input_shape):
        super(MATGlobalPool, self).build(input_shape)

    def call(self, inputs, mask=None, **kwargs):
        if self.pooling_method == "sum":
            return tf.reduce_sum(inputs, axis=1)

    def get_config(self):
        config = super(MATGlobalPool, self).get_config()
        config.update({"pooling_method": self.pooling_method})
        return config


class MATDistanceMatrix(ks.layers.Layer):

    def __init__(self, trafo: Union[str, None] = "exp", **kwargs):
        super(MATDistanceMatrix, self).__init__(**kwargs)
        self.trafo = trafo
        if self.trafo not in [None, "exp", "softmax"]:
            raise ValueError("`trafo` must be in [None, 'exp', 'softmax']")

    def build(self, input_shape):
        super(MATDistanceMatrix, self).build(input_shape)

    def call(self, inputs, mask, **kwargs):
        # Shape of inputs (batch, N, 3)
        # Shape of mask (batch, N, 3)
        diff = tf.expand_dims(inputs, axis=1) - tf.expand_dims(inputs, axis=2)
        dist = tf.reduce_sum(tf.square(diff), axis=-1, keepdims=True)
        # shape of dist (batch, N, N, 1)
        diff_mask = tf.expand_dims(mask, axis=1) * tf.expand_dims(mask, axis=2)
        dist_mask = tf.reduce_prod(diff_mask, axis=-1, keepdims=True)

        if self.trafo == "exp":
            dist += tf.where(
                tf.cast(dist_mask, dtype="bool"), tf.zeros_like(dist), tf.ones_like(dist) / ks.backend.epsilon())
            dist = tf.exp(-dist)
        elif self.trafo == "softmax":
            dist += tf.where(
                tf.cast(dist_mask, dtype="bool"), tf.zeros_like(dist), -tf.ones_like(dist) / ks.backend.epsilon())
            dist = tf.nn.softmax(dist, axis=2)

        dist = dist * dist_mask
        return dist, dist_mask

    def get_config(self):
        config = super(MATDistanceMatrix, self).get_config()
        config.update({"trafo": self.trafo})
        return config


class MATReduceMask(ks.layers.Layer):

    def __init__(self, axis: int, keepdims: bool, **kwargs):
        super(MATReduceMask, self).__init__(**kwargs)
        self.axis = axis
        self.keepdims = keepdims

    def build(self, input_shape):
        super(MATReduceMask, self).build(input_shape)

    def call(self, inputs, **kwargs):
        return tf.reduce_prod(inputs, keepdims=self.keepdims, axis=self.axis)

    def get_config(self):
        config = super(MATReduceMask, self).get_config()
        config.update({"axis": self.axis, "keepdims": self.keepdims})
        return config


class MATExpandMask(ks.layers.Layer):

    def __init__(self, axis: int, **kwargs):
        super(MATExpandMask, self).__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        super(MATExpandMask, self).build(input_shape)

    def call(self, inputs, **kwargs):
        return tf.expand_dims(inputs, axis=self.axis)

    def get_config(self):
        config = super(MATExpandMask, self).get_config()
        config.update({"axis": self.axis})
        return config


class MATAttentionHead(ks.layers.Layer):

    def __init__(self, units: int = 64, lambda_a: float = 1.0, lambda_g: float = 0.5, lambda_d: float = 0.5, **kwargs):
        super(MATAttentionHead, self).__init__(**kwargs)
        self.units = int(units)
        self.lambda_a = lambda_a
        self.lambda_g = lambda_g
        self.lambda_d = lambda_d
        self.scale = self.units ** -0.5
        self.dense_q = ks.layers.Dense(units=units)
        self.dense_k = ks.layers.Dense(units=units)
        self.dense_v = ks.layers.Dense(units=units)

    def build(self, input_shape):
        super(MATAttentionHead, self).build(input_shape)

    def call(self, inputs, mask, **kwargs):
        h, a_d, a_g = inputs
        h_mask, a_d_mask, a_g_mask = mask
        q = tf.expand_dims(self.dense_q(h), axis=2)
        k = tf.expand_dims(self.dense_k(h), axis=1)
        v = self.dense_v(h) * h_mask
        qk = q * k / self.scale
        # Apply mask on self-attention
        qk_mask = tf.expand_dims(h_mask, axis=1) * tf.expand_dims(h_mask, axis=2)  # (b, 1, n, ...) * (b, n, 1, ...)
        qk += tf.where(tf.cast(qk_mask, dtype="bool"), tf.zeros_like(qk), -tf.ones_like(qk) / ks.backend.epsilon())
        qk = tf.nn.softmax(qk, axis=2)
        qk *= qk_mask
        # Weights
        qk = self.lambda_a * qk
        a_d = self.lambda_d * tf.cast(a_d, dtype=h.dtype)
        a_g = self.lambda_g * tf.cast(a_g, dtype=h.dtype)
        # print(qk.shape, a_d.shape, a_g.shape)
        att = qk + a_d + a_g
        # v has shape (b, N, F)
        # att has shape (b, N, N, F)

        # Or permute feature dimension to batch and apply on last axis via and permute back again
        v = tf.transpose(v, perm=[0, 2, 1])
        att = tf.transpose(att, perm=[0, 3, 1, 2])
        hp = tf.einsum('...ij,...jk->...ik', att, tf.expand_dims(v, axis=3))  # From example in tf docs
        hp = tf.squeeze(hp, axis=3)
        hp = tf.transpose(hp, perm=[0, 2, 1])

        # Same as above but may be slower.
        # hp = tf.einsum('bij...,bjk...->bik...', att, tf.expand_dims(v, axis=2))
        # hp = tf.squeeze(hp, axis=2)

        hp *= h_mask
        return hp

    def get_config(self):
        config = super(MATAttentionHead, self).get_config()
        config.update({"units": self.units, "lambda_a": self.lambda_a,
                       "lambda_g": self.lambda_g, "lambda_d": self.lambda_d})
        return config


def build_model(max_atoms=12, n_features=16, embedding_units=32, heads=2):
    n = ks.layers.Input(shape=(max_atoms, n_features), name="node_padded")
    n_mask_f = ks.layers.Input(shape=(max_atoms, n_features), name="node_mask")
    xyz = ks.layers.Input(shape=(max_atoms, 3), name="xyz_padded")
    xyz_mask = ks.layers.Input(shape=(max_atoms, 3), name="xyz_mask")
    adj_in = ks.layers.Input(shape=(max_atoms, max_atoms), name="adjacency_padded")
    adj_mask_in = ks.layers.Input(shape=(max_atoms, max_atoms), name="adjacency_mask")

    n_mask = MATReduceMask(axis=-1, keepdims=True)(n_mask_f)  # prefer broadcast mask (batch, max_atoms, 1)
    dist, dist_mask = MATDistanceMatrix(trafo="exp")(xyz, mask=xyz_mask)
    adj = MATExpandMask(axis=-1)(adj_in)
    adj_mask = MATExpandMask(axis=-1)(adj_mask_in)

    h = ks.layers.Dense(units=embedding_units, use_bias=False)(n)
    hn = ks.layers.LayerNormalization()(h)
    hs = [
        MATAttentionHead(units=embedding_units)(
            [hn, dist, adj],
            mask=[n_mask, dist_mask, adj_mask]
        )
        for _ in range(heads)
    ]
    hu = ks.layers.Add()(hs)
    hu = ks.layers.Dense(units=embedding_units, use_bias=False)(hu)
    h = ks.layers.Add()([h, hu])
    out = ks.layers.LayerNormalization()(h)
    out = ks.layers.Multiply()([out, n_mask])
    out = MATGlobalPool(pooling_method="sum")(out, mask=n_mask)
    out = ks.layers.Dense(1)(out)
    model = ks.models.Model(inputs=[n, n_mask_f, xyz, xyz_mask, adj_in, adj_mask_in], outputs=out, name="MAT")

    rng = np.random.default_rng(0)
    mask = np.ones((2, max_atoms, 1), "float32"); mask[1, 9:] = 0.0
    batch = [rng.normal(size=(2, max_atoms, n_features)).astype("float32") * mask,
             np.repeat(mask, n_features, axis=-1),
             rng.normal(size=(2, max_atoms, 3)).astype("float32") * mask,
             np.repeat(mask, 3, axis=-1),
             (rng.random((2, max_atoms, max_atoms)) > 0.7).astype("float32"),
             (mask * np.transpose(mask, (0, 2, 1))).astype("float32")]
    return model, batch
