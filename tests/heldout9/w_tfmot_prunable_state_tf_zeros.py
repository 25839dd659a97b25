"""Prunable recurrent layer keeps its state matrix `b` as a `tf.zeros` tensor made in `build()`.

From tensorflow/model-optimization issue #875 ("How to prune a custom tensor? The tensor is a
recursive variable and is initialized with tf.zeros"): a custom layer mixes in
`tfmot.sparsity.keras.PrunableLayer`, creates its `weight` with `add_weight` but creates the
recurrent matrix `b` as `tf.zeros(...)` and lists both in `get_prunable_weights()`. `b` is a
plain tensor: it is not a weight of the layer, not counted, never trained, and the pruning
wrapper cannot mask it. (tfmot is not installed here; the mixin is reproduced as a small ABC.)
"""

SOURCE = "https://github.com/tensorflow/model-optimization/issues/875"
CODES = ("LD001",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py w_tfmot_prunable_state_tf_zeros.py:
as returned: Functional, count_params() = 85, 3 weights, unbuilt: none
after call: count_params() = 85, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pruning_layer': 72}
second call: 0 variables watched that the first call did not use
note: 72 = the 1x6x3x4 `weight` only; the 3x4x4 recurrent matrix `b` (48 values) is a constant
tensor, not among the layer's weights, so it is never trained and cannot be pruned."""

import abc

import tensorflow as tf


class PrunableLayer(abc.ABC):
    """Stand-in for tfmot.sparsity.keras.PrunableLayer (same contract)."""

    @abc.abstractmethod
    def get_prunable_weights(self):
        raise NotImplementedError("Must be implemented in subclasses.")


class PruningLayer(tf.keras.layers.Layer, PrunableLayer):
    def __init__(self, n, d, **kwargs):
        super(PruningLayer, self).__init__(**kwargs)
        self.n = n
        self.d = d

    def build(self, input_shape):
        self.weight = self.add_weight(
            name="weight",
            shape=[1, input_shape[-1], self.n, self.d],
            initializer="glorot_uniform",
            trainable=True,
        )
        # recursive term, mixed into the state at every step
        self.b = tf.zeros([self.n, self.d, self.d])

    def call(self, inputs):
        # inputs: (batch, time, features)
        proj = tf.einsum("btf,ofnd->btnd", inputs, self.weight)
        state = tf.zeros_like(proj[:, 0])
        outputs = []
        for t in range(inputs.shape[1]):
            state = tf.tanh(proj[:, t] + tf.einsum("bnd,nde->bne", state, self.b))
            outputs.append(state)
        out = tf.stack(outputs, axis=1)
        return tf.reshape(out, [-1, inputs.shape[1], self.n * self.d])

    def get_prunable_weights(self):
        return [self.weight, self.b]

    def get_config(self):
        config = super().get_config()
        config.update({"n": self.n, "d": self.d})
        return config


def build_model():
    inputs = tf.keras.Input(shape=(5, 6))
    x = PruningLayer(n=3, d=4)(inputs)
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
