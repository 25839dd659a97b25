"""BayesFlow's backend-agnostic `Sequential` layer keeps its sublayers in `self._layers`, the attribute Keras 3 uses for its own bookkeeping, and exposes them through a `layers` property: counted, trained and saved.

`bayesflow.networks.Sequential(keras.Layer)` stores the layers it is given as `self._layers = layers`
(a tuple from `*layers`), builds each one by hand from `compute_output_shape`, and `MLP(Sequential)`
sets its configuration before `super().__init__(*blocks)`, building one block per width with a static
factory method. Overwriting `_layers` is a known Keras 3 trap: the weight saver skips that attribute,
so a layer that keeps its only references to sublayers there trains them but does not save them
(keras-team/keras#20260). BayesFlow's class also defines a public `layers` property returning the same
tuple, and the saver follows public attributes: the sublayers' weights are written and restored. So
this code, which looks like the trap plus a late `super().__init__()`, is correct on Keras 3.
"""

SOURCE = "https://github.com/bayesflow-org/bayesflow/blob/114b6cc39031288c7c103886ac3ddb33416f6ed1/bayesflow/networks/sequential/sequential.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_bayesflow_sequential_private_layers_attribute_with_layers_property.py:
as returned: Functional, count_params() = 1410, 6 weights, unbuilt: none
after call: count_params() = 1410, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mlp': 1344, 'sequential_1': 1056, 'sequential': 288}
second call: 0 variables watched that the first call did not use
extra check (python: save_weights to a temp .weights.h5, load_weights into a fresh build_model(), compare outputs):
the file has variable groups for layers/mlp/layers/sequential/layers/dense and .../sequential_1/layers/dense, and
the reloaded model gives the same outputs (np.allclose True). The same classes without the `layers` property
(measured in a scratch copy) save only layers/dense/vars and the reloaded outputs differ."""

from collections.abc import Sequence

import keras


class Sequential(keras.Layer):
    """A custom sequential model for managing a sequence of Keras layers."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        if len(layers) == 1 and isinstance(layers[0], Sequence):
            layers = layers[0]

        self._layers = layers

    def build(self, input_shape):
        if self.built:
            return
        for layer in self._layers:
            layer.build(input_shape)
            input_shape = layer.compute_output_shape(input_shape)

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self._layers:
            kwargs = self._make_kwargs_for_layer(layer, training, mask)
            x = layer(x, **kwargs)
        return x

    def compute_output_shape(self, input_shape):
        for layer in self._layers:
            input_shape = layer.compute_output_shape(input_shape)
        return input_shape

    @property
    def layers(self):
        return self._layers

    @staticmethod
    def _make_kwargs_for_layer(layer, training, mask):
        kwargs = {}
        if layer._call_has_mask_arg:
            kwargs["mask"] = mask
        if layer._call_has_training_arg and training is not None:
            kwargs["training"] = training
        return kwargs


class MLP(Sequential):
    """A simple configurable MLP with optional dropout (residual blocks left out here)."""

    def __init__(self, widths=(256, 256), *, activation="mish", kernel_initializer="he_normal",
                 dropout=0.05, norm=None, **kwargs):
        self.widths = list(widths)
        self.activation = activation
        self.kernel_initializer = kernel_initializer
        self.dropout = dropout
        self.norm = norm

        blocks = []
        for width in widths:
            block = self._make_block(width, activation, kernel_initializer, dropout, norm)
            blocks.append(block)

        super().__init__(*blocks, **kwargs)

    @staticmethod
    def _make_block(width, activation, kernel_initializer, dropout, norm):
        layers = [keras.layers.Dense(width, kernel_initializer=kernel_initializer)]
        if dropout is not None and dropout > 0:
            layers.append(keras.layers.Dropout(dropout))
        layers.append(keras.layers.Activation(keras.activations.get(activation)))
        if norm == "layer":
            layers.append(keras.layers.LayerNormalization())
        return Sequential(layers)


def build_model():
    inputs = keras.Input(shape=(8,))
    x = MLP((32, 32))(inputs)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
