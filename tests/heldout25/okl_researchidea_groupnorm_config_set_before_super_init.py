"""A `GroupNorm` layer that stores `self.n_group` and `self.gamma_initializer` BEFORE calling
`super().__init__(**kwargs)`, then sets `self.gamma = self.beta = None` and creates both in `build()`
(calling `super().build()`), used after 3-D convolutions.

From jokingbear/research-idea (`implementations/normalization_layers.py`). Looks like the
late-`super().__init__()` trap; but what is set first is plain configuration (an int and an
initializer object), not `trainable`/`name` or a sublayer/variable, so nothing is reset or lost on
Keras 3: the layer is created, `gamma`/`beta` are tracked (2*C parameters), and both get gradients.
The `None` placeholders overwritten by `add_weight` in `build` are also fine.

Porting edits: `tensorflow.keras` -> `keras`; `self.add_weight("gamma", [gp], initializer=...)`
-> `self.add_weight(name="gamma", shape=[gp], initializer=...)` (on Keras 3 the positional form
raises ValueError "`name` must be passed as a keyword argument", unrelated to tracking);
`compute_output_signature` dropped (not a Keras 3 hook); a two-conv 3-D block on 8^3 x 1 volumes
with 8 channels and 4 groups as the user code.
"""

SOURCE = "https://github.com/jokingbear/research-idea/blob/27fa22fb8871d758ddaa7b8ae7c1a84a40775dc0/implementations/normalization_layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okl_researchidea_groupnorm_config_set_before_super_init.py:
as returned: Functional, count_params() = 2001, 10 weights, unbuilt: none
after call: count_params() = 2001, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'group_norm': 16, 'group_norm_1': 16}
second call: 0 variables watched that the first call did not use
Own probes: /tmp/mine25a/probe_gn.py: both GroupNorm keep n_group=4 and their initializers (Ones, Zeros) set before
super().__init__(), weights ['group_norm/gamma', 'group_norm/beta'] etc., get_config() round-trips n_group and
gamma_initializer; /tmp/mine25a/probe_aw.py: the unported add_weight('gamma', [C], ...) raises ValueError
'name must be passed as a keyword argument' on Keras 3 (hence the porting edit)."""

import tensorflow as tf
import keras
from keras import layers, initializers as inits


class GroupNorm(layers.Layer):

    def __init__(self, n_group, gamma_initializer="ones", **kwargs):
        self.n_group = n_group
        self.gamma_initializer = inits.get(gamma_initializer)

        super().__init__(**kwargs)

        self.gamma = None
        self.beta = None

    def build(self, input_shape):
        gp = input_shape[-1]

        self.gamma = self.add_weight(name="gamma", shape=[gp], initializer=self.gamma_initializer)
        self.beta = self.add_weight(name="beta", shape=[gp], initializer="zeros")

        super().build(input_shape)

    def call(self, inputs, **kwargs):
        shape = inputs.shape
        spatial_shape = shape[1:-1]
        gp = shape[-1]
        g = self.n_group
        spatial_axis = [i + 1 for i in range(len(spatial_shape))]
        x = tf.reshape(inputs, (-1, *spatial_shape, g, gp // g))

        mean, var = tf.nn.moments(x, spatial_axis + [-1], keepdims=True)

        x = (x - mean) / (tf.sqrt(var) + 1E-7)

        x = tf.reshape(x, (-1, *shape[1:]))

        return x * self.gamma + self.beta

    def get_config(self):
        config = super().get_config()

        config["n_group"] = self.n_group
        config["gamma_initializer"] = inits.serialize(self.gamma_initializer)

        return config


def build_model():
    volumes = keras.Input((8, 8, 8, 1))
    x = layers.Conv3D(8, 3, padding="same")(volumes)
    x = GroupNorm(4)(x)
    x = layers.ReLU()(x)
    x = layers.Conv3D(8, 3, padding="same")(x)
    x = GroupNorm(4, gamma_initializer="zeros")(x)
    x = layers.ReLU()(x)
    return keras.Model(volumes, layers.Conv3D(1, 1)(x))
