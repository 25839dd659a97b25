"""Keras 3 port of a molecule VAE: `Sampling` now owns a `SeedGenerator`, but the model still builds a new `Sampling()` inside `call()`.

The port to Keras 3 (TensorFlow backend) gave the reparameterisation layer its own
`keras.random.SeedGenerator`, as the reviewer asked, so that the noise is drawn from tracked seed
state. `MoleculeGenerator.call()` kept the original `z = Sampling()([z_mean, log_var])`: a new layer,
and with it a new seed variable, on every forward pass. Eagerly this only leaks a fresh untracked
seed variable per call (the model's weights never hold it); inside `fit()` the traced train step
creates a `tf.Variable` on a non-first trace and TensorFlow refuses: "tf.function only supports
singleton tf.Variables created on the first call".
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/1996"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py e_molecule_vae_sampling_layer_with_seed_generator_made_in_call.py:
as returned: MoleculeGenerator, count_params() = count_params() raised ValueError, 15 weights, unbuilt: ['Dense:dense_5']
after call: count_params() = 16962, 17 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 17 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'relational_graph_conv_layer': 270}
second call: 0 variables watched that the first call did not use
extra check (/tmp script: call the model twice, then wrap the call in tf.function as fit() does): len(model.weights) 17 after
both calls and no Sampling layer among model._flatten_layers() (each call makes an untracked one); the tf.function
trace raises ValueError "tf.function only supports singleton tf.Variables created on the first call" (the SeedGenerator
state made in Sampling.__init__ during call)."""

import numpy as np
import tensorflow as tf
import keras
from keras import layers

BOND_DIM = 5
NUM_ATOMS = 9
ATOM_DIM = 6
LATENT_DIM = 8


class RelationalGraphConvLayer(keras.layers.Layer):
    def __init__(self, units=128, activation="relu", use_bias=False, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)

    def build(self, input_shape):
        bond_dim = input_shape[0][1]
        atom_dim = input_shape[1][2]
        self.kernel = self.add_weight(shape=(bond_dim, atom_dim, self.units),
                                      initializer=self.kernel_initializer, trainable=True, name="W",
                                      dtype=tf.float32)
        if self.use_bias:
            self.bias = self.add_weight(shape=(bond_dim, 1, self.units), initializer=self.bias_initializer,
                                        trainable=True, name="b", dtype=tf.float32)
        self.built = True

    def call(self, inputs, training=False):
        adjacency, features = inputs
        x = tf.matmul(adjacency, features[:, None, :, :])
        x = tf.matmul(x, self.kernel)
        if self.use_bias:
            x += self.bias
        x_reduced = tf.reduce_sum(x, axis=1)
        return self.activation(x_reduced)


def get_encoder(gconv_units, latent_dim, adjacency_shape, feature_shape, dense_units, dropout_rate):
    adjacency = keras.layers.Input(shape=adjacency_shape)
    features = keras.layers.Input(shape=feature_shape)
    features_transformed = features
    for units in gconv_units:
        features_transformed = RelationalGraphConvLayer(units)([adjacency, features_transformed])
    x = keras.layers.GlobalAveragePooling1D()(features_transformed)
    for units in dense_units:
        x = layers.Dense(units, activation="relu")(x)
        x = layers.Dropout(dropout_rate)(x)
    z_mean = layers.Dense(latent_dim, dtype="float32", name="z_mean")(x)
    log_var = layers.Dense(latent_dim, dtype="float32", name="log_var")(x)
    return keras.Model([adjacency, features], [z_mean, log_var], name="encoder")


def get_decoder(dense_units, dropout_rate, latent_dim, adjacency_shape, feature_shape):
    latent_inputs = keras.Input(shape=(latent_dim,))
    x = latent_inputs
    for units in dense_units:
        x = keras.layers.Dense(units, activation="tanh")(x)
        x = keras.layers.Dropout(dropout_rate)(x)
    x_adjacency = keras.layers.Dense(int(np.prod(adjacency_shape)))(x)
    x_adjacency = keras.layers.Reshape(adjacency_shape)(x_adjacency)
    x_adjacency = keras.layers.Softmax(axis=1)(x_adjacency)
    x_features = keras.layers.Dense(int(np.prod(feature_shape)))(x)
    x_features = keras.layers.Reshape(feature_shape)(x_features)
    x_features = keras.layers.Softmax(axis=2)(x_features)
    return keras.Model(latent_inputs, outputs=[x_adjacency, x_features], name="decoder")


class Sampling(layers.Layer):
    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = tf.shape(z_log_var)[0]
        dim = tf.shape(z_log_var)[1]
        epsilon = keras.random.normal(shape=(batch, dim), seed=self.seed_generator)
        return z_mean + tf.exp(0.5 * z_log_var) * epsilon


class MoleculeGenerator(keras.Model):
    def __init__(self, encoder, decoder, max_len, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.property_prediction_layer = layers.Dense(1)
        self.max_len = max_len
        self.train_total_loss_tracker = keras.metrics.Mean(name="train_total_loss")

    def call(self, inputs):
        z_mean, log_var = self.encoder(inputs)
        z = Sampling()([z_mean, log_var])
        gen_adjacency, gen_features = self.decoder(z)
        property_pred = self.property_prediction_layer(z_mean)
        return z_mean, log_var, property_pred, gen_adjacency, gen_features


def build_model():
    encoder = get_encoder(gconv_units=[9], adjacency_shape=(BOND_DIM, NUM_ATOMS, NUM_ATOMS),
                          feature_shape=(NUM_ATOMS, ATOM_DIM), latent_dim=LATENT_DIM, dense_units=[32],
                          dropout_rate=0.0)
    decoder = get_decoder(dense_units=[16, 32], dropout_rate=0.2, latent_dim=LATENT_DIM,
                          adjacency_shape=(BOND_DIM, NUM_ATOMS, NUM_ATOMS), feature_shape=(NUM_ATOMS, ATOM_DIM))
    model = MoleculeGenerator(encoder, decoder, NUM_ATOMS)
    rng = np.random.default_rng(0)
    adjacency = rng.random((2, BOND_DIM, NUM_ATOMS, NUM_ATOMS)).astype("float32")
    features = rng.random((2, NUM_ATOMS, ATOM_DIM)).astype("float32")
    return model, [adjacency, features]
