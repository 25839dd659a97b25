"""DeepMatch's MIND `CapsuleLayer` (multi-interest extractor): dynamic routing keeps its routing logits
`B` in a non-trainable `add_weight` and updates them with `self.routing_logits.assign_add(...)` inside
`call()`, while the trainable bilinear map `S` is read on every routing iteration.

A weight that is written inside `call()`, never gets a gradient and is marked `trainable=False` looks
like state mis-created or lost; a loop that re-reads a variable after assigning it looks like a stale
copy. Both are intended: `B` is routing *state* (Keras keeps it as a non-trainable weight, counted and
saved), and `S` receives its gradient through every iteration. On Keras 3 the layer wires into a
functional model, `S` gets a gradient and `fit` runs.

Porting edits: `keep_dims=` -> `keepdims=` (TF 2 name) in `reduce_sum`; `tensorflow.python.keras`
imports -> `keras`; wired on a (5, 8) behaviour-embedding input and an int sequence-length input
instead of the full MIND model (`deepmatch/models/mind.py` builds this layer the same way); sizes
shrunk (k_max 2, 8 units).
"""

SOURCE = "https://github.com/shenweichen/DeepMatch/blob/master/deepmatch/models/mind.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okj_mind_capsule_routing_logits_assigned_in_call.py:
as returned: Functional, count_params() = 74, 2 weights, unbuilt: none
after call: count_params() = 74, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'capsule_layer': 74}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14b/p7.py): wired model count_params() 74 (B 1x2x5 non-trainable + S 8x8); gradient of
sum(output) for 'capsule_layer/S' is not None; model.fit one step on zeros runs."""

import numpy as np
import tensorflow as tf
import keras
from keras.initializers import RandomNormal
from keras.layers import Layer


class CapsuleLayer(Layer):
    def __init__(self, input_units, out_units, max_len, k_max, iteration_times=3,
                 initializer=RandomNormal(stddev=1.0), **kwargs):
        self.input_units = input_units
        self.out_units = out_units
        self.max_len = max_len
        self.k_max = k_max
        self.iteration_times = iteration_times
        self.initializer = initializer
        super(CapsuleLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        self.routing_logits = self.add_weight(shape=[1, self.k_max, self.max_len], initializer=self.initializer,
                                              trainable=False, name="B", dtype=tf.float32)
        self.bilinear_mapping_matrix = self.add_weight(shape=[self.input_units, self.out_units],
                                                       initializer=self.initializer,
                                                       name="S", dtype=tf.float32)
        super(CapsuleLayer, self).build(input_shape)

    def call(self, inputs, **kwargs):
        behavior_embddings, seq_len = inputs
        batch_size = tf.shape(behavior_embddings)[0]
        seq_len_tile = tf.tile(seq_len, [1, self.k_max])

        for i in range(self.iteration_times):
            mask = tf.sequence_mask(seq_len_tile, self.max_len)
            pad = tf.ones_like(mask, dtype=tf.float32) * (-2 ** 32 + 1)
            routing_logits_with_padding = tf.where(mask, tf.tile(self.routing_logits, [batch_size, 1, 1]), pad)
            weight = tf.nn.softmax(routing_logits_with_padding)
            behavior_embdding_mapping = tf.tensordot(behavior_embddings, self.bilinear_mapping_matrix, axes=1)
            Z = tf.matmul(weight, behavior_embdding_mapping)
            interet_capsules = squash(Z)
            delta_routing_logits = tf.reduce_sum(
                tf.matmul(interet_capsules, tf.transpose(behavior_embdding_mapping, perm=[0, 2, 1])),
                axis=0, keepdims=True
            )
            self.routing_logits.assign_add(delta_routing_logits)
        interet_capsules = tf.reshape(interet_capsules, [-1, self.k_max, self.out_units])
        return interet_capsules

    def compute_output_shape(self, input_shape):
        return (None, self.k_max, self.out_units)


def squash(inputs):
    vec_squared_norm = tf.reduce_sum(tf.square(inputs), axis=-1, keepdims=True)
    scalar_factor = vec_squared_norm / (1 + vec_squared_norm) / tf.sqrt(vec_squared_norm + 1e-8)
    vec_squashed = scalar_factor * inputs
    return vec_squashed


def build_model():
    hist_emb = keras.Input((5, 8), name="hist_emb")
    hist_len = keras.Input((1,), dtype="int32", name="hist_len")
    high_capsule = CapsuleLayer(input_units=8, out_units=8, max_len=5, k_max=2)([hist_emb, hist_len])
    model = keras.Model([hist_emb, hist_len], high_capsule)
    inputs = [np.random.default_rng(0).random((2, 5, 8)).astype("float32"), np.array([[3], [5]], dtype="int32")]
    return model, inputs
