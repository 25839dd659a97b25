"""Keras-MatMulLess DenseMML: after a save/load round trip the bias variable is replaced by a NumPy array.

`DenseMML.save_own_variables` stores the kernel pre-quantized to {-1, 0, +1} (packed), its scale
and the bias; `load_own_variables` assigns the decoded kernel back into `self._kernel`, but then
does `self._kernel_scale = w_scale` and `self._bias = bias`, where `bias` is the array read
from the weights store. The `bias` variable is still listed in `trainable_weights` (and counted),
but `call()` now adds the constant array, so it gets no gradient and fine-tuning never moves it.
The project documents the symptom as a pitfall: "DenseMML Layers Cannot Be Trained After Saving".
`build_model()` performs the same store round trip `keras.saving.load_model` performs (an
in-memory dict stands in for the `.weights.h5` entry), so no file is written.
"""

SOURCE = "https://github.com/PhotonicGluon/Keras-MatMulLess/blob/main/docs/source/explanations/dense.md"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py i_mml_reloaded_bias_replaced_by_array.py:
as returned: Sequential, count_params() = 52650, 6 weights, unbuilt: none
after call: count_params() = 52650, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['mml_classifier/dense_mml/bias', 'mml_classifier/dense_mml_1/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_mml': 50240, 'dense_mml_1': 2080}
second call: 0 variables watched that the first call did not use
Own check: before the store round trip (model built, not reloaded) all 6 trainable weights get a gradient; after it, the two DenseMML biases are NumPy arrays in call() while the bias variables stay in trainable_weights."""

from typing import Dict, Optional, Tuple

import keras
import numpy as np
from keras import activations, initializers, ops

EPSILON = 1e-5
HUGE = 1e9


def encode_ternary_array(x: np.ndarray) -> Tuple[Tuple[int, ...], bytes]:
    """Packs a {-1, 0, 1} array, 5 trits per byte."""
    flat = (np.asarray(x).astype(np.int8).ravel() + 1).astype(np.uint8)
    pad = (-len(flat)) % 5
    flat = np.concatenate([flat, np.zeros(pad, np.uint8)]).reshape(-1, 5)
    packed = (flat * np.array([1, 3, 9, 27, 81], np.uint8)).sum(axis=1).astype(np.uint8)
    return tuple(np.asarray(x).shape), packed.tobytes()


def decode_ternary_array(shape, encoded: bytes) -> np.ndarray:
    packed = np.frombuffer(encoded, dtype=np.uint8).astype(np.int32)
    trits = np.stack([(packed // p) % 3 for p in (1, 3, 9, 27, 81)], axis=1).ravel()
    size = int(np.prod(shape))
    return (trits[:size].astype(np.float32) - 1.0).reshape(tuple(int(s) for s in shape))


class FallbackDenseMML:
    @staticmethod
    def _activations_quantization(x):
        scale = 127.0 / ops.expand_dims(ops.clip(ops.max(ops.abs(x), axis=-1), EPSILON, HUGE), -1)
        return ops.clip(ops.round(x * scale), -128, 127) / scale

    @staticmethod
    def _compute_kernel_scale(w):
        return 1.0 / ops.clip(ops.mean(ops.abs(w)), EPSILON, HUGE)

    def _kernel_quantization_for_training(self, w):
        scale = self._compute_kernel_scale(w)
        return ops.clip(ops.round(w * scale), -1, 1) / scale

    def _kernel_quantization_for_saving(self, w):
        scale = self._compute_kernel_scale(w)
        return ops.clip(ops.round(w * scale), -1, 1), scale

    def _get_quantized_arrays(self, x_norm):
        x_quantized = x_norm + ops.stop_gradient(self._activations_quantization(x_norm) - x_norm)
        if self._kernel_scale:
            # Kernel values should have been pre-quantized
            w_quantized = self._kernel / self._kernel_scale
        else:
            w = self._kernel
            w_quantized = w + ops.stop_gradient(self._kernel_quantization_for_training(w) - w)
        return x_quantized, w_quantized


class DenseMML(keras.Layer, FallbackDenseMML):
    """Dense layer without matrix multiplications."""

    def __init__(self, units: int, activation: Optional[str] = None, use_bias: bool = True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self._kernel_scale = None  # used for when the layer is loaded from file
        self._kernel = None
        self._bias = None

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self._kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                       initializer=self.kernel_initializer)
        if self.use_bias:
            self._bias = self.add_weight(name="bias", shape=(self.units,),
                                         initializer=self.bias_initializer)
        self.built = True

    def call(self, inputs):
        x_quantized, w_quantized = self._get_quantized_arrays(inputs)
        x = ops.matmul(x_quantized, w_quantized)
        if self._bias is not None:
            x = ops.add(x, self._bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def save_own_variables(self, store: Dict):
        w_quantized, w_scale = self._kernel_quantization_for_saving(self._kernel)
        shape, encoded = encode_ternary_array(ops.convert_to_numpy(w_quantized))
        store["kernel_encoded"] = np.frombuffer(encoded, dtype="uint8")
        store["kernel_shape"] = shape
        store["kernel_scale"] = w_scale
        if self.use_bias:
            store["bias"] = self._bias

    def load_own_variables(self, store: Dict):
        try:
            encoded = store["kernel_encoded"][()].tobytes()
            shape = store["kernel_shape"][()]
            w_scale = store["kernel_scale"][()]
            bias = store["bias"][()] if self.use_bias else None
        except ValueError as e:  # pragma: no cover
            raise ValueError("DenseMML layer missing values when loading from file") from e
        self._kernel.assign(decode_ternary_array(shape, encoded))
        self._kernel_scale = w_scale
        self._bias = bias

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "activation": activations.serialize(self.activation),
                       "use_bias": self.use_bias})
        return config


def _h5_like(store):
    """What the .weights.h5 reader hands to load_own_variables: plain NumPy arrays."""
    return {k: np.array(v.numpy() if hasattr(v, "numpy") else v) for k, v in store.items()}


def reload_like_keras(model):
    for layer in model._flatten_layers(include_self=False):
        if isinstance(layer, DenseMML):
            store = {}
            layer.save_own_variables(store)
            layer.load_own_variables(_h5_like(store))
    return model


def build_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            DenseMML(64, activation="relu"),
            DenseMML(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),  # classification head stays float
        ],
        name="mml_classifier",
    )
    return reload_like_keras(model)
