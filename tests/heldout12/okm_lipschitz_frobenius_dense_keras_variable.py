"""Keras 3 port of a 1-Lipschitz FrobeniusDense: the normalised kernel `wbar` is a `keras.Variable` made in build().

After porting to Keras 3, the Lipschitz library replaced the untracked `tf.Variable` with
`self.wbar = keras.Variable(self.kernel.value, trainable=False, name="wbar")` in `build()`,
assigns it in `call(training=True)`, reads it at inference, and also writes it by hand in
`save_own_variables` / `load_own_variables`. A raw `Variable(...)` constructor on `self` and
hand-written save hooks look like the backend-variable bug; but `keras.Variable` assigned to a
layer attribute is tracked by Keras 3: it appears in `layer.non_trainable_weights`, is counted,
and travels with `get_weights()` / `set_weights()`.
"""

SOURCE = "https://github.com/deel-ai/deel-lip/blob/5407ac55480a10c47f49d14968ecde5942028f20/deel/lip/layers/dense.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okm_lipschitz_frobenius_dense_keras_variable.py:
as returned: Sequential, count_params() = 281, 6 weights, unbuilt: none
after call: count_params() = 281, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'frobenius_dense': 264, 'frobenius_dense_1': 17}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine12b/fro.py): layer.weights == [kernel, bias, wbar] for each FrobeniusDense (wbar non-trainable, tracked); training=False outputs identical after set_weights(get_weights()) and after save_weights/load_weights into a fresh model (max abs diff 0.0)."""

import keras
import keras.ops as K
from keras.layers import Dense
from keras.saving import register_keras_serializable


class LipschitzLayer:
    k_coef_lip = 1.0
    coef_lip = None

    def set_klip_factor(self, klip_factor):
        self.k_coef_lip = klip_factor

    def _compute_lip_coef(self, input_shape=None):
        raise NotImplementedError()

    def _init_lip_coef(self, input_shape):
        self.coef_lip = self._compute_lip_coef(input_shape)

    def _get_coef(self):
        if self.coef_lip is None:
            raise RuntimeError("compute_coef must be called before calling get_coef")
        return self.coef_lip * self.k_coef_lip


class Condensable:
    def condense(self):
        raise NotImplementedError()

    def vanilla_export(self):
        raise NotImplementedError()


@register_keras_serializable("lip-heldout-k3", "FrobeniusDense")
class FrobeniusDense(Dense, LipschitzLayer, Condensable):
    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="orthogonal", bias_initializer="zeros",
                 lora_rank=None, disjoint_neurons=True, k_coef_lip=1.0, **kwargs):
        if lora_rank is not None:
            raise ValueError("lora_rank is not supported for FrobeniusDense")
        super().__init__(units=units, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, lora_rank=None, **kwargs)
        self.set_klip_factor(k_coef_lip)
        self.disjoint_neurons = disjoint_neurons
        self.axis_norm = None
        self.wbar = None
        if self.disjoint_neurons:
            self.axis_norm = 0
        self._kwargs = kwargs

    def build(self, input_shape):
        super(FrobeniusDense, self).build(input_shape)
        self._init_lip_coef(input_shape)
        self.wbar = keras.Variable(self.kernel.value, trainable=False, name="wbar")
        self.built = True

    def _compute_lip_coef(self, input_shape=None):
        return 1.0

    def call(self, x, training=True):
        if training:
            wbar = self.kernel / K.norm(self.kernel, axis=self.axis_norm) * self._get_coef()
            self.wbar.assign(wbar)
        else:
            wbar = self.wbar

        # Compute the output of the Dense layer (copied from keras.layers.Dense)
        x = K.matmul(x, wbar)
        if self.bias is not None:
            x = K.add(x, self.bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def get_config(self):
        config = {"k_coef_lip": self.k_coef_lip, "disjoint_neurons": self.disjoint_neurons}
        base_config = super(FrobeniusDense, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def save_own_variables(self, store):
        super().save_own_variables(store)
        store["wbar"] = self.wbar.numpy()

    def load_own_variables(self, store):
        super().load_own_variables(store)
        self.wbar.assign(store["wbar"])

    def condense(self):
        wbar = self.kernel / K.norm(self.kernel, axis=self.axis_norm) * self._get_coef()
        self.kernel.assign(wbar)

    def vanilla_export(self):
        self._kwargs["name"] = self.name
        layer = Dense(units=self.units, activation=self.activation, use_bias=self.use_bias,
                      **self._kwargs)
        layer.build(self.input.shape)
        layer.kernel.assign(self.wbar)
        if self.use_bias:
            layer.bias.assign(self.bias)
        return layer


def build_model():
    return keras.Sequential([
        keras.Input((16,)),
        FrobeniusDense(8, activation="relu", disjoint_neurons=True),
        FrobeniusDense(1, disjoint_neurons=False),
    ])
