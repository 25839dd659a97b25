"""k3-node's Keras 3 port of PyG's Performer attention: `PerformerProjection.__init__` draws the random
orthogonal feature matrix with `keras.random.normal` + `ops.qr` and keeps it as a plain tensor attribute
(`self.projection_matrix`). In PyTorch Geometric the same matrix is a registered buffer (saved in the
state dict); here it is no variable at all: not in `weights`, not counted, not saved, so every new
instance (a reloaded model included) draws a different, unseeded projection and the saved attention
weights no longer produce the saved outputs.

`PerformerAttention` holds four Dense layers (q, k, v, attn_out) and a `PerformerProjection` sublayer;
`call()` maps q and k through `generalized_kernel(x, self.projection_matrix, kernel)` and applies
linear attention. `orthogonal_matrix()` builds the matrix from blocks of `_orthogonal_matrix(num_cols)`
(a fresh unseeded `keras.random.normal` each time).

Porting edits: none (the file is Keras 3 code); sizes made small (16 channels, 2 heads of 8). The
layer reads `B, N, *_ = x.shape` and reshapes with them, so it is called eagerly on a concrete batch
(a symbolic `keras.Input` with a `None` batch cannot be reshaped that way); `build_model()` returns the
layer after that call, with the inputs.
"""

SOURCE = "https://github.com/anas-rz/k3-node/blob/a8131fe77af27e9e422ac81332baf57998c970a5/k3_node/layers/attention/performer.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/w_k3node_performer_projection_matrix_random_tensor.py:
as returned: PerformerAttention, count_params() = 1040, 5 weights, unbuilt: none
after call: count_params() = 1040, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'performer_projection': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_perf.py): fast_attn.projection_matrix is an EagerTensor of shape (16, 8), not a
variable of the layer (5 weights, count_params 1040 leaves out its 128 values); save_weights from a wrapped
functional model (batch_shape (2, 6, 16)), a fresh PerformerAttention + load_weights: the load succeeds, the
two projection matrices differ, and the reloaded model's outputs differ by up to 0.12 on the same input.
(The matrix is meant to be fixed, not trained; the defect is that it is state kept outside the weights.)"""

import keras
import numpy as np
from keras import layers, ops


def _orthogonal_matrix(dim: int, seed: int = None):
    # Random matrix from normal distribution
    mat = keras.random.normal((dim, dim), seed=seed)
    # QR decomposition to two orthogonal matrices
    q, _ = ops.qr(mat, mode="reduced")
    return ops.transpose(q, [1, 0])


def orthogonal_matrix(num_rows: int, num_cols: int, seed=None):
    num_full_blocks = int(num_rows / num_cols)
    blocks = []
    for _ in range(num_full_blocks):
        q = _orthogonal_matrix(num_cols)
        blocks.append(q)
    remain_rows = num_rows - num_full_blocks * num_cols
    if remain_rows > 0:
        q = _orthogonal_matrix(num_cols)
        blocks.append(q[:remain_rows])
    mat = ops.concatenate(blocks)
    return mat


def linear_attention(q, k, v):
    _k = ops.expand_dims(ops.sum(k, axis=-2), axis=-1)
    D_inv = 1.0 / (q @ _k)
    kv = ops.transpose(k, axes=[0, 1, 3, 2]) @ v
    qkv = q @ kv
    out = ops.einsum("...L,...Ld->...Ld", ops.squeeze(D_inv, axis=-1), qkv)
    return out


def generalized_kernel(x, mat, kernel=ops.relu, epsilon=0.001):
    batch_size, num_heads = ops.shape(x)[:2]
    projection = ops.transpose(mat, axes=[1, 0])  # Transpose along correct axes
    projection = ops.tile(projection, [1, num_heads, 1, 1])  # Expand dimensions
    x = ops.matmul(x, projection)
    out = kernel(x) + epsilon
    return out


class PerformerProjection(layers.Layer):
    def __init__(self, num_cols, kernel=ops.relu):
        super().__init__()
        self.num_rows = int(num_cols * ops.log(num_cols))
        self.num_cols = num_cols

        # Generate an orthogonal projection matrix
        self.projection_matrix = orthogonal_matrix(self.num_rows, self.num_cols)
        self.kernel = kernel

    def call(self, q, k, v):
        q = generalized_kernel(q, self.projection_matrix, self.kernel)
        k = generalized_kernel(k, self.projection_matrix, self.kernel)
        out = linear_attention(q, k, v)
        return out


class PerformerAttention(layers.Layer):
    def __init__(
        self,
        channels,
        heads,
        head_channels=64,
        kernel=ops.relu,
        qkv_bias=False,
        attn_out_bias=True,
        dropout=0.0,
    ):
        super().__init__()
        assert channels % heads == 0
        if head_channels is None:
            head_channels = channels // heads

        self.heads = heads
        self.head_channels = head_channels
        self.kernel = kernel
        self.fast_attn = PerformerProjection(head_channels, kernel)

        inner_channels = head_channels * heads
        self.q = layers.Dense(inner_channels, use_bias=qkv_bias)
        self.k = layers.Dense(inner_channels, use_bias=qkv_bias)
        self.v = layers.Dense(inner_channels, use_bias=qkv_bias)
        self.attn_out = layers.Dense(channels, use_bias=attn_out_bias)
        self.dropout = layers.Dropout(dropout)

    def call(self, x, mask=None):
        B, N, *_ = x.shape
        q, k, v = self.q(x), self.k(x), self.v(x)

        q = ops.transpose(ops.reshape(q, (B, N, self.heads, self.head_channels)), axes=(0, 2, 1, 3))
        k = ops.transpose(ops.reshape(k, (B, N, self.heads, self.head_channels)), axes=(0, 2, 1, 3))
        v = ops.transpose(ops.reshape(v, (B, N, self.heads, self.head_channels)), axes=(0, 2, 1, 3))

        if mask is not None:
            mask = mask[:, None, :, None]
            v = ops.where(mask, v, ops.zeros_like(v))

        out = self.fast_attn(q, k, v)
        out = ops.transpose(out, axes=(0, 2, 1, 3))  # Transpose back
        out = ops.reshape(out, (B, N, -1))
        out = self.attn_out(out)
        out = self.dropout(out)
        return out


def sample_inputs():
    return np.random.default_rng(0).random((2, 6, 16)).astype("float32")


def build_model():
    layer = PerformerAttention(channels=16, heads=2, head_channels=8)
    x = sample_inputs()
    layer(x)
    return layer, x
