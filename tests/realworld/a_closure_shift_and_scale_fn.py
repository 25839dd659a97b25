"""RealNVP-style coupling layer whose shift/scale network lives in a closure returned by a factory.

The TFP report builds `make_shift_and_log_scale_fn(hidden_layer_sizes)`: it creates a
`Sequential` MLP and returns an inner function that calls it (and creates a final `Dense`
inside the function). Handing that closure to a bijector, the reporter found the variables
impossible to reach. The same pattern inside a Keras 3 layer: the closure stored on `self` is a
plain function, so the MLP it captures is not tracked, not counted, not trained.
"""

SOURCE = "https://github.com/tensorflow/probability/issues/1282"
CODES = ("LD011", "LD002")
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.count_params() == 0 and model.weights == []: the Sequential MLP captured by the closure on
self.shift_and_log_scale_fn (two Dense(32)) is not tracked, and the final Dense created inside the
closure is new on every call (model(x) twice on the same x gives different outputs); no warning."""

import keras
from keras import ops


def make_shift_and_log_scale_fn(hidden_layer_sizes, name=None):
    mlp_body = keras.Sequential(
        [keras.layers.Dense(h, activation="relu") for h in hidden_layer_sizes],
        name=name,
    )

    def shift_and_log_scale_fn(x, output_units):
        out = mlp_body(x)
        out = keras.layers.Dense(2 * output_units)(out)
        shift, log_scale = ops.split(out, 2, axis=-1)
        return shift, log_scale

    return shift_and_log_scale_fn


class AffineCoupling(keras.layers.Layer):
    def __init__(self, num_masked, hidden=(32, 32), **kwargs):
        super().__init__(**kwargs)
        self.num_masked = num_masked
        self.shift_and_log_scale_fn = make_shift_and_log_scale_fn(hidden, name="nvp_mlp")

    def call(self, x):
        x0 = x[:, : self.num_masked]
        x1 = x[:, self.num_masked :]
        shift, log_scale = self.shift_and_log_scale_fn(x0, x1.shape[-1])
        y1 = x1 * ops.exp(log_scale) + shift
        return ops.concatenate([x0, y1], axis=-1)


def build_model():
    inputs = keras.Input((3,))
    outputs = AffineCoupling(num_masked=2)(inputs)
    return keras.Model(inputs, outputs)
