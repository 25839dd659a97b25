"""A `DenseTied` layer for a DEC (deep embedded clustering) autoencoder that takes the encoder
layer's kernel in `build()` and registers it with `self._non_trainable_weights.append(self.kernel)`.

From relogu/Federated-Learning-Project (`py/dec/layers/dense_tied.py`, used by the stacked
autoencoders of the federated DEC experiments). `_non_trainable_weights` is a private tf.keras 2
list; Keras 3 layers have no such attribute, so building the first tied decoder layer raises
`AttributeError` and the autoencoder cannot be built at all.

Porting edits: `tensorflow.keras` -> `keras`, `K.dot`/`K.transpose`/`K.bias_add` -> `keras.ops`
matmul/transpose/add; the `create_autoencoder(dims)` helper of the same repository
(`py/udec/...`) reduced to dims [16, 8, 4] with tied decoder layers.
"""

SOURCE = "https://github.com/relogu/Federated-Learning-Project/blob/624dc07632c82145c13ac3498555636032b1b9a5/py/dec/layers/dense_tied.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/r_fedlearning_densetied_private_non_trainable_weights_append.py:
build_model() raised AttributeError: 'DenseTied' object has no attribute '_non_trainable_weights'
Own probe (/tmp/mine27c/p4.py): the same AttributeError at `self._non_trainable_weights.append(self.kernel)`
in build(), raised while the first tied decoder layer is called on the functional tensor."""

import keras
from keras import ops as K
from keras import activations, initializers, regularizers, constraints
from keras.layers import InputSpec, Layer, Dense, Input
from keras.models import Model


class DenseTied(Layer):
    def __init__(self, units,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 tied_to=None,
                 weights=None,
                 **kwargs):
        self.tied_to = tied_to
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True
        self.initial_weights = weights

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]

        if self.tied_to is not None:
            self.kernel = self.tied_to.kernel
            self._non_trainable_weights.append(self.kernel)
        else:
            self.kernel = self.add_weight(shape=(input_dim, self.units),
                                          initializer=self.kernel_initializer,
                                          name='kernel',
                                          regularizer=self.kernel_regularizer,
                                          constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            del self.initial_weights
        self.built = True

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def call(self, inputs):
        output = K.matmul(inputs, K.transpose(self.kernel))
        if self.use_bias:
            output = K.add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)
        return output


def create_tied_autoencoder(dims, act='relu', init='glorot_uniform'):
    n_stacks = len(dims) - 1
    x = Input(shape=(dims[0],), name='input')
    h = x
    encoder_layers = []
    for i in range(n_stacks - 1):
        encoder_layers.append(Dense(dims[i + 1], activation=act, kernel_initializer=init,
                                    name='encoder_%d' % i))
        h = encoder_layers[-1](h)
    encoder_layers.append(Dense(dims[-1], kernel_initializer=init, name='encoder_%d' % (n_stacks - 1)))
    h = encoder_layers[-1](h)
    for i in range(n_stacks - 1, 0, -1):
        h = DenseTied(dims[i], activation=act, tied_to=encoder_layers[i], name='decoder_%d' % i)(h)
    h = DenseTied(dims[0], tied_to=encoder_layers[0], name='decoder_0')(h)
    return Model(inputs=x, outputs=h, name='AE')


def build_model():
    return create_tied_autoencoder([16, 8, 4])
