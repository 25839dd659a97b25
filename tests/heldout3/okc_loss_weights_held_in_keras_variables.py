"""Two-output model whose loss weights are `keras.Variable`s made outside the model and changed between fits.

The report (a PR) lets `compile(loss_weights=...)` take `keras.Variable`s so a schedule can
`assign` new values between `fit` calls. The variables live at module level, outside every layer,
which looks like untracked state; but they are hyper-parameters of the loss, not weights: the
model's `call()` never reads them and they must not be trained or counted.
"""

SOURCE = "https://github.com/keras-team/keras/pull/20306"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_loss_weights_held_in_keras_variables.py:
as returned: Functional, count_params() = 8, 4 weights, unbuilt: none
after call: count_params() = 8, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras

loss_weights = [
    keras.Variable(initializer="ones", shape=(), trainable=False, name="weight_a"),
    keras.Variable(initializer="ones", shape=(), trainable=False, name="weight_b"),
]


def build_model():
    inputs = keras.layers.Input(shape=(3,), name="input_a")
    output_a = keras.layers.Dense(1, name="output_a")(inputs)
    output_b = keras.layers.Dense(1, name="output_b", activation="sigmoid")(inputs)
    model = keras.Model(inputs, [output_a, output_b])
    model.compile(optimizer="sgd", loss=["mean_squared_error", "binary_crossentropy"], loss_weights=loss_weights)
    loss_weights[0].assign(0.00001)
    return model
