"""A graph-convolution layer for graph classification (`EFGCNLayer`) that, inside `call()`, builds an
identity matrix with `tf.eye(...)`, adds it to the adjacency, computes the symmetric degree
normalisation D^-1/2 (A + I) D^-1/2 with `tf.pow`/`tf.linalg.diag`, and returns the new node features
together with the unchanged adjacency so that layers can be stacked on `(X, A)` pairs.

From Cortys/master-thesis (`implementation/src/ltag/layers.py`, the GCN baseline of the thesis'
learning-to-aggregate experiments). Looks like tensors made with `tf.*` constructors on every call
(weight-like state created in `call()`) and like a layer whose second output bypasses its weights;
on Keras 3 the `tf.eye`/degree matrices are per-batch intermediate values, not state, the kernel and
bias are created once in `build()` from the node-feature width (`X_shape[-1]`), tracked, and both
trained through the normalised propagation.

Porting edits: `from tensorflow import keras` -> `import keras` (the ops stay `tf.*`); the
`__future__` imports dropped; the positional weight names `add_weight("W", ...)` passed as
`name=` (Keras 3 refuses a positional name); `build_model()` stacks two layers on graphs of 5 nodes with 3 features
(num_outputs 4), then mean-pools the nodes into one regression output, as the thesis' GCN baseline.
"""

SOURCE = "https://github.com/Cortys/master-thesis/blob/091e02bea4c642576625486d17815d3147bb5185/implementation/src/ltag/layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okg_ltag_efgcn_identity_and_degree_matrix_built_in_call.py:
as returned: Functional, count_params() = 41, 6 weights, unbuilt: none
after call: count_params() = 41, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'efgcn_layer': 16, 'efgcn_layer_1': 20}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine22b/pfit.py): one fit step changes 6/6 trainable weights (W and bias of both layers); no variable is created in call()."""

import tensorflow as tf
import keras


class EFGCNLayer(keras.layers.Layer):
  def __init__(self, num_outputs):
    super(EFGCNLayer, self).__init__()
    self.num_outputs = num_outputs

  def get_config(self):
    base_config = super(EFGCNLayer, self).get_config()
    base_config["num_outputs"] = self.num_outputs

    return base_config

  def build(self, input_shape):
    X_shape, A_shape = input_shape
    vert_dim = X_shape[-1]

    self.W = self.add_weight(
      name="W", shape=[vert_dim, self.num_outputs],
      trainable=True, initializer="uniform")
    self.bias = self.add_weight(
      name="bias", shape=[self.num_outputs],
      trainable=True, initializer="zero")

  def call(self, input):
    X, A = input

    X_dim = tf.shape(X)
    Id = tf.eye(X_dim[-2], batch_shape=X_dim[:-2])
    AI = A + Id
    diags = tf.reduce_sum(AI, axis=-1)
    diags_norm = tf.pow(diags, -0.5)
    D_norm = tf.linalg.diag(diags_norm)
    A_norm = tf.linalg.matmul(D_norm, tf.linalg.matmul(AI, D_norm))

    XW = tf.linalg.matmul(X, self.W)
    XWA = tf.linalg.matmul(A_norm, XW)

    X_out = tf.nn.leaky_relu(XWA + self.bias)

    return X_out, A


def build_model():
    X = keras.Input((5, 3))
    A = keras.Input((5, 5))
    h, a = EFGCNLayer(4)([X, A])
    h, a = EFGCNLayer(4)([h, a])
    pooled = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1)(pooled)
    return keras.Model([X, A], out)
