"""An anomaly-detection autoencoder subclassing `Model` whose `call()` was written at module level
(dedented out of the class), so the `Sequential` encoder and decoder assigned in `__init__` are never
called and never built, and the model has no forward pass of its own.

From DeanOgle27/IndependentStudies (`autoencoder.py`, a dense 32-16-7 autoencoder trained on scaled
tabular data with `mae`). The file imports and the class instantiates without complaint; on Keras 3
the encoder/decoder stay unbuilt (no input shape, never called) and the first call of the model
(what `fit` does first) fails in the base `Model.call`.

Porting edits: `tensorflow.keras` -> `keras`; `len(x_train_scaled.columns)` (a DataFrame the snippet
never defines) -> 8 features; `build_model()` returns the model with an 8-feature batch (the author
calls `fit` on it); the module-level `def call` kept where the author put it.
"""

SOURCE = "https://github.com/DeanOgle27/IndependentStudies/blob/e90a4edf157cde7af4e6968d173b6cc99b1123a3/autoencoder.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/r_independentstudies_autoencoder_call_dedented_sublayers_never_built.py:
as returned: AutoEncoders, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Sequential:sequential', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense', 'Sequential:sequential_1', 'Dense:dense_5', 'Dense:dense_4', 'Dense:dense_3']
call 1 raised NotImplementedError: Exception encountered when calling AutoEncoders.call().
(with UserWarnings "`build()` was called on layer 'auto_encoders' ... looks like it has unbuilt state")
Own script /tmp/mine27c/indep.py: compile(loss='mae', optimizer='adam') then fit raises
NotImplementedError "Model AutoEncoders does not have a `call()` method implemented"."""

import numpy as np
from keras.layers import Dense, Dropout
from keras import Model
from keras import Sequential


class AutoEncoders(Model):

  def __init__(self, output_units):

    super().__init__()
    self.encoder = Sequential(
        [
          Dense(32, activation="relu"),
          Dense(16, activation="relu"),
          Dense(7, activation="relu")
        ]
    )

    self.decoder = Sequential(
        [
          Dense(16, activation="relu"),
          Dense(32, activation="relu"),
          Dense(output_units, activation="sigmoid")
        ]
    )

def call(self, inputs):

  encoded = self.encoder(inputs)
  decoded = self.decoder(encoded)
  return decoded


def build_model():
    n_features = 8
    auto_encoder = AutoEncoders(n_features)
    x_train_scaled = np.random.default_rng(0).random((4, n_features)).astype("float32")
    return auto_encoder, x_train_scaled
