"""TensorFlow Addons' `Snake` activation layer (learnable-frequency periodic activation, x + sin^2(a x)/a
written as (1 - cos(2 a x)) / (2 a)) creates its frequency with `self.add_weight(...)` in `__init__`,
with no shape and no `build()`.

From tensorflow/addons (`tensorflow_addons/layers/snake.py`). Looks like a weight made in `__init__`
before any input is seen, and like a learnable physical constant that may not be tracked or shaped;
on Keras 3 `add_weight` with no shape makes a scalar variable, tracked, counted (1 parameter) and
trained through both the `cos` term and the division in `call()`.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); the `@typechecked` decorator and the
`types.Initializer` annotation dropped; `register_keras_serializable(package="Addons")` kept through
`keras.saving`; `build_model()` wires Dense(8) -> Snake -> Dense(1) on 4 features (the paper's use
as the activation of a small regression MLP for periodic signals).
"""

SOURCE = "https://github.com/tensorflow/addons/blob/a029857803c42f6a412c14165414a3f74f9e81b1/tensorflow_addons/layers/snake.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okg_tfaddons_snake_frequency_add_weight_in_init_no_shape.py:
as returned: Functional, count_params() = 50, 5 weights, unbuilt: none
after call: count_params() = 50, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'snake': 1}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine22b/pfit.py, SGD(0.1), mse, one fit step): 5/5 trainable weights change, the scalar snake frequency included."""

import tensorflow as tf
import keras


@keras.saving.register_keras_serializable(package="Addons")
class Snake(keras.layers.Layer):
    """Snake layer to learn periodic functions with the 'frequency' param trainable.

    https://arxiv.org/abs/2006.08195
    """

    def __init__(self, freq_initializer="ones", **kwargs):
        """
        freq_initializer: Initializer for the 'frequency' param.
        """
        super().__init__(**kwargs)
        self.freq_initializer = keras.initializers.get(freq_initializer)
        self.freq = self.add_weight(initializer=freq_initializer, trainable=True)

    def call(self, inputs):
        return inputs + (1 - tf.cos(2 * self.freq * inputs)) / (2 * self.freq)

    def get_config(self):
        config = {
            "freq_initializer": keras.initializers.serialize(self.freq_initializer),
        }
        base_config = super().get_config()
        return {**base_config, **config}


def build_model():
    inp = keras.Input((4,))
    x = keras.layers.Dense(8)(inp)
    x = Snake()(x)
    out = keras.layers.Dense(1)(x)
    return keras.Model(inp, out)
