"""DGFraud-TF2's SemiGNN is a `keras.Model` trained in a custom loop on `model.trainable_variables`, but
its node embedding table `self.emb` and softmax weights `self.theta` are raw `tf.Variable`s (as are the
NodeAttention vectors it builds): on Keras 3 none of them is in `trainable_variables`, so the loop trains
only the view MLPs and the one-layer perceptron and the node embeddings stay at their random init.

From safe-graph/DGFraud-TF2 (`algorithms/SemiGNN/SemiGNN.py`, with `NodeAttention`/`ViewAttention` from
`layers/layers.py` and `accuracy` from `utils/metrics.py`), the TF2 port of SemiGNN (semi-supervised
graph attentive network for financial fraud). `__init__` makes
`self.emb = tf.Variable(GlorotUniform()((nodes, init_emb_size)))`, one `NodeAttention(init_emb_size)` per
view in a list (each holding `self.H_v = tf.Variable(...)`), a `ViewAttention`, a `Dense` and
`self.theta = tf.Variable(...)`. `call` returns `(loss, acc)`; `SemiGNN_main.py` does
`grads = tape.gradient(train_loss, model.trainable_variables)` and
`optimizer.apply_gradients(zip(grads, model.trainable_variables))`. On tf.keras 2 the Model's attribute
tracking collects every tf.Variable; on Keras 3 they are foreign variables. (The sibling case
`ao_dgfraudtf2_viewattention_phi_tf_variables_in_list` measures ViewAttention alone.)

Porting edits: none to the classes (inlined from their modules). `build_model()` builds
`SemiGNN(nodes=6, class_size=2, semi_encoding1=3, semi_encoding2=2, semi_encoding3=4, init_emb_size=4,
view_num=2, alpha=0.5)` with the main script's default sizes and returns it with one batch of the inputs
the loop feeds: two dense 6x6 view adjacencies, random-walk pairs `u_i`, `u_j` with `graph_label`,
one-hot labels and a train mask.
"""

SOURCE = "https://github.com/safe-graph/DGFraud-TF2/blob/3b028dc6e3502677646090b329cd7488cd0de11d/algorithms/SemiGNN/SemiGNN.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/ao_dgfraudtf2_semignn_node_embedding_table_tf_variable_model.py:
as returned: SemiGNN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['NodeAttention:node_attention', 'NodeAttention:node_attention_1', 'ViewAttention:view_attention', 'Sequential:sequential_1', 'Dense:dense_3', 'Dense:dense_2', 'Sequential:sequential', 'Dense:dense_1', 'Dense:dense', 'Dense:dense_4']
after call: count_params() = 66, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 6 variables the model does not track: ['Variable:0', 'Variable:0', 'Variable:0', 'Variable:0', 'Variable:0', 'Variable:0']
params of the case's own layers: {'node_attention': 0, 'node_attention_1': 0, 'view_attention': 46}
second call: 0 variables watched that the first call did not use
Own probe (probe_semignn.py), the author's loop (GradientTape, grads on model.trainable_variables, Adam) for 3 steps: 10 trainable variables, emb not among them; emb and theta unchanged, the olp Dense kernel changed; the loss does depend on emb (its gradient norm when asked directly is 0.0907). The 6 untracked variables are emb (6x4), theta (4x2), two NodeAttention H_v (4x1) and two ViewAttention phi (2x1)."""

from typing import Optional, Tuple, Union

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras import Sequential


