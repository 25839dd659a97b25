"""NeurST's `QuantDense(tf.keras.layers.Dense, QuantLayer)` keeps the kernel as `self.v` and in call() rebinds `self.kernel = tf.cast(self.quant_weight(self.v), ...)`: the kernel variable is overwritten by a tensor derived from it, which Keras 3 refuses (`kernel` is a read-only property of Dense).

From bytedance/neurst (a TF2 neural speech/machine translation toolkit), `neurst/layers/quantization/
quant_dense_layer.py` with its base `QuantLayer` and quantizers from `quant_layers.py`. `build()` runs
`Dense.build`, registers a weight quantizer for the kernel, and aliases `self.v = self.kernel`; `call()` assigns the
fake-quantized `v` to `self.kernel` and then runs `Dense.call`. Under tf.keras 2 this silently replaced the tracked
kernel attribute by a tensor on every call (the tf.keras 2 flavour of LD010); on Keras 3 (`tf.keras` is Keras 3 in
TF 2.16+) `Dense.kernel` is a property without a setter, so the model wires fine (Keras uses Dense's
`compute_output_shape` instead of tracing `call()`) and the first real call or `fit` step raises. The defect is the same: a variable attribute rebound to a tensor computed from it.

Porting edits: none to QuantDense; `QuantLayer`, `WeightQuantization`, `ActivationQuantization` and `_quant_tensor`
are copied from `quant_layers.py` (absl logging calls kept). build_model() sets
`QuantLayer.global_init(enable_quant=False)` (NeurST's default when no quantization config is given; with
`enable_quant=True`, NeurST's `tf.keras.regularizers.l2(l=0.001)` for the clip values fails first on Keras 3, see
MEASURED; `quant_weight` then returns `v` itself, and the rebinding still happens) and wires two QuantDense layers on a 16-feature input, as NeurST's transformer FFN does.
"""

