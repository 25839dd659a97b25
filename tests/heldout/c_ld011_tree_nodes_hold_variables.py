"""A genetic-programming tree layer whose per-node operator weights live on plain Python node objects.

The report builds a binary tree "where each node on an internal tree structure stores weights which
describe the probability that an operator will be selected", and cannot hook those weights into the
layer's training. Ported to Keras 3: the nodes are plain objects holding `keras.Variable`s.
"""

SOURCE = "https://github.com/keras-team/keras/issues/4320"
CODES = ("LD011",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld011_tree_nodes_hold_variables.py:
as returned: Functional, count_params() = 81, 4 weights, unbuilt: none
after call: count_params() = 81, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 3 variables the model does not track: ['tree_layer/ops_0:0', 'tree_layer/ops_1:0', 'tree_layer/ops_1:0']
params of the case's own layers: {'tree_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops

OPERATORS = (ops.add, ops.multiply, ops.maximum)


class Node:
    def __init__(self, depth):
        self.op_logits = keras.Variable(keras.random.normal((len(OPERATORS),), seed=depth), name=f"ops_{depth}")
        self.children = [Node(depth + 1), Node(depth + 1)] if depth < 2 else []

    def evaluate(self, x):
        if not self.children:
            return x
        left, right = (child.evaluate(x) for child in self.children)
        probs = ops.softmax(self.op_logits)
        return sum(probs[i] * op(left, right) for i, op in enumerate(OPERATORS))


class TreeLayer(keras.layers.Layer):
    def build(self, input_shape):
        self.root = Node(0)

    def call(self, x):
        return self.root.evaluate(x)


def build_model():
    inputs = keras.Input((8,))
    x = keras.layers.Dense(8)(inputs)
    x = TreeLayer()(x)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
