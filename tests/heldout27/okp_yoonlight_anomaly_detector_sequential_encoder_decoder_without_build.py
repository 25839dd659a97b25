"""A reconstruction autoencoder for ECG anomaly detection keeps its encoder and decoder as two
`keras.Sequential` stacks assigned in `__init__` of a `keras.Model` that has no `build()`.

From yoonlight/autoencoder (`model/AnomalyDetector.py`), the TensorFlow anomaly-detection tutorial
shape. The Sequential stacks are tracked sublayers of the model and are built on the first call;
nothing is left unbuilt and every Dense gets a gradient.

Porting edits: widths 32/16/8 -> 8/4/2 and output 140 -> 12 (ECG window length); `build_model()`
returns the model and a batch of 3 windows.
"""

SOURCE = "https://github.com/yoonlight/autoencoder/blob/4bd9fb1e6f74cf17273779b419a4cba7d0b785bd/model/AnomalyDetector.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okp_yoonlight_anomaly_detector_sequential_encoder_decoder_without_build.py:
as returned: AnomalyDetector, count_params() raised ValueError, 0 weights, unbuilt: ['Sequential:sequential', 'Dense:dense_2', ..., 'Dense:dense_3'] (nothing built before a call)
after call: count_params() = 310, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import keras
from keras import layers


class AnomalyDetector(keras.Model):
    def __init__(self):
        super(AnomalyDetector, self).__init__()
        self.encoder = keras.Sequential([
            layers.Dense(8, activation="relu"),
            layers.Dense(4, activation="relu"),
            layers.Dense(2, activation="relu")])

        self.decoder = keras.Sequential([
            layers.Dense(4, activation="relu"),
            layers.Dense(8, activation="relu"),
            layers.Dense(12, activation="sigmoid")])

    def call(self, x):
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return decoded


def build_model():
    ecg = np.random.default_rng(0).random((3, 12)).astype("float32")
    return AnomalyDetector(), ecg
