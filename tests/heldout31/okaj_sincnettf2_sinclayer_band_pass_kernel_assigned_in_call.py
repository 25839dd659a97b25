"""A TF2 SincNet `SincLayer` whose `call()` rebuilds the band-pass filterbank from the two learnable
cut-off vectors and stores every intermediate on `self` (`self.filter_low_cutoff`, `self.band_pass`,
`self.kernel` are reassigned on every call); `__init__` sets its settings before `super().__init__()`,
and `build()` keeps the Hamming window and the time grid as `tf.constant`s and overwrites the two
`add_weight` variables with `set_weights()` (mel initialisation).

From WangZesen/SincNet-Tensorflow2 (`source/model/sincnet.py`). Looks like several traps at once:
"kernel attribute replaced by a tensor in call()", "weight-like tensors stored on self in build()",
"super().__init__() called late". On Keras 3 none of them bites: the only trainable state is the two
`add_weight` vectors (`filter_low_freq`, `filter_bandwidth`), which stay variables (the tensors in
`call()` are assigned to other attribute names, and `self.kernel` was never a variable); the constants
are a fixed window and grid that SincNet does not learn; the settings set before `super().__init__()`
are plain Python values, which Keras 3 accepts. Both cut-off vectors get gradients and train.
(The author's window formula `0.54 - 0.46 + np.cos(...)` is a numeric slip, kept as written: it does
not change what is tracked or trained.)

Porting edits: none to the layer (it is written against `tf.keras`, which is Keras 3 here);
sizes trimmed (4 filters of 9 taps at 16 kHz on 64-sample mono input); `build_model()` adds a Flatten
and Dense(2) head in a functional model, as the repository's model does after its SincLayer.
"""

SOURCE = "https://github.com/WangZesen/SincNet-Tensorflow2/blob/1996ad5d8a8f515f66e79f333204e0ce266de66a/source/model/sincnet.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okaj_sincnettf2_sinclayer_band_pass_kernel_assigned_in_call.py:
as returned: Functional, count_params() = 458, 4 weights, unbuilt: none
after call: count_params() = 458, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sinc_layer': 8}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31d/p_fit.py: compile(SGD(0.1), 'mse'), one fit step): fit ok (the per-call
self.kernel / self.band_pass assignments do not break tracing); changed 4 of 4:
sinc_layer/filter_low_freq, sinc_layer/filter_bandwidth, dense/kernel, dense/bias. The 8 SincLayer
params are the 4 low cut-offs + 4 bandwidths the SincNet paper learns."""

import tensorflow as tf
import numpy as np
import math

class SincLayer(tf.keras.layers.Layer):
    min_mel_freq = 80
    min_hz_freq = 50
    min_hz_bandwidth = 50

    @staticmethod
    def hz_to_mel(hz):
        return 2595 * np.log10(1 + hz / 700)
    
    @staticmethod
    def mel_to_hz(mel):
        return (10 ** (mel / 2595) - 1) * 700

    def __init__(self, n_filter, filter_dim, sample_rate, **kwargs):
        self.n_filter = n_filter
        self.filter_dim = filter_dim
        self.sample_rate = sample_rate
        assert self.filter_dim % 2 == 1  # Make sure it can be symetric
        super(SincLayer, self).__init__(**kwargs)
    
    def build(self, input_shape):
        # Initialize Weights
        self.filter_low_freq = self.add_weight(
            name='filter_low_freq',
            shape=(self.n_filter,),
            initializer='uniform',
            constraint=tf.keras.constraints.NonNeg(),
            dtype=tf.float32,
            trainable=True
        )
        self.filter_bandwidth = self.add_weight(
            name='filter_bandwidth',
            shape=(self.n_filter,),
            initializer='uniform',
            constraint=tf.keras.constraints.NonNeg(),
            dtype=tf.float32,
            trainable=True
        )

        max_mel_freq = self.hz_to_mel(self.sample_rate / 2)
        mel_points = np.linspace(self.min_mel_freq, max_mel_freq, self.n_filter)
        hz_points = self.mel_to_hz(mel_points)
        left_band = np.roll(hz_points, 1)
        right_band = np.roll(hz_points, -1)
        left_band[0] = 30
        right_band[-1] = (self.sample_rate / 2) - 100 # Why -100? Save space for safe padding
        self.set_weights([left_band / self.sample_rate, (right_band - left_band) / self.sample_rate])

        # Hamming Window
        n = np.linspace(0, self.filter_dim, self.filter_dim)
        window = 0.54 - 0.46 + np.cos(2 * math.pi * n / self.filter_dim)
        self.window = tf.constant(window.reshape([1, -1]), dtype=tf.float32)    

        # Construct Kernel
        n = np.linspace(1, (self.filter_dim - 1) / 2, int((self.filter_dim - 1) / 2)).reshape((1, -1))  # Half of filter
        self._n = tf.constant(n / self.sample_rate, dtype=tf.float32) # Why divided by sample_rate?    
    
    def call(self, x):
        # Add Safe Padding
        self.filter_low_cutoff = self.filter_low_freq + self.min_hz_freq / self.sample_rate
        self.filter_high_cutoff = self.filter_low_cutoff + self.filter_bandwidth + self.min_hz_bandwidth / self.sample_rate
        self.filter_low_cutoff = tf.reshape(self.filter_low_cutoff, [-1, 1])
        self.filter_high_cutoff = tf.reshape(self.filter_high_cutoff, [-1, 1])

        inter_low = 2 * math.pi * tf.linalg.matmul(self.filter_low_cutoff * self.sample_rate, self._n)
        low_low_pass = 2 * tf.multiply(tf.math.sin(inter_low) / inter_low, self.filter_low_cutoff)
        inter_high = 2 * math.pi * tf.linalg.matmul(self.filter_high_cutoff * self.sample_rate, self._n)
        high_low_pass = 2 * tf.multiply(tf.math.sin(inter_high) / inter_high, self.filter_high_cutoff)
        band_pass = high_low_pass - low_low_pass

        self.band_pass = tf.concat([tf.reverse(band_pass, axis=[1]), tf.zeros([self.n_filter, 1], tf.float32), band_pass], 1)
        self.band_pass = tf.multiply(self.band_pass, self.window)  # Shape: [n_filter, filter_dim]

        self.kernel = tf.reshape(tf.transpose(self.band_pass), [self.filter_dim, 1, self.n_filter]) # [filter_dim, 1, n_filter]

        return tf.nn.conv1d(
            x,
            filters=self.kernel,
            stride=1,
            padding='VALID')
    
    def compute_output_shape(self, input_shape):
        # 1D Conv with (pad=VALID, stride=1)
        output_shape = (input_shape[0], input_shape[1] - self.filter_dim + 1, self.n_filter)
        return output_shape


def build_model():
    inputs = tf.keras.Input(shape=(64, 1))
    x = SincLayer(4, 9, 16000)(inputs)
    x = tf.keras.layers.Flatten()(x)
    outputs = tf.keras.layers.Dense(2)(x)
    return tf.keras.Model(inputs, outputs)
