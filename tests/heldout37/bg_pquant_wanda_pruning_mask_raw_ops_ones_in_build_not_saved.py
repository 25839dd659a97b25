"""PQuant's Keras 3 `Wanda` pruning layer keeps its pruning mask as a raw tensor (`self.mask = ops.ones(...)` in
build(), later rebound to the computed mask): the mask is not a variable, so it is not saved, not restored and not
counted, unlike the library's other pruning layers that use `add_weight(trainable=False)`.

From nroope/PQuant, `src/pquant/pruning_methods/wanda.py` (a pruning/quantization library that runs on Keras 3 with
any backend and on torch). Wanda collects layer inputs for `t_delta` training batches, computes the |w|*||x||
metric, and rebinds `self.mask = ops.reshape(mask, weight.shape)`; `call(weight)` returns `self.mask * weight`. In
the same package `cs.py`, `dst.py`, `pdp.py`, `fitcompress.py` and `activation_pruning.py` create their mask with
`self.add_weight(..., trainable=False)`, so a saved Wanda-pruned model reloads with an all-ones mask (the pruning is
silently undone), and under a compiled `fit` the rebinding happens inside the traced function.

Porting edits: Wanda is kept as written (including its `get_config`); the `PQConfig` pydantic object is replaced by
a SimpleNamespace with the fields Wanda reads, and the host layer is a trimmed copy of PQuant's `PQDense` /
`PQWeightBiasBase` (kernel property that prunes first, `pre_forward` that feeds Wanda's `collect_input`), with
quantization disabled and the pruning method fixed to "wanda". build_model() wires two PQDense layers in a
Sequential, as PQuant's layer replacement does for a Dense MLP.
"""

