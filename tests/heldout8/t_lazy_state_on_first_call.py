"""Layer that creates its weights lazily on the first call() (`if self.kernel is None: self.kernel = self.add_weight(...)`).

A keras-io documentation PR changed the custom-layer guide to say, per fchollet, that "Keras layer
state can be created as late as first call()" -- the tf.keras 2 contract, where a layer without a
build() could add weights in its first __call__. Users wrote layers exactly like that, guarding the
creation with a None check. Keras 3 builds (and locks) the layer before call() runs, so the guarded
add_weight is refused as soon as the layer is wired into a model.
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/647"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py t_lazy_state_on_first_call.py:
build_model() raised ValueError: Exception encountered when calling LazyLinear.call().
(the full message: You cannot add new elements of state (variables or sub-layers) to a layer that is
already built. All state must be created in the `__init__()` method or in the `build()` method.)"""

import keras
from keras import ops


class LazyLinear(keras.layers.Layer):
    """A Dense-like layer whose input dimension is discovered on first use."""

    def __init__(self, units=32, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.use_bias = use_bias
        self.kernel = None
        self.bias = None

    def _create_state(self, input_dim):
        self.kernel = self.add_weight(shape=(input_dim, self.units), initializer="glorot_uniform",
                                      name="kernel")
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        if self.kernel is None:
            # state can be created as late as the first call
            self._create_state(inputs.shape[-1])
        outputs = ops.matmul(inputs, self.kernel)
        if self.bias is not None:
            outputs = outputs + self.bias
        return outputs

    def get_config(self):
        return {**super().get_config(), "units": self.units, "use_bias": self.use_bias}


def mlp(units=(32, 16), out=1):
    return keras.Sequential([LazyLinear(u) for u in units] + [LazyLinear(out)])


def build_model(n_features=6):
    inputs = keras.Input(shape=(n_features,))
    outputs = mlp()(inputs)
    return keras.Model(inputs, outputs)
