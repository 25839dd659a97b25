"""keras-contrib Swish: a trainable beta made as a backend variable and pushed onto `_trainable_weights`.

keras-contrib's `Swish(beta=1.0, trainable=False)` activation builds its scaling factor as
`K.variable(self.beta, name='scaling_factor')` in build() and, when the user asks for a trainable
beta, registers it by hand with `self._trainable_weights.append(self.scaling_factor)`. On Keras 3
the private list does not exist: building the layer (here, wiring `Swish(trainable=True)` into a
functional model) raises AttributeError, so the learnable-beta Swish of the paper cannot be used at all.

Port: `K.variable(...)` -> `keras.Variable(...)` (Keras 3 has no backend.variable), `K.sigmoid` ->
`keras.ops.sigmoid`, `K.floatx()` -> `keras.config.floatx()`; the rest is the library's code.
"""

SOURCE = "https://github.com/keras-team/keras-contrib/blob/3fc5ef709e061416f4bc8a92ca3750c824b5d2b0/keras_contrib/layers/advanced_activations/swish.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py k_keras_contrib_swish_beta_appended_to_private_trainable_list.py:
build_model() raised AttributeError: 'Swish' object has no attribute '_trainable_weights'
Own script: Swish(trainable=True) called eagerly raises the same AttributeError in build(); Swish(trainable=False)
builds, and the keras.Variable assigned to self.scaling_factor is tracked on its own (1 weight, 1 param) - the
hand-made registration is what breaks."""

import keras
from keras import ops
from keras.layers import Layer


class Swish(Layer):
    """ Swish (Ramachandranet al., 2017)

    # Arguments
        beta: float >= 0. Scaling factor
            if set to 1 and trainable set to False (default),
            Swish equals the SiLU activation (Elfwing et al., 2017)
        trainable: whether to learn the scaling factor during training or not
    """

    def __init__(self, beta=1.0, trainable=False, **kwargs):
        super(Swish, self).__init__(**kwargs)
        self.supports_masking = True
        self.beta = beta
        self.trainable = trainable

    def build(self, input_shape):
        self.scaling_factor = keras.Variable(self.beta,
                                             dtype=keras.config.floatx(),
                                             name='scaling_factor')
        if self.trainable:
            self._trainable_weights.append(self.scaling_factor)
        super(Swish, self).build(input_shape)

    def call(self, inputs, mask=None):
        return inputs * ops.sigmoid(self.scaling_factor * inputs)

    def get_config(self):
        config = {'beta': self.get_weights()[0] if self.trainable else self.beta,
                  'trainable': self.trainable}
        base_config = super(Swish, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model(n_features=10):
    """An MLP using the learnable-beta Swish after each hidden Dense (the usage the layer docs describe)."""
    return keras.Sequential([
        keras.Input(shape=(n_features,)),
        keras.layers.Dense(16),
        Swish(beta=1.0, trainable=True),
        keras.layers.Dense(16),
        Swish(beta=1.0, trainable=True),
        keras.layers.Dense(1),
    ])
