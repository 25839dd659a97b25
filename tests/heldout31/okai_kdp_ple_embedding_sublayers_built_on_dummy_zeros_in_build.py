"""keras-data-processor's `PLEEmbedding` (piecewise-linear numerical-feature embedding for tabular
data): `build()` returns early `if hasattr(self, 'segment_boundaries')`, makes the boundaries,
slopes and intercepts with `add_weight`, creates its sub-layers there (a `Sequential` of two
`TimeDistributed(Dense)`, a `Dropout` -- or a plain `lambda x, training: x` when the rate is 0 -- a
`TimeDistributed(BatchNormalization)` and a `TimeDistributed(Dense)` residual projection) and builds
them by calling each on a dummy `tf.zeros(...)` batch inside `build()`.

From piotrlaczkowski/keras-data-processor (`kdp/layers/ple_embedding_layer.py`). Looks like the
"sub-layers created outside `__init__`", "sub-layers called on constant tensors" and "state stored
behind a hasattr guard" traps. On Keras 3 it is fine: sub-layers assigned in `build()` are tracked,
the dummy calls only build them (their outputs are discarded), and every weight -- the three PLE
tables, both MLP Dense, the batch norm and the residual projection -- is counted and trained.

Porting edits: none to the layer (the `register_keras_serializable` decorator kept);
`build_model()` feeds a table of 3 numerical features through `PLEEmbedding(embedding_dim=4,
num_segments=4, mlp_hidden_units=8)`, then `Flatten` and `Dense(1)`.
"""

