"""AutoEncodedML's tied-weight `AE` decodes with `DenseTranspose(layer)`, which reads `self.dense.weights[0]` inside
`call()` (`tf.matmul(..., transpose_b=True)`), and the AE builds its encoder and decoder Sequentials from plain
Python lists in `build()`: the tied kernels are the encoder's live variables, counted once and trained through both
paths (look-alike).

From kulbachcedric/AutoEncodedML (autoencoders as feature extractors for streaming ML), `auto_encoder/model.py`
(`AE`, a subclassed Model) with `DenseTranspose` from `auto_encoder/component.py`. `AE.build()` computes geometric
hidden sizes (0.35 of the input by default, three layers), appends Dense layers to a list, and for `tied_weights=True`
makes one `DenseTranspose` per encoder Dense in reverse order, then wraps both lists in Sequentials assigned to
`self.encoder`/`self.decoder` (set to None in `__init__`). `DenseTranspose` keeps the tied Dense as `self.dense`,
assigned before `super().__init__()`, and adds only a bias. The shape is the one of the LoNGAE bug case
(`br_longae_...`): a decoder layer tied to an encoder layer's kernel, plus layers gathered in lists, a sublayer set
before `super().__init__()` and state built in `build()`; here the kernel is read where it is used, so on Keras 3
the decoder follows every update of the encoder.

Porting edits: `calculate_hidden_dims` returns `[int(dim) for dim in hidden_dims]` instead of `list(hidden_dims)`
(Keras 3's Dense rejects NumPy int64 units: "expected a positive integer. Received: units=14"); DenseTranspose's bias
shape `self.dense.input_shape[-1]` is spelled `self.dense.kernel.shape[0]` (Keras 3 layers have no `input_shape`:
AttributeError; the tied Dense is built by the encoder's call before the decoder builds); the imports are the
author's (`tensorflow.keras` is Keras 3 under TF 2.21); the
`register_keras_serializable` decorator and `get_config` of DenseTranspose, the unused regularizers and the VAE/CAE
classes of the two modules are left out (model.py at 01b2e457 and component.py at 0861d27, the stored versions).
build_model() builds `AE()` with the author's defaults and calls it once on a batch of 4 rows of 20 features
(a subclassed Model is built by its first call), then returns it with that batch.
"""

SOURCE = "https://github.com/kulbachcedric/AutoEncodedML/blob/01b2e457a2e9954c918bbcdacd6326193d12658d/auto_encoder/model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/okbr_autoencodedml_ae_densetranspose_reads_tied_dense_kernel_at_call_time.py:
as returned: AE, count_params() = 565, 9 weights, unbuilt: none
after call: count_params() = 565, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_transpose_2': 314, 'dense_transpose_1': 164, 'dense_transpose': 87}
second call: 0 variables watched that the first call did not use
(565 = encoder Dense 20->14->10->7 (521) + three decoder biases (44): the tied kernels are counted once; the per-layer
counts of DenseTranspose include its tied Dense, tracked as a sublayer.) probe_autoencodedml.py:
encoder dims: [14, 10, 7] ; DenseTranspose.dense is an encoder layer: [True, True, True]
grad None: [] ; changed by one step: 9 of 9"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class DenseTranspose(layers.Layer):
    def __init__(self, dense, activation=None, **kwargs):
        self.dense = dense
        self.activation = tf.keras.activations.get(activation)
        super(DenseTranspose, self).__init__(**kwargs)

    def build(self, batch_input_shape):
        self.biases = self.add_weight(name="bias", initializer="zeros",
                                      shape=[self.dense.kernel.shape[0]])
        super().build(batch_input_shape)

    def call(self, inputs, **kwargs):
        z = tf.matmul(inputs, self.dense.weights[0], transpose_b=True)
        return self.activation(z + self.biases)


class AE(tf.keras.Model):
    def __init__(self, hidden_dims=0.35, n_layers=3, activation='selu', tied_weights=True, dropout=None,
                 hidden_dropout=None, regularizer=None, output_activation='sigmoid', latent_activation='sigmoid'):

        super().__init__()
        self.hidden_dims = hidden_dims
        self.n_layers = n_layers
        self.activation = activation
        self.dropout = dropout
        self.regularizer = regularizer
        self.tied_weights = tied_weights
        self.output_activation = output_activation
        self.encoder = None
        self.decoder = None
        self.latent_dim = None
        self.latent_activation = latent_activation
        self.hidden_dropout = hidden_dropout

    def build(self, input_shape):
        input_shape = input_shape[1:]
        self.hidden_dims = self.calculate_hidden_dims(hidden_dims=self.hidden_dims, n_layers=self.n_layers,
                                                      input_shape=input_shape)
        self.get_encoder_decoder(input_shape)

    def get_encoder_decoder(self, input_shape, latent_init='glorot_uniform'):
        layers_encoder = []
        layers_decoder = []
        if self.dropout and self.dropout > 0:
            layers_encoder.append(layers.Dropout(self.dropout))

        for dim in self.hidden_dims[:-1]:
            layers_encoder.append(layers.Dense(dim, activation=self.activation))
            if self.hidden_dropout:
                layers_encoder.append(layers.Dropout(self.hidden_dropout))

        layers_encoder.append(
            layers.Dense(self.hidden_dims[-1], self.latent_activation, kernel_initializer=latent_init,
                         activity_regularizer=self.regularizer))

        if self.tied_weights:
            dense_layers = [layer for layer in layers_encoder[::-1] if isinstance(layer, layers.Dense)]
            for layer in dense_layers[:-1]:
                layers_decoder.append(DenseTranspose(layer, activation=self.activation))
            layers_decoder.append(DenseTranspose(dense_layers[-1], activation=self.output_activation))
        else:
            for dim in self.hidden_dims[-2::-1]:
                layers_decoder.append(layers.Dense(dim, activation=self.activation))
            layers_decoder.append(layers.Dense(np.prod(input_shape), activation=self.output_activation))

        if not isinstance(input_shape, int) and len(input_shape) > 1:
            layers_decoder.append(layers.Reshape(input_shape))
            layers_encoder.insert(0, layers.Flatten(input_shape=input_shape))

        self.encoder = tf.keras.Sequential(layers_encoder, name='Encoder')
        self.decoder = tf.keras.Sequential(layers_decoder, name='Decoder')

    def call(self, x, **kwargs):
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return decoded

    def calculate_hidden_dims(self, hidden_dims, n_layers, input_shape):
        if isinstance(hidden_dims, float):
            hidden_dims = hidden_dims * np.prod(input_shape)
        elif isinstance(hidden_dims, (tuple, list)):
            hidden_dims = [dim * np.prod(input_shape) if isinstance(dim, float) else dim for dim in hidden_dims]

        if isinstance(hidden_dims, (int, float)):
            hidden_dims = np.geomspace(np.prod(input_shape), hidden_dims, num=n_layers + 1)[1:]
        elif isinstance(hidden_dims, (tuple, list)):
            self.n_layers = len(hidden_dims)

        hidden_dims = np.round(hidden_dims).astype(int)
        self.latent_dim = hidden_dims[-1]
        return [int(dim) for dim in hidden_dims]

    def encode(self, x):
        return self.encoder(x)

    def decode(self, x):
        return self.decoder(x)


def build_model():
    model = AE()
    x = np.random.default_rng(0).random((4, 20)).astype("float32")
    model(x)
    return model, x
