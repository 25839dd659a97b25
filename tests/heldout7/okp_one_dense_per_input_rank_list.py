"""Correct: a list of `Dense(2)` layers made with a comprehension, one per input of rank 2 to 5, because the inputs have different last dimensions.

A blog post on the flexibility of Keras Dense layers builds four inputs of shapes (1, 2),
(1, 2, 3), (1, 2, 3, 4), (1, 2, 3, 4, 5), makes `dense_layers = [tf.keras.layers.Dense(2) for _ in
inputs]` ("a different dense layer for each input since they have different shapes") and prints
each kernel shape (2, 2), (3, 2), (4, 2), (5, 2). Layers created in a list comprehension and
zipped with inputs look like an untracked container or an incompatible reuse; here each layer is
called once on its own input inside a functional model, so all four are built, counted and trained.
"""

SOURCE = "https://gravila.dev/on-the-flexibility-of-dense-layers-in-keras/"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py okp_one_dense_per_input_rank_list.py:
as returned: Functional, count_params() = 36, 8 weights, unbuilt: none
after call: count_params() = 36, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


def build_model():
    inputs = [
        tf.keras.Input(shape=(2,)),
        tf.keras.Input(shape=(2, 3)),
        tf.keras.Input(shape=(2, 3, 4)),
        tf.keras.Input(shape=(2, 3, 4, 5)),
    ]
    dense_layers = [tf.keras.layers.Dense(2) for _ in inputs]
    outputs = [layer(i) for i, layer in zip(inputs, dense_layers)]
    return tf.keras.Model(inputs, outputs)
