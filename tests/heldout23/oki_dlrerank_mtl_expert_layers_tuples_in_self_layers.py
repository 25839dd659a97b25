"""Multi-task re-ranking experts that keep their sublayers as `(bn, drop, dense)` tuples appended to
`self.layers = []` on a plain Keras `Layer`, and a softmax gate that takes a dict input
`{'shared_bottom': ..., 'experts': [...]}`.

From jianzhu/dl-rerank (`modeling/mtl/expert.py` and `modeling/mtl/gate.py`, used by
`modeling/mtl/tasks.py`: one `Expert` per task and a `Gate` per task over the shared bottom). It looks
buggy in two ways: `self.layers` is the name of a read-only property on Keras models, and the layers
are hidden inside tuples inside a list, which looks like an untracked container. On Keras 3 a `Layer`
(not a `Model`) has no `layers` property, the list becomes a tracked list and the tuples' layers are
tracked too: every BatchNormalization, Dense and gate weight is counted and trained, and the
BatchNormalization statistics are non-trainable weights of the expert.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); the `Tasks` layer (absl FLAGS, JSON config
files, losses) replaced by `build_model()`, which wires its MMoE part with the JSON expert config given
inline ([6 relu, 4 relu] instead of e.g. [64, 32]), 2 tasks, sequences of T = 3 items with H = 5
features, and a Dense(1) head per task.
"""

SOURCE = "https://github.com/jianzhu/dl-rerank/blob/471952b58a448a76cee71415b4547dd5603b0129/modeling/mtl/expert.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/oki_dlrerank_mtl_expert_layers_tuples_in_self_layers.py:
as returned: Functional, count_params() = 250, 32 weights, unbuilt: none
after call: count_params() = 250, 24 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 24 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'expert': 108, 'expert_1': 108, 'gate': 12, 'gate_1': 12}
second call: 0 variables watched that the first call did not use
Counts as intended: each Expert 108 = BN(5) 20 + Dense 5*6+6 + BN(6) 24 + Dense 6*4+4, with its 4 BN
moving statistics among the 8 non-trainable weights of the model (32 weights - 24 trainable); each Gate
12 = 4*2+2 + nothing for its never-called Dropout; heads 2*(4+1); /tmp/mine23b/expertprobe.py: e.layers
is a keras TrackedList of tuples and a tape on a training call watches all 8 trainable expert weights."""

import keras
import tensorflow as tf


class Expert(keras.layers.Layer):
    """Expert layer on top of Shared Bottom Layer

       ref: Recommending What Video to Watch Next: A Multitask Ranking System
    """

    def __init__(self, expert_config, dropout_rate):
        super(Expert, self).__init__()

        self.layers = []
        for layer in expert_config:
            bn = keras.layers.BatchNormalization(epsilon=1e-6)
            drop = keras.layers.Dropout(rate=dropout_rate)
            dense = keras.layers.Dense(units=layer['layer_units'], activation=layer['activation'])
            self.layers.append((bn, drop, dense))

    def call(self, inputs, training=False):
        x = inputs
        for bn, drop, dense in self.layers:
            x = bn(x, training=training)
            x = drop(x, training=training)
            x = dense(x)
        return x


class Gate(keras.layers.Layer):
    """Gate layer on top of Shared Bottom Layer and Expert

       ref: Recommending What Video to Watch Next: A Multitask Ranking System
    """

    def __init__(self, expert_num, gate_dropout):
        super(Gate, self).__init__()

        self.dense = keras.layers.Dense(units=expert_num, activation='softmax')
        self.dropout = keras.layers.Dropout(rate=gate_dropout)

    def call(self, inputs, training=False):
        shared_bottom = inputs['shared_bottom']
        experts = inputs['experts']

        # shape: (B, T, expert_num)
        weights = self.dense(shared_bottom)
        # shape: (B, T, 1, expert_num)
        weights = tf.expand_dims(weights, axis=-2)

        # shape: (B, T, expert_num, H)
        x = tf.stack(experts, axis=2)
        # shape: (B, T, 1, H)
        x = tf.matmul(weights, x)
        # shape: (B, T, H)
        return tf.squeeze(x, axis=[2])


EXPERT_CONFIG = [
    {"layer_units": 6, "activation": "relu"},
    {"layer_units": 4, "activation": "relu"},
]


def build_model(task_num=2):
    shared_bottom = keras.Input(shape=(3, 5), name="shared_bottom")
    experts = [Expert(EXPERT_CONFIG, 0.1) for _ in range(task_num)]
    gates = [Gate(task_num, 0.1) for _ in range(task_num)]
    expert_xs = [expert(shared_bottom) for expert in experts]
    outputs = []
    for gate in gates:
        task_x = gate({'shared_bottom': shared_bottom, 'experts': expert_xs})
        outputs.append(keras.layers.Dense(1)(task_x))
    return keras.Model(shared_bottom, outputs)
