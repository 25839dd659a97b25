"""keras.io's "Classification with Neural Decision Forests" example (Keras 3 version): each tree is a
Model subclass holding a leaf-distribution weight made with `add_weight` in `__init__`, a random
feature mask stored as a constant tensor, and a routing Dense layer; the forest keeps its trees in a
plain list - all correct on Keras 3.

`NeuralDecisionTree.__init__` creates `self.pi = self.add_weight(shape=[num_leaves, num_classes])`
(no input dimension needed), stores `self.used_features_mask = ops.convert_to_tensor(one_hot[...])`
(a fixed random subset of features, deliberately not trainable) and `self.decision_fn = Dense(...)`;
`call()` applies the mask, routes with `layers.concatenate([decisions, 1 - decisions])` (a new,
weightless Concatenate layer each call) and multiplies by `softmax(self.pi)`. `NeuralDecisionForest`
appends trees to `self.ensemble = []` and averages them, starting from `ops.zeros([batch_size,
num_classes])` where `num_classes` is a module-level global. A raw tensor on `self`, a weight made in
`__init__` of a Model, a layer created in `call()` and a Python list of submodels all look like lost
state; on Keras 3 every tree's `pi` and routing Dense are tracked, counted and trained.

Porting edits: the census-income input encoding (StringLookup + Embedding per feature) is replaced by
a plain 12-feature input with BatchNormalization, as the example does after encoding; sizes reduced
(3 trees of depth 3, 2 classes); otherwise the two classes are the example's.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/1152d88/examples/structured_data/deep_neural_decision_forests.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/okq_kerasio_neural_decision_forest_pi_weight_and_feature_mask.py:
as returned: Functional, count_params() = 264, 13 weights, unbuilt: none
after call: count_params() = 264, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'neural_decision_forest': 216, 'neural_decision_tree_2': 72, 'neural_decision_tree_1': 72, 'neural_decision_tree': 72}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine15a/probe.py - one SGD fit step changes 11 of 11 trainable weights. Inline tape
check with sparse categorical crossentropy: every tree's pi (`neural_decision_tree*/variable*`) and
decision kernel/bias get non-zero gradients (max |g| 1e-4 .. 2e-2); the feature masks are constants by
design (not weights)."""

import numpy as np
import keras
from keras import layers, ops

num_classes = 2


class NeuralDecisionTree(keras.Model):
    def __init__(self, depth, num_features, used_features_rate, num_classes):
        super().__init__()
        self.depth = depth
        self.num_leaves = 2**depth
        self.num_classes = num_classes

        # Create a mask for the randomly selected features.
        num_used_features = int(num_features * used_features_rate)
        one_hot = np.eye(num_features)
        sampled_feature_indices = np.random.choice(
            np.arange(num_features), num_used_features, replace=False
        )
        self.used_features_mask = ops.convert_to_tensor(
            one_hot[sampled_feature_indices], dtype="float32"
        )

        # Initialize the weights of the classes in leaves.
        self.pi = self.add_weight(
            initializer="random_normal",
            shape=[self.num_leaves, self.num_classes],
            dtype="float32",
            trainable=True,
        )

        # Initialize the stochastic routing layer.
        self.decision_fn = layers.Dense(
            units=self.num_leaves, activation="sigmoid", name="decision"
        )

    def call(self, features):
        batch_size = ops.shape(features)[0]

        # Apply the feature mask to the input features.
        features = ops.matmul(
            features, ops.transpose(self.used_features_mask)
        )  # [batch_size, num_used_features]
        # Compute the routing probabilities.
        decisions = ops.expand_dims(
            self.decision_fn(features), axis=2
        )  # [batch_size, num_leaves, 1]
        # Concatenate the routing probabilities with their complements.
        decisions = layers.concatenate(
            [decisions, 1 - decisions], axis=2
        )  # [batch_size, num_leaves, 2]

        mu = ops.ones([batch_size, 1, 1])

        begin_idx = 1
        end_idx = 2
        # Traverse the tree in breadth-first order.
        for level in range(self.depth):
            mu = ops.reshape(mu, [batch_size, -1, 1])  # [batch_size, 2 ** level, 1]
            mu = ops.tile(mu, (1, 1, 2))  # [batch_size, 2 ** level, 2]
            level_decisions = decisions[
                :, begin_idx:end_idx, :
            ]  # [batch_size, 2 ** level, 2]
            mu = mu * level_decisions  # [batch_size, 2**level, 2]
            begin_idx = end_idx
            end_idx = begin_idx + 2 ** (level + 1)

        mu = ops.reshape(mu, [batch_size, self.num_leaves])  # [batch_size, num_leaves]
        probabilities = keras.activations.softmax(self.pi)  # [num_leaves, num_classes]
        outputs = ops.matmul(mu, probabilities)  # [batch_size, num_classes]
        return outputs


class NeuralDecisionForest(keras.Model):
    def __init__(self, num_trees, depth, num_features, used_features_rate, num_classes):
        super().__init__()
        self.ensemble = []
        # Initialize the ensemble by adding NeuralDecisionTree instances.
        # Each tree will have its own randomly selected input features to use.
        for _ in range(num_trees):
            self.ensemble.append(
                NeuralDecisionTree(depth, num_features, used_features_rate, num_classes)
            )

    def call(self, inputs):
        # Initialize the outputs: a [batch_size, num_classes] matrix of zeros.
        batch_size = ops.shape(inputs)[0]
        outputs = ops.zeros([batch_size, num_classes])

        # Aggregate the outputs of trees in the ensemble.
        for tree in self.ensemble:
            outputs += tree(inputs)
        # Divide the outputs by the ensemble size to get the average.
        outputs /= len(self.ensemble)
        return outputs


def build_model():
    np.random.seed(0)
    inputs = keras.Input(shape=(12,))
    features = layers.BatchNormalization()(inputs)
    num_features = features.shape[1]
    forest_model = NeuralDecisionForest(
        num_trees=3, depth=3, num_features=num_features, used_features_rate=0.5,
        num_classes=num_classes
    )
    outputs = forest_model(features)
    return keras.Model(inputs=inputs, outputs=outputs)