def accuracy(preds: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
    """
    Accuracy.

    :param preds: the class prediction probabilities of the input data
    :param labels: the labels of the input data
    """
    correct_prediction = tf.equal(tf.argmax(preds, 1), tf.argmax(labels, 1))
    accuracy_all = tf.cast(correct_prediction, tf.float32)
    return tf.reduce_sum(accuracy_all) / preds.shape[0]


class NodeAttention(layers.Layer):
    """ Node level attention for SemiGNN.

    :param input_dim: the input dimension
    :param view_num: the number of views
    """

    def __init__(self, input_dim: int,
                 **kwargs: Optional) -> None:
        super().__init__(**kwargs)

        self.H_v = tf.Variable(tf.random.normal([input_dim, 1], stddev=0.1))

    def call(self, inputs: list, return_weights: bool = False) -> \
            Union[tf.Tensor, Tuple[tf.Tensor, tf.Tensor]]:
        """
        Obtain attention value between nodes

        :param inputs: the information passed to next layers
        :param return_weights: the output whether return weights
        """

        # convert adj to sparse tensor
        emb, adj = inputs
        zero = tf.constant(0, dtype=tf.float32)
        where = tf.not_equal(adj, zero)
        indices = tf.where(where)
        values = tf.gather_nd(adj, indices)
        adj = tf.SparseTensor(indices=indices,
                              values=values,
                              dense_shape=adj.shape)
        v = tf.cast(adj, tf.float32) * tf.squeeze(
            tf.tensordot(emb, self.H_v, axes=1))

        alpha = tf.sparse.softmax(v)  # [nodes,nodes]
        output = tf.sparse.sparse_dense_matmul(alpha, emb)

        if not return_weights:
            return output
        else:
            return output, alpha


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
        """
        Obtain attention value between different views.
        Eq. (3) and Eq. (4) in the paper

        :param inputs: the information passed to next layers
        :param return_weights: the output whether return weights
        """

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


class SemiGNN(keras.Model):
    """
    The SemiGNN model
    """
    def __init__(self, nodes: int, class_size: int, semi_encoding1: int,
                 semi_encoding2: int, semi_encoding3: int, init_emb_size: int,
                 view_num: int, alpha: float) -> None:
        """
        :param nodes: total nodes number
        :param semi_encoding1: the first view attention layer unit number
        :param semi_encoding2: the second view attention layer unit number
        :param semi_encoding3: MLP layer unit number
        :param init_emb_size: the initial node embedding
        :param view_num: number of views
        :param alpha: the coefficient of loss function
        """
        super().__init__()

        self.nodes = nodes
        self.class_size = class_size
        self.semi_encoding1 = semi_encoding1
        self.semi_encoding2 = semi_encoding2
        self.semi_encoding3 = semi_encoding3
        self.init_emb_size = init_emb_size
        self.view_num = view_num
        self.alpha = alpha

        # init embedding
        self.x_init = tf.keras.initializers.GlorotUniform()
        self.emb = tf.Variable(
            initial_value=self.x_init(shape=(self.nodes, self.init_emb_size),
                                      dtype=tf.float32),
            trainable=True)

        self.node_att_layer = []
        for _ in range(view_num):
            self.node_att_layer.append(NodeAttention(input_dim=init_emb_size))

        # we define a two layer MLP for Eq. (2) in the paper
        encoding = [self.semi_encoding1, self.semi_encoding2]
        self.view_att_layer = ViewAttention(layer_size=len(encoding),
                                            view_num=self.view_num,
                                            encoding=encoding)

        # the one-layer perceptron used to refine the embedding
        self.olp = tf.keras.layers.Dense(self.semi_encoding3)

        # the parameter for softmax for Eq. (5)
        self.theta = tf.Variable(initial_value=self.x_init(
            shape=(self.semi_encoding3, self.class_size), dtype=tf.float32),
            trainable=True)

    def call(self, inputs: list, training: bool = True) -> \
            Tuple[tf.Tensor, tf.Tensor]:
        """
        Forward propagation
        :param inputs: the information passed to next layers
        :param training: whether in the training mode
        """
        adj_data, u_i, u_j, graph_label, label, idx_mask = inputs

        # node level attention
        h1 = []
        for v in range(self.view_num):
            h = self.node_att_layer[v]([self.emb, adj_data[v]])
            h = tf.reshape(h, [self.nodes, self.emb.shape[1]])
            h1.append(h)
        h1 = tf.concat(h1, 0)
        h1 = tf.reshape(h1, [self.view_num, self.nodes, self.init_emb_size])

        # view level attention
        h2 = self.view_att_layer(h1)
        a_u = self.olp(h2)

        # get masked data
        masked_data = tf.gather(a_u, idx_mask)
        masked_label = tf.gather(label, idx_mask)

        # calculation loss and accuracy
        logits = tf.matmul(masked_data, self.theta)

        # Eq. (5)
        loss1 = -(1 / len(idx_mask)) * tf.reduce_sum(
            masked_label * tf.math.log(tf.nn.softmax(logits)))

        u_i_embedding = tf.nn.embedding_lookup(a_u,
                                               tf.cast(u_i, dtype=tf.int32))
        u_j_embedding = tf.nn.embedding_lookup(a_u,
                                               tf.cast(u_j, dtype=tf.int32))
        inner_product = tf.reduce_sum(u_i_embedding * u_j_embedding, axis=1)

        # Eq. (6)
        loss2 = -tf.reduce_mean(
            tf.math.log_sigmoid(graph_label * inner_product))

        # Eq. (7)
        loss = self.alpha * loss1 + (1 - self.alpha) * loss2
        acc = accuracy(logits, masked_label)

        return loss, acc


def _batch(nodes=6, view_num=2):
    rng = np.random.default_rng(0)
    adj_data = []
    for _ in range(view_num):
        a = (rng.random((nodes, nodes)) > 0.5).astype("float32")
        a = np.maximum(a, a.T) + np.eye(nodes, dtype="float32")
        adj_data.append(tf.constant(np.minimum(a, 1.0)))
    u_i = tf.constant([0, 1, 2, 3], dtype=tf.float32)
    u_j = tf.constant([1, 2, 3, 4], dtype=tf.float32)
    graph_label = tf.constant([1., -1., 1., -1.])
    label = tf.constant(np.eye(2, dtype="float32")[[0, 1, 0, 1, 0, 1]])
    idx_mask = tf.constant([0, 1, 2, 3])
    return [adj_data, u_i, u_j, graph_label, label, idx_mask]


def build_model():
    model = SemiGNN(nodes=6, class_size=2, semi_encoding1=3, semi_encoding2=2,
                    semi_encoding3=4, init_emb_size=4, view_num=2, alpha=0.5)
    return model, _batch()