SOURCE = "https://github.com/bytedance/neurst/blob/1c275aacd4de36aa4e1dc2605d8bec0b211ec37a/neurst/layers/quantization/quant_dense_layer.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bk/bk_neurst_quantdense_rebinds_kernel_property_to_quantized_tensor_in_call.py:
as returned: Functional, count_params() = 1072, 4 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling QuantDense.call().
probe (model(np.ones((2, 16)))): AttributeError "property 'kernel' of 'QuantDense' object has no setter", raised from `self.kernel = tf.cast(self.quant_weight(self.v), inputs.dtype)`; build_model(enable_quant=True) raises TypeError: L2.__init__() got an unexpected keyword argument 'l'."""

import tensorflow as tf
from absl import logging


class QuantLayer(tf.keras.layers.Layer):
    """ Base layer of keras layers which use quantization. """

    enable_quant = None
    quant_strategy = None
    quant_bits = None
    quant_weight_clip_max = None
    quant_act_clip_max = None

    @staticmethod
    def global_init(enable_quant,
                    quant_strategy="min/max",
                    quant_bits=8,
                    quant_weight_clip_max=1.0,
                    quant_act_clip_max=16.0,
                    **kwargs):
        """Initialize the global parameters for quantization. """
        QuantLayer.enable_quant = enable_quant
        if QuantLayer.enable_quant:
            QuantLayer.quant_strategy = quant_strategy
            QuantLayer.quant_bits = quant_bits
            if QuantLayer.quant_strategy == "min/max":
                QuantLayer.quant_weight_clip_max = quant_weight_clip_max
                QuantLayer.quant_act_clip_max = quant_act_clip_max
                logging.info("Enable min/max quantization:")
            else:
                raise ValueError("Only support min/max quantization currently.")
        if len(kwargs) > 0:
            logging.info(f"Unknown args of quantization: {kwargs}")

    def __init__(self, *args, **kwargs):
        super(QuantLayer, self).__init__(*args, **kwargs)
        # Used to collect the quantizers used in this layer.
        self.traced = {}

    def add_weight_quantizer(self, weight):
        """ Add quantizer for weight if quantization is enabled. """
        name = weight.name.split(":")[0].split("/")[-1]
        if QuantLayer.enable_quant and "bias" not in name:
            # Add maximal value for cliping the weights.
            # The minimal value can be calculated using symmetric quantization.
            weight_clip_max = super(QuantLayer, self).add_weight(
                name=name + "_clip_max",
                trainable=True,
                regularizer=tf.keras.regularizers.l2(l=0.001),
                initializer=tf.constant_initializer(QuantLayer.quant_weight_clip_max),
                aggregation=tf.VariableAggregation.MEAN)
            self.traced[name] = WeightQuantization(weight_clip_max)
            return self.traced[name]
        return None

    def add_activation_quantizer(self, name, activation):
        """ Add quantizer for activation output if quantization is enabled """
        if not QuantLayer.enable_quant:
            return None
        activation_clip_max = None
        if activation != "softmax":
            activation_clip_max = super(QuantLayer, self).add_weight(
                name=name + "_clip_max",
                trainable=True,
                regularizer=tf.keras.regularizers.l2(l=0.01),
                initializer=tf.constant_initializer(QuantLayer.quant_act_clip_max),
                aggregation=tf.VariableAggregation.MEAN)
        self.traced[name] = ActivationQuantization(activation, activation_clip_max)
        return self.traced[name]

    def add_weight(self, *args, **kwargs):
        """ Add keras weight and weight quantizer if quantization is enable. """
        weight = super(QuantLayer, self).add_weight(*args, **kwargs)
        self.add_weight_quantizer(weight)
        return weight

    def quant_weight(self, weight):
        if not QuantLayer.enable_quant:
            return weight
        name = weight.name.split(":")[0].split("/")[-1]
        if name not in self.traced:
            raise ValueError(f"must call `add_weight_quantizer` for {name} in advance.")
        return self.traced[name](weight)

    def quant(self, inputs, name):
        """ quantize the inputs and return the quantized results. """
        if not QuantLayer.enable_quant:
            return inputs
        if name is None:
            raise ValueError("`name` of the quantizer must be provided.")
        return self.traced[name](inputs)


def _quant_tensor(inputs, min_w, max_w):
    def apply():
        return tf.quantization.fake_quant_with_min_max_vars(
            inputs, min_w, max_w, num_bits=QuantLayer.quant_bits)

    return apply()


class WeightQuantization(tf.keras.layers.Layer):
    def __init__(self, clip_max):
        super(WeightQuantization, self).__init__()
        self.clip_max = clip_max

    def call(self, inputs):
        # The quantization can only be calculated in fp32.
        dtype = inputs.dtype
        inputs = tf.cast(inputs, tf.float32)

        # Calculate the minimum for cliping using symmetric quantization.
        weight_clip_max = tf.maximum(self.clip_max, 0.0)
        weight_clip_max = tf.cast(weight_clip_max, tf.float32)
        bits_tmp = float(2 ** (QuantLayer.quant_bits - 1))
        weight_clip_min = -weight_clip_max * bits_tmp / (bits_tmp - 1)

        # Quantization.
        outputs = _quant_tensor(inputs, weight_clip_min, weight_clip_max)
        outputs = tf.cast(outputs, dtype)
        return outputs


class ActivationQuantization(tf.keras.layers.Layer):
    def __init__(self, activation, clip_max=None):
        super(ActivationQuantization, self).__init__()
        self.activation = activation
        if self.activation not in ["relu", "softmax"]:
            self.activation = "act"
        self.activation_clip_max = clip_max

    def call(self, inputs):
        dtype = inputs.dtype
        inputs = tf.cast(inputs, tf.float32)

        if self.activation == "act" or self.activation == "relu":
            activation_clip_max = tf.maximum(self.activation_clip_max, 0.0)
            activation_clip_max = tf.cast(activation_clip_max, tf.float32)
            if self.activation == "relu":
                activation_clip_min = 0.0
            else:
                bits_tmp = float(2 ** (QuantLayer.quant_bits - 1))
                activation_clip_min = -activation_clip_max * bits_tmp / (bits_tmp - 1)
        elif self.activation == "softmax":
            quant_bits = QuantLayer.quant_bits
            activation_clip_max = float(2 ** quant_bits - 1) / (2 ** quant_bits)
            activation_clip_min = 0.0
        else:
            raise ValueError("`type` should be one of (act, softmax, relu).")

        outputs = _quant_tensor(inputs, activation_clip_min, activation_clip_max)
        outputs = tf.cast(outputs, dtype)
        return outputs


class QuantDense(tf.keras.layers.Dense, QuantLayer):
    """ `tf.keras.layers.Dense` with quantization. """

    def __init__(self, activation_quantizer=None, *args, **kwargs):
        tf.keras.layers.Dense.__init__(self, *args, **kwargs)
        QuantLayer.__init__(self, name=self.name)
        self._quant_op = None
        if activation_quantizer is not None:
            self._quant_op = self.add_activation_quantizer(self.name + "_activ", activation_quantizer)

    def build(self, input_shape):
        tf.keras.layers.Dense.build(self, input_shape)
        self.add_weight_quantizer(self.kernel)
        self.v = self.kernel
        self.built = True

    def call(self, inputs):
        self.kernel = tf.cast(self.quant_weight(self.v), inputs.dtype)
        return tf.keras.layers.Dense.call(self, inputs)

    def __call__(self, *args, **kwargs):
        output = tf.keras.layers.Dense.__call__(self, *args, **kwargs)
        if self._quant_op is None:
            return output
        return self._quant_op(output)


def build_model(enable_quant=False):
    QuantLayer.global_init(enable_quant=enable_quant)
    inputs = tf.keras.Input((16,))
    x = QuantDense(activation_quantizer="relu", units=32, activation="relu", name="ffn_dense1")(inputs)
    outputs = QuantDense(units=16, name="ffn_dense2")(x)
    return tf.keras.Model(inputs, outputs)
