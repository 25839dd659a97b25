"""Correct: a mixed-type autoencoder rounds its reconstructions with `Lambda(round)`, but only in the inference sub-models.

A case-prediction experiment builds, inside a `Model` subclass used as a container, three small
autoencoders (categorical, non-categorical, count) plus a revision classifier on the joint latent
space. The categorical and count reconstructions are also passed through `Lambda(lambda x: round(x))`
to get 0/1 and integer outputs. Rounding kills gradients, so this looks like the classic
integer-output bug; but the model that is compiled and trained, `model_train`, outputs the
continuous reconstructions, and only the separate `model_reconstruction_*` models (used for
prediction) end in the rounding Lambda. Every weight of the trained model gets a gradient.
(`keras.backend.round` is gone in Keras 3: the Lambda uses `keras.ops.round`, as a port does; the
original also copies its own source file to the output folder, left out here.)
"""

SOURCE = "https://github.com/anschauf/code-scout-python/blob/13b142b94e298e12fe44112a47afd5efb2cf8ef2/test/sandbox_model_case_predictions/experiments/AE/ae_model.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oka_autoencoder_round_only_in_inference_submodels.py:
as returned: Functional, count_params() = 123, 14 weights, unbuilt: none
after call: count_params() = 123, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from keras import Model, ops


class Autoencoder(Model):
    def __init__(self, dim_latent_non_categorical, dim_latent_categorical, dim_latent_count,
                 dim_input_non_categorical, dim_input_categorical, dim_input_count):
        super(Autoencoder, self).__init__()

        ##### define input variables #####
        input_non_categorical = tf.keras.Input(shape=(dim_input_non_categorical,))
        input_categorical = tf.keras.Input(shape=(dim_input_categorical,))
        input_count = tf.keras.Input(shape=(dim_input_count,))
        input_revised_not_revised = tf.keras.Input(shape=(1,), dtype=tf.float32)

        ##### ensure the latent space is always lower dimensional than the input #####
        dim_latent_non_categorical = int(np.min([dim_latent_non_categorical, dim_input_non_categorical - 1]))
        dim_latent_categorical = int(np.min([dim_latent_categorical, dim_input_categorical - 1]))
        dim_latent_count = int(np.min([dim_latent_count, dim_input_count - 1]))

        ##### AE categorical #####
        encoder_categorical = tf.keras.Sequential([tf.keras.layers.Dense(dim_latent_categorical, name="encoder_categorical")])
        input_categorical_encoded = encoder_categorical(input_categorical)
        decoder_categorical = tf.keras.Sequential([
            tf.keras.layers.Dense(dim_input_categorical, activation="sigmoid", name="decoder_categorical"),
        ], name="reconstruction_categorical")
        reconstructed_input_categorical = decoder_categorical(input_categorical_encoded)
        decoder_categorical_binary = tf.keras.Sequential([tf.keras.layers.Lambda(lambda x: ops.round(x))])
        reconstructed_input_categorical_binary = decoder_categorical_binary(reconstructed_input_categorical)

        ##### AE none categorical #####
        encoder_non_categorical = tf.keras.Sequential([
            tf.keras.layers.Dense(dim_latent_non_categorical, name="encoder_non_categorical")
        ])
        input_non_categorical_encoded = encoder_non_categorical(input_non_categorical)
        decoder_non_categorical = tf.keras.Sequential([
            tf.keras.layers.Dense(dim_input_non_categorical, activation="sigmoid", name="decoder_non_categorical")
        ], name="reconstruction_non_categorical")
        reconstructed_input_non_categorical = decoder_non_categorical(input_non_categorical_encoded)

        ##### AE count #####
        encoder_count = tf.keras.Sequential([
            tf.keras.layers.Dense(dim_latent_count, name="encoder_count",
                                  kernel_initializer=tf.keras.initializers.constant(value=0))
        ])
        input_count_encoded = encoder_count(input_count)
        decoder_count = tf.keras.Sequential([
            tf.keras.layers.Dense(dim_input_count, name="decoder_count",
                                  kernel_initializer=tf.keras.initializers.constant(value=0),
                                  activation=tf.keras.activations.exponential)
        ], name="reconstruction_count")
        reconstructed_input_count = decoder_count(input_count_encoded)
        decoder_count_binary = tf.keras.Sequential([tf.keras.layers.Lambda(lambda x: ops.round(x))])
        reconstructed_input_count_binary = decoder_count_binary(reconstructed_input_count)

        ##### combined latent space #####
        latent_space = tf.keras.layers.Concatenate(name="latent_space")(
            [input_categorical_encoded, input_non_categorical_encoded, input_count_encoded]
        )

        ##### predict revision on latent space #####
        model_predict_revision = tf.keras.Sequential([
            tf.keras.layers.Dense(1, name="prediction_revision", activation="sigmoid")
        ], name="predictions_revisions")
        prediction_revision = model_predict_revision(latent_space)

        self.model_train = tf.keras.models.Model(
            inputs=[input_categorical, input_non_categorical, input_count, input_revised_not_revised],
            outputs=[reconstructed_input_categorical, reconstructed_input_non_categorical, reconstructed_input_count,
                     prediction_revision],
        )
        self.model_train.compile(optimizer="adam",
                                 loss=[tf.keras.losses.BinaryCrossentropy(), tf.keras.losses.mse,
                                       tf.keras.losses.Poisson(), tf.keras.losses.BinaryCrossentropy()],
                                 loss_weights=[1, 1, 1, 3])

        self.model_latent_space = tf.keras.Model([input_categorical, input_non_categorical, input_count], latent_space)
        self.model_reconstruction_categorical = tf.keras.Model(input_categorical, reconstructed_input_categorical_binary)
        self.model_reconstruction_non_categorical = tf.keras.Model(input_non_categorical, reconstructed_input_non_categorical)
        self.model_reconstruction_count = tf.keras.Model(input_count, reconstructed_input_count_binary)
        self.model_predict_revision = tf.keras.Model([input_categorical, input_non_categorical, input_count],
                                                     prediction_revision)


def build_model():
    ae = Autoencoder(dim_latent_non_categorical=4, dim_latent_categorical=3, dim_latent_count=2,
                     dim_input_non_categorical=6, dim_input_categorical=5, dim_input_count=3)
    return ae.model_train
