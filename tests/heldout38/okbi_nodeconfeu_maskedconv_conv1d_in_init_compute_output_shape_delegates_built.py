"""A watch-gesture model wraps Conv1D in `MaskedConv` (sublayer made in `__init__`, no `build()`, a
`compute_output_shape` that delegates to the unbuilt Conv1D); on Keras 3 the convolution is still built and
counted when the Sequential is assembled.

From nearform/nodeconfeu-gesture-models (NodeConf EU smart-watch gesture recogniser: accelerometer sequences ->
LSTM classifier). `nodeconfeu_watch/layer/masked_conv.py` defines `MaskedConv(keras.layers.Layer)` so that a
convolution can sit in a masked sequence pipeline: `__init__` does `self.conv = keras.layers.Conv1D(*args,
**kwargs)` and `self.supports_masking = True`, `call()` returns `self.conv(inputs)`, and `compute_output_shape`
delegates to `self.conv.compute_output_shape(input_shape)`. It looks like held-out 37's 3-D CBAM (LD005: a
`compute_output_shape` that lets functional wiring skip `call()`, leaving sublayers unbuilt) and like the classic
"sublayer in `__init__` of a layer without `build()`" myth. Measured: the Conv1D (160 params) is built and counted
right after `model.add(...)`, before any real batch, and gets gradients. (Keras does warn that the Conv1D destroys
the mask the earlier layer attached: a masking issue, not a weight-tracking one.) The difference with the CBAM case
is that MaskedConv has no `build()` of its own that creates the sublayers.

Porting edits: MaskedConv is unchanged; of the two helpers of the same package (`MaskLastFeature`,
`CastIntToFloat`, put in this file), `MaskLastFeature.compute_mask` calls `keras.ops.not_equal` instead of
`tf.math.not_equal`, which Keras 3 refuses on the symbolic KerasTensor while the Sequential is assembled
("A KerasTensor cannot be used as input to a TensorFlow function"). build_model() builds the Sequential of
`experiment/v2-masked-model.py` with 5 classes: `Input((None, 4))`, MaskLastFeature, CastIntToFloat,
`MaskedConv(10, 5, padding='causal')`, LayerNormalization, `LSTM(10, return_sequences=True)`, `LSTM(5)`,
`Dense(5, use_bias=False)`.
"""

SOURCE = "https://github.com/nearform/nodeconfeu-gesture-models/blob/529b58cfce9c46deebf2d833f47e7523c1f5b67e/nodeconfeu_watch/layer/masked_conv.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/okbi_nodeconfeu_maskedconv_conv1d_in_init_compute_output_shape_delegates_built.py:
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:1039: UserWarning: Layer 'conv1d' (of type Conv1D) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
  warnings.warn(
as returned: Sequential, count_params() = 1365, 11 weights, unbuilt: none
after call: count_params() = 1365, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mask_last_feature': 0, 'cast_int_to_float': 0, 'masked_conv': 160}
second call: 0 variables watched that the first call did not use
(masked_conv 160 = Conv1D: 3 features x 5 taps x 10 filters + 10: built while the Sequential is assembled.)"""

import numpy as np
import tensorflow as tf
import tensorflow.keras as keras


class MaskLastFeature(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def compute_mask(self, inputs, mask=None):
        return keras.ops.not_equal(inputs[:, :, -1], 0)

    def call(self, inputs):
        return inputs[:, :, 0:-1]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], input_shape[2] - 1)


class CastIntToFloat(keras.layers.Layer):
    def __init__(self, normalize_factor=1, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self._normalize_factor = normalize_factor

    def call(self, inputs):
        return tf.cast(inputs, tf.dtypes.float32) / tf.constant(self._normalize_factor, dtype=tf.float32)

    def compute_output_shape(self, input_shape):
        return input_shape


class MaskedConv(keras.layers.Layer):
    def __init__(self, *args, name=None, **kwargs):
        super().__init__(name=name)
        self.conv = keras.layers.Conv1D(*args, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return self.conv(inputs)

    def compute_output_shape(self, input_shape):
        return self.conv.compute_output_shape(input_shape)


def build_model():
    classnames = ['nothing', 'clap2', 'upup', 'swiperight', 'swipeleft']
    model = keras.Sequential()
    model.add(keras.Input(shape=(None, 4), name='acceleration'))
    model.add(MaskLastFeature())
    model.add(CastIntToFloat())
    model.add(MaskedConv(10, 5, padding='causal'))
    model.add(keras.layers.LayerNormalization())
    model.add(keras.layers.LSTM(10, return_sequences=True))
    model.add(keras.layers.LSTM(len(classnames)))
    model.add(keras.layers.Dense(len(classnames), use_bias=False))
    x = np.ones((2, 12, 4), dtype="float32")
    return model, x
