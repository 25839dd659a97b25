"""A "learned bias" branch: `Dense(16, use_bias=False)(tf.ones((1, 10)))` is called on a concrete tensor while wiring, then added.

A post on quantization graph nodes builds its "more complex graph segment" as
`Add()([dense_layer, Dense(16, use_bias=False)(tf.ones((1, 10)))])` before a ReLU, meaning a
trainable bias branch. The second Dense is called eagerly on a real tensor, not on a KerasTensor:
it returns a concrete (1, 16) tensor that the functional graph embeds as a constant. That Dense is
no node of the model: its kernel is not among the model's weights, is not counted, not saved and
never trained; the "bias" stays at its random initial value.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/do-tensorflows-quantizenodes-graph-transformations-reference-nonexistent-hat.md"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py a_eager_bias_dense_called_on_ones_while_wiring.py:
as returned: Functional, count_params() = 176, 2 weights, unbuilt: none
after call: count_params() = 176, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python: [type(l).__name__ for l in build_model().layers]): ['InputLayer', 'Dense', 'Add', 'ReLU']: one
Dense only (176 = 10*16 + 16); the bias-branch Dense and its 160-weight kernel are not part of the model."""

import keras
import tensorflow as tf


def build_model():
    input_tensor = keras.layers.Input(shape=(10,))
    dense_layer = keras.layers.Dense(16)(input_tensor)
    bias_branch = keras.layers.Dense(16, use_bias=False)(tf.ones((1, 10)))
    biased_layer = keras.layers.Add()([dense_layer, bias_branch])
    relu_layer = keras.layers.ReLU()(biased_layer)
    return keras.Model(inputs=input_tensor, outputs=relu_layer)
