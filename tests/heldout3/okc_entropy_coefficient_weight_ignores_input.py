"""An SAC entropy-coefficient layer creates one `add_weight` in `__init__` and ignores its input in `call()`.

The report (Keras Core, JAX backend) wraps the learnable log entropy coefficient of a soft
actor-critic agent in a layer: `add_weight(shape=(1, 1))` in `__init__`, and `call()` returns
`exp(log_ent_coef)` whatever it is given. The trouble was `jax.jit` of `stateless_call`; the layer
itself is fine: a fixed-shape weight needs no `build()`, and the unused input is deliberate.
"""

SOURCE = "https://github.com/keras-team/keras/issues/18574"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_entropy_coefficient_weight_ignores_input.py:
as returned: Functional, count_params() = 1, 1 weights, unbuilt: none
after call: count_params() = 1, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'entropy_coef_layer': 1}
second call: 0 variables watched that the first call did not use"""

import keras


class EntropyCoefLayer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.log_ent_coef = self.add_weight(shape=(1, 1), initializer="zeros", trainable=True, name="log_ent_coef")

    def call(self, no_input):
        return keras.ops.exp(self.log_ent_coef)


def build_model():
    inputs = keras.Input(shape=(3,))
    outputs = EntropyCoefLayer()(inputs)
    return keras.Model(inputs, outputs)
