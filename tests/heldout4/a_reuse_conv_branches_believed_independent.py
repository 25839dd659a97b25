"""Two branches call the same `conv_layer` instance; the author's comment says the second use has "independent weights".

A tutorial on reusing layers in functional models defines `conv_layer = Conv2D(32, (3, 3))` once,
then builds branch 1 (`conv_layer(input)` -> pool -> Dense) and branch 2 (`conv_layer(input)` ->
a different pooling -> Dense), commenting the second call as "independent weights", and merges the
two heads. Calling one instance twice shares its kernel: the model has one conv kernel, not two,
and both branches see the same feature maps. Nothing crashes; the count is 320 conv parameters
short of what the author describes (the intended fix is a second Conv2D instance).
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/how-can-keras-functional-models-layers-be-reused.md"
CODES = ("LD007",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py a_reuse_conv_branches_believed_independent.py:
as returned: Functional, count_params() = 75110, 8 weights, unbuilt: none
after call: count_params() = 75110, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python: Conv2D layers of build_model()): 1 Conv2D layer, 320 params, 2 inbound nodes: both
branches run the same kernel; the "independent" second convolution the comment describes does not exist."""

import keras
from keras import layers


def build_model():
    conv_layer = layers.Conv2D(32, (3, 3), activation="relu")
    input_tensor = keras.Input(shape=(28, 28, 1))

    x = conv_layer(input_tensor)
    x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    branch1_output = layers.Dense(10, activation="softmax")(x)

    y = conv_layer(input_tensor)  # meant as a second, independent convolution
    y = layers.MaxPooling2D((3, 3))(y)
    y = layers.Flatten()(y)
    branch2_output = layers.Dense(10, activation="softmax")(y)

    merged = layers.concatenate([branch1_output, branch2_output])
    merged = layers.Dense(10, activation="softmax")(merged)
    return keras.Model(inputs=input_tensor, outputs=merged)
