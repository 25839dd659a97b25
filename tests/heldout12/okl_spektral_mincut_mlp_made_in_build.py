"""Spektral MinCutPool: the cluster-assignment MLP is a Sequential of Dense layers collected in a
local list and created in build(); it is first called (and only then built) inside call().

The pooling layer inherits its kernel settings from a `Pool` base class, makes
`self.mlp = Sequential(mlp_layers)` in build() from a loop over `mlp_hidden`, and in call()
computes `S = self.mlp(X)`, two auxiliary losses with `add_loss`, and the pooled X and A. The Dense
layers live in a plain local list and the Sequential has no input shape when build() ends, which
looks like unbuilt or untracked sublayers. On Keras 3 the Sequential is assigned to the layer
before it is marked built, so it is tracked; its first call inside call() builds the Dense layers,
and every kernel gets gradients from the outputs and the auxiliary losses.
"""

SOURCE = "https://github.com/danielegrattarola/spektral/blob/master/spektral/layers/pooling/mincut_pool.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okl_spektral_mincut_mlp_made_in_build.py:
as returned: Functional, count_params() = 575, 10 weights, unbuilt: none
after call: count_params() = 575, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'min_cut_pool': 444}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import Sequential
from tensorflow.keras import backend as K
from tensorflow.keras import activations, initializers, regularizers, constraints
from tensorflow.keras.layers import Dense, Layer


# ---- spektral.layers.ops (the few helpers this layer needs, batch mode only) ----------------
def matmul_at_b_a(a, b):
    return tf.matmul(tf.matmul(a, b, transpose_a=True), a)


def modal_dot(a, b, transpose_a=False):
    return tf.matmul(a, b, transpose_a=transpose_a)


def degree_matrix(A):
    return tf.linalg.diag(tf.reduce_sum(A, axis=-1))


def normalize_A(A):
    D = tf.reduce_sum(A, axis=-1)
    D = tf.math.rsqrt(tf.maximum(D, 1e-9))
    return A * D[..., :, None] * D[..., None, :]


# ---- spektral.layers.pooling.pool -----------------------------------------------------------
class Pool(Layer):
    def __init__(self, activation=None, use_bias=True, kernel_initializer='glorot_uniform',
                 bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(**{k: v for k, v in kwargs.items() if k in ('name', 'dtype', 'trainable')})
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def build(self, input_shape):
        super().build(input_shape)

    def get_config(self):
        base = super().get_config()
        base.update(self.config)
        return base

    @property
    def config(self):
        return {}


# ---- spektral.layers.pooling.mincut_pool ----------------------------------------------------
class MinCutPool(Pool):
    def __init__(self,
                 k,
                 mlp_hidden=None,
                 mlp_activation='relu',
                 return_mask=False,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):

        super().__init__(activation=activation,
                         use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint,
                         **kwargs)
        self.k = k
        self.mlp_hidden = mlp_hidden if mlp_hidden else []
        self.mlp_activation = mlp_activation
        self.return_mask = return_mask

    def build(self, input_shape):
        assert isinstance(input_shape, list)
        layer_kwargs = dict(
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
            kernel_regularizer=self.kernel_regularizer,
            bias_regularizer=self.bias_regularizer,
            kernel_constraint=self.kernel_constraint,
            bias_constraint=self.bias_constraint
        )
        mlp_layers = []
        for i, channels in enumerate(self.mlp_hidden):
            mlp_layers.append(
                Dense(channels, self.mlp_activation, **layer_kwargs)
            )
        mlp_layers.append(
            Dense(self.k, 'softmax', **layer_kwargs)
        )
        self.mlp = Sequential(mlp_layers)

        super().build(input_shape)

    def call(self, inputs):
        X, A = inputs

        # Compute cluster assignment matrix
        S = self.mlp(X)

        # MinCut regularization
        A_pooled = matmul_at_b_a(S, A)
        num = tf.linalg.trace(A_pooled)
        D = degree_matrix(A)
        den = tf.linalg.trace(matmul_at_b_a(S, D)) + K.epsilon()
        cut_loss = -(num / den)
        self.add_loss(tf.reduce_mean(cut_loss))

        # Orthogonality regularization
        SS = modal_dot(S, S, transpose_a=True)
        I_S = tf.eye(self.k, dtype=SS.dtype)
        ortho_loss = tf.norm(
            SS / tf.norm(SS, axis=(-1, -2), keepdims=True) - I_S / tf.norm(I_S),
            axis=(-1, -2)
        )
        self.add_loss(tf.reduce_mean(ortho_loss))

        # Pooling
        X_pooled = modal_dot(S, X, transpose_a=True)
        A_pooled = tf.linalg.set_diag(
            A_pooled, tf.zeros(tf.shape(A_pooled)[:-1], dtype=A_pooled.dtype)
        )  # Remove diagonal
        A_pooled = normalize_A(A_pooled)

        output = [X_pooled, A_pooled]
        if self.return_mask:
            output.append(S)
        return output

    @property
    def config(self):
        return {
            'k': self.k,
            'mlp_hidden': self.mlp_hidden,
            'mlp_activation': self.mlp_activation,
            'return_mask': self.return_mask
        }


N_NODES = 12
N_FEATURES = 4


def build_model():
    X_in = tf.keras.Input(shape=(N_NODES, N_FEATURES), name="X_in")
    A_in = tf.keras.Input(shape=(N_NODES, N_NODES), name="A_in")
    X = Dense(16, activation="relu")(X_in)
    X_pool, A_pool = MinCutPool(k=4, mlp_hidden=[16, 8])([X, A_in])
    out = Dense(3, activation="softmax")(tf.keras.layers.GlobalAveragePooling1D()(X_pool))
    return tf.keras.Model([X_in, A_in], out)
