"""reaver's `Variable` layer (the state-independent log standard deviation of a Gaussian policy) sets
`self._var = None` before calling `super().__init__(**kwargs)` and creates the real weight with `add_weight` in
`build()`. It looks like LD013 (state set before `super().__init__()`), but it is correct: the placeholder is
`None`, not a setting that `Layer.__init__` resets or a sublayer, the layer's name ("logstd") is passed through
`**kwargs` to `super()` and kept, and `build()` then assigns the tracked variable, which is counted and trained.

From inoryy/reaver (modular deep RL for StarCraft II and MuJoCo continuous control; A2C/PPO agents),
`reaver/models/base/layers.py` at d7bd797 (HEAD, "enable tf2 support via compat API"). `Variable(Layer)` concatenates
`tile(self._var, (batch, 1))` to the action means; `reaver/models/base/mlp.py` of the same commit calls it in
`build_logits` as `Variable(name="logstd")(logits)` for every continuous action space, in the `build_mlp` factory of
the MuJoCo policy/value network. `Squeeze` (a `Lambda` subclass) drops the value head's last axis.

Porting edits: `tensorflow.compat.v1` / `tensorflow.compat.v1.keras.layers` -> `tensorflow` / `tf.keras.layers`;
the `@gin.configurable` decorator is dropped; the `obs_shift`/`obs_scale` branch (a `RunningStatsNorm` layer built on
TF1's `add_update`/`tf.assign`) is left out, as its defaults (False) skip it; `Space`/`Spec` from
`reaver/envs/base/spec.py` are reduced to what `build_mlp` reads; `add_weight('var', (1, n), ...)` is spelled with
keywords (Keras 3 requires them). build_model() is `build_mlp` for a
HalfCheetah-like task: 17 observations, a 6-dimensional continuous action, layers (64, 64).
"""

SOURCE = "https://github.com/inoryy/reaver/blob/d7bd79781b1567223a37a62832d788cdaeaf824b/reaver/models/base/layers.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/okcc_reaver_variable_logstd_var_none_before_super_gaussian_policy.py:
as returned: Functional, count_params() = 5773, 9 weights, unbuilt: none
after call: count_params() = 5773, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'logstd': 6, 'squeeze': 0}
second call: 0 variables watched that the first call did not use
(The inputs-structure warning is _measure.py passing one array to a model built with a list of one Input, as reaver's factory does.) probe_reaver.py: right after construction Variable(name='logstd') keeps its name, trainable True, _var None; after wiring its weight is logstd/var (6 params); one fit step (mse on both heads) changes logstd/var."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Lambda, Layer
from tensorflow.keras.layers import Input, Concatenate, Dense


class Variable(Layer):
    """
    Concatenate an extra trainable variable to the dense layer
    This variable is disconnected from the rest of the NN, including inputs
    """
    def __init__(self, **kwargs):
        self._var = None
        super().__init__(**kwargs)

    def build(self, input_shape):
        self._var = self.add_weight(name='var', shape=(1, input_shape[-1]), initializer='zeros', trainable=True)
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        """
        repeat _var N times to match inputs dim and then concatenate them
        """
        return tf.concat([inputs, tf.tile(self._var, (tf.shape(inputs)[0], 1))], axis=-1)


class Squeeze(Lambda):
    def __init__(self, axis=-1, name=None):
        Lambda.__init__(self, lambda x: tf.squeeze(x, axis=axis), name=name)


class Space:  # reduced from reaver/envs/base/spec.py
    def __init__(self, shape=(), dtype=np.int32, domain=(0, 1), categorical=False, name=None):
        self.name = name
        self.shape, self.dtype = shape, dtype
        self.categorical, (self.lo, self.hi) = categorical, domain

    def is_continuous(self) -> bool:
        return np.issubdtype(self.dtype, np.floating)

    def size(self) -> int:
        sz = 1
        if len(self.shape) == 1:
            sz = self.shape[0]
        return sz


class Spec(list):  # reduced: an iterable of spaces
    pass


def build_mlp(
        obs_spec: Spec,
        act_spec: Spec,
        layer_sizes=(64, 64),
        activation='relu',
        initializer='glorot_uniform',
        value_separate=False) -> tf.keras.Model:
    inputs = inputs_ = [Input(s.shape, name="input_" + s.name) for s in obs_spec]
    inputs_concat = Concatenate()(inputs_) if len(inputs_) > 1 else inputs_[0]

    x = build_fc(inputs_concat, layer_sizes, activation, initializer)
    outputs = [build_logits(space, x, initializer) for space in act_spec]

    if value_separate:
        x = build_fc(inputs_concat, layer_sizes, activation, initializer, 'value_')

    value = Dense(1, name="value_out", kernel_initializer=initializer)(x)
    value = Squeeze(axis=-1)(value)
    outputs.append(value)

    return tf.keras.Model(inputs=inputs, outputs=outputs)


def build_logits(space, prev_layer, initializer):
    logits = Dense(space.size(), kernel_initializer=initializer, name="logits_" + space.name)(prev_layer)
    if space.is_continuous():
        logits = Variable(name="logstd")(logits)
    return logits


def build_fc(input_layer, layer_sizes, activation, initializer, prefix=''):
    x = input_layer
    for i, size in enumerate(layer_sizes):
        x = Dense(size, activation=activation, kernel_initializer=initializer, name='%sfc%02d' % (prefix, i+1))(x)
    return x


def build_model():
    obs_spec = Spec([Space((17,), np.float32, domain=(-np.inf, np.inf), name='obs')])
    act_spec = Spec([Space((6,), np.float32, domain=(-1.0, 1.0), name='action')])
    return build_mlp(obs_spec, act_spec)
