"""Correct: one Sequential sentence encoder (Embedding, Flatten, Dense) applied to a left and a right sentence.

The Keras 0.x report used the old Graph API's `add_shared_node` for this and hit a bug; in the
functional API the same encoder instance is simply called on both integer inputs and its weights
are shared and counted once, which is the point.
"""

SOURCE = "https://github.com/keras-team/keras/issues/1254"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_shared_sentence_encoder_int_inputs.py:
as returned: Functional, count_params() = 644, 5 weights, unbuilt: none
after call: count_params() = 644, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras


def build_model(vocab=40, length=4):
    encoder = keras.Sequential([
        keras.Input((length,), dtype="int32"),
        keras.layers.Embedding(vocab, 6),
        keras.layers.Flatten(),
        keras.layers.Dense(12),
        keras.layers.Dense(8),
    ], name="arg_comp")
    left = keras.Input((length,), dtype="int32", name="left")
    right = keras.Input((length,), dtype="int32", name="right")
    similarity = keras.layers.Dot(axes=1)([encoder(left), encoder(right)])
    return keras.Model([left, right], keras.layers.Activation("sigmoid")(similarity))
