"""fusionlab-learn's LSTMAutoencoderAnomaly keeps its encoder/decoder LSTMs in plain lists, sets `self.repeater =
None` (and `self.decoder_dense = None` when `n_features` is not given) in `__init__` and only creates the
RepeatVector and the TimeDistributed(Dense) head inside `build()`, with `input_shape=` hints: it looks like
placeholders that stay unbuilt and sublayers created too late, but on Keras 3 every sublayer is tracked, built on the
first call, counted and trained.

From earthai-tech/fusionlab-learn (`fusionlab/nn/anomaly_detection.py` at 56fd33f, "Neural network components for
anomaly detection in time series"). `build(input_shape)` decides the number of repeats from the input's time steps
and the head width from its feature count, creates the two layers and calls `super().build()`; the new sublayers are
assigned while the layer is still being built (before Keras marks it built), so Keras 3 tracks them, and `call()`
uses every one of them: encoder LSTMs -> final states -> RepeatVector -> decoder LSTMs (first one started from the
encoder states) -> TimeDistributed(Dense). RepeatVector has no weights; the Dense inside TimeDistributed is built when
the head is first called.

Porting edits: the library's indirections are resolved to the names they stand for (`KERAS_DEPS.LSTM` -> `LSTM`
etc., `tf_concat` -> `tf.concat`), and the `@validate_params`/`@ensure_pkg` decorators, the `NNLearner` mixin
(scikit-learn style parameter helpers, no Keras state) and `register_keras_serializable` are left out; the class body
is otherwise as written (docstring and the error helper `compute_reconstruction_error` left out). build_model() wires
`LSTMAutoencoderAnomaly(latent_dim=8, lstm_units=16, num_encoder_layers=2, num_decoder_layers=2)` on
(12 time steps, 3 features), as the library's anomaly examples do.
"""

