"""StyleGAN constant-input layer: a trainable tensor returned via identity, input ignored, attributes set before super().

keras_unsupervised (tonandr) gives the StyleGAN synthesis network its learned 4x4 constant through
`InputVariable(Layer)`: `__init__` stores `self.shape` and the initializer *before*
`super().__init__(**kwargs)`, `build()` calls `super().build(input_shape)` *first* and only then
`add_weight(...)`, and `call(x)` ignores `x` and returns `K.identity(self.variable_weight)`. Each of
these looks like a tracking bug (state before super, weight created after the layer was marked built,
a weight that bypasses the input), but on Keras 3 `shape` is not a Layer setting, the weight made
inside `build()` is tracked even after `super().build()`, and the identity keeps the gradient: the
constant is counted and trained. Ported from `tensorflow.python.keras`; `K.identity` is `tf.identity`.
"""

SOURCE = "https://github.com/tonandr/keras_unsupervised/blob/10f02a729304da99fb19d6ab7ff54a52d24ad2da/ku/layer_ext/input.py#L14"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okx_input_variable_const_tensor.py:
as returned: Functional, count_params() = 848, 5 weights, unbuilt: none
after call: count_params() = 848, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'input_variable': 128}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras.layers import Layer, Input, Dense, Conv2D, Multiply, Reshape
import tensorflow.keras.initializers as initializers


class InputVariable(Layer): #?
    """Input variable."""

    def __init__(self
                 , shape
                 , variable_initializer=initializers.Ones()
                 , **kwargs):
        self.shape=shape
        self.variable_initializer=initializers.get(variable_initializer)
        super(InputVariable, self).__init__(**kwargs)

    def build(self, input_shape):
        super(InputVariable, self).build(input_shape)
        self.variable_weight = self.add_weight(name='variable_weight'
                                 , shape=tuple(list(self.shape))
                                 , initializer=self.variable_initializer # Which initializer is optimal?
                                 , trainable=True)

    def call(self, x):
        return tf.identity(self.variable_weight)

    def get_config(self):
        config = {'shape': self.shape
            , 'variable_initializer':
                initializers.serialize(self.variable_initializer),
        }
        base_config = super(InputVariable, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def compute_output_shape(self, input_shape):
        return tuple([input_shape[0]] + list(self.shape))


# synthesis-network start: learned constant, style-modulated, then a 3x3 conv
def build_model(res=4, channels=8, latent_dim=16):
    w = Input(shape=(latent_dim,))
    const = InputVariable((res, res, channels))(w)
    style = Reshape((1, 1, channels))(Dense(channels)(w))
    x = Multiply()([const, style])
    x = Conv2D(channels, 3, padding='same')(x)
    return tf.keras.Model(w, x)
