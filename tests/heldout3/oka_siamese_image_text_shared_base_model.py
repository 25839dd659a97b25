"""Correct: a Siamese pair model calls one two-input base model (image + text) on both pairs.

Following the Keras Siamese example, the report built `create_basemodel()` -- a functional model with
an image input and a text input, a Conv2D/MaxPooling branch, a concatenation and two Dense layers --
and applied the same `basemodel` to `(image_a, text_a)` and `(image_b, text_b)`. Reusing the base model
is the point of a Siamese network: its weights are counted once and trained from both sides.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5914"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_siamese_image_text_shared_base_model.py:
as returned: Functional, count_params() = 10306, 6 weights, unbuilt: none
after call: count_params() = 10306, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def create_basemodel():
    image_input = layers.Input(shape=(4, 1, 101))
    text_input = layers.Input(shape=(2,))
    conv = layers.Conv2D(16, (1, 5), padding="same", activation="relu")(image_input)
    pooled = layers.MaxPooling2D(pool_size=(1, 5), strides=(1, 3), padding="same")(conv)
    features = layers.concatenate([layers.Flatten()(pooled), text_input])
    hidden = layers.Dropout(0.5)(layers.Dense(32, activation="relu")(features))
    return keras.Model([image_input, text_input], layers.Dense(2, activation="softmax")(hidden))


def build_model():
    basemodel = create_basemodel()
    image_a, text_a = layers.Input((4, 1, 101)), layers.Input((2,))
    image_b, text_b = layers.Input((4, 1, 101)), layers.Input((2,))
    processed_a = basemodel([image_a, text_a])
    processed_b = basemodel([image_b, text_b])
    distance = layers.Lambda(lambda pair: ops.sqrt(ops.sum(ops.square(pair[0] - pair[1]), axis=1,
                                                                keepdims=True) + 1e-7))(
        [processed_a, processed_b])
    return keras.Model([image_a, text_a, image_b, text_b], distance)
