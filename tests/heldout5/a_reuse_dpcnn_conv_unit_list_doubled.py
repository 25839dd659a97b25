"""Kashgari's DPCNN builds each conv block as `layers_conv_unit * 2`: the "two" conv units are one BN/PReLU/Conv1D trio applied twice.

DPCNN stacks two pre-activation convolutions (BN, PReLU, Conv1D) per block. Kashgari's
`conv_block()` makes the three layers once, then writes `layers_conv_block = layers_conv_unit * 2`
and calls every layer of that list in turn. List multiplication repeats references, not layers:
the second "unit" is the first one again. The filter count never changes inside the pyramid, so
nothing fails; every block silently has half the parameters the paper's architecture has, its
two convolutions share one kernel, and its batch norm mixes the statistics of two positions.
"""

SOURCE = "https://github.com/BrikerMan/Kashgari/blob/master/kashgari/tasks/classification/dpcnn_model.py"
CODES = ("LD007",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py a_reuse_dpcnn_conv_unit_list_doubled.py:
as returned: Functional, count_params() = 1955, 38 weights, unbuilt: none
after call: count_params() = 1955, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python: Counter of layer types in build_model().layers; inbound nodes per Conv1D): 4 Conv1D
(region + 3 blocks), not 7; each block's Conv1D has 2 inbound nodes: {'conv1d': 2, 'conv1d_1': 2, 'conv1d_2': 2}."""

from math import floor, log2

import keras
from keras import layers as L


class DPCNN_Model:
    """The task class of the report, reduced to the architecture-building methods."""

    def __init__(self, sequence_length=16, vocab_size=50, embedding_size=8, filters=8, num_labels=3):
        self.sequence_length = sequence_length
        self.vocab_size = vocab_size
        self.embedding_size = embedding_size
        self.num_labels = num_labels
        self.hyper_parameters = {
            "region_embedding": {"filters": filters, "kernel_size": 3, "strides": 1, "padding": "same",
                                 "activation": "linear", "name": "region_embedding"},
            "region_dropout": {"rate": 0.2},
            "conv_block": {"filters": filters, "kernel_size": 3, "activation": "linear", "shortcut": True},
            "resnet_block": {"filters": filters, "kernel_size": 3, "activation": "linear", "shortcut": True,
                             "pool_type": "max"},
            "dense": {"units": 16, "activation": "linear"},
            "dropout": {"rate": 0.5},
            "activation": {"activation": "softmax"},
        }

    def downsample(self, inputs, pool_type="max", stage=1):
        layers_pool = []
        if pool_type == "max":
            layers_pool.append(L.MaxPooling1D(pool_size=3, strides=2, padding="same", name=f"pool_{stage}"))
        tensor_out = inputs
        for layer in layers_pool:
            tensor_out = layer(tensor_out)
        return tensor_out

    def conv_block(self, inputs, filters, kernel_size=3, activation="linear", shortcut=True):
        layers_conv_unit = []
        layers_conv_unit.append(L.BatchNormalization())
        layers_conv_unit.append(L.PReLU())
        layers_conv_unit.append(
            L.Conv1D(filters=filters, kernel_size=kernel_size, strides=1, padding="same", activation=activation)
        )
        layers_conv_block = layers_conv_unit * 2

        tensor_out = inputs
        for layer in layers_conv_block:
            tensor_out = layer(tensor_out)
        if shortcut:
            tensor_out = L.Add()([inputs, tensor_out])
        return tensor_out

    def resnet_block(self, inputs, filters, kernel_size=3, activation="linear", shortcut=True, pool_type="max",
                     stage=1):
        tensor_pool = self.downsample(inputs, pool_type=pool_type, stage=stage)
        return self.conv_block(tensor_pool, filters=filters, kernel_size=kernel_size, activation=activation,
                               shortcut=shortcut)

    def build_model_arc(self):
        config = self.hyper_parameters
        token_ids = keras.Input(shape=(self.sequence_length,), dtype="int32", name="input")
        embedded = L.Embedding(self.vocab_size, self.embedding_size)(token_ids)

        layers_region = [
            L.Conv1D(**config["region_embedding"]),
            L.BatchNormalization(),
            L.PReLU(),
            L.Dropout(**config["region_dropout"]),
        ]
        layers_main = [
            L.GlobalMaxPooling1D(),
            L.Dense(**config["dense"]),
            L.BatchNormalization(),
            L.PReLU(),
            L.Dropout(**config["dropout"]),
            L.Dense(self.num_labels, **config["activation"]),
        ]

        tensor_out = embedded
        for layer in layers_region:
            tensor_out = layer(tensor_out)
        tensor_out = self.conv_block(tensor_out, **config["conv_block"])
        seq_len = tensor_out.shape[1]
        for i in range(floor(log2(seq_len)) - 2):
            tensor_out = self.resnet_block(tensor_out, stage=i + 1, **config["resnet_block"])
        for layer in layers_main:
            tensor_out = layer(tensor_out)
        self.tf_model = keras.Model(token_ids, tensor_out)
        return self.tf_model


def build_model():
    return DPCNN_Model().build_model_arc()
