"""DGFraud-TF2's SemiGNN ViewAttention keeps its per-view attention vectors `phi` as raw `tf.Variable`s
appended to a plain list in `__init__`: Keras 3 tracks the per-view MLPs but not one of the phi vectors,
so the view-level attention is never counted, trained or saved.

From safe-graph/DGFraud-TF2 (`layers/layers.py`), a TF2 toolbox of graph fraud detectors. `ViewAttention`
implements Eq. (2)-(4) of the SemiGNN paper: for each view an MLP (`Sequential` of Dense layers, kept in
`self.dense_layers`) encodes the node embeddings, `h_v @ phi[v]` scores the view, a softmax over views
weights the encodings. `self.phi` is a list filled with
`tf.Variable(tf.random.normal([encoding[-1], 1], stddev=0.1))`: tracked on tf.keras 2 (the layer's
attribute tracking wraps lists and sees tf.Variables), foreign on Keras 3. The same file also keeps
`NodeAttention.H_v` and `AttentionLayer.w_omega/u_omega/b_omega` as raw tf.Variables.

Porting edits: none to the class. `build_model()` wires one `ViewAttention(encoding=[8, 4], layer_size=2,
view_num=2)` in a functional model on two views of 5 nodes x 6 features with a fixed batch size (the call
reshapes with `inputs[0].shape[0]`, so the node count must be static, as in the repo where all nodes are
one batch).
"""

SOURCE = "https://github.com/safe-graph/DGFraud-TF2/blob/319ec9f80ca97f69b61f83965cff7cebdde983e3/layers/layers.py"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/ao_dgfraudtf2_viewattention_phi_tf_variables_in_list.py:
as returned: Functional, count_params() = 184, 8 weights, unbuilt: none
after call: count_params() = 184, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'view_attention': 184}
second call: 0 variables watched that the first call did not use
Own probe (probe_dgfraud.py): both phi entries are tf ResourceVariables, none among model.weights; the 8 weights are only the two view MLPs (184 = 2 x (6*8+8 + 8*4+4)), the 2 x 4 phi values are missing."""

from typing import Optional, Tuple, Union

import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras import Sequential
import keras


class ViewAttention(layers.Layer):
    """ View level attention implementation for SemiGNN

        :param encoding: a list of MLP encoding sizes for each view
        :param layer_size: the number of view attention layer
        :param view_num: the number of views
    """

    def __init__(self, encoding: list, layer_size: int,
                 view_num: int, **kwargs: Optional) -> None:
        super().__init__(**kwargs)

        self.encoding = encoding
        self.view_num = view_num
        self.layer_size = layer_size

        # Eq. (2) in SemiGNN paper
        self.dense_layers = []
        for _ in range(view_num):
            mlp = Sequential()
            for l in range(layer_size):
                mlp.add(tf.keras.layers.Dense(encoding[l], activation="relu"))
            self.dense_layers.append(mlp)

        self.phi = []
        for _ in range(view_num):
            self.phi.append(tf.Variable(tf.random.normal([encoding[-1], 1],
                                                         stddev=0.1)))

    def call(self, inputs: tf.Tensor, return_weights=False) -> \
            Union[tf.Tensor, Tuple[tf.Tensor, tf.Tensor]]:
        h = []
        h_phi = []
        for v in range(self.view_num):
            h_v = self.dense_layers[v](inputs[v])
            h.append(h_v)
            h_phi.append(tf.matmul(h_v, self.phi[v]))

        h, h_phi = tf.concat(h, 0), tf.concat(h_phi, 0)

        h = tf.reshape(h, [self.view_num, inputs[0].shape[0],
                           self.encoding[-1]])
        h_phi = tf.reshape(h_phi, [self.view_num, inputs[0].shape[0]])

        alpha = tf.nn.softmax(h_phi, axis=0)
        alpha = tf.expand_dims(alpha, axis=2)
        alpha = tf.repeat(alpha, self.encoding[-1], axis=-1)

        # Eq. (4)
        output = tf.reshape(alpha * h,
                            [inputs[0].shape[0],
                             self.encoding[-1] * self.view_num])

        if not return_weights:
            return output
        else:
            return output, alpha


def build_model():
    v1 = keras.Input(shape=(6,), batch_size=5)
    v2 = keras.Input(shape=(6,), batch_size=5)
    out = ViewAttention(encoding=[8, 4], layer_size=2, view_num=2)([v1, v2])
    return keras.Model([v1, v2], out)
