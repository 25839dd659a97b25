"""Neural Implicit Flow (NIF) re-implemented in TF2 for a seminar: the parameter network (the
hypernetwork that outputs the weights of the shape network for a flow field) stacks `Shortcut`
residual layers, and `Shortcut.call()` instantiates its `tf.keras.layers.Dense(...)` inside `call()`
and applies it at once, `add([x, Dense(...)(x)])`, storing only the Dense settings in `__init__`.

From cbeneke/do-ml-seminar (`src/nif/tf_v2/layers/shortcut.py` at the "Snapshot" commit, used by
`NIF._build_parameter_net()` in `src/nif/tf_v2/model.py`; a later commit moved the Dense into
`__init__`). Every call of a Shortcut makes a new Dense with new weights that belong to no layer:
the residual branches are not weights of the model (the summary counts only the first and last
Dense), are not saved, and `fit()` fails at once ("tf.function only supports singleton tf.Variables
created on the first call"). In eager calls each forward pass builds new kernels; they come out
identical only because the same unseeded `TruncatedNormal` initializer object is reused.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); `NIF` trimmed to the parameter net it
builds at that commit (the shape net is commented out there), its `_get_parameter_net_output_dim`
kept; config sizes: parameter net input_dim 1, units 8, nlayers 3 (two Shortcuts), shape net
input_dim 1, units 4, nlayers 1, output_dim 1; `build_model()` builds the parameter net on
`(None, 1)` inputs.
"""

SOURCE = "https://github.com/cbeneke/do-ml-seminar/blob/bcfff12c49b803f80f4d46365f834d63ed21aa5b/src/nif/tf_v2/layers/shortcut.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/g_nif_parameter_net_shortcut_dense_made_in_call.py:
as returned: Sequential, count_params() = 313, 4 weights, unbuilt: none
after call: count_params() = 313, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 4 variables the model does not track: ['sequential/shortcut/dense_4/kernel:0', 'sequential/shortcut/dense_4/bias:0', 'sequential/shortcut_1/dense_5/kernel:0', 'sequential/shortcut_1/dense_5/bias:0']
params of the case's own layers: {'shortcut': 0, 'shortcut_1': 0}
second call: 4 variables watched that the first call did not use
Own script (/tmp/mine22b/p7.py): count_params() 313 = first Dense (16) + last Dense (297), the two Shortcut branches count 0; compile + fit raises ValueError "tf.function only supports singleton tf.Variables created on the first call" from Shortcut.call(); two eager calls give equal outputs only because the reused unseeded TruncatedNormal initializer returns identical values."""

import tensorflow as tf
import keras


# Implements a ResNet-like layer with residual connections
class Shortcut(keras.layers.Layer):
    def __init__(self, units, activation, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, dtype=None, **kwargs):
        super().__init__(dtype=dtype, **kwargs)
        self.units = units
        self.activation = activation
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer

    def call(self, inputs):
        x = inputs
        y = keras.layers.Dense(
            self.units,
            activation=self.activation,
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
            kernel_regularizer=self.kernel_regularizer,
            bias_regularizer=self.bias_regularizer,
            dtype=self.dtype,
        )(x)
        output = keras.layers.add([x, y])
        return output


class NIF(keras.Model):
    def __init__(self, cfg_shape_net, cfg_parameter_net, dtype="float32"):
        super().__init__(dtype=dtype)

        # Store the config
        self.cfg_shape_net = cfg_shape_net
        self.cfg_parameter_net = cfg_parameter_net

        # Setup for standard regularization
        # 1. regularization for kernel in parameter net
        if isinstance(cfg_parameter_net.get("l2_reg", None), (float, int)):
            self.pnet_kernel_regularizer = keras.regularizers.L2(cfg_parameter_net.get("l2_reg", None))
            self.pnet_bias_regularizer = keras.regularizers.L2(cfg_parameter_net.get("l2_reg", None))
        else:
            self.pnet_kernel_regularizer = None
            self.pnet_bias_regularizer = None

        # 2. output of parameter net regularization
        if isinstance(cfg_parameter_net.get("act_l2_reg", None), (float, int)):
            self.pnet_act_regularizer = keras.regularizers.L2(cfg_parameter_net.get("act_l2_reg", None))
        else:
            self.pnet_act_regularizer = None

        # Build parameter net
        self.parameter_net = self._build_parameter_net(
            self.cfg_parameter_net,
            self.cfg_shape_net,
            self.dtype,
            self.pnet_kernel_regularizer,
            self.pnet_bias_regularizer,
            self.pnet_act_regularizer,
        )

    @staticmethod
    def _build_parameter_net(cfg_parameter_net, cfg_shape_net, dtype, kernel_regularizer, bias_regularizer, activity_regularizer) -> keras.Model:
        output_dim = NIF._get_parameter_net_output_dim(cfg_shape_net, cfg_parameter_net)
        model = keras.Sequential()

        # First Layer
        model.add(keras.layers.Dense(
            cfg_parameter_net["units"],
            activation=keras.activations.get(cfg_parameter_net["activation"]),
            kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.1),
            bias_initializer=keras.initializers.TruncatedNormal(stddev=0.1),
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            dtype=dtype,
        ))

        # Hidden Layers - ResNet or Shortcut based on config
        HiddenLayer = Shortcut
        for _ in range(cfg_parameter_net["nlayers"] - 1):
            model.add(HiddenLayer(
                units=cfg_parameter_net["units"],
                activation=cfg_parameter_net["activation"],
                kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.1),
                bias_initializer=keras.initializers.TruncatedNormal(stddev=0.1),
                kernel_regularizer=kernel_regularizer,
                bias_regularizer=bias_regularizer,
                dtype=dtype,
            ))

        # Last Layer with additional activation regularizer
        model.add(keras.layers.Dense(
            output_dim,
            kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.1),
            bias_initializer=keras.initializers.TruncatedNormal(stddev=0.1),
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            dtype=dtype,
        ))
        return model

    @staticmethod
    def _get_parameter_net_output_dim(cfg_shape_net, cfg_parameter_net):
        return (
            cfg_shape_net["nlayers"] * cfg_shape_net["units"]**2  # Each hidden layer has a units*units weight matrix
            + (cfg_parameter_net["input_dim"] + cfg_shape_net["output_dim"] + 1 + cfg_shape_net["nlayers"]) * cfg_shape_net["units"]  # First layer + hidden layers + output layer have "units" biases
            + cfg_shape_net["output_dim"]  # Output layer has "output_dim" weights
        )


def build_model():
    cfg_shape_net = {"input_dim": 1, "output_dim": 1, "units": 4, "nlayers": 1, "activation": "swish"}
    cfg_parameter_net = {"input_dim": 1, "latent_dim": 1, "units": 8, "nlayers": 3, "activation": "swish"}
    nif = NIF(cfg_shape_net, cfg_parameter_net)
    parameter_net = nif.parameter_net
    parameter_net.build((None, cfg_parameter_net["input_dim"]))
    return parameter_net