SOURCE = "https://github.com/piotrlaczkowski/keras-data-processor/blob/cb6ffebe5321c09ee3620b595fa3da5a00293fad/kdp/layers/ple_embedding_layer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okai_kdp_ple_embedding_sublayers_built_on_dummy_zeros_in_build.py:
as returned: Functional, count_params() = 152, 15 weights, unbuilt: none
after call: count_params() = 152, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ple_embedding': 139}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31c/probe_ple.py): the layer tracks post_ple_mlp, dropout, ple_batch_norm and
residual_proj, all built; 139 = PLE tables 15 + 12 + 12, MLP 40 + 36, batch norm 16 (8 moving
statistics), residual projection 8; one fit step (adam/mse, 16 rows) changes 13 of 13 trainable
weights, the segment boundaries included."""

import tensorflow as tf
import numpy as np


@tf.keras.utils.register_keras_serializable(package="kdp.layers")
class PLEEmbedding(tf.keras.layers.Layer):
    """Parameterized Linear Expansion (PLE) embedding layer for continuous numerical features."""

    def __init__(
        self,
        embedding_dim: int = 8,
        num_segments: int = 8,
        mlp_hidden_units: int = 16,
        use_mlp: bool = True,
        dropout_rate: float = 0.1,
        use_batch_norm: bool = True,
        segment_init: str = "uniform",
        use_residual: bool = True,
        activation: str = "relu",
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.embedding_dim = embedding_dim
        self.num_segments = num_segments
        self.mlp_hidden_units = mlp_hidden_units
        self.use_mlp = use_mlp
        self.dropout_rate = dropout_rate
        self.use_batch_norm = use_batch_norm
        self.segment_init = segment_init
        self.use_residual = use_residual
        self.activation = activation
        
        # Validate segment_init in constructor
        valid_segment_inits = ["uniform", "quantile"]
        if self.segment_init not in valid_segment_inits:
            raise ValueError(f"Unknown segment_init: {self.segment_init}. Must be one of {valid_segment_inits}")
        
        # Validate activation in constructor
        valid_activations = ["relu", "leaky_relu", "elu", "selu", "tanh", "sigmoid", "linear"]
        if self.activation not in valid_activations:
            raise ValueError(f"Unknown activation: {self.activation}. Must be one of {valid_activations}")

    def build(self, input_shape):
        # input_shape: (batch, num_features)
        if hasattr(self, 'segment_boundaries'):
            return  # Already built
        
        self.num_features = input_shape[-1]
        
        # Learnable segment boundaries for each feature, shape: (num_features, num_segments + 1)
        if self.segment_init == "uniform":
            # Uniform initialization across the expected input range
            boundaries = np.linspace(-3.0, 3.0, self.num_segments + 1)
            # Create a 2D array by repeating the boundaries for each feature
            boundaries_2d = np.tile(boundaries, (self.num_features, 1))
            initializer = tf.constant_initializer(boundaries_2d)
        elif self.segment_init == "quantile":
            # Quantile-based initialization (will be updated during training)
            boundaries = np.linspace(0.0, 1.0, self.num_segments + 1)
            # Create a 2D array by repeating the boundaries for each feature
            boundaries_2d = np.tile(boundaries, (self.num_features, 1))
            initializer = tf.constant_initializer(boundaries_2d)
        else:
            raise ValueError(f"Unknown segment_init: {self.segment_init}")
        
        self.segment_boundaries = self.add_weight(
            name="segment_boundaries",
            shape=(self.num_features, self.num_segments + 1),
            initializer=initializer,
            trainable=True,
        )
        
        # Learnable slopes for each segment, shape: (num_features, num_segments)
        self.segment_slopes = self.add_weight(
            name="segment_slopes",
            shape=(self.num_features, self.num_segments),
            initializer="ones",
            trainable=True,
        )
        
        # Learnable intercepts for each segment, shape: (num_features, num_segments)
        self.segment_intercepts = self.add_weight(
            name="segment_intercepts",
            shape=(self.num_features, self.num_segments),
            initializer="zeros",
            trainable=True,
        )
        
        # Post-PLE MLP (optional)
        if self.use_mlp:
            self.mlp = tf.keras.Sequential(
                [
                    tf.keras.layers.TimeDistributed(
                        tf.keras.layers.Dense(self.mlp_hidden_units, activation="relu")
                    ),
                    tf.keras.layers.TimeDistributed(
                        tf.keras.layers.Dense(self.embedding_dim)
                    ),
                ],
                name="post_ple_mlp",
            )
            
            self.dropout = (
                tf.keras.layers.Dropout(self.dropout_rate)
                if self.dropout_rate > 0
                else lambda x, training: x
            )
            
            if self.use_batch_norm:
                self.batch_norm = tf.keras.layers.TimeDistributed(
                    tf.keras.layers.BatchNormalization(), name="ple_batch_norm"
                )
        
        # Residual projection to match embedding_dim
        if self.use_residual:
            self.residual_proj = tf.keras.layers.TimeDistributed(
                tf.keras.layers.Dense(self.embedding_dim, activation=None),
                name="residual_proj",
            )
        
        # Build the sub-layers with dummy input to ensure weights are created
        if self.use_mlp:
            # Create dummy input for MLP: (batch, num_features, num_segments)
            dummy_mlp_input = tf.zeros((1, self.num_features, self.num_segments))
            self.mlp(dummy_mlp_input)
            
            if self.use_batch_norm:
                # Create dummy input for batch norm: (batch, num_features, embedding_dim)
                dummy_bn_input = tf.zeros((1, self.num_features, self.embedding_dim))
                self.batch_norm(dummy_bn_input)
        
        if self.use_residual:
            # Create dummy input for residual: (batch, num_features, 1)
            dummy_residual_input = tf.zeros((1, self.num_features, 1))
            self.residual_proj(dummy_residual_input)
        
        super().build(input_shape)

    def _apply_ple_transformation(self, inputs: tf.Tensor) -> tf.Tensor:
        # inputs: (batch, num_features)
        batch_size = tf.shape(inputs)[0]
        
        # Expand inputs for broadcasting: (batch, num_features, 1)
        inputs_expanded = tf.expand_dims(inputs, axis=-1)
        
        # Expand boundaries for broadcasting: (1, num_features, num_segments + 1)
        boundaries_expanded = tf.expand_dims(self.segment_boundaries, axis=0)
        
        # Expand slopes and intercepts for broadcasting: (1, num_features, num_segments)
        slopes_expanded = tf.expand_dims(self.segment_slopes, axis=0)
        intercepts_expanded = tf.expand_dims(self.segment_intercepts, axis=0)
        
        ple_outputs = []
        
        for i in range(self.num_segments):
            # Get the boundaries for this segment
            left_boundary = boundaries_expanded[:, :, i]  # (batch, num_features)
            right_boundary = boundaries_expanded[:, :, i + 1]  # (batch, num_features)
            
            # Get the slope and intercept for this segment
            slope = slopes_expanded[:, :, i]  # (batch, num_features)
            intercept = intercepts_expanded[:, :, i]  # (batch, num_features)
            
            # Apply clipping to ensure inputs are within segment boundaries
            clipped_inputs = tf.clip_by_value(inputs, left_boundary, right_boundary)
            
            # Normalize inputs to [0, 1] within the segment
            segment_width = right_boundary - left_boundary
            normalized_inputs = (clipped_inputs - left_boundary) / (segment_width + 1e-8)
            
            # Apply linear transformation: y = slope * x + intercept
            segment_output = slope * normalized_inputs + intercept
            
            # Apply activation function
            if self.activation == "relu":
                segment_output = tf.nn.relu(segment_output)
            elif self.activation == "sigmoid":
                segment_output = tf.nn.sigmoid(segment_output)
            elif self.activation == "tanh":
                segment_output = tf.nn.tanh(segment_output)
            elif self.activation == "linear":
                pass  # No activation
            else:
                raise ValueError(f"Unknown activation: {self.activation}")
            
            ple_outputs.append(segment_output)
        
        # Stack all segment outputs: (batch, num_features, num_segments)
        ple_embeddings = tf.stack(ple_outputs, axis=-1)
        
        return ple_embeddings

    def call(self, inputs: tf.Tensor, training: bool = False) -> tf.Tensor:
        # inputs: (batch, num_features)
        inputs_float = tf.cast(inputs, tf.float32)
        
        # Apply PLE transformation
        ple_embeddings = self._apply_ple_transformation(inputs_float)
        
        # Apply optional MLP
        if self.use_mlp:
            ple_embeddings = self.mlp(ple_embeddings)
            ple_embeddings = self.dropout(ple_embeddings, training=training)
            if self.use_batch_norm:
                ple_embeddings = self.batch_norm(ple_embeddings, training=training)
        
        # Apply residual connection if enabled
        if self.use_residual:
            inputs_expanded_for_residual = tf.expand_dims(inputs_float, axis=-1)
            residual = self.residual_proj(inputs_expanded_for_residual)
            ple_embeddings = ple_embeddings + residual
        
        # If only one feature is provided, squeeze the features axis
        if self.num_features == 1:
            return tf.squeeze(ple_embeddings, axis=1)  # New shape: (batch, embedding_dim)
        
        return ple_embeddings

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "embedding_dim": self.embedding_dim,
                "num_segments": self.num_segments,
                "mlp_hidden_units": self.mlp_hidden_units,
                "use_mlp": self.use_mlp,
                "dropout_rate": self.dropout_rate,
                "use_batch_norm": self.use_batch_norm,
                "segment_init": self.segment_init,
                "use_residual": self.use_residual,
                "activation": self.activation,
            }
        )
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def build_model():
    inputs = tf.keras.Input(shape=(3,))
    x = PLEEmbedding(embedding_dim=4, num_segments=4, mlp_hidden_units=8)(inputs)
    x = tf.keras.layers.Flatten()(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
