"""A stock-forecasting project's `LayerFFT1D` (a weightless spectral front-end that returns the rFFT of
each input series) declares "no weights" by assigning `self.trainable_weights = []` in `build()`.

From RenatoGhica/vault (`nostromo/LayerFFT1D.py`, written for Keras 2 on Theano). On Keras 3
`trainable_weights` is a read-only property of `Layer`: the assignment raises `AttributeError` the first
time the layer is built, so the model that puts the FFT layer in front of its Dense head cannot even
be wired. (On old Keras the assignment replaced the layer's weight list, which is why it "worked".)

Porting edits: `keras.engine.topology.Layer` -> `keras.layers.Layer`; the Theano op
`theano.tensor.fft.rfft(x)` (which returns the real and imaginary parts stacked on a last axis of 2)
replaced by `tf.signal.rfft` with the real and imaginary parts stacked the same way; the unused
`import keras.initializers` and the commented TF alternative kept; `build_model()` wires the layer in a
functional model on a 32-step series with a Flatten + Dense(1) head (the repository's FT models feed
price windows to their layers in the same way).
"""

SOURCE = "https://github.com/RenatoGhica/vault/blob/e203063aae5f9e4d0ed559798b4ac59d0710c971/nostromo/LayerFFT1D.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/aj_vaultfft_layerfft1d_build_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'LayerFFT1D' object has no setter
Own probe (/tmp/mine31d/p_vault.py): same AttributeError, raised from LayerFFT1D.build() while the
functional model is wired (Keras builds the layer on the Input's shape); no model is returned."""

import tensorflow as tf
import keras
from keras import backend as K
from keras.layers import Layer
import keras.initializers


def _theano_style_rfft(x):
    # theano.tensor.fft.rfft: last axis of size 2 holds (real, imag)
    spec = tf.signal.rfft(x)
    return tf.stack([tf.math.real(spec), tf.math.imag(spec)], axis=-1)


class LayerFFT1D(Layer):
    def __init__(self, **kwargs):
        super(LayerFFT1D, self).__init__(**kwargs)

    def build(self, input_shape):
        self.output_dim = input_shape[1]
        self.trainable_weights = []
        super(LayerFFT1D,self).build(input_shape)

    def call(self, x, mask=None):
        #return K.tf.complex_abs(K.tf.fft(K.tf.complex(x, K.tf.zeros_like(x))))
        results = _theano_style_rfft(x)
        self.output_dim=results.shape
        return results
        

    def compute_output_shape(self, input_shape):
        return (self.output_dim)


def build_model():
    inputs = keras.Input(shape=(32,))
    x = LayerFFT1D()(inputs)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
