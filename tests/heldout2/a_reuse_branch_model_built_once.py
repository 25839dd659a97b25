"""A three-branch image model uses one VGG-style Sequential, built once "for laziness", as two of its branches.

In the Keras 1 thread on merging three branches, the reporter found the cause of their problem:
the left and middle branches should have been separate VGG stacks, but they constructed the
convolutional Sequential once and used it for both. In the functional API the second use shares
every weight with the first, so the "two" branches are one set of weights counted once.
"""

SOURCE = "https://github.com/keras-team/keras/issues/148"
CODES = ("LD007",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py a_reuse_branch_model_built_once.py:
as returned: Functional, count_params() = 1322, 8 weights, unbuilt: none
after call: count_params() = 1322, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python -c: import the case, build_model(), list Sequential layers with count_params()): one, sequential_1 with 808
params, serving both image branches; two separate branches would make count_params() 1322 + 808 = 2130"""

import keras
from keras import layers


def vgg_branch():
    return keras.Sequential([
        layers.ZeroPadding2D(1),
        layers.Conv2D(8, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(8, 3, activation="relu", padding="same"),
        layers.GlobalAveragePooling2D(),
    ])


def build_model():
    left_image = keras.Input((24, 24, 3))
    middle_image = keras.Input((24, 24, 3))
    right_features = keras.Input((32,))

    branch = vgg_branch()
    left = branch(left_image)
    middle = branch(middle_image)
    right = layers.Dense(8, activation="relu")(right_features)

    merged = layers.concatenate([left, middle, right])
    out = layers.Dense(10, activation="softmax")(merged)
    return keras.Model([left_image, middle_image, right_features], out)
