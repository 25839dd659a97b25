"""kgcnn's first Molecule Attention Transformer layers create their output projections inside `call()` (LD002):
`Attention.call` ends with `out = ks.layers.Dense(node.shape[-1])(out)` and `FF.call` builds both feed-forward
layers as `ks.layers.Dense(dim*self.mult)(x)` / `ks.layers.Dense(dim_out)(x)`. Every call makes new, randomly
initialised Dense layers that the layer never tracks: they are not in the model's weights, not trained, not saved,
and each forward pass gives a different answer for the same molecule.

From aimat-lab/gcnn_keras (kgcnn, graph neural networks for chemistry and materials), `kgcnn/layers/conv/mat_conv.py`
at d86f0eb (2022-09-21, "true dist ragged to dense"), the first version of the MAT port ("strongly inspired by
lucidbrains MAT source code", Maziarka et al., "Molecule Attention Transformer"). `Attention(units=64, heads=8,
La=1, Lg=0.5, Ld=0.5)` makes `self.to_qkv = Dense(heads*units*3, use_bias=False)` in `__init__` (tracked), then in
`call([node, adj, dist, node_mask, adj_mask])` mixes self-attention with the adjacency and `exp(-dist)` (equation 2
of the paper) and projects back to the input width with a Dense created on the spot. `FF(dim_out=None, mult=4)`
has no sublayer at all in `__init__`. Six days later (c298415, 2022-09-27) the author rewrote the module (`MATAttentionHead` with
`dense_q/k/v` made in `__init__`; see okcc_kgcnn_matattentionhead_dense_qkv_in_init_refactor).

Porting edits: `einops.rearrange` (not installed) is replaced by a small stand-in that implements the three
patterns the file uses with `tf.reshape`/`tf.transpose`/`tf.expand_dims`; the two debugging `print`s of shapes
in `Attention.call` are kept. The model is ours, a MAT-style property regressor on padded molecules of 12 atoms
with 16 node features: `Attention(units=8, heads=4)` -> `FF()` -> sum over atoms -> `Dense(1)`.
"""

SOURCE = "https://github.com/aimat-lab/gcnn_keras/blob/d86f0eba9d4f0bc8ec7677f2344a9ce95aa0d0cb/kgcnn/layers/conv/mat_conv.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/cc_kgcnn_mat_attention_and_ff_dense_created_in_call.py:
as returned: Functional, count_params() = 1553, 3 weights, unbuilt: none
after call: count_params() = 1553, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 6 variables the model does not track: ['mat_regressor/mat_attention/dense_4/kernel:0', 'mat_regressor/mat_attention/dense_4/bias:0', 'mat_regressor/mat_ff/dense_5/kernel:0', 'mat_regressor/mat_ff/dense_5/bias:0', 'mat_regressor/mat_ff/dense_6/kernel:0', 'mat_regressor/mat_ff/dense_6/bias:0']
params of the case's own layers: {'mat_attention': 1536, 'mat_ff': 0}
second call: 6 variables watched that the first call did not use
probe_kgcnn.py: two calls of the model on the same batch differ (max abs diff 4.45); model.fit raises ValueError 'tf.function only supports singleton tf.Variables created on the first call...'. The layer's own print()s of shapes run at wiring and on each call; Keras prints no warning."""

import numpy as np
import tensorflow as tf

ks = tf.keras
from tensorflow.keras.layers import Layer


