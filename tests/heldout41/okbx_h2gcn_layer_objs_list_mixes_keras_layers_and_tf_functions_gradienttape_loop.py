"""H2GCN keeps its whole network in `self.layer_objs = []`, a plain list that mixes Keras layers with bare TF functions
(`tf.sparse.to_dense`, `tf.stop_gradient`) and indexes it by position from side lists and a tag dict; the training
loop differentiates `model.trainable_variables` in a GradientTape. It looks like layers hidden in an untracked
container (LD011), but Keras 3 wraps the list on assignment and tracks every layer appended later: correct.

From GemsLab/H2GCN (the NeurIPS 2020 "Beyond Homophily in Graph Neural Networks" reference implementation),
`h2gcn/models/H2GCN.py` (model and training step), `h2gcn/models/_layers.py` (SparseDense, GCNLayer, ConcatLayer,
...) and `h2gcn/models/__init__.py` (`Layer` type codes and `parse_network_setup`). The model is configured from a
string; the default H2GCN-2 setup `M64-R-T1-G-V-T2-G-V-C1-C2-D0.5-MO` is a bias-free sparse embedding, two rounds
of neighbourhood aggregation over 1- and 2-hop adjacencies (tagged outputs), a concatenation of all rounds, dropout
and a bias-free output Dense. The class appends to `self.layer_objs` in `__init__` after `super().__init__()`;
`call()` walks it and dispatches on index lists (`self.graph_hops_inds`, `self.concat_inds`, ...).

Porting edits: `from . import tf, np` is `import tensorflow as tf, numpy as np`; the signac/monitor plumbing
(`saveActivations`, `toNumpy`, `add_subparser_args`, the callbacks and checkpoint) is left out; the `LAMBDA` and
`EXPERIMENTAL` branches of the parser that this model never handles are kept in the parser, and the author's
`Layer.STOP_GRADIENT` branch is kept in the model (the `Layer` class of `__init__.py` does not define that name,
as in the repository). The `@tf.function` decorators on `GCNLayer.call` and
`GCNLayer.sparse_dense_matmul` are dropped: TF 2.21 traces a SparseTensor's values with an unknown length, and the
author's size check `sp_a.values.shape[0] * b.shape[1]` then raises a TypeError (nothing to do with tracking);
the other layers keep theirs. The metrics module's `masked_softmax_cross_entropy` is written out (the usual GCN
one). The optimizer is `keras.optimizers.Adam(learning_rate=0.01)` instead of
`keras.optimizers.get("adam").from_config({"lr": lr})`, which Keras 3 rejects. build_model() parses the default
setup for 3 classes and returns (model, None): the model takes three positional tensors (adj, features, adj_hops),
so the standard measurement cannot call it; probe_h2gcn.py runs the author's `train_step` on a 6-node graph.
"""

