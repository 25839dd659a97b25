"""Neural graph fingerprint layer: per-degree inner Dense layers built in build() and pushed into `self.trainable_weights`.

The NGF layer (Duvenaud et al.) builds one `TimeDistributed(dense_layer_type(...))` per atom degree
in `build()`, keeps them in a list, builds each by hand and concatenates their weights onto
`self.trainable_weights`, which it first resets to `[]`. The issue reports the inner Dense weights
were not being learned. On Keras 3 the very first line of that bookkeeping raises.
"""

SOURCE = "https://github.com/keiserlab/keras-neural-graph-fingerprint/issues/2"
CODES = ("LD006",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
build_model() raises while the functional model is wired (first call builds NeuralGraphHidden):
AttributeError: property 'trainable_weights' of 'NeuralGraphHidden' object has no setter."""

import keras
from keras import layers, ops


class NeuralGraphHidden(layers.Layer):
    def __init__(self, conv_width, dense_layer_type=layers.Dense, **kwargs):
        self.conv_width = conv_width
        self.dense_layer_type = dense_layer_type
        super(NeuralGraphHidden, self).__init__(**kwargs)

    def build(self, inputs_shape):
        atoms_shape, degrees_shape = inputs_shape
        max_atoms = atoms_shape[1]
        num_atom_features = atoms_shape[-1]
        self.max_degree = degrees_shape[-1]

        self.trainable_weights = []
        self.dense_3D_layers = []
        for degree in range(self.max_degree):
            dense_layer = self.dense_layer_type(self.conv_width, name="{0}_inner_Dense_{1}".format(self.name, degree))
            dense_3D_layer = layers.TimeDistributed(dense_layer, name="{0}_inner_TimeDist_{1}".format(self.name, degree))
            dense_3D_layer.build((None, max_atoms, num_atom_features))
            self.dense_3D_layers.append(dense_3D_layer)
            self.trainable_weights += dense_3D_layer.trainable_weights

    def call(self, inputs):
        atoms, degrees = inputs  # degrees: one-hot (batch, atoms, max_degree)
        new_features_by_degree = []
        for degree in range(self.max_degree):
            mask = degrees[..., degree:degree + 1]
            new_features_by_degree.append(self.dense_3D_layers[degree](atoms) * mask)
        return ops.sum(ops.stack(new_features_by_degree, axis=0), axis=0)


def build_model(max_atoms=5, num_atom_features=6, max_degree=3):
    atoms = keras.Input((max_atoms, num_atom_features), name="atoms")
    degrees = keras.Input((max_atoms, max_degree), name="degrees")
    hidden = NeuralGraphHidden(8)([atoms, degrees])
    fingerprint = layers.GlobalAveragePooling1D()(hidden)
    out = layers.Dense(1)(fingerprint)
    return keras.Model([atoms, degrees], out)
