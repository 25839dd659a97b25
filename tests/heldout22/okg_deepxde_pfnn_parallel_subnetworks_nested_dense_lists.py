"""DeepXDE's parallel fully-connected network (`PFNN`) for multi-output PINNs keeps its layers in
`self.denses`, a plain list whose items are either one shared `Dense` or a nested Python list of
`Dense` layers (one independent sub-network per PDE output), appended in a loop in `__init__`; `call()`
walks the list, zipping nested lists with per-output tensors. The `NN` base class also sets plain
attributes (`self.training = True`, transform callables) and overrides `inputs` with a property.

From lululxvi/deepxde (`deepxde/nn/tensorflow/fnn.py` and `deepxde/nn/tensorflow/nn.py`, the
TensorFlow 2 backend). Looks like layers hidden in a nested plain container (untracked sublayers);
on Keras 3 the outer list and the nested lists are tracked, every per-output Dense is counted and
built on its own input, and all of them receive gradients.

Porting edits: `from ...backend import tf` -> `import tensorflow as tf` plus `import keras`
(`tf.keras.layers.Dense` -> `keras.layers.Dense`); DeepXDE's `activations.get`/`initializers.get`/
`regularizers.get` replaced by the Keras ones (`"tanh"`, `"Glorot normal"` -> `"glorot_normal"`,
no regularizer); `layer_sizes=[2, [8, 8], [8, 8], 2]` (two outputs, e.g. (u, p) of a 2-D PDE, each
with its own two hidden layers), as in the docstring's nested-list form; `build_model()` returns the
network with a batch of 4 collocation points.
"""

SOURCE = "https://github.com/lululxvi/deepxde/blob/01d88c6d0f680a1914039b7b9ae386c2a41de353/deepxde/nn/tensorflow/fnn.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okg_deepxde_pfnn_parallel_subnetworks_nested_dense_lists.py:
as returned: PFNN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3', 'Dense:dense_4', 'Dense:dense_5']
after call: count_params() = 210, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine22b/pfit.py): one fit step changes 12/12 trainable weights; 210 params = 2 x (2*8+8) + 2 x (8*8+8) + 2 x (8+1), all six per-output Dense of the nested lists counted. Unbuilt as returned only because a subclassed model builds on its first call."""

import numpy as np
import tensorflow as tf
import keras


class NN(keras.Model):
    """Base class for all neural network modules."""

    def __init__(self):
        super().__init__()
        self.training = True
        self.regularizer = None
        self._inputs = None
        self._auxiliary_vars = None
        self._input_transform = None
        self._output_transform = None

    @property
    def inputs(self):
        """Return the net inputs (Tensors)."""
        return self._inputs

    @inputs.setter
    def inputs(self, value):
        self._inputs = value

    @property
    def auxiliary_vars(self):
        """Tensors: Any additional variables needed."""
        return self._auxiliary_vars

    @auxiliary_vars.setter
    def auxiliary_vars(self, value):
        self._auxiliary_vars = value

    def apply_feature_transform(self, transform):
        self._input_transform = transform

    def apply_output_transform(self, transform):
        self._output_transform = transform


class PFNN(NN):
    """Parallel fully-connected neural network that uses independent sub-networks for
    each network output.
    """

    def __init__(
        self, layer_sizes, activation, kernel_initializer, regularization=None
    ):
        super().__init__()
        activation = keras.activations.get(activation)
        initializer = keras.initializers.get(kernel_initializer)
        self.regularizer = regularization

        n_output = layer_sizes[-1]
        self.denses = []
        # hidden layers
        for i in range(1, len(layer_sizes) - 1):
            prev_layer_size = layer_sizes[i - 1]
            curr_layer_size = layer_sizes[i]
            # Non-Shared layers
            if isinstance(curr_layer_size, (list, tuple)):
                if len(curr_layer_size) != n_output:
                    raise ValueError(
                        "number of sub-layers should equal number of network outputs"
                    )
                # e.g. [8, 8, 8] -> [16, 16, 16] or 64 -> [8, 8, 8]
                self.denses.append(
                    [
                        keras.layers.Dense(
                            units,
                            activation=activation,
                            kernel_initializer=initializer,
                            kernel_regularizer=self.regularizer,
                        )
                        for units in curr_layer_size
                    ]
                )
            # Shared layers
            else:  # e.g. 64 -> 64
                if not isinstance(prev_layer_size, int):
                    raise ValueError(
                        "cannot rejoin parallel subnetworks after splitting"
                    )
                self.denses.append(
                    keras.layers.Dense(
                        curr_layer_size,
                        activation=activation,
                        kernel_initializer=initializer,
                        kernel_regularizer=self.regularizer,
                    )
                )

        # output layers
        if isinstance(layer_sizes[-2], (list, tuple)):  # e.g. [3, 3, 3] -> 3
            self.denses.append(
                [
                    keras.layers.Dense(
                        1,
                        kernel_initializer=initializer,
                        kernel_regularizer=self.regularizer,
                    )
                    for _ in range(n_output)
                ]
            )
        else:
            self.denses.append(
                keras.layers.Dense(
                    n_output,
                    kernel_initializer=initializer,
                    kernel_regularizer=self.regularizer,
                )
            )

    def call(self, inputs, training=False):
        y = inputs
        if self._input_transform is not None:
            y = self._input_transform(y)

        # hidden layers
        for layer in self.denses[:-1]:
            if isinstance(layer, list):
                if isinstance(y, list):
                    y = [f(x, training=training) for f, x in zip(layer, y)]
                else:
                    y = [f(y, training=training) for f in layer]
            else:
                y = layer(y, training=training)

        # output layers
        if isinstance(y, list):
            y = [f(x, training=training) for f, x in zip(self.denses[-1], y)]
            y = tf.concat(y, 1)
        else:
            y = self.denses[-1](y, training=training)

        if self._output_transform is not None:
            y = self._output_transform(inputs, y)
        return y


def build_model():
    net = PFNN([2, [8, 8], [8, 8], 2], "tanh", "glorot_normal")
    points = np.random.default_rng(0).random((4, 2)).astype("float32")
    return net, points