SOURCE = "https://github.com/GemsLab/H2GCN/blob/6e42eec34d854c1adf9e01c2c26985d03262d9bc/h2gcn/models/H2GCN.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: H2GCN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['SparseDense:sparse_dense', 'GCNLayer:gcn_layer', 'Flatten:flatten', 'GCNLayer:gcn_layer_1', 'Flatten:flatten_1', 'ConcatLayer:concat_layer', 'ConcatLayer:concat_layer_1', 'Dense:dense']
no inputs known: not called
(a subclassed model before its first call: every layer in the list is found, none built yet.) python probe_h2gcn.py (the author's train_step on a
6-node graph with 5 sparse features, 1- and 2-hop sparse adjacencies, 3 classes):
layer_objs type: TrackedList len 10 non-layers: []
trainable variables after first step: ['h2gcn/sparse_dense/kernel', 'h2gcn/dense/kernel']
count_params(): 1664 ; losses: 2
None gradients: []
changed after second step: ['h2gcn/sparse_dense/kernel', 'h2gcn/dense/kernel']
variant I: non-layers in layer_objs: ['sparse_tensor_to_dense']
variant I: trainable: ['h2gcn_1/dense_1/kernel', 'h2gcn_1/dense_1/bias', 'h2gcn_1/dense_2/kernel'] None grads: []
(Variant I is the same class built from the parser's identity code, `I-F64-R-...-MO`, which appends the bare
function `tf.sparse.to_dense` to the list; Keras 3 tracks the layers around it. Both L2 kernel regularizers reach
`model.losses`.)"""

import re

import numpy as np
import tensorflow as tf

keras = tf.keras


class SparseDense(tf.keras.layers.Layer):
    def __init__(self, output_dim, use_bias=False, activation=None,
                 kernel_regularizer=None):
        super().__init__()
        self.output_dim = output_dim
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_regularizer = kernel_regularizer

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel",
            shape=[int(input_shape[-1]), self.output_dim],
            regularizer=self.kernel_regularizer
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=[self.output_dim],
                initializer=tf.zeros_initializer
            )
        super().build(input_shape)

    @tf.function
    def call(self, input: tf.sparse.SparseTensor):
        input = tf.sparse.sparse_dense_matmul(input, self.kernel)
        if self.use_bias:
            input += self.bias
        if self.activation:
            input = self.activation(input)
        return input


class SparseDropout(tf.keras.layers.Layer):
    def __init__(self, drop_prob):
        super().__init__()
        self.drop_prob = drop_prob

    @tf.function
    def call(self, input: tf.sparse.SparseTensor):
        keep_prob = 1 - self.drop_prob
        random_tensor = keep_prob
        random_tensor += tf.random.uniform(input.values.shape)
        dropout_mask = tf.cast(tf.floor(random_tensor), dtype=tf.bool)
        pre_out = tf.sparse.retain(input, dropout_mask)
        return pre_out / keep_prob


class GCNLayer(tf.keras.layers.Layer):
    SIGNATURE = ["adjhops", "inputs"]

    def __init__(self, hops=None):
        super().__init__()
        self.hops = hops
        self.cpu_large_spmatmul = False

    def sparse_dense_matmul(self, sp_a, b, ind: str):
        # ind argument is to force tensorflow to retrace for different hops
        if (sp_a.values.shape[0] * b.shape[1] > (2 ** 31) and
                len(tf.config.experimental.list_physical_devices('GPU')) > 0):
            numSplits = (sp_a.values.shape[0] * b.shape[1] // 2 ** 31) + 1
            splitSizes = np.arange(
                b.shape[1] + numSplits - 1, b.shape[1] - 1, -1) // numSplits
            print(
                f"Splitting tensor to {splitSizes} allow sparse tensor multiplication...")
            assert sum(splitSizes) == b.shape[1]
            b_splits = tf.split(b, splitSizes, axis=-1)
            return tf.concat([tf.sparse.sparse_dense_matmul(sp_a, x) for x in b_splits], axis=-1)
        else:
            return tf.sparse.sparse_dense_matmul(sp_a, b)

    def call(self, adjhops, inputs):
        return tf.stack([self.sparse_dense_matmul(x, inputs, str(ind)) for ind, x in enumerate(adjhops)
                         if (self.hops is None or ind in self.hops)], axis=-2)


class ConcatLayer(tf.keras.layers.Layer):
    def __init__(self, tags, axis=-1, addInputs=True):
        super().__init__()
        self.tags = tags
        self.axis = axis
        self.addInputs = addInputs

    def call(self, *args, **kwargs):
        selected = [value for name, value in kwargs.items()
                    if name in self.tags]
        if self.addInputs:
            return tf.concat(list(args) + selected, self.axis)
        else:
            return tf.concat(selected, self.axis)


class SliceLayer(tf.keras.layers.Layer):
    def __init__(self, loadTag, sliceObj, **kwargs):
        super().__init__()
        self.tag = loadTag
        self.sliceObj = sliceObj

    def call(self, inputs, **kwargs):
        if self.tag:
            inputs = kwargs[self.tag]
        return inputs[:, self.sliceObj]


class layers:  # stands for `from . import _layers as layers`
    SparseDense = SparseDense
    SparseDropout = SparseDropout
    GCNLayer = GCNLayer
    ConcatLayer = ConcatLayer
    SliceLayer = SliceLayer


class Layer:
    DENSE = "F"
    DROPOUT = "D"
    GCN = "G"
    RELU = "R"
    CONCAT = "C"
    VECTORIZE = "V"
    IDENTITY = "I"
    SLICE = "S"
    EXPERIMENTAL = "X"
    LAMBDA = "lambda"


def parse_network_setup(network_setup_str, output_dim,
                        _dense_units=None, _dropout_rate=None,
                        parse_preprocessing=False):
    network_setup = re.split(r"-(?![^[]*\])", network_setup_str)
    networkConf = []
    embeddingDefined = False
    for layer_str in network_setup:
        if layer_str[0] == "[" and layer_str[-1] == "]":
            layer_str = layer_str[1:-1].strip()

        if layer_str.startswith("lambda"):
            networkConf.append(
                (Layer.LAMBDA, {"lambda": layer_str})
            )
        elif layer_str[0] in ["F", "M"]:
            kwargs = dict()
            if len(layer_str[1:]) > 0:
                if layer_str[1:] == "O":
                    num_hidden_units = output_dim
                    kwargs["beginOutput"] = True
                else:
                    num_hidden_units = int(layer_str[1:])
            else:
                assert _dense_units is not None
                num_hidden_units = _dense_units
            if layer_str[0] == "F":
                networkConf.append(
                    (Layer.DENSE, dict(units=num_hidden_units, use_bias=True, **kwargs)))
            else:
                networkConf.append(
                    (Layer.DENSE, dict(units=num_hidden_units, use_bias=False, **kwargs)))
        elif layer_str[0] == "D":
            if len(layer_str[1:]) > 0:
                dropout_rate = float(layer_str[1:])
            else:
                assert _dropout_rate is not None
                dropout_rate = _dropout_rate
            networkConf.append(
                (Layer.DROPOUT, dict(dropout_rate=dropout_rate)))
        elif layer_str[0] == "G":
            if len(layer_str) > 1:
                hopInds = set([int(i) for i in layer_str[1:].split("_")])
            else:
                hopInds = None
            networkConf.append(
                (Layer.GCN, dict(hops = hopInds))
            )
        elif layer_str[0] == "C":
            tags = [i for i in layer_str[1:].split("_")]
            networkConf.append(
                (Layer.CONCAT, dict(tags=tags, addInputs=True))
            )
        elif layer_str[0] == "R":
            networkConf.append(
                (Layer.RELU, dict())
            )
        elif layer_str[0] == "V":
            networkConf.append(
                (Layer.VECTORIZE, dict())
            )
        elif layer_str[0] == "I":
            networkConf.append(
                (Layer.IDENTITY, dict())
            )
        elif layer_str[0] == "T":
            networkConf[-1][-1]["tag"] = layer_str[1:]
        elif layer_str[0] == "E":
            assert not embeddingDefined
            networkConf[-1][-1]["isEmbedding"] = True
            embeddingDefined = True
        elif layer_str[0] == "L":
            networkConf[-1][-1]["supervised"] = True
        else:
            raise ValueError(
                f"Unknown layer config {layer_str} in network config {network_setup}")
    return networkConf


def masked_softmax_cross_entropy(preds, labels, mask):
    loss = tf.nn.softmax_cross_entropy_with_logits(logits=preds, labels=labels)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    loss *= mask
    return tf.reduce_mean(loss)


class H2GCN(tf.keras.Model):
    def __init__(self, layer_setups,
                 sparse_input=True, l2_regularize_weight=0):
        super().__init__()
        self.layer_objs = []
        self.dropout_inds = []
        self.attention_inds = []
        self.supervised_inds = []
        self.graph_inds = []
        self.graph_hops_inds = []
        self.concat_inds = []
        self.experimental_inds = []
        self.embedding_ind = None
        self.output_ind = None
        self.tagsDict = dict()

        # Hidden Layers
        for ind, (layerType, layerConf) in enumerate(layer_setups):
            layerTag = layerConf.pop("tag", None)
            if layerType == Layer.DENSE:
                isEmbedding = layerConf.get("isEmbedding", False)
                beginOutput = layerConf.get("beginOutput", False)
                if isEmbedding:
                    self.embedding_ind = len(self.layer_objs)
                if beginOutput:
                    self.output_ind = len(self.layer_objs)
                if sparse_input:
                    self.layer_objs.append(layers.SparseDense(
                        layerConf["units"],
                        use_bias=layerConf["use_bias"],
                        kernel_regularizer=keras.regularizers.l2(
                            l2_regularize_weight)
                    ))
                    sparse_input = False
                else:
                    self.layer_objs.append(keras.layers.Dense(
                        layerConf["units"],
                        use_bias=layerConf["use_bias"],
                        kernel_regularizer=keras.regularizers.l2(
                            l2_regularize_weight)
                    ))
            elif layerType == Layer.DROPOUT:
                layerInd = len(self.layer_objs)
                self.dropout_inds.append(layerInd)
                dropout_rate = layerConf["dropout_rate"]
                if sparse_input:
                    self.layer_objs.append(layers.SparseDropout(dropout_rate))
                else:
                    self.layer_objs.append(keras.layers.Dropout(dropout_rate))
            elif layerType == Layer.SLICE:
                self.concat_inds.append(len(self.layer_objs))
                self.layer_objs.append(layers.SliceLayer(
                    **layerConf
                ))
            elif layerType == Layer.IDENTITY:
                self.layer_objs.append(tf.sparse.to_dense)
                sparse_input = False
            elif layerType == Layer.GCN:
                self.graph_hops_inds.append(len(self.layer_objs))
                self.layer_objs.append(layers.GCNLayer(**layerConf))
            elif layerType == Layer.RELU:
                self.layer_objs.append(tf.keras.layers.ReLU())
            elif layerType == Layer.VECTORIZE:
                self.layer_objs.append(tf.keras.layers.Flatten())
            elif layerType == Layer.CONCAT:
                self.concat_inds.append(len(self.layer_objs))
                self.layer_objs.append(layers.ConcatLayer(
                    tags=layerConf["tags"],
                    addInputs=layerConf["addInputs"]
                ))
            elif layerType == Layer.STOP_GRADIENT:
                self.layer_objs.append(tf.stop_gradient)
            else:
                raise ValueError(
                    f"Unsupported layer type {layerType} specified in this model.")

            if layerConf.get("supervised", False):
                self.supervised_inds.append(len(self.layer_objs) - 1)

            if layerTag:
                if len(self.layer_objs) - 1 in self.tagsDict:
                    print(f"WARNING: overriding tag {layerTag} in layer {len(self.layer_objs) - 1}")
                self.tagsDict[len(self.layer_objs) -
                              1] = layerTag

    def call(self, adj, inputs, adjhops, training=False, returnBefore=0, executeAfter=0,
             addSupervision=False, saveActivations=None, **kwargs):
        supervisedOutputs = []
        taggedOutputs = dict()
        if returnBefore <= 0:
            returnBefore = len(self.layer_objs) + returnBefore
        if executeAfter < 0:
            executeAfter = len(self.layer_objs) + executeAfter
        for ind, layer in enumerate(self.layer_objs):
            if ind == returnBefore:
                return inputs
            elif ind < executeAfter:
                continue

            last_inputs = inputs
            if ind in self.concat_inds:
                inputs = layer(inputs, **taggedOutputs)
            elif ind in self.attention_inds:
                inputs = layer(adj, inputs, taggedOutputs)
            elif ind in self.graph_hops_inds:
                inputs = layer(adjhops, inputs)
            elif ind in self.graph_inds:
                inputs = layer(adj, inputs)
            elif ind in self.experimental_inds:
                inputs = layer(adj, inputs, adjhops, **taggedOutputs)
            else:
                inputs = layer(inputs)

            if addSupervision and (ind in self.supervised_inds):
                supervisedOutputs.append(self(adj, inputs, adjhops, training,
                                              executeAfter=self.output_ind,
                                              addSupervision=False,
                                              **kwargs))

            if ind in self.tagsDict:
                tag = self.tagsDict[ind]
                taggedOutputs[tag] = inputs

        if addSupervision:
            return inputs, supervisedOutputs
        else:
            return inputs

    def _loss(self, predictions, labels, mask):
        regularization_loss = tf.math.add_n(self.losses)
        pred_loss = masked_softmax_cross_entropy(predictions, labels, mask)
        total_loss = pred_loss + regularization_loss
        return total_loss


def make_train_step(model, optimizer):
    def train_step(adj, adj_hops, features, y_train, train_mask, **kwargs):
        with tf.GradientTape() as tape:
            predictions = model(adj, features, adj_hops, training=True)
            train_loss = model._loss(predictions, y_train, train_mask)
        gradients = tape.gradient(train_loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return dict(train_loss=train_loss, gradients=gradients)
    return train_step


def build_model():
    layer_setups = parse_network_setup("M64-R-T1-G-V-T2-G-V-C1-C2-D0.5-MO", 3,
                                       _dense_units=64, _dropout_rate=0.5, parse_preprocessing=True)
    model = H2GCN(layer_setups, l2_regularize_weight=5e-4)
    return model, None
