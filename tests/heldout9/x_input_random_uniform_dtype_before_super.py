"""StyleGAN noise-input layer that sets `self.dtype` (and its other options) before super().__init__().

keras_unsupervised (tonandr; StyleGAN/PGGAN building blocks) has `InputRandomUniform(Layer)`, a layer
that ignores its input and emits uniform noise. Its `__init__` stores `self.shape`, `self.minval`,
`self.maxval`, `self.dtype = dtype`, `self.seed` and only then calls `super().__init__(**kwargs)`.
Under tf.keras 2 the base initializer silently overwrote the dtype the user passed; on Keras 3 `dtype`
is a read-only property of `Layer`, so constructing the layer raises
`AttributeError: property 'dtype' ... has no setter` before the model can be wired.
Ported from `tensorflow.python.keras` imports; `K.identity` (gone from Keras 3's tf.keras.backend) is
`tf.identity`.
"""

SOURCE = "https://github.com/tonandr/keras_unsupervised/blob/10f02a729304da99fb19d6ab7ff54a52d24ad2da/ku/layer_ext/input.py#L46"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py x_input_random_uniform_dtype_before_super.py:
build_model() raised AttributeError: property 'dtype' of 'InputRandomUniform' object has no setter"""

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer, Input, Dense, Reshape, Add


class InputRandomUniform(Layer):
    """Uniformly random input."""

    def __init__(self
                 , shape
                 , minval=0.0
                 , maxval=0.0
                 , dtype=None
                 , seed=None
                 , **kwargs):
        self.shape=shape
        self.minval = minval
        self.maxval = maxval
        self.dtype = dtype
        self.seed = seed
        super(InputRandomUniform, self).__init__(**kwargs)

    def build(self, input_shape):
        super(InputRandomUniform, self).build(input_shape)

    def call(self, x):
        return tf.identity(K.random_uniform(shape=self.shape
                                , minval=self.minval
                                , maxval=self.maxval
                                , dtype=self.dtype
                                , seed=self.seed))

    def get_config(self):
        config = {'shape': self.shape
                  , 'minval': self.minval
                  , 'maxval': self.maxval
                  , 'dtype': self.dtype
                  , 'seed': self.seed
        }
        base_config = super(InputRandomUniform, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def compute_output_shape(self, input_shape):
        return tuple([input_shape[0]] + list(self.shape))


# synthesis-network fragment: per-layer noise added to a learned feature map
def build_model(res=4, channels=8, latent_dim=16):
    w = Input(shape=(latent_dim,))
    x = Dense(res * res * channels)(w)
    x = Reshape((res, res, channels))(x)
    noise = InputRandomUniform((1, res, res, channels), minval=0.0, maxval=1.0, dtype='float32')(w)
    x = Add()([x, noise])
    return tf.keras.Model(w, x)
