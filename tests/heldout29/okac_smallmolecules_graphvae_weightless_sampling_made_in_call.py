"""A molecular graph VAE (`GraphVAE`) whose `call()` instantiates its reparameterisation layer on the
spot -- `latent_space = Sampling()([z_mean, log_var])` -- while the encoder, decoder (functional
models from `build_graph_encoder()`/`build_graph_decoder()` helpers) and the QED
`property_prediction_layer` are held on the abstract `VAE` base, next to three loss trackers.

From poloarol/small-molecules (`src/models/vaes/gvae.py`, with `vae.py` and `network_utils.py` of the
same folder). A layer created inside `call()` is the "state made in call, never trained" shape, but
this `Sampling` owns no weights and no seed state (it draws from the global RNG), so a fresh instance
per call loses nothing: every weight of the encoder, decoder and property head is tracked by the
wrapper and gets a gradient, and repeated calls create no new variables.

Porting edits: `tensorflow.keras` -> `keras`; `keras.backend.random_normal` (gone in Keras 3) ->
`keras.random.normal`, the author's `+ epsilon` kept; in the decoder helper `tf.transpose` on a
KerasTensor -> `keras.ops.transpose` and `Dense(tf.math.reduce_prod(shape))` -> `Dense(int(np.prod(
shape)))` (Keras 3 refuses TF ops and tensor widths on symbolic tensors); the `Descriptors`/
`GraphConverter` imports and `inference()` dropped (RDKit); `train_step`, `test_step`, `_compute_loss`
and `_gradient_penalty` dropped (not run by the case; they only call `self(...)`); the abstract
methods of the `VAE` base dropped; `RelationalConvGraphLayer` gets a `compute_output_shape()`; sizes: 2 bond types, 3 atoms, 4 atom types, graph
conv 8, dense 8, latent 4; `build_model()` returns `(GraphVAE(...), [adjacency, features])`.
"""

