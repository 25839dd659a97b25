"""The Keras Model Registry's anomaly-detection Autoencoder makes its anomaly threshold with
`keras.Variable(threshold, dtype="float32", name="threshold")` and no `trainable=False` (its median and std
siblings have it): the threshold is counted as a trainable weight, but it only enters a non-differentiable
comparison (and not the reconstruction at all), so it gets no gradient and the optimizer is handed a weight it can
never train.

From UnicoLab/keras-model-registry (`kmr/models/autoencoder.py` at 2d2c8f6, a Keras 3 model library; the class
docstring lists `_threshold`, `_median`, `_std` as its anomaly-detection state). `Autoencoder.__init__` creates the
three `keras.Variable`s before calling `super().__init__()` (Keras 3 tracks them anyway: its tracker is set up by the
first attribute assignment), then builds four Dense and four Dropout layers. `call()` returns the reconstruction; only
when a preprocessing model is attached does it also compute `ops.greater(score, median + threshold * std)`, a
boolean, so `threshold` has no gradient path in either branch (measured here: the plain branch; the
preprocessing branch needs `BaseModel` helpers trimmed from this file). It is meant to be set by `auto_configure_threshold()`
with `.assign()`, like median and std, which are created with `trainable=False`. Root defect: a trainable weight that
gets no gradient (LD009); the variables set before the super call are a look-alike, not a defect.

Porting edits: none to the code used; the file is trimmed to what the forward pass needs. `BaseModel`
(`kmr/models/_base.py` at 898d518) keeps its `__init__`, the input-standardisation helpers that `call()` uses and its
`preprocessing_model`/`inputs` properties, verbatim; the threshold-fitting helpers (`setup_threshold`,
`auto_configure_threshold`, the `fit` override, which need kmr's custom metrics) and `@register_keras_serializable`
are left out, and loguru's `logger` is replaced by the standard `logging` one. build_model() makes
`Autoencoder(input_dim=20, encoding_dim=8, intermediate_dim=16)` without a preprocessing model, calls it once on a
batch to build it and returns it with that batch (the class overrides `inputs`, so the batch must be given).
"""

