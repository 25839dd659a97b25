"""PsiZ's `StochasticMixin` sits before `tf.keras.layers.Layer` in the bases of its stochastic layers and defines `__init__(self, *args, **kwargs)` that calls `super().__init__(*args, **kwargs)` first and only then sets its sample-axis state: a cooperative mixin, so `Layer.__init__` runs once, before any state, and the layer's weight is tracked and trained.

From psiz-org/psiz, `src/psiz/keras/mixins/stochastic_mixin.py` (4a9b129, 2022, tf.keras era; PsiZ models psychological
embeddings with variational, sampled layers). The mixin stores `_sample_axis_outermost`, `_n_sample`,
`_is_inside_rnn` (None until `StochasticModel.build` calls `set_stochastic_mixin`) and `_has_sample_axis` (a
`tf.constant(False)` flag, not a weight), exposing them through properties with setters. Layers declare
`class X(StochasticMixin, tf.keras.layers.Layer)` and call `super(X, self).__init__(**kwargs)`, which goes mixin ->
Layer. `LayerA` is the repository's own test layer for this pattern (`tests/psiz/keras/models/test_stochastic_model.py`
at the same commit): a kernel made by `add_weight` in `build`, a matmul, then a repeat along the sample axis.
A checker that flags "state set around `super().__init__` in a class with several bases" or "Layer init reached
through a mixin" would flag this; it is correct.

Porting edits: none to the mixin; in `LayerA.build` the positional `add_weight("kernel", ...)` is written
`add_weight(name="kernel", ...)` (Keras 3 requires the keyword); licence header and docstrings shortened. The model is ours:
`StochasticModel.build` is replaced by the call it makes, `set_stochastic_mixin(sample_axis_outermost=1, n_sample=3,
is_inside_rnn=False)`, on the layer before it is wired on a (1, 4) input (one sample slot, four features).
build_model() returns the model.
"""

SOURCE = "https://github.com/psiz-org/psiz/blob/4a9b129d726e545d1c57cceacdbad7bf29dd49be/src/psiz/keras/mixins/stochastic_mixin.py"
CODES = ()
CORRECT = True
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/okby_psiz_stochasticmixin_cooperative_super_init_then_sample_state.py:
as returned: Functional, count_params() = 12, 1 weights, unbuilt: none
after call: count_params() = 12, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layer_a': 12}
second call: 0 variables watched that the first call did not use
probe_psiz.py: MRO LayerA -> StochasticMixin -> Layer; LayerA(3, name="probe_a", trainable=False) keeps name "probe_a"
and trainable False (the kwargs reach Layer.__init__ through the mixin); in the model n_sample 3, sample_axis 1, the
kernel is in model.trainable_weights; output shape (5, 3, 3); after 2 epochs of SGD(0.1) the kernel moved by 0.197."""

import tensorflow as tf


class StochasticMixin():
    """A mixin for layers that use stochastic sampling."""

    def __init__(self, *args, **kwargs):
        """Initialize."""
        super().__init__(*args, **kwargs)
        self._sample_axis_outermost = None
        self._n_sample = None
        self._is_inside_rnn = None
        self._has_sample_axis = tf.constant(False)

    def set_stochastic_mixin(
        self, sample_axis_outermost, n_sample, is_inside_rnn
    ):
        """Set attributes."""
        self.sample_axis_outermost = sample_axis_outermost
        self.n_sample = n_sample
        self.is_inside_rnn = is_inside_rnn

        if self.sample_axis_outermost is not None:
            self._has_sample_axis = tf.constant(True)

    @property
    def sample_axis(self):
        if self._is_inside_rnn:
            return self._sample_axis_outermost - 1
        else:
            return self._sample_axis_outermost

    @property
    def sample_axis_outermost(self):
        return self._sample_axis_outermost

    @property
    def n_sample(self):
        return self._n_sample

    @property
    def is_inside_rnn(self):
        return bool(self._is_inside_rnn)

    @sample_axis_outermost.setter
    def sample_axis_outermost(self, sample_axis_outermost):
        self._sample_axis_outermost = int(sample_axis_outermost)

    @n_sample.setter
    def n_sample(self, n_sample):
        self._n_sample = int(n_sample)

    @is_inside_rnn.setter
    def is_inside_rnn(self, is_inside_rnn):
        self._is_inside_rnn = tf.constant(is_inside_rnn)


class LayerA(StochasticMixin, tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(LayerA, self).__init__(**kwargs)
        self.units = units
        self.kernel_initializer = tf.keras.initializers.Constant(1.)

    def build(self, input_shape):
        """Build."""
        last_dim = input_shape[-1]
        self.kernel = self.add_weight(
            name="kernel",
            shape=[last_dim, self.units],
            initializer=self.kernel_initializer,
            dtype=self.dtype,
            trainable=True,
        )
        self.built = True

    def call(self, inputs, training=False):
        x = tf.matmul(a=inputs[:, 0], b=self.kernel)
        x = tf.expand_dims(x, axis=self.sample_axis)
        x = tf.repeat(x, self.n_sample, axis=self.sample_axis)
        return x

    def get_config(self):
        config = super(LayerA, self).get_config()
        config.update({"units": self.units})
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def build_model():
    inputs = tf.keras.Input(shape=(1, 4))
    layer_a = LayerA(3, name="layer_a")
    layer_a.set_stochastic_mixin(sample_axis_outermost=1, n_sample=3, is_inside_rnn=False)
    outputs = layer_a(inputs)
    return tf.keras.Model(inputs, outputs)