SOURCE = "https://github.com/poloarol/small-molecules/blob/1c8bbd004e497c5750b146d0bdc4d6e4c4d97982/src/models/vaes/gvae.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/okac_smallmolecules_graphvae_weightless_sampling_made_in_call.py:
as returned: GraphVAE, count_params() = count_params() raised ValueError, 13 weights, unbuilt: ['Dense:dense_4']
after call: count_params() = 523, 15 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 15 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'relational_conv_graph_layer': 64}
second call: 0 variables watched that the first call did not use
(Before the first call only the property head Dense is unbuilt -- it is built by that call; the
per-call Sampling instances own no variables, so nothing is created or lost per call.)"""

from typing import Any, Dict

import numpy as np
import tensorflow as tf
import keras
from keras import layers


# ---------------------------------------------------------------- network_utils.py
class Sampling(layers.Layer):
    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = tf.shape(z_log_var)[0]
        dim = tf.shape(z_log_var)[1]
        epsilon = keras.random.normal(shape=(batch, dim))

        return z_mean + tf.math.exp(0.5 * z_log_var) + epsilon


class RelationalConvGraphLayer(layers.Layer):
    """
    The Relational Convolutional Graph Layers implements
    non-linearly transformed neighbourhood aggregations
    """

    def __init__(
        self,
        units: int = 128,
        activation: str = "relu",
        use_bias: bool = False,
        kernel_initializer: str = "glorot_uniform",
        bias_initializer: str = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.units: int = units
        self.use_bias: bool = use_bias
        self.activation: Any = keras.activations.get(activation)
        self.bias_initializer: Any = keras.initializers.get(bias_initializer)
        self.kernel_regularizer: Any = keras.regularizers.get(kernel_regularizer)
        self.kernel_initializer: Any = keras.initializers.get(kernel_initializer)
        self.bias_regularizer: Any = keras.regularizers.get(bias_regularizer)

    def build(self, input_shape) -> None:
        bond_dim: int = input_shape[0][1]
        atom_dim: int = input_shape[1][2]

        self.kernel = self.add_weight(
            shape=(bond_dim, atom_dim, self.units),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            trainable=True,
            name="Weights",
            dtype=tf.float32,
        )

        if self.use_bias:
            self.bias = self.add_weight(
                shape=(bond_dim, 1, self.units),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                trainable=True,
                name="bias",
                dtype=tf.float32,
            )

        self.built = True

    def call(self, inputs, training: bool = False):
        adjacency, features = inputs
        # Aggreage informaton from neighbours
        data_point = tf.matmul(adjacency, features[:, None, :, :])
        # Apply linear transformation
        data_point = tf.matmul(data_point, self.kernel)

        if self.use_bias:
            data_point = data_point + self.bias
        # reduce bond types dim
        dp_reduced = tf.reduce_sum(data_point, axis=1)
        # apply non-linear transformaton
        return self.activation(dp_reduced)

    def compute_output_shape(self, input_shape):
        return (input_shape[1][0], input_shape[1][1], self.units)


def build_graph_encoder(gconv_units, latent_dim, adjacency_shape, features_shape, dense_units, dropout_rate):
    adjacency = layers.Input(shape=adjacency_shape)
    features = layers.Input(shape=features_shape)

    # Propagate through one or more graph convolutional layers
    features_transformed = features
    for unit in gconv_units:
        features_transformed = RelationalConvGraphLayer(units=unit)(
            [adjacency, features_transformed]
        )
    # Reduce 2-D representation of molecule to 1-D
    x_var = layers.GlobalAveragePooling1D()(features_transformed)

    # Propagate through one or more densely connected layers
    for unit in dense_units:
        x_var = layers.Dense(units=unit, activation="relu")(x_var)
        x_var = layers.Dropout(dropout_rate)(x_var)

    z_mean = layers.Dense(units=latent_dim, dtype="float32", name="z_mean")(x_var)
    log_var = layers.Dense(units=latent_dim, dtype="float32", name="log_var")(x_var)

    encoder = keras.Model([adjacency, features], [z_mean, log_var], name="encoder")

    return encoder


def build_graph_decoder(dense_units, droupout_rate, latent_dim, adjacency_shape, feature_shape):
    """
    Build a Decoder model
    """

    z_space = layers.Input(shape=(latent_dim,))
    # Propagate through one or more densely connected layers
    latent_space = z_space
    for unit in dense_units:
        latent_space = layers.Dense(unit, activation="tanh")(latent_space)
        latent_space = layers.Dropout(droupout_rate)(latent_space)

    # Map outputs of previous layer (x_space) to
    # [continous] adjacency tensors (x_adjacency)
    x_adjacency = layers.Dense(int(np.prod(adjacency_shape)))(latent_space)
    x_adjacency = layers.Reshape(adjacency_shape)(x_adjacency)
    # Symmetrify tensors in the last two dimensions
    x_adjacency = (x_adjacency + keras.ops.transpose(x_adjacency, (0, 1, 3, 2))) / 2
    x_adjacency = layers.Softmax(axis=1)(x_adjacency)

    # Map outputs of previous layer (x)
    # to [continuous] feature tensors (x_features)
    x_features = layers.Dense(int(np.prod(feature_shape)))(latent_space)
    x_features = layers.Reshape(feature_shape)(x_features)
    x_features = layers.Softmax(axis=2)(x_features)

    model = keras.Model(
        inputs=z_space, outputs=[x_adjacency, x_features], name="decoder"
    )
    return model


# ---------------------------------------------------------------- vae.py
class VAE(keras.Model):
    """
    Abstract class to build a
    Variational Adversarial Network
    """

    def __init__(self, encoder: keras.Model, decoder: keras.Model, max_length: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.encoder: keras.Model = encoder
        self.decoder: keras.Model = decoder
        self.max_length: int = max_length
        self.property_prediction_layer = layers.Dense(1)
        self.total_loss_tracker = keras.metrics.Mean(name="total_loss")
        self.reconstruction_loss_tracker = keras.metrics.Mean(name="reconstruction_loss")
        self.kl_loss_tracker = keras.metrics.Mean(name="kl_loss")


# ---------------------------------------------------------------- gvae.py
class GraphVAE(VAE):
    """
    Graph VAE
    """

    def __init__(self, encoder, decoder, max_lenth, latent_dim, **kwargs):
        super(GraphVAE, self).__init__(encoder, decoder, max_lenth, **kwargs)
        self.latent_dim: int = latent_dim

    def call(self, inputs):
        z_mean, log_var = self.encoder(inputs)
        latent_space = Sampling()([z_mean, log_var])

        adjacency_generated, generated_features = self.decoder(latent_space)
        property_predicted = self.property_prediction_layer(z_mean)

        return z_mean, log_var, property_predicted, adjacency_generated, generated_features


BOND_DIM, NUM_ATOMS, ATOM_DIM, LATENT_DIM = 2, 3, 4, 4


def build_model():
    encoder = build_graph_encoder(gconv_units=[8], latent_dim=LATENT_DIM,
                                  adjacency_shape=(BOND_DIM, NUM_ATOMS, NUM_ATOMS),
                                  features_shape=(NUM_ATOMS, ATOM_DIM),
                                  dense_units=[8], dropout_rate=0.0)
    decoder = build_graph_decoder(dense_units=[8], droupout_rate=0.0, latent_dim=LATENT_DIM,
                                  adjacency_shape=(BOND_DIM, NUM_ATOMS, NUM_ATOMS),
                                  feature_shape=(NUM_ATOMS, ATOM_DIM))
    model = GraphVAE(encoder, decoder, max_lenth=NUM_ATOMS, latent_dim=LATENT_DIM)
    rng = np.random.default_rng(0)
    adjacency = rng.random((2, BOND_DIM, NUM_ATOMS, NUM_ATOMS)).astype("float32")
    features = rng.random((2, NUM_ATOMS, ATOM_DIM)).astype("float32")
    return model, [adjacency, features]
