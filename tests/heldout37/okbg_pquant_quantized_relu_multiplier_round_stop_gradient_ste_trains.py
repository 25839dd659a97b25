"""Look-alike: PQuant's Keras 3 `QuantizedReLU` scales its input by `2 ** (stop_gradient(round(m) - m) + m)` with a
trainable `multiplier` m from `add_weight`, and keeps its bit widths as `convert_to_tensor` constants: the
round/stop_gradient pair is a straight-through estimator, so m still gets a gradient and trains.

From nroope/PQuant `src/pquant/core/activations_quantizer.py` at the commit "Add multiplier for quantized relu".
With `use_relu_multiplier`, build() creates `self.multiplier = self.add_weight(shape=(1,), trainable=True,
initializer=Constant(-1.0))` and call() does `x = x * 2 ** (ops.stop_gradient(ops.round(self.multiplier) -
self.multiplier) + self.multiplier)`: forward uses the rounded power of two, backward sees the identity. `self.i`,
`self.f`, `self.k` are `convert_to_tensor(...)` of the integer/fractional bit counts, fixed hyper-parameters of the
fixed-point quantizer, not weights. Two naive findings would fire: LD009 for a weight behind `round` and
`stop_gradient`, LD001 for tensors stored on `self` in `__init__`; the measurement shows the multiplier tracked
with a non-None gradient, and it moves under fit.

Porting edits: the `quantizers` package's `get_fixed_quantizer(round_mode="RND", overflow_mode=...)` (not installed
here) is replaced by a stand-in with the same call signature, `q(x, k, i, f, training)`, that rounds to 2**-f
steps, saturates to the (k, i, f) range and passes gradients straight through (the library's fixed quantizer is a
straight-through estimator too); `hgq.quantizer.Quantizer` is imported only if available (the high-granularity
branch is off in this configuration); the config is a plain dict with the keys the class reads. The class body is
as written. build_model() puts it between two Dense layers in a Sequential, as PQuant's layer replacement puts a
QuantizedReLU after a Dense.
"""

SOURCE = "https://github.com/nroope/PQuant/blob/7924bb37c1d11e84934a2b8cd3f28151803eafb8/src/pquant/core/activations_quantizer.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bg/okbg_pquant_quantized_relu_multiplier_round_stop_gradient_ste_trains.py:
as returned: Sequential, count_params() = 162, 5 weights, unbuilt: none
after call: count_params() = 162, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'quantized_re_lu': 1}
second call: 0 variables watched that the first call did not use
probe (probe_bg_qrelu.py): the multiplier is in model.trainable_weights, its gradient on a random batch is 0.0108
(not None); i/f/k are EagerTensors (constants) and the layer's only weight is the multiplier; fit(20 epochs,
Adam 0.05) moves it from -1.0 to -0.9966."""

import keras
from keras import ops
from keras.ops import convert_to_tensor

try:  # author: from hgq.quantizer import Quantizer
    from hgq.quantizer import Quantizer
except ImportError:  # pragma: no cover - not installed here; the HGQ branch is off
    Quantizer = None


def get_fixed_quantizer(round_mode="RND", overflow_mode="SAT"):
    """Stand-in for `quantizers.get_fixed_quantizer` (straight-through fixed-point quantizer)."""

    def quantize(x, k, i, f, training=None):
        step = 2.0 ** (-f)
        hi = 2.0 ** i - step
        lo = -k * 2.0 ** i
        q = ops.clip(ops.round(x / step) * step, lo, hi)
        return x + ops.stop_gradient(q - x)

    return quantize


class QuantizedReLU(keras.layers.Layer):
    def __init__(self, config, i, f):
        super().__init__()
        self.config = config
        self.i = convert_to_tensor(i)
        self.f = convert_to_tensor(f)
        self.k = convert_to_tensor(0.0)
        self.use_high_granularity_quantization = config["quantization_parameters"]["use_high_granularity_quantization"]
        self.is_pretraining = True
        self.overflow = "SAT"
        self.use_multiplier = config["quantization_parameters"]["use_relu_multiplier"]
        self.hgq_heterogeneous = config["quantization_parameters"]["hgq_heterogeneous"]

        if self.use_high_granularity_quantization:
            if self.hgq_heterogeneous:
                self.hgq = Quantizer(
                    k0=self.k,
                    i0=self.i,
                    f0=self.f,
                    round_mode="RND",
                    overflow_mode=self.overflow,
                    q_type="kif",
                    homogeneous_axis=(0,),
                )
            else:
                self.hgq = Quantizer(
                    k0=self.k,
                    i0=self.i,
                    f0=self.f,
                    round_mode="RND",
                    overflow_mode=self.overflow,
                    q_type="kif",
                    heterogeneous_axis=(),
                )
        else:
            self.quantizer = get_fixed_quantizer(round_mode="RND", overflow_mode=self.overflow)

    def build(self, input_shape):
        super().build(input_shape)
        if self.use_high_granularity_quantization:
            self.hgq.build(input_shape)
        elif self.use_multiplier:
            self.multiplier = self.add_weight(shape=(1,), trainable=True, initializer=keras.initializers.Constant(-1.0))

    def post_pre_train_function(self):
        self.is_pretraining = False

    def hgq_loss(self):
        if self.is_pretraining:
            return 0.0
        return (ops.sum(self.hgq.quantizer.i) + ops.sum(self.hgq.quantizer.f)) * self.config["quantization_parameters"][
            "hgq_gamma"
        ]

    def call(self, x):
        if self.use_high_granularity_quantization:
            return self.hgq(x)
        else:
            if self.use_multiplier:
                x = x * 2 ** (ops.stop_gradient(ops.round(self.multiplier) - self.multiplier) + self.multiplier)
            x = self.quantizer(x, k=convert_to_tensor(0.0), i=self.i, f=self.f, training=True)
            return x


CONFIG = {"quantization_parameters": {
    "use_high_granularity_quantization": False,
    "use_relu_multiplier": True,
    "hgq_heterogeneous": False,
    "hgq_gamma": 0.0,
}}


def build_model():
    return keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(16),
        QuantizedReLU(CONFIG, i=3.0, f=4.0),
        keras.layers.Dense(1),
    ])
