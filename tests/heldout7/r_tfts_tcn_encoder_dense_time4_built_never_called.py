"""tfts' TCN `Encoder` builds four `DenseTemp` projections in `build()` but `call()` never uses the fourth: a counted, trainable kernel that never gets a gradient.

LongxingTan/Time-series-prediction (tfts, tf.keras layer library for time-series models) writes
its WaveNet-style TCN encoder as a `Layer` whose `build()` creates and explicitly builds every
sublayer (`DenseTemp`, a list of causal `ConvTemp` blocks) from hand-computed shapes, then sets
`self.built = True`. `call()` gates each dilated conv with `Lambda` splits, collects skips, and
returns `(conv_inputs[:-1], h)`; the line `y_hat = self.dense_time4(h)` is commented out, but
`dense_time4` is still created and built in `build()`. Its kernel and bias are counted, saved and
handed to the optimizer, and receive no gradient ("Gradients do not exist" on every step).
"""

SOURCE = "https://github.com/LongxingTan/Time-series-prediction/blob/1d1324b4dfc05accc0385cc250ae3a7b2bb2669e/tfts/models/tcn.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/r_tfts_tcn_encoder_dense_time4_built_never_called.py:
as returned: Functional, count_params() = 2485, 20 weights, unbuilt: none
after call: count_params() = 2485, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 20 trainable weights: ['encoder/encoder_dense_time_4/kernel', 'encoder/encoder_dense_time_4/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 1809, 'encoder_dense_time_4': 17, 'encoder_dense_time3': 528, 'encoder_dense_time2': 144, 'conv_temp_3': 272, 'conv_temp_2': 272, 'conv_temp_1': 272, 'conv_temp': 272, 'encoder_dense_time1': 32}
second call: 0 variables watched that the first call did not use"""

from typing import Optional, Tuple

import tensorflow as tf
from tensorflow.keras import activations, initializers
from tensorflow.keras.layers import Concatenate, Dense, Lambda, ReLU


class DenseTemp(tf.keras.layers.Layer):
    """Time-distributed dense: einsum over the last axis (tfts/layers/dense_layer.py)."""

    def __init__(self, hidden_size: int, activation: Optional[str] = None, use_bias: bool = True, name=None):
        super(DenseTemp, self).__init__(name=name)
        self.hidden_size = hidden_size
        self.use_bias = use_bias
        self.activation = activation

    def build(self, input_shape: Tuple[int]):
        inputs_units = int(input_shape[-1])
        self.kernel = self.add_weight(
            name="kernel", shape=(inputs_units, self.hidden_size),
            initializer=initializers.get("glorot_uniform"), trainable=True,
        )
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.hidden_size,), initializer="zeros", trainable=True)
        self.activation = activations.get(self.activation)
        super(DenseTemp, self).build(input_shape)

    def call(self, inputs):
        output = tf.einsum("ijk,kl->ijl", inputs, self.kernel)
        if self.use_bias:
            output += self.bias
        if self.activation is not None:
            output = self.activation(output)
        return output


class ConvTemp(tf.keras.layers.Layer):
    """Causal dilated Conv1D wrapper (tfts/layers/cnn_layer.py)."""

    def __init__(self, filters: int, kernel_size: int, dilation_rate: int = 1, causal: bool = True, name=None):
        super(ConvTemp, self).__init__(name=name)
        self.filters = filters
        self.kernel_size = kernel_size
        self.dilation_rate = dilation_rate
        self.causal = causal

    def build(self, input_shape):
        self.conv = tf.keras.layers.Conv1D(
            filters=self.filters, kernel_size=self.kernel_size, dilation_rate=self.dilation_rate,
            padding="causal" if self.causal else "same", activation="relu",
        )
        self.conv.build(input_shape)
        super(ConvTemp, self).build(input_shape)

    def call(self, inputs):
        return self.conv(inputs)


class Encoder(tf.keras.layers.Layer):
    def __init__(self, kernel_sizes, dilation_rates, filters, dense_hidden_size, **kwargs):
        super().__init__(**kwargs)
        self.kernel_sizes = kernel_sizes
        self.dilation_rates = dilation_rates
        self.filters = filters
        self.dense_hidden_size = dense_hidden_size
        self.conv_times = []

    def build(self, input_shape):
        super(Encoder, self).build(input_shape)
        _, time_steps, input_dim = input_shape

        self.dense_time1 = DenseTemp(hidden_size=self.filters, activation="tanh", name="encoder_dense_time1")
        self.dense_time1.build((None, time_steps, input_dim))

        conv_input_shape = (None, time_steps, self.filters)
        for kernel_size, dilation in zip(self.kernel_sizes, self.dilation_rates):
            conv_temp = ConvTemp(filters=2 * self.filters, kernel_size=kernel_size, causal=True, dilation_rate=dilation)
            conv_temp.build(conv_input_shape)
            self.conv_times.append(conv_temp)

        self.dense_time2 = DenseTemp(hidden_size=self.filters + self.filters, name="encoder_dense_time2")
        self.dense_time2.build((None, time_steps, self.filters))
        self.dense_time3 = DenseTemp(hidden_size=self.dense_hidden_size, activation="relu", name="encoder_dense_time3")
        self.dense_time3.build((None, time_steps, len(self.conv_times) * self.filters))
        self.dense_time4 = DenseTemp(hidden_size=1, name="encoder_dense_time_4")
        self.dense_time4.build((None, time_steps, self.dense_hidden_size))
        self.built = True

    def call(self, x):
        inputs = self.dense_time1(inputs=x)

        skip_outputs = []
        conv_inputs = [inputs]
        for conv_time in self.conv_times:
            dilated_conv = conv_time(inputs)
            split_layer = Lambda(lambda t: tf.split(t, 2, axis=2))
            conv_filter, conv_gate = split_layer(dilated_conv)
            dilated_conv = Lambda(lambda t: tf.nn.tanh(t[0]) * tf.nn.sigmoid(t[1]))([conv_filter, conv_gate])
            outputs = self.dense_time2(inputs=dilated_conv)
            split_layer2 = Lambda(lambda t: tf.split(t, [self.filters, self.filters], axis=2))
            skips, residuals = split_layer2(outputs)
            inputs += residuals
            conv_inputs.append(inputs)
            skip_outputs.append(skips)

        concatenated = Concatenate(axis=2)(skip_outputs)
        skip_outputs = ReLU()(concatenated)
        h = self.dense_time3(skip_outputs)
        # y_hat = self.dense_time4(h)
        return conv_inputs[:-1], h

    def compute_output_shape(self, input_shape):
        batch_size, time_steps = input_shape[0], input_shape[1]
        conv_shapes = [(batch_size, time_steps, self.filters)] * len(self.kernel_sizes)
        return conv_shapes, (batch_size, time_steps, self.dense_hidden_size)


def build_model():
    # TCNConfig defaults, scaled down: 4 dilations, kernel 2
    inputs = tf.keras.Input(shape=(16, 3))
    encoder = Encoder(kernel_sizes=[2, 2, 2, 2], dilation_rates=[1, 2, 4, 8], filters=8, dense_hidden_size=16)
    _, encoder_state = encoder(inputs)
    memory = encoder_state[:, -1]
    x = Dense(32, activation="relu")(memory)
    outputs = Dense(4)(x)  # project1: predict_sequence_length
    return tf.keras.Model(inputs, outputs)
