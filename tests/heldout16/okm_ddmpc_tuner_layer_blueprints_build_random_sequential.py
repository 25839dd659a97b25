"""DDMPC's keras "tuner": plain-Python `TunerLayer` blueprint objects (not Keras layers) hold the
hyper-parameters and make a fresh Keras layer on request; `TunerModel.build_sequential()` adds those
layers to a `Sequential` - correct on Keras 3 although layers come out of untracked helper objects.

`TunerModel` keeps its blueprints in a tuple (`self.layers = layers`), skips optional ones at random,
asks each for `build_keras_layer()` (which returns a new `Dense`/`BatchNormalization`/`Rescaling`),
adds them and a linear output `Dense` to a `Sequential` and compiles it. Nothing trainable lives in
the helper objects: every layer is handed to the `Sequential`, which tracks, builds and trains it.

Porting edits: none to the classes (the repository already imports `keras` 3); the `__str__`/`__repr__`
helpers left out; `build_model()` seeds `random` so the optional-layer choice is repeatable, uses the
file's own `__main__` blueprint (BatchNormalization + Dense(8|16)), and returns the Sequential with a
(4, 3) input batch (the library builds it on the first `fit`).
"""

SOURCE = "https://github.com/RWTH-EBC/DDMPC/blob/28f584ddc79d2018e5a68505b5b82e70b64f8e07/ddmpc/modeling/process_models/machine_learning/artificial_neural_networks/keras_tuner.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okm_ddmpc_tuner_layer_blueprints_build_random_sequential.py:
as returned: Sequential, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['BatchNormalization:batch_normalization', 'Dense:dense', 'Dense:dense_1']
after call: count_params() = 93, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16a/t_okfit.py): one fit epoch (SGD 0.1, mse) changes 6 of 6 trainable weights (BatchNormalization
gamma/beta, both Dense kernels/biases); count_params() 93 after the first call (the Sequential has no Input, so it is unbuilt as
returned, as in the library until its first fit)."""

import random
import re

import numpy as np
from keras import Sequential
from keras.layers import Dense, BatchNormalization, Rescaling


class TunerLayer:

    def __init__(self, optional: bool = True):

        self.optional = optional

    def build_keras_layer(self):
        raise NotImplementedError()


class TunerDense(TunerLayer):

    def __init__(self, units: tuple = (8, 16,), activations: tuple = ('sigmoid',), optional: bool = False):
        super().__init__(optional=optional)

        self.units = units
        self.activations = activations

    def build_keras_layer(self):

        units = random.choice(self.units)
        activation = random.choice(self.activations)

        return Dense(units=units, activation=activation)


class TunerBatchNormalizing(TunerLayer):
    """provides method for batch normalization"""

    def __init__(self, axis: int = 1, optional: bool = False):

        super().__init__(optional=optional)

        self.axis = axis

    def build_keras_layer(self):

        return BatchNormalization(axis=self.axis)


class TunerRescaling(TunerLayer):

    def __init__(self, scale: float, offset: float, optional: bool = False):

        super().__init__(optional=optional)

        self.scale = scale
        self.offset = offset

    def build_keras_layer(self):

        return Rescaling(scale=self.scale, offset=self.offset)


class TunerModel:
    """
    Blueprint for a Sequential Keras model.
    Layers can be made optional by setting optional to True.
    """

    def __init__(
            self,
            *layers: TunerLayer,
            name: str,
            optimizer: str = 'adam',
            loss: str = 'mse',
    ):

        self.layers = layers
        self.optimizer = optimizer
        self.loss = loss

        # check if the name is valid
        assert re.match("^[A-Za-z0-9_-]*$", name), f'Please make sure you set a valid TunerModel name not {name}.' \
                                                   'Allowed characters: A-Z, a-z, 0-9, _, -'
        self.name = name

    @property
    def max_layers(self):
        return len(self.layers)

    @property
    def min_layers(self):
        return len([layer for layer in self.layers if not layer.optional])

    def build_sequential(self, name: str = None) -> Sequential:

        # create random ann id
        ann_id = random.randint(1000, 9999)

        # ann name
        if name is None:
            name = f'{self.name}_{ann_id}'

        # create sequential keras model
        keras_model = Sequential(name=name)

        # iterate over every layer
        for layer in self.layers:

            # check if the layer is optional and maybe skip it
            if layer.optional and random.getrandbits(1):
                continue

            # add layer
            keras_model.add(layer.build_keras_layer())

        # output layer
        keras_model.add(Dense(units=1, activation='linear'))

        # compile the model
        keras_model.compile(optimizer=self.optimizer, loss=self.loss)

        return keras_model


def build_model():
    random.seed(0)
    tuner_model = TunerModel(
        TunerBatchNormalizing(axis=1),
        TunerDense(units=(8, 16)),
        name='SimpleDense',
        optimizer='adam',
        loss='mse',
    )
    seq = tuner_model.build_sequential()
    x = np.random.default_rng(0).random((4, 3)).astype("float32")
    return seq, x