SOURCE = "https://github.com/earthai-tech/fusionlab-learn/blob/56fd33fb18b769a42d23554d51a2dca23865532f/fusionlab/nn/anomaly_detection.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/az/okaz_fusionlab_lstm_autoencoder_anomaly_repeater_and_head_none_in_init_made_in_build.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 7667, 14 weights, unbuilt: none
after call: count_params() = 7667, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lstm_autoencoder_anomaly': 7667}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine35/az/p_roundtrip.py:
fresh model after load_weights: outputs equal: True | weights: 14 -> 14"""

from typing import Optional

import tensorflow as tf
from tensorflow.keras.layers import (
    Bidirectional,
    Dense,
    Layer,
    LSTM,
    RepeatVector,
    TimeDistributed,
)

tf_concat = tf.concat


class LSTMAutoencoderAnomaly(Layer):
    """LSTM Autoencoder for reconstruction-based anomaly detection."""

    def __init__(
        self,
        latent_dim: int,
        lstm_units: int,
        n_features: Optional[int] = None,
        n_repeats: Optional[int] = None,
        num_encoder_layers: int = 1,
        num_decoder_layers: int = 1,
        activation: str = 'tanh',
        intermediate_activation: str = 'relu',
        dropout_rate: float = 0.0,
        recurrent_dropout_rate: float = 0.0,
        use_bidirectional_encoder: bool = False,
        use_bottleneck_dense: bool = False,
        **kwargs
    ):
        super().__init__(**kwargs)
        # Store all hyperparameters
        self.latent_dim = latent_dim
        self.lstm_units = lstm_units
        self.n_features = n_features
        self.n_repeats = n_repeats
        self.num_encoder_layers = num_encoder_layers
        self.num_decoder_layers = num_decoder_layers
        self.activation = activation
        self.intermediate_activation = intermediate_activation
        self.dropout_rate = dropout_rate
        self.recurrent_dropout_rate = recurrent_dropout_rate
        self.use_bidirectional_encoder = use_bidirectional_encoder
        self.use_bottleneck_dense = use_bottleneck_dense

        # --- Define Encoder Layers ---
        self.encoder_layers = []
        for i in range(self.num_encoder_layers):
            is_last_encoder = (i == self.num_encoder_layers - 1)
            layer_name = f"encoder_lstm_{i+1}"
            lstm_layer = LSTM(
                self.lstm_units, return_sequences=not is_last_encoder,
                return_state=is_last_encoder, dropout=self.dropout_rate,
                recurrent_dropout=self.recurrent_dropout_rate, name=layer_name
            )
            if self.use_bidirectional_encoder:
                self.encoder_layers.append(
                    Bidirectional(lstm_layer, name=f"bi_{layer_name}")
                )
            else:
                self.encoder_layers.append(lstm_layer)

        # --- Optional Bottleneck Layer ---
        if self.use_bottleneck_dense:
            self.bottleneck_dense_h = Dense(
                self.latent_dim, activation=self.intermediate_activation,
                name="bottleneck_h"
            )
            self.bottleneck_dense_c = Dense(
                self.latent_dim, activation=self.intermediate_activation,
                name="bottleneck_c"
            )

        # --- Define Decoder LSTM Layers ---
        self.decoder_layers = []
        for i in range(self.num_decoder_layers):
            # ... (decoder LSTM creation logic as before) ...
             layer_name = f"decoder_lstm_{i+1}"
             self.decoder_layers.append(LSTM(
                 self.lstm_units, return_sequences=True,
                 dropout=self.dropout_rate,
                 recurrent_dropout=self.recurrent_dropout_rate,
                 name=layer_name
             ))

        # --- Conditionally Define Final Dense Layer ---
        self.decoder_dense = None
        if self.n_features is not None:
            self.decoder_dense = TimeDistributed(
                Dense(self.n_features, activation=self.activation),
                name="decoder_dense"
            )

        # --- Initialize Repeater placeholder ---
        self.repeater = None

    def build(self, input_shape):
        """Configure layers whose dimensions depend on input shape."""
        if len(input_shape) != 3:
            raise ValueError(
                "Input should be 3D (Batch, TimeSteps, Features)."
                f" Received shape: {input_shape}"
            )
        _batch_size, time_steps, features = input_shape

        # --- Determine number of repeats ---
        # Use specified n_repeats if provided, otherwise use input time_steps
        num_repeats = self.n_repeats if self.n_repeats is not None else time_steps
        # Setting number of repetitions for decoder input.

        # --- Create Repeater Vector ---
        if self.repeater is None:
            # Determine the dimension feeding into the repeater
            if self.use_bottleneck_dense:
                repeater_input_dim = self.latent_dim
            elif self.use_bidirectional_encoder:
                repeater_input_dim = self.lstm_units * 2
            else:
                repeater_input_dim = self.lstm_units

            self.repeater = RepeatVector(
                num_repeats, # Use determined number of repeats
                # Provide input_shape hint for clarity (optional but good)
                input_shape=(_batch_size, repeater_input_dim),
                name="repeater"
            )
            # Repeater created/configured in build.

        # --- Create or Verify Final Dense Layer ---
        if self.decoder_dense is None:
            # If n_features was NOT provided at init, create layer now
            self.decoder_dense = TimeDistributed(
                Dense(features, activation=self.activation),
                # Hint input shape based on decoder LSTM output
                input_shape=(_batch_size, num_repeats, self.lstm_units),
                name="decoder_dense"
            )
            # decoder_dense created in build.
        elif self.n_features != features:
            # If layer exists (n_features was given), verify match
            raise ValueError(
                f"Input feature dimension ({features}) does not match "
                f"n_features ({self.n_features}) provided during "
                "initialization."
            )

        # Ensure super().build is called
        super().build(input_shape)

    def call(self, inputs, training=False):
        """Forward pass: Encode -> [Bottleneck] -> Repeat -> Decode."""
        # --- Encoding ---

        encoded = inputs
        encoder_states = None
        for i, layer in enumerate(self.encoder_layers):

             is_last_encoder = (i == self.num_encoder_layers - 1)
             if is_last_encoder:
                 if self.use_bidirectional_encoder:
                     encoded, fh, fc, bh, bc = layer(encoded, training=training)
                     state_h = tf_concat([fh, bh], axis=-1)
                     state_c = tf_concat([fc, bc], axis=-1)
                 else:
                     encoded, state_h, state_c = layer(encoded, training=training)
                 encoder_states = [state_h, state_c]
             else:
                 encoded = layer(encoded, training=training)

        # --- Optional Bottleneck ---

        latent_vector = encoder_states[0]
        decoder_initial_state = encoder_states
        if self.use_bottleneck_dense:
            # ... (apply bottleneck_dense_h/c) ...
             bottleneck_h = self.bottleneck_dense_h(encoder_states[0])
             bottleneck_c = self.bottleneck_dense_c(encoder_states[1])
             latent_vector = bottleneck_h
             decoder_initial_state = [bottleneck_h, bottleneck_c]

        # --- Decoding ---
        # Repeater layer (created in build) must exist now
        if self.repeater is None:
             raise RuntimeError("Repeater layer was not built.")
             # Shape (B, num_repeats, latent_dim_eff)
        repeated_vector = self.repeater(latent_vector)

        decoded = repeated_vector
        initial_state_for_decoder = decoder_initial_state
        for i, layer in enumerate(self.decoder_layers):
             # Pass initial state only to the first decoder layer
            if i == 0:
                decoded = layer(
                    decoded, initial_state=initial_state_for_decoder,
                    training=training
                )
            else:
                decoded = layer(decoded, training=training)
        # Output shape: (B, num_repeats, lstm_units)

        # --- Final Reconstruction ---
        # Decoder dense layer (created in init or build) must exist
        if self.decoder_dense is None:
             raise RuntimeError("Decoder dense layer was not built.")

        reconstructions = self.decoder_dense(
            decoded, training=training
        ) # Output shape: (B, num_repeats, features)

        return reconstructions

    def get_config(self):
        """Returns the layer configuration."""
        config = super().get_config()
        # Update with all parameters from __init__
        config.update({
            "latent_dim": self.latent_dim,
            "lstm_units": self.lstm_units,
            "n_features": self.n_features,
            "n_repeats": self.n_repeats, # Add new parameter
            "num_encoder_layers": self.num_encoder_layers,
            "num_decoder_layers": self.num_decoder_layers,
            "activation": self.activation,
            "intermediate_activation": self.intermediate_activation,
            "dropout_rate": self.dropout_rate,
            "recurrent_dropout_rate": self.recurrent_dropout_rate,
            "use_bidirectional_encoder": self.use_bidirectional_encoder,
            "use_bottleneck_dense": self.use_bottleneck_dense,
        })
        return config

    @classmethod
    def from_config(cls, config):
        """Creates layer from its config."""
        return cls(**config)


def build_model():
    inputs = tf.keras.Input(shape=(12, 3))
    recon = LSTMAutoencoderAnomaly(
        latent_dim=8, lstm_units=16, num_encoder_layers=2, num_decoder_layers=2
    )(inputs)
    return tf.keras.Model(inputs, recon)
