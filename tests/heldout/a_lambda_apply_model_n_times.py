"""A Lambda that applies a whole functional model three times: its weights are not saved with the outer model.

The report compares `Lambda(apply_n_times(model1, 3))` with calling `model1` three times directly: the
second is the supported form; with the Lambda, `model2.weights` is empty and saving drops model1's
weights silently.
"""

SOURCE = "https://github.com/keras-team/keras/issues/9740"
CODES = ("LD012",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_lambda_apply_model_n_times.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['dense/kernel:0', 'dense/bias:0']
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def apply_n_times(model, n):
    def apply(x):
        for _ in range(n):
            x = model(x)
        return x
    return apply


def build_model():
    inputs = keras.Input((4,))
    model1 = keras.Model(inputs, layers.Dense(4, activation="relu")(inputs))

    inputs2 = keras.Input((4,))
    outputs2 = layers.Lambda(apply_n_times(model1, 3), output_shape=(4,))(inputs2)
    model2 = keras.Model(inputs2, outputs2)
    model2.compile("rmsprop", "mse")
    return model2
