"""Correct: one `Dense(16, relu)` instance called on two 8-feature inputs of a functional model, weights shared and counted once.

The Q&A page "How can I reuse a Dense layer?" explains that reusing a layer means calling the same
instance again (weight sharing, not copying): `shared_dense = tf.keras.layers.Dense(16,
activation="relu")`, applied to `input_a` and `input_b` (both `shape=(8,)`), model with both
encodings as outputs and `model.summary()`. A layer called twice looks like a double count or an
incompatible reuse; here the shapes match and the 144 weights are counted once and trained by both
branches.
"""

SOURCE = "https://codemia.io/knowledge-hub/path/how_can_i_reuse_a_dense_layer"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py okp_shared_dense_two_branches.py:
as returned: Functional, count_params() = 144, 2 weights, unbuilt: none
after call: count_params() = 144, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


def build_model():
    shared_dense = tf.keras.layers.Dense(16, activation="relu")

    input_a = tf.keras.Input(shape=(8,))
    input_b = tf.keras.Input(shape=(8,))

    encoded_a = shared_dense(input_a)
    encoded_b = shared_dense(input_b)

    model = tf.keras.Model(inputs=[input_a, input_b], outputs=[encoded_a, encoded_b])
    return model
