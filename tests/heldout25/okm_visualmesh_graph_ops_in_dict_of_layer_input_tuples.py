"""The Visual Mesh segmentation network builds its layers from a YAML graph: `self.ops` is a dict
mapping each node name to a `(layer, input_names)` tuple, `self.stages` is a topologically sorted list
of names, and `call()` runs `op(*[results[i] for i in inputs])`; a `DepthwiseSeparableGraphConvolution`
makes its depthwise kernel in `build()` from the initializer/regularizer/constraint of a pointwise
`Dense` sibling that is not built yet.

From Fastcode/VisualMesh (`training/model/visual_mesh_model.py` with `training/layer/graph_convolution.py`
and `depthwise_seperable_graph_convolution.py`, commit c254432 "Add depthwise separable convolutions").
Looks like layers hidden in a container Keras cannot see (tuples inside a dict, a generated list of op
names), a weight created from another layer's attributes before that layer exists as weights, and a
two-argument `call(X, G)` whose neighbour gather feeds a `Dense` sized from static shapes. On Keras 3 it
is correct: the dict assigned to `self.ops` is tracked including the layers inside the tuples, every
graph-convolution `Dense` and the depthwise kernel are built on the first call and counted, and all get
gradients through `tf.gather` of the node features.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); `add_weight("depthwise_kernel", input_shape[1:],
...)` -> `add_weight(name=..., shape=..., ...)` (Keras 3 refuses a positional name: "`name` must be passed
as a keyword argument"); the structure is the repository's
`example_net.yaml` style (`GraphConvolution` with selu/lecun_normal, then the output op with
`$output_dims`) trimmed to two graph convolutions of 6 units, one depthwise-separable convolution
(added in this commit) and the softmax output; 9 mesh points (the last one the off-screen point the
model drops) with 3 features and 7 neighbours each, 3 classes.
"""