SOURCE = "https://github.com/nroope/PQuant/blob/6643371c0827ce33e186833dc7b9facfb1a9fb84/src/pquant/pruning_methods/wanda.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bg/bg_pquant_wanda_pruning_mask_raw_ops_ones_in_build_not_saved.py:
as returned: Sequential, count_params() = 212, 4 weights, unbuilt: none
after call: count_params() = 212, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pq_dense': 144, 'wanda': 0, 'pq_dense_1': 68, 'wanda_1': 0}
second call: 0 variables watched that the first call did not use
probe (probe_bg_wanda.py): an inference call (training=False) on a fresh build_model() raises TypeError:
"<tf.Tensor 'wanda/ones:0' shape=(16, 8)> is out of scope" (the mask made by `ops.ones` while Keras built the
Sequential symbolically, in a scratch graph); after a training call the mask is an EagerTensor with 64 zeros of
128, Wanda owns 0 variables and the model has 4 weights (kernels and biases only); a PQDense pruned eagerly has
get_weights() == [(8, 16), (16,)], and a fresh PQDense given those weights by set_weights() has 0 zeros in its mask
and its output differs by up to 0.453: the pruning is not carried by the weights."""

from types import SimpleNamespace

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="PQuantCase")
class Wanda(keras.layers.Layer):
    def __init__(self, config, layer_type, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = config
        self.act_type = "relu"
        self.t = 0
        self.layer_type = layer_type
        self.batches_collected = 0
        self.inputs = None
        self.total = 0.0
        self.done = False
        self.sparsity = self.config.pruning_parameters.sparsity
        self.is_pretraining = True
        self.is_finetuning = False
        self.N = self.config.pruning_parameters.N
        self.M = self.config.pruning_parameters.M
        self.t_start_collecting_batch = self.config.pruning_parameters.t_start_collecting_batch

    def build(self, input_shape):
        self.mask = ops.ones(input_shape)
        super().build(input_shape)

    def get_mask(self, weight, metric, sparsity):
        d0, d1 = metric.shape
        keep_idxs = ops.argsort(metric, axis=1)[:, int(d1 * sparsity) :] + ops.arange(d0)[:, None] * d1
        keep_idxs = ops.ravel(keep_idxs)
        kept_values = ops.reshape(
            ops.scatter(keep_idxs[:, None], ops.take(ops.ravel(weight), keep_idxs), ops.array((ops.size(weight),))),
            weight.shape,
        )
        mask = ops.cast(kept_values != 0, weight.dtype)
        return mask

    def handle_linear(self, x, weight):
        norm = ops.norm(x, ord=2, axis=0)
        metric = ops.abs(weight) * norm
        if self.N is not None and self.M is not None:
            metric_reshaped = ops.reshape(metric, (-1, self.M))
            weight_reshaped = ops.reshape(weight, (-1, self.M))
            mask = self.get_mask(weight_reshaped, metric_reshaped, sparsity=self.N / self.M)
            self.mask = ops.reshape(mask, weight.shape)
        else:
            metric_reshaped = ops.reshape(metric, (1, -1))
            weight_reshaped = ops.reshape(weight, (1, -1))
            mask = self.get_mask(weight_reshaped, metric_reshaped, sparsity=self.sparsity)
            self.mask = ops.reshape(mask, weight.shape)

    def collect_input(self, x, weight, training):
        if self.done or not training:
            return
        ok_batch = True
        if self.inputs is not None:
            batch_size = self.inputs.shape[0]
            ok_batch = x.shape[0] == batch_size
        if not training or not ok_batch:
            return
        if self.t < self.t_start_collecting_batch:
            return
        self.batches_collected += 1
        self.total += 1

        self.inputs = x if self.inputs is None else self.inputs + x
        if self.batches_collected % (self.config.pruning_parameters.t_delta) == 0:
            inputs_avg = self.inputs / self.total
            self.prune(inputs_avg, weight)
            self.done = True
            self.inputs = None

    def prune(self, x, weight):
        if self.layer_type == "linear":
            self.handle_linear(x, weight)

    def call(self, weight):  # Mask is only updated every t_delta step, using collect_output
        return self.mask * weight

    def get_hard_mask(self, weight=None):
        return self.mask


def make_config(sparsity=0.5):
    return SimpleNamespace(pruning_parameters=SimpleNamespace(
        pruning_method="wanda", sparsity=sparsity, N=None, M=None, t_start_collecting_batch=0, t_delta=1))


class PQDense(keras.layers.Layer):
    """Trimmed from PQuant's PQWeightBiasBase + PQDense (pruning first, no quantization)."""

    def __init__(self, config, units, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.use_bias = use_bias
        self.pruning_layer = Wanda(config, "linear")
        self.pruning_method = config.pruning_parameters.pruning_method
        self.enable_pruning = True
        self.weight_transpose = (1, 0)
        self.weight_transpose_back = (1, 0)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self._kernel = self.add_weight(name="kernel", shape=(input_dim, self.units), initializer="glorot_uniform")
        self._bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros") if self.use_bias else None
        super().build(input_shape)

    def handle_transpose(self, x, transpose, do_transpose=False):
        if do_transpose:
            x = ops.transpose(x, transpose)
        return x

    def prune(self, weight):
        if self.enable_pruning:
            weight = self.handle_transpose(weight, self.weight_transpose, True)
            weight = self.pruning_layer(weight)
            weight = self.handle_transpose(weight, self.weight_transpose_back, True)
        return weight

    @property
    def kernel(self):
        return self.prune(self._kernel)

    def pre_forward(self, x, training=None):
        if self.pruning_method == "wanda":
            weight_channels_first = self.handle_transpose(self._kernel, self.weight_transpose, True)
            self.pruning_layer.collect_input(x, weight_channels_first, training)
        return x

    def call(self, x, training=None):
        x = self.pre_forward(x, training)
        x = ops.matmul(x, self.kernel)
        if self._bias is not None:
            x = ops.add(x, self._bias)
        return x


def build_model():
    config = make_config()
    return keras.Sequential([keras.Input((8,)), PQDense(config, 16), keras.layers.ReLU(), PQDense(config, 4)])
