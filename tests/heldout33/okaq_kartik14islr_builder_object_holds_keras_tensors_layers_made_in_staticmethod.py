"""A Kaggle ISLR training repo builds its classifier through a plain-Python builder object: the input
and output KerasTensors live on an `ABC` subclass, every Dense/BatchNorm is made in a `@staticmethod`
and never stored anywhere: looks like layers held in an untracked container, but they are wired into a
functional `Model`, which tracks and trains all of them.

From Kartik14/Kaggle-Isolated-Sign-Language-Recognition (`model/fully_connected_builder.py` with its
base `model/abstract_model_builder.py`, a Google Isolated Sign Language Recognition Kaggle entry that
trains an MLP on per-frame mean/std landmark features). `AbstractModelBuilder(ABC)` keeps
`input_layer`/`output_layer` attributes and `build_model()` returns
`Model(inputs=self.input_layer, outputs=self.output_layer)`; `FullyConnectedModel.create_layers()`
makes an `Input`, applies `get_fc_block` (a staticmethod creating Dense -> BatchNormalization ->
Activation('gelu') -> Dropout on the tensor it is given) `n_blocks` times with halving widths, and
stores the softmax Dense output. `train.py` calls `create_layers()` then `build_model()` for every
fold. The builder object itself is not a Keras object and holds no layer, only KerasTensors.

Porting edits: the two files merged (the base class inlined); nothing else changed.
build_model(): as `train.py`'s `get_model()`: `FullyConnectedModel(input_shape=(64,), n_labels=10,
init_fc=32)`, `create_layers()`, `build_model()` (the repository's feature width and 250 labels
shrunk).
"""

SOURCE = "https://github.com/Kartik14/Kaggle-Isolated-Sign-Language-Recognition/blob/a3a55cb6c4e73bbcb7bc8ba7e54090738c85e5fb/model/fully_connected_builder.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaq_kartik14islr_builder_object_holds_keras_tensors_layers_made_in_staticmethod.py:
as returned: Functional, count_params() = 2970, 14 weights, unbuilt: none
after call: count_params() = 2970, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

from abc import ABC, abstractmethod
from typing import Any, Tuple

import keras
import tensorflow as tf
from keras.models import Model


class AbstractModelBuilder(ABC):
    # Initialize the builder with an input shape
    def __init__(self, input_shape: Tuple[int]) -> None:
        self.input_shape = input_shape
        self.input_layer = None
        self.output_layer = None

    @abstractmethod
    def create_layers(self) -> None:
        pass

    # Build and return a Keras model using the created layers
    def build_model(self) -> Model:
        return Model(inputs=self.input_layer, outputs=self.output_layer)


class FullyConnectedModel(AbstractModelBuilder):
    def __init__(self, input_shape: Tuple[int], **kwargs: Any):
        super().__init__(input_shape)
        self.init_fc = kwargs.get("init_fc", 512)
        self.n_blocks = kwargs.get("n_blocks", 2)
        self.dropout_1 = kwargs.get("dropout_1", 0.2)
        self.dropout_2 = kwargs.get("dropout_2", 0.6)
        self.n_labels = kwargs.get("n_labels", 250)

    @staticmethod
    def get_fc_block(inputs: tf.Tensor, output_channels: int, dropout: float = 0.2) -> tf.Tensor:
        x = keras.layers.Dense(output_channels)(inputs)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.Activation("gelu")(x)
        x = keras.layers.Dropout(dropout)(x)
        return x

    def create_layers(self) -> None:
        self.input_layer = keras.layers.Input(shape=self.input_shape)

        x = self.input_layer
        for i in range(self.n_blocks):
            x = self.get_fc_block(
                x,
                output_channels=self.init_fc // (2**i),
                dropout=self.dropout_1 if (1 + i) != self.n_blocks else self.dropout_2,
            )
        self.output_layer = keras.layers.Dense(self.n_labels, activation="softmax")(x)


def build_model():
    model_obj = FullyConnectedModel(input_shape=(64,), n_labels=10, init_fc=32)
    model_obj.create_layers()
    return model_obj.build_model()
