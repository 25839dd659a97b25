"""A solar-power forecaster (`ConvLSTM(keras.Model)`) that keeps its stacked LayerNormalization +
ConvLSTM2D blocks in `self._layers = list()`: the name of Keras's own internal list of tracked
sublayers, so the final `Dense`, pooling and reshape assigned afterwards are dropped from tracking.

From yotaro-shimose/pvpf (`pvpf/model/convlstm.py` at 724d7de, "conv lstmをClass APIに変更",
satellite/weather image sequences -> PV output; the repository later renamed the list
`self._block_layers`). On Keras 3 `Layer.__init__` creates `self._layers` as the list the tracker
appends every sublayer to; assigning a new list replaces it. The blocks appended to the new list are
found, but `self._final_dense` (and the pooling/reshape) is appended by the tracker to the old,
orphaned list: its kernel and bias are created on the first call, used, and not in
`model.weights`: not counted, not trained by `fit`, not saved.

Porting edits: `tensorflow.keras` -> `keras`; the `register_keras_serializable(package=
KERAS_PACKAGE_NAME)` decorator and `get_config` dropped (the package constant lives elsewhere);
`kernel_size=5` -> 3, two blocks of 4 filters, `build_model()` returns the model with a batch of two
3-frame 8x8x2 sequences.
"""

SOURCE = "https://github.com/yotaro-shimose/pvpf/blob/724d7de18bce549c092624668ec931f0b868771a/pvpf/model/convlstm.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/l_pvpf_convlstm_model_overwrites_private_layers_list.py:
as returned: ConvLSTM, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['LayerNormalization:layer_normalization', 'ConvLSTM2D:conv_lstm2d', 'ConvLSTMCell:conv_lstm_cell', 'LayerNormalization:layer_normalization_1', 'ConvLSTM2D:conv_lstm2d_1', 'ConvLSTMCell:conv_lstm_cell']
after call: count_params() = 2060, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 2 variables the model does not track: ['conv_lstm/kernel:0', 'conv_lstm/bias:0']
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25a/probe_pvpf.py, one call then compile sgd/mse and one fit epoch): model.layers ==
['layer_normalization', 'conv_lstm2d', 'layer_normalization_1', 'conv_lstm2d_1'] (no pooling, Dense or
Reshape); _final_dense.built is True but its kernel is not in model.weights; after fit the Dense kernel is
bit-identical (never trained). The 2 untracked variables above are that Dense's kernel and bias."""

import numpy as np
import tensorflow as tf
import keras


class ConvLSTM(keras.Model):
    def __init__(
        self, num_layers: int, num_filters: int, output_scale: float, *args, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self._num_layers = num_layers
        self._num_filters = num_filters
        self._output_scale = output_scale
        self._layers = list()
        for i in range(num_layers):
            self._layers.append(keras.layers.LayerNormalization())
            return_sequences = i + 1 != num_layers
            self._layers.append(
                keras.layers.ConvLSTM2D(
                    filters=num_filters,
                    kernel_size=3,
                    return_sequences=return_sequences,
                )
            )
        self._pooling = keras.layers.GlobalAveragePooling2D()
        self._final_dense = keras.layers.Dense(1)
        self._final_reshape = keras.layers.Reshape(target_shape=())

    def call(self, x: tf.Tensor) -> tf.Tensor:
        for layer in self._layers:
            x = layer(x)
        x = self._pooling(x)
        x = self._final_dense(x)
        x = self._final_reshape(x)
        x = x * self._output_scale
        return x


def build_model():
    x = np.random.default_rng(0).random((2, 3, 8, 8, 2)).astype("float32")
    return ConvLSTM(num_layers=2, num_filters=4, output_scale=1.0), x
