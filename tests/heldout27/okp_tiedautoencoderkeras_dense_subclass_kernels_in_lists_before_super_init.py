"""A whole tied-weight autoencoder written as one `Dense` subclass: `__init__` sets its settings and
three empty lists (`kernels`, `biases`, `biases2`) before `super().__init__(units=1)`, `build()`
replaces Dense's build and appends `add_weight` variables to the lists, and the decoder reuses the
transposed encoder kernels.

From AmirAlavi/tied-autoencoder-keras (`tied_autoencoder_keras/autoencoders.py`,
`DenseLayerAutoencoder`). Looks like settings/containers set before `super().__init__` and weights
kept in plain lists, but on Keras 3 the variables come from `add_weight`, so the layer owns them
whatever list they are appended to; the settings assigned before `super().__init__` survive. All
kernels and both bias lists are counted and get gradients (the encoder kernels from both the encode
and the tied decode path).

Porting edits: Keras 1/2 `keras.backend` ops (`K.dot`, `K.bias_add`, `K.transpose`, `K.l2_normalize`,
`K.dropout`/`K.in_train_phase`) -> `keras.ops` / `keras.random.dropout` with the `training`
argument; `from keras.engine import InputSpec` -> `keras.layers.InputSpec`; the `Sparse` variant and
`get_config`/`from_config` left out; layer sizes [6, 3] on 10 features; `build_model()` wires it in
a functional model on 10 inputs.
"""

SOURCE = "https://github.com/AmirAlavi/tied-autoencoder-keras/blob/7f5a33d3eae0b5863ede706d1f92b39956a5812f/tied_autoencoder_keras/autoencoders.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okp_tiedautoencoderkeras_dense_subclass_kernels_in_lists_before_super_init.py:
as returned: Functional, count_params() = 103, 6 weights, unbuilt: none
after call: count_params() = 103, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_layer_autoencoder': 103}
second call: 0 variables watched that the first call did not use
(103 = kernels 10x6 + 6x3, encoder biases 6 + 3, decoder biases 6 + 10: what the author wanted; Dense's own
kernel/bias are never made because build() is replaced.)"""

import keras
from keras import ops
from keras.layers import Dense, InputSpec


class DenseLayerAutoencoder(Dense):
    def __init__(self, layer_sizes, l2_normalize=False, dropout=0.0, *args, **kwargs):
        self.layer_sizes = layer_sizes
        self.l2_normalize = l2_normalize
        self.dropout = dropout
        self.kernels = []
        self.biases = []
        self.biases2 = []
        self.uses_learning_phase = True
        super().__init__(units=1, *args, **kwargs)  # 'units' not used

    def compute_output_shape(self, input_shape):
        return input_shape

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})

        for i in range(len(self.layer_sizes)):

            self.kernels.append(
                self.add_weight(
                    shape=(
                        input_dim,
                        self.layer_sizes[i]),
                    initializer=self.kernel_initializer,
                    name='ae_kernel_{}'.format(i),
                    regularizer=self.kernel_regularizer,
                    constraint=self.kernel_constraint))

            if self.use_bias:
                self.biases.append(
                    self.add_weight(
                        shape=(
                            self.layer_sizes[i],
                        ),
                        initializer=self.bias_initializer,
                        name='ae_bias_{}'.format(i),
                        regularizer=self.bias_regularizer,
                        constraint=self.bias_constraint))
            input_dim = self.layer_sizes[i]

        if self.use_bias:
            for n, i in enumerate(range(len(self.layer_sizes)-2, -1, -1)):
                self.biases2.append(
                    self.add_weight(
                        shape=(
                            self.layer_sizes[i],
                        ),
                        initializer=self.bias_initializer,
                        name='ae_bias2_{}'.format(n),
                        regularizer=self.bias_regularizer,
                        constraint=self.bias_constraint))
            self.biases2.append(self.add_weight(
                        shape=(
                            input_shape[-1],
                        ),
                        initializer=self.bias_initializer,
                        name='ae_bias2_{}'.format(len(self.layer_sizes)),
                        regularizer=self.bias_regularizer,
                        constraint=self.bias_constraint))

        self.built = True

    def call(self, inputs, training=None):
        return self.decode(self.encode(inputs, training), training)

    def _apply_dropout(self, inputs, training):
        if training:
            return keras.random.dropout(inputs, self.dropout)
        return inputs

    def encode(self, inputs, training=None):
        latent = inputs
        for i in range(len(self.layer_sizes)):
            if self.dropout > 0:
                latent = self._apply_dropout(latent, training)
            latent = ops.matmul(latent, self.kernels[i])
            if self.use_bias:
                latent = ops.add(latent, self.biases[i])
            if self.activation is not None:
                latent = self.activation(latent)
        if self.l2_normalize:
            latent = latent / ops.normalize(latent, axis=-1)
        return latent

    def decode(self, latent, training=None):
        recon = latent
        for i in range(len(self.layer_sizes)):
            if self.dropout > 0:
                recon = self._apply_dropout(recon, training)
            recon = ops.matmul(recon, ops.transpose(self.kernels[len(self.layer_sizes) - i - 1]))
            if self.use_bias:
                recon = ops.add(recon, self.biases2[i])
            if self.activation is not None:
                recon = self.activation(recon)
        return recon


def build_model():
    inputs = keras.Input(shape=(10,))
    outputs = DenseLayerAutoencoder([6, 3], activation="tanh", dropout=0.1)(inputs)
    return keras.Model(inputs, outputs)
