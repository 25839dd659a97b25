"""A subclassed model with its own `train_step` (GradientTape over `self.trainable_variables`) and a custom layer whose weights come from `add_weight`.

The guide on customising `fit()` computes gradients by hand in `train_step`; nothing in the model is
created in the step, and the layer's weights are created in `build()`.
"""

SOURCE = "https://keras.io/guides/custom_train_step_in_tensorflow/"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_custom_train_step_weights_in_build.py:
as returned: CustomModel, count_params() = 161, 4 weights, unbuilt: none
after call: count_params() = 161, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear': 144, 'linear_1': 17}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras
from keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class CustomModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = Linear(16)
        self.out = Linear(1)
        self.loss_tracker = keras.metrics.Mean(name="loss")

    def call(self, x):
        return self.out(ops.relu(self.hidden(x)))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = ops.mean(ops.square(y - y_pred))
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        return {"loss": self.loss_tracker.result()}


def build_model():
    model = CustomModel()
    model.compile(optimizer="adam")
    x = ops.ones((4, 8))
    model(x)
    return model, x