SOURCE = "https://github.com/Fastcode/VisualMesh/blob/c254432468cbe99e7c0724bf4a5d191089932713/training/model/visual_mesh_model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okm_visualmesh_graph_ops_in_dict_of_layer_input_tuples.py:
as returned: VisualMeshModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['GraphConvolution:graph_convolution', 'Dense:dense', 'GraphConvolution:graph_convolution_1', 'Dense:dense_1', 'DepthwiseSeparableGraphConvolution:depthwise_separable_graph_convolution', 'Depthwise:depthwise', 'Dense:dense_2', 'GraphConvolution:graph_convolution_2', 'Dense:dense_3'] (a subclassed model before its first call; all found through the dict of tuples)
after call: count_params() = 603, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'graph_convolution': 132, 'graph_convolution_1': 258, 'depthwise_separable_graph_convolution': 84, 'depthwise': 84, 'graph_convolution_2': 129}
second call: 0 variables watched that the first call did not use
(132 = 7 neighbours x 3 features -> 6 units; 84 = depthwise kernel (7, 6) + pointwise 6 -> 6; the
depthwise kernel built from the pointwise Dense's lecun_normal initializer is tracked and trained.)"""

import numpy as np
import tensorflow as tf
import keras


class GraphConvolution(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(GraphConvolution, self).__init__()
        self.dense = keras.layers.Dense(**kwargs)

    def call(self, X, G):
        # Call the dense layer with the gathered data
        return self.dense(tf.reshape(tf.gather(X, G, name="NetworkGather"), shape=[-1, X.shape[-1] * G.shape[-1]]))


class Depthwise(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(Depthwise, self).__init__()
        self.pointwise = keras.layers.Dense(**kwargs)

    def build(self, input_shape):
        # Copy whatever we have on our pointwise kernel
        self.depthwise_weights = self.add_weight(
            name="depthwise_kernel",
            shape=input_shape[1:],
            dtype=self.dtype,
            initializer=self.pointwise.kernel_initializer,
            regularizer=self.pointwise.kernel_regularizer,
            constraint=self.pointwise.kernel_constraint,
        )

    def call(self, X):
        depthwise = tf.einsum("ijk,jk->ik", X, self.depthwise_weights)
        return self.pointwise(depthwise)


class DepthwiseSeparableGraphConvolution(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(DepthwiseSeparableGraphConvolution, self).__init__()
        self.depthwise = Depthwise(**kwargs)

    def call(self, X, G):
        convolved = tf.reshape(tf.gather(X, G, name="NetworkGather"), shape=[-1, G.shape[-1], X.shape[-1]])
        return self.depthwise(convolved)


class VisualMeshModel(keras.Model):
    def _apply_variables(self, option):
        if type(option) is str:
            if option == "$output_dims":
                return self.output_dims
            else:
                return option
        elif type(option) is dict:
            return {k: self._apply_variables(v) for k, v in option.items()}
        elif type(option) is list:
            return {self._apply_variables(v) for v in option}
        else:
            return option

    def _make_op(self, op, options):
        # If options are none, make an empty argument list
        options = {} if options is None else options

        # There are some variables you can put into the options, so lets apply them
        options = self._apply_variables(options)

        if op == "GraphConvolution":
            return GraphConvolution(**options)
        elif op == "DepthwiseSeparableGraphConvolution":
            return DepthwiseSeparableGraphConvolution(**options)
        elif hasattr(keras.layers, op):
            return getattr(keras.layers, op)(**options)
        else:
            raise RuntimeError("Model attempted to make an unknown operation type: {}".format(op))

    def _topological_sort(self, v, graph, visited=None, stack=None):
        visited = set() if visited is None else visited
        stack = list() if stack is None else stack

        visited.add(v[0])
        for k in graph[v[0]]:
            if k not in visited:
                self._topological_sort((k, graph[k]), graph, visited, stack)

        if v[0] not in ["X", "G"]:
            stack.append(v[0])

        return stack

    def __init__(self, structure, output_dims):
        super(VisualMeshModel, self).__init__()

        # Build up the graph of operations
        self.output_dims = output_dims
        self.ops = {k: (self._make_op(v["op"], v.get("options")), v["inputs"]) for k, v in structure.items()}

        # Perform a topological sort to ensure that the results are done in order
        self.stages = self._topological_sort(
            ("output", structure["output"]["inputs"]),
            {**{k: v["inputs"] for k, v in structure.items()}, "X": [], "G": []},
        )

    def call(self, X, training=False):

        # Split out the graph and logits
        logits, G = X

        # Run through each of the layers which are sorted in topological order
        results = {"X": logits, "G": G}
        for s in self.stages:
            # Get the operation and inputs from the list of ops
            op, inputs = self.ops[s]

            # Run the op with the inputs
            results[s] = op(*[results[i] for i in inputs])

        # Our output is stored in the "output" member
        logits = results["output"]

        # At the very end of the network, we remove the offscreen point (last point)
        return logits[:-1]


STRUCTURE = {
    "l1": {"op": "GraphConvolution", "inputs": ["X", "G"], "options": {"units": 6, "activation": "selu", "kernel_initializer": "lecun_normal"}},
    "l2": {"op": "GraphConvolution", "inputs": ["l1", "G"], "options": {"units": 6, "activation": "selu", "kernel_initializer": "lecun_normal"}},
    "l3": {"op": "DepthwiseSeparableGraphConvolution", "inputs": ["l2", "G"], "options": {"units": 6, "activation": "selu", "kernel_initializer": "lecun_normal"}},
    "output": {"op": "GraphConvolution", "inputs": ["l3", "G"], "options": {"units": "$output_dims", "activation": "softmax"}},
}


def build_model():
    model = VisualMeshModel(STRUCTURE, output_dims=3)
    rng = np.random.default_rng(0)
    points = rng.random((9, 3)).astype("float32")
    graph = rng.integers(0, 9, size=(9, 7)).astype("int32")
    return model, [points, graph]
