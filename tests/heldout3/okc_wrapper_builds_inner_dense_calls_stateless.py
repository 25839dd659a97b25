"""A wrapper layer builds its inner `Dense` in `build()` and runs it through `stateless_call` in `call()`.

The report wraps a Keras layer so it can be traced by `jax2tf`/`call_tf`: the wrapper creates
`self._layer = Dense(units)` in `__init__`, builds it explicitly in `build()`, and in `call()`
evaluates it with `self._layer.stateless_call(trainable_variables, non_trainable_variables, x)`
passing the inner layer's own variables. The inner weights belong to the wrapper and are read in
every call. Rewritten without the JAX bridge.
"""

SOURCE = "https://github.com/jax-ml/jax/issues/18315"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_wrapper_builds_inner_dense_calls_stateless.py:
as returned: Functional, count_params() = 29, 4 weights, unbuilt: none
after call: count_params() = 29, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stateless_wrapper': 24}
second call: 0 variables watched that the first call did not use"""

import keras


class StatelessWrapper(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self._layer = keras.layers.Dense(units)

    def build(self, input_shape):
        self._layer.build(input_shape)

    def call(self, x):
        outputs, _ = self._layer.stateless_call(self._layer.trainable_variables,
                                                self._layer.non_trainable_variables, x)
        return outputs


def build_model():
    inputs = keras.Input((5,))
    x = StatelessWrapper(4)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
