"""A timestamp-to-frequency layer for time-series models builds its kernel with `K.variable` and registers it
with `self._trainable_weights.append(weight)`: on Keras 3 `build()` raises AttributeError (LD006).

From bjherger/timestamp_keras_layer, a small project to learn seasonal frequencies from raw epoch timestamps
("PoorMansFFT": multiply the timestamp by learnable angular frequencies, then take sine/cosine; its lab notebook
cites cycles in time series). `bin/PoorMansFFT.py`: `__init__` converts named periods ('minutely' ... 'yearly')
to initial angular frequencies; `build()` checks the `(None, 1)` input, does `weight = K.variable(
self.initial_omegas, name='initial_omegas')`, `self._trainable_weights.append(weight)` and `self.kernel = weight`,
then sets an InputSpec. This is the Keras 2 private-list idiom for "add this variable to my trainable weights";
Keras 3 layers have no `_trainable_weights`, so the `append` raises before anything else happens. (The class is
work in progress in the repository: `call()` ends in a TODO and returns None; the crash comes first.)

Porting edits: the Keras 2.2 imports `from keras.engine import Layer, InputSpec` / `import keras.backend as K`
become `tensorflow.keras.layers` / `tensorflow.keras.backend` (TF 2.21's `tf.keras.backend` still has the legacy
`variable`); `call()` is kept as written, the empty `compute_output_shape`/`get_config` TODO stubs are left out.
build_model() does what the repository's `test_build` does: `PoorMansFFT(['minutely', 'yearly'])`, then
`layer.build(input_shape=(None, 1))`.
"""

SOURCE = "https://github.com/bjherger/timestamp_keras_layer/blob/3fe3f193a82d9fdbd48f0866e4ed6b6a30d2fb2f/bin/PoorMansFFT.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/bi_timestampkeraslayer_poormansfft_appends_variable_to_private_trainable_weights.py:
build_model() raised AttributeError: 'PoorMansFFT' object has no attribute '_trainable_weights'
(raised from `self._trainable_weights.append(weight)` in build(), the line after K.variable succeeds.)"""

import numpy
from tensorflow.keras.layers import Layer, InputSpec

import tensorflow.keras.backend as K


class PoorMansFFT(Layer):
    def __init__(self, initial_frequencies, **kwargs):
        # Initialize super
        super(PoorMansFFT, self).__init__(**kwargs)

        # Initialize init variables
        self.initial_frequencies = initial_frequencies

        # Convert initial frequencies to duration in seconds
        self.initial_omegas = self._convert_frequencies(initial_frequencies)

        pass

    def build(self, input_shape):
        # Shape checking
        self._check_input_shape(input_shape)
        input_dim = input_shape[1]

        # Create kernel(s), based on self.add_weight
        weight = K.variable(self.initial_omegas, name='initial_omegas')
        self._trainable_weights.append(weight)
        self.kernel = weight

        # Create InputSpec
        self.input_spec = InputSpec(min_ndim=2, max_ndim=2, axes={1: input_dim})
        pass

    def call(self, inputs, **kwargs):

        # Convert frequencies to trig scale coefficients
        omegas = K.pow(self.kernel, -1) * 2 * numpy.pi
        print(K.get_value(omegas))

        # Convert inputs to trig arguments, by multiplyhing inputs by trig scale coefficients
        arguments = K.dot(omegas, inputs)

        # TODO Apply sin and cosine element wise

        pass

    def _check_input_shape(self, input_shape):
        # Check that input_shape is of correct length
        assert len(input_shape) >= 2

        # Check that input_shape only has one value (e.g. shape `(None, 1)`
        assert input_shape[1] == 1

    @staticmethod
    def _convert_frequencies(initial_frequencies):

        conversions = {
            'minutely': 60,
            'hourly': 3600,
            'daily': 86400,
            'weekly': 604800,
            'monthly': 2628288,
            'quarterly': 7883991,
            'yearly': 31535965
        }

        # Check for unknown initial frequencies
        for initial_frequency in initial_frequencies:
            if initial_frequency not in conversions:
                raise AssertionError('Unknown initial frequency: {}. Please choose from: {}'.format(initial_frequency,
                                                                                                    conversions.keys()))

        initial_frequencies_seconds = list(map(lambda x: conversions[x], initial_frequencies))
        initial_omegas = list(map(lambda x: (2 * numpy.pi) / x, initial_frequencies_seconds))
        return initial_omegas


def build_model():
    initial_frequencies = ['minutely', 'yearly']
    layer = PoorMansFFT(initial_frequencies)
    layer.build(input_shape=(None, 1))
    return layer
