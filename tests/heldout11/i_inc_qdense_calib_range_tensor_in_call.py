"""Intel Neural Compressor QDense on Keras 3: calibration ranges are stored as tensors on `self` inside call().

Neural Compressor's Keras PTQ path swaps each `Dense` for a `QDense(Dense)` whose `call()` runs in
two modes. In "calib" mode it records the activation range with
`self.act_min_value = tf.math.reduce_min(inputs)` / `self.act_max_value = ...` - plain tensors
assigned to the layer inside `call()`, not variables -, and in "quantize" mode it feeds them to
`tf.quantization.quantize`. The Keras 3 fix-up PR only added a guard so the calib branch is
skipped for `KerasTensor`s. When calibration runs through `model.predict()` (a `tf.function`),
the attributes end up holding symbolic tensors of that traced graph; the range is not state
Keras knows about (not a weight, not saved), and the quantize pass that reads it fails.
"""

SOURCE = "https://github.com/intel/neural-compressor/pull/1669"
CODES = ("LD002",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py i_inc_qdense_calib_range_tensor_in_call.py:
build_model() raised TypeError: Exception encountered when calling QDense.call().
Full message (own run): "The tensor <tf.Tensor 'functional_1_1/fc1_1/Min:0' shape=() dtype=float32> cannot be accessed from here, because it was defined in FuncGraph(name=one_step_on_data_distributed, ...), which is out of scope." - after model.predict() the act_min/act_max attributes hold symbolic tensors of the predict graph; the calibration state was never a variable of the layer (count_params of QDense = kernel + bias only)."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops
from keras.layers import Dense


def version1_gte_version2(version1, version2):
    parse = lambda v: tuple(int(p) for p in v.split("-")[0].split(".")[:3] if p.isdigit())
    return parse(version1) >= parse(version2)


class QDense(Dense):
    def __init__(self, name, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 act_min_value=None, act_max_value=None, weight_min_value=None, weight_max_value=None,
                 granularity="per_tensor", quant_status="calib", quant_mode="SCALED", quant_T="s8",
                 quant_round_mode="HALF_AWAY_FROM_ZERO", quant_narrow_range=False, quant_axis=None,
                 **kwargs):
        super(QDense, self).__init__(name=name, units=units, activation=activation, use_bias=use_bias,
                                     kernel_initializer=kernel_initializer,
                                     bias_initializer=bias_initializer, **kwargs)
        T_map = {"s8": tf.qint8, "u8": tf.quint8}
        self.weight_min_value = weight_min_value
        self.weight_max_value = weight_max_value
        self.act_min_value = act_min_value
        self.act_max_value = act_max_value
        self.granularity = granularity
        self.quant_status = quant_status
        self.quant_mode = quant_mode
        self.quant_T = T_map[quant_T]
        self.quant_round_mode = quant_round_mode
        self.quant_narrow_range = quant_narrow_range
        self.quant_axis = quant_axis

    def call(self, inputs):
        kernel = self.kernel
        if self.quant_status == "calib" and not (
            version1_gte_version2(tf.__version__, "2.16.1") and isinstance(inputs, keras.KerasTensor)
        ):
            if self.granularity == "per_tensor":
                self.act_min_value = tf.math.reduce_min(inputs)
                self.act_max_value = tf.math.reduce_max(inputs)
            else:
                self.act_min_value = tf.math.reduce_min(inputs, axis=1)
                self.act_max_value = tf.math.reduce_max(inputs, axis=1)
        elif self.quant_status == "quantize":
            assert self.act_min_value is not None, "Invalid activation min-max values, please check calibration process"
            inputs, _, _ = tf.quantization.quantize(
                inputs, self.act_min_value, self.act_max_value, self.quant_T,
                mode=self.quant_mode, round_mode=self.quant_round_mode,
                narrow_range=self.quant_narrow_range, axis=self.quant_axis,
            )
            inputs = tf.quantization.dequantize(
                inputs, self.act_min_value, self.act_max_value,
                mode=self.quant_mode, narrow_range=self.quant_narrow_range, axis=self.quant_axis,
            )
        outputs = ops.matmul(inputs, kernel)
        if self.use_bias:
            outputs = ops.add(outputs, self.bias)
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def get_config(self):
        config = super(QDense, self).get_config()
        config.update({
            "act_min_value": self.act_min_value, "act_max_value": self.act_max_value,
            "granularity": self.granularity, "quant_status": self.quant_status,
        })
        return config


def initialize_int8_dense(fp32_layer, q_config):
    return QDense(name=fp32_layer.name, units=fp32_layer.units, activation=fp32_layer.activation,
                  use_bias=fp32_layer.use_bias, quant_T=q_config["T"], granularity=q_config["granularity"])


def fp32_model():
    inputs = keras.Input((12,))
    x = Dense(16, activation="relu", name="fc1")(inputs)
    x = Dense(8, activation="relu", name="fc2")(x)
    return keras.Model(inputs, Dense(3, name="head")(x))


def build_model():
    fp32 = fp32_model()
    # replace the hidden Dense layers by calibrating QDense layers (weights copied over)
    inputs = keras.Input((12,))
    x = inputs
    for name in ("fc1", "fc2"):
        layer = fp32.get_layer(name)
        q_layer = initialize_int8_dense(layer, {"T": "s8", "granularity": "per_tensor"})
        x = q_layer(x)
        q_layer.set_weights(layer.get_weights())
    q_model = keras.Model(inputs, fp32.get_layer("head")(x))
    # calibration pass, as the PTQ driver runs it
    calib_data = np.random.default_rng(0).random((32, 12)).astype("float32")
    q_model.predict(calib_data, batch_size=16, verbose=0)
    for name in ("fc1", "fc2"):
        q_model.get_layer(name).quant_status = "quantize"
    q_model(calib_data[:4])
    return q_model