SOURCE = "https://github.com/UnicoLab/keras-model-registry/blob/2d2c8f62845b2a89d4ab55b3d4a15ef0e3041b20/kmr/models/autoencoder.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/az/az_kmr_autoencoder_threshold_keras_variable_trainable_by_default_no_gradient.py:
as returned: Autoencoder, count_params() = 959, 11 weights, unbuilt: none
after call: count_params() = 959, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 9 trainable weights: ['threshold']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine35/az/p_kmr.py:
trainable: ['threshold', 'autoencoder/encoder_dense1/kernel'] ... non-trainable: ['median', 'std']
fit warning: Gradients do not exist for variables ['threshold'] when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?
fit warning: Gradients do not exist for variables ['threshold'] when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?
threshold after fit: 2.0"""

import logging
from collections import OrderedDict
from typing import Any, Optional, Union

import keras
from keras import Model, layers, ops

logger = logging.getLogger("kmr")


class BaseModel(Model):
    """Base model class with comprehensive input handling and common features (trimmed)."""

    def __init__(self, *args, **kwargs):
        """Initialize the base model with preprocessing support."""
        # Extract preprocessing-related parameters
        self._preprocessing_model = kwargs.pop("preprocessing_model", None)
        self._inputs = kwargs.pop("inputs", None)
        self._preprocessing_fitted = False

        super().__init__(*args, **kwargs)

        # Set up preprocessing model if provided
        if self._preprocessing_model is not None:
            self._setup_preprocessing_model()

    def _standardize_inputs(self, inputs: Any) -> OrderedDict:
        if isinstance(inputs, OrderedDict):
            return inputs
        elif isinstance(inputs, dict):
            return OrderedDict(inputs)
        elif isinstance(inputs, (list, tuple)):
            # Convert list/tuple to OrderedDict with default keys
            return OrderedDict({f"input_{i}": inp for i, inp in enumerate(inputs)})
        else:
            # Single tensor input
            return OrderedDict({"input": inputs})

    def _process_inputs_for_model(
        self,
        inputs: Any,
        expected_keys: list[str] = None,
        auto_split: bool = True,
        auto_reshape: bool = True,
    ) -> Union[list, Any]:
        # Standardize inputs
        standardized_inputs = self._standardize_inputs(inputs)

        # Handle preprocessing if model is provided
        if self._preprocessing_model is not None:
            return self._process_preprocessed_inputs(standardized_inputs)

        # Handle raw inputs
        if len(standardized_inputs) > 1 or any(
            key.startswith("input_") for key in standardized_inputs.keys()
        ):
            # Multiple inputs - get tensors in the correct order
            if expected_keys is not None:
                # Use expected keys to maintain order
                input_tensors = self._get_input_tensors(
                    standardized_inputs, expected_keys,
                )
            else:
                # Use all available inputs
                input_tensors = list(standardized_inputs.values())

            # Reshape inputs if needed
            if auto_reshape:
                input_tensors = self._reshape_inputs(input_tensors)

            return input_tensors
        else:
            # Single input
            single_input = list(standardized_inputs.values())[0]

            if auto_split and expected_keys is not None and len(expected_keys) > 1:
                # Split single tensor into multiple features
                return self._split_single_input(single_input, expected_keys)
            else:
                # Return single input as is
                return single_input

    def _reshape_inputs(self, input_tensors: list) -> list:
        reshaped_inputs = []
        for input_tensor in input_tensors:
            if len(input_tensor.shape) == 1:
                # Reshape from (batch_size,) to (batch_size, 1)
                reshaped_inputs.append(keras.ops.expand_dims(input_tensor, axis=-1))
            else:
                reshaped_inputs.append(input_tensor)
        return reshaped_inputs

    @property
    def preprocessing_model(self) -> Optional[keras.Model]:
        """Get the preprocessing model."""
        return self._preprocessing_model

    @property
    def inputs(self) -> Optional[dict]:
        """Get the input shapes specification."""
        return self._inputs


class Autoencoder(BaseModel):
    """An autoencoder model for anomaly detection with optional preprocessing integration."""

    def __init__(
        self,
        input_dim: int,
        encoding_dim: int = 64,
        intermediate_dim: int = 32,
        threshold: float = 2.0,
        preprocessing_model: keras.Model | None = None,
        inputs: dict[str, tuple[int, ...]] | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Set private attributes first
        self._input_dim = input_dim
        self._encoding_dim = encoding_dim
        self._intermediate_dim = intermediate_dim
        self._threshold = threshold

        # Validate parameters
        self._validate_params()

        # Set public attributes BEFORE calling parent's __init__
        self.input_dim = self._input_dim
        self.encoding_dim = self._encoding_dim
        self.intermediate_dim = self._intermediate_dim

        # Initialize variables
        self._threshold_var = keras.Variable(
            threshold,
            dtype="float32",
            name="threshold",
        )
        self._median = keras.Variable(
            0.0,
            dtype="float32",
            trainable=False,
            name="median",
        )
        self._std = keras.Variable(0.0, dtype="float32", trainable=False, name="std")

        # Call parent's __init__ with preprocessing model support
        super().__init__(
            preprocessing_model=preprocessing_model,
            inputs=inputs,
            name=name,
            **kwargs,
        )

        # Build the model architecture
        self._build_architecture()

    def _validate_params(self) -> None:
        """Validate model parameters."""
        if self._input_dim <= 0:
            raise ValueError(f"input_dim must be positive, got {self._input_dim}")
        if self._encoding_dim <= 0:
            raise ValueError(f"encoding_dim must be positive, got {self._encoding_dim}")
        if self._intermediate_dim <= 0:
            raise ValueError(
                f"intermediate_dim must be positive, got {self._intermediate_dim}",
            )
        if self._threshold < 0:
            raise ValueError(f"threshold must be non-negative, got {self._threshold}")

    def _build_architecture(self) -> None:
        """Build the autoencoder architecture."""
        # Encoder layers
        self.encoder_dense1 = layers.Dense(
            self.intermediate_dim,
            activation="relu",
            name="encoder_dense1",
        )
        self.encoder_dropout1 = layers.Dropout(0.1, name="encoder_dropout1")
        self.encoder_dense2 = layers.Dense(
            self.encoding_dim,
            activation="relu",
            name="encoder_dense2",
        )
        self.encoder_dropout2 = layers.Dropout(0.1, name="encoder_dropout2")

        # Decoder layers
        self.decoder_dense1 = layers.Dense(
            self.intermediate_dim,
            activation="relu",
            name="decoder_dense1",
        )
        self.decoder_dropout1 = layers.Dropout(0.1, name="decoder_dropout1")
        self.decoder_dense2 = layers.Dense(
            self.input_dim,
            activation="sigmoid",
            name="decoder_dense2",
        )
        self.decoder_dropout2 = layers.Dropout(0.1, name="decoder_dropout2")

        logger.debug(
            f"Autoencoder built with input_dim={self.input_dim}, "
            f"encoding_dim={self.encoding_dim}, intermediate_dim={self.intermediate_dim}, "
            f"preprocessing_model={'Yes' if self.preprocessing_model else 'No'}",
        )

    def call(
        self,
        inputs: Any,
        training: bool | None = None,
    ) -> keras.KerasTensor | dict[str, keras.KerasTensor]:
        # Use BaseModel's intelligent input processing
        # For autoencoder, we don't need feature splitting, just concatenation
        processed_inputs = self._process_inputs_for_model(
            inputs,
            expected_keys=None,  # No specific feature names for autoencoder
            auto_split=False,  # Don't split single inputs
            auto_reshape=False,  # Don't reshape, let the model handle it
        )

        # Handle the processed inputs
        if isinstance(processed_inputs, list):
            # Multiple inputs - concatenate them
            x = keras.ops.concatenate(processed_inputs, axis=-1)
        else:
            # Single input
            x = processed_inputs

        # Encoder
        encoded = self.encoder_dense1(x)
        encoded = self.encoder_dropout1(encoded, training=training)
        encoded = self.encoder_dense2(encoded)
        encoded = self.encoder_dropout2(encoded, training=training)

        # Decoder
        decoded = self.decoder_dense1(encoded)
        decoded = self.decoder_dropout1(decoded, training=training)
        decoded = self.decoder_dense2(decoded)
        decoded = self.decoder_dropout2(decoded, training=training)

        # If preprocessing model is used, return anomaly detection results
        if self.preprocessing_model is not None:
            # Calculate anomaly score
            anomaly_score = ops.mean(ops.abs(x - decoded), axis=1)

            # Determine if anomaly
            is_anomaly = ops.greater(
                anomaly_score,
                self._median + (self._threshold_var * self._std),
            )

            return {
                "reconstruction": decoded,
                "score": anomaly_score,
                "anomaly": is_anomaly,
                "median": self._median,
                "std": self._std,
                "threshold": self._threshold_var,
            }

        return decoded

    @property
    def threshold(self) -> float:
        return float(self._threshold_var.numpy())

    @property
    def median(self) -> float:
        return float(self._median.numpy())

    @property
    def std(self) -> float:
        return float(self._std.numpy())


def build_model():
    import numpy as np

    model = Autoencoder(input_dim=20, encoding_dim=8, intermediate_dim=16)
    x = np.random.default_rng(0).random((4, 20)).astype("float32")
    model(x)
    return model, x
