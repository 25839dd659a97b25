"""A "MAML" helper for remaining-useful-life regression: a plain Python class `MAML` holds one
`Sequential` (Dense 24 sigmoid with `input_shape=(input_size,)`, then 5, 3, 1) and two Adam optimizers;
`inner_loop()` fits the support set with a GradientTape and the inner optimizer, `outer_loop()` takes
one step on the query set with the outer optimizer, both on `self.model.trainable_variables`.

From bsdeprez/rul_predictions (`RemainingUsefulLifeProject/MAML/MAML.py`). Looks like weight
juggling gone wrong (a Keras model kept on a non-Layer object, two optimizers applied to the very
same variables, a tape per loop, `input_shape=` on the first Dense): on Keras 3 the Sequential is
built by its `input_shape` argument, every weight is counted and receives a gradient, and each
optimizer builds its own slots for the shared variables, so both loops update the one model. (It is
first-order fine-tuning rather than true MAML, but nothing is lost or untracked.)

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); the epoch-progress prints dropped;
`input_size` 14 -> 5 sensor features; `build_model()` returns `MAML(5).model` (no data, no training).
"""

SOURCE = "https://github.com/bsdeprez/rul_predictions/blob/9397ef9d0c6a3373651708f0bd176281a49b8104/RemainingUsefulLifeProject/MAML/MAML.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okaa_bsdeprez_rul_maml_inner_outer_adam_on_one_sequential.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Sequential, count_params() = 291, 8 weights, unbuilt: none
after call: count_params() = 291, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine28/a/p6.py, MAML(5, alpha=0.01, beta=0.01).train(x, y, x, y, 1) on 8 random rows): 8 of 8
trainable weights changed; the inner and the outer Adam each hold 18 variables (2 slots x 8 weights + iterations
+ learning rate), both built on the same model variables."""

import tensorflow as tf
import keras


def get_model(input_size):
    model = keras.Sequential([
        keras.layers.Dense(24, activation='sigmoid',
                           input_shape=(input_size,)),
        keras.layers.Dense(5),
        keras.layers.Dense(3),
        keras.layers.Dense(1)
    ])
    return model


class MAML:

    def __init__(self, input_size, alpha=0.0003, beta=0.0001):
        self.model = get_model(input_size)
        self.loss_object = keras.losses.MeanSquaredError()
        self.inner_loop_optimizer = keras.optimizers.Adam(learning_rate=alpha)
        self.outer_loop_optimizer = keras.optimizers.Adam(learning_rate=beta)

    def inner_loop(self, x_s, y_s, epochs):
        for epoch in range(epochs):
            with tf.GradientTape() as tape:
                predicted = self.model(x_s)
                loss_value = self.loss_object(y_s, predicted)
            grads = tape.gradient(loss_value, self.model.trainable_variables)
            self.inner_loop_optimizer.apply_gradients(zip(grads, self.model.trainable_variables))

    def outer_loop(self, x_t, y_t):
        with tf.GradientTape() as tape:
            predicted = self.model(x_t)
            loss_value = self.loss_object(y_t, predicted)
        grads = tape.gradient(loss_value, self.model.trainable_variables)
        self.outer_loop_optimizer.apply_gradients(zip(grads, self.model.trainable_variables))

    def train(self, x_s, y_s, x_t, y_t, epochs):
        for epoch in range(epochs):
            self.inner_loop(x_s, y_s, 5)
            self.outer_loop(x_t, y_t)


def build_model():
    return MAML(5).model