def rearrange(x, pattern, **axes):  # stand-in for einops.rearrange, only the patterns used below
    if pattern == 'b n (h qkv d) -> b h n qkv d':
        h, qkv = axes['h'], axes['qkv']
        n, c = x.shape[1], x.shape[2]
        x = tf.reshape(x, (-1, n, h, qkv, c // (h * qkv)))
        return tf.transpose(x, (0, 2, 1, 3, 4))
    if pattern == 'b i j -> b () i j':
        return tf.expand_dims(x, axis=1)
    if pattern == 'b h n d -> b n (h d)':
        h, n, d = x.shape[1], x.shape[2], x.shape[3]
        x = tf.transpose(x, (0, 2, 1, 3))
        return tf.reshape(x, (-1, n, h * d))
    raise NotImplementedError(pattern)


def exists(val):
    return val is not None

def default(val, d):
    return d if not exists(val) else val

class Attention(Layer):
    '''
    MAT Mutli Head Attention to inject Adj and Distance effects
    Initial version without mask and fix kernel ie exp(-D) more logical
    strongly inspired by lucidbrains MAT source code
    '''
    def __init__(self,
                 units=64,
                 heads=8,
                 La = 1,
                 Lg = 0.5,
                 Ld = 0.5,
                 **kwargs):
        """Initialize layer."""
        super(Attention, self).__init__(**kwargs)
        self.heads = int(heads)
        self.units = int(units)
        self.La = La
        self.Lg = Lg
        self.Ld = Ld
        self.innerdim = self.heads*self.units
        self.to_qkv = ks.layers.Dense(self.innerdim*3,use_bias=False)
        self.scale =  self.units ** -0.5

    def build(self, input_shape):
        """Build layer."""
        super(Attention, self).build(input_shape)

    def call(self, inputs, **kwargs):
        node, adj, dist, node_mask, adj_mask = inputs
        print(node.shape, adj.shape, dist.shape)
        print(node_mask.shape, adj_mask.shape)
        # convert node input into qkv matrix
        qkv = self.to_qkv(node)
        # rearrange and unstack the matrix to get each elements 
        q,k,v = tf.unstack(rearrange(qkv, 'b n (h qkv d) -> b h n qkv d', h = self.heads, qkv = 3),axis=-2)
        # compute attention coefficients
        dots = tf.einsum('b h i d, b h j d -> b h i j', q, k) * self.scale
        # apply the softmax on the dots product matrix
        # TODO: must add mask to be compatible to softmax transformation of pad zeros to pad zeros!
        attn = ks.activations.softmax(dots, axis=-1)
        # MAT part adding the dist and adj need to add a extra axis for the final sum of the attns
        # TODO: must add mask to be compatible to Attention transformation of "distance pad inf to distance pad inf!"
        # based on the article : dist and adj are defined by rdkit functions GetAdjacencyMatrix & GetDistanceMatrix 
        # so [Batch, Natom x Natom ] matrix for both.
        dist = rearrange(dist, 'b i j -> b () i j')
        adj = rearrange(adj, 'b i j -> b () i j')
        # equation 2 in MAT

        attn  = attn*self.La + adj*self.Lg + tf.exp(-dist)*self.Ld
        out = tf.einsum('b h i j, b h j d -> b h i d', attn, v)
        # reshape to the correct dims
        out = rearrange(out, 'b h n d -> b n (h d)')
        # go back to the input shape
        out = ks.layers.Dense(node.shape[-1])(out)
        return out

    def get_config(self):
        """Update layer config."""
        config = super(Attention, self).get_config()
        config.update({"units": self.units,"heads": self.heads,"La": self.La,
                      "Lg": self.Lg,"Ld": self.Ld})
        return config

class FF(Layer):
    '''
    FeedForward MLP  
    strongly inspired by lucidbrains MAT source code
    '''
    def __init__(self,
                 dim_out = None,
                 mult = 4,
                 **kwargs):
        """Initialize layer."""
        super(FF, self).__init__(**kwargs)
        self.mult = mult
        self.dim_out = dim_out
    def build(self, input_shape):
        """Build layer."""
        super(FF, self).build(input_shape)

    def call(self, x, **kwargs):
        dim = x.shape[-1]
        dim_out = default(self.dim_out, dim)
        x = ks.layers.Dense(dim*self.mult)(x)
        x = ks.activations.gelu(x)
        x = ks.layers.Dense(dim_out)(x)
        return x
        
    def get_config(self):
        """Update layer config."""
        config = super(FF, self).get_config()
        config.update({"mult": self.mult,"dim_out": self.dim_out})
        return config


def build_model(n_atoms=12, n_features=16):
    node = ks.Input(shape=(n_atoms, n_features), name='node_attributes')
    adj = ks.Input(shape=(n_atoms, n_atoms), name='adjacency_matrix')
    dist = ks.Input(shape=(n_atoms, n_atoms), name='distance_matrix')
    node_mask = ks.Input(shape=(n_atoms, 1), name='node_mask')
    adj_mask = ks.Input(shape=(n_atoms, n_atoms), name='adjacency_mask')
    h = Attention(units=8, heads=4, name='mat_attention')([node, adj, dist, node_mask, adj_mask])
    h = FF(name='mat_ff')(h)
    h = ks.layers.Lambda(lambda t: tf.reduce_sum(t, axis=1), name='sum_atoms')(h)
    out = ks.layers.Dense(1, name='property')(h)
    model = ks.Model([node, adj, dist, node_mask, adj_mask], out, name='mat_regressor')
    rng = np.random.default_rng(0)
    a = (rng.random((2, n_atoms, n_atoms)) > 0.7).astype('float32')
    batch = [rng.normal(size=(2, n_atoms, n_features)).astype('float32'), a,
             rng.random((2, n_atoms, n_atoms)).astype('float32') * 3.0,
             np.ones((2, n_atoms, 1), 'float32'), np.ones((2, n_atoms, n_atoms), 'float32')]
    return model, batch
