"""DIEN's `Dice` activation creates its scalar `alpha` with `add_weight` in `__init__` and keeps its running
statistics in a `BatchNormalization(center=False, scale=False)` sublayer, with no `build()`: it looks like
weight-in-`__init__` and unbuilt-sublayer bugs, but on Keras 3 alpha is tracked and trained and the BN's moving
mean/variance are built on the first call, updated in training and saved.

From StephenBo-China/DIEN (`activations.py` at dab47cc, the Data-Adaptive activation of "Deep Interest Evolution
Network" used in the repository's MLP head). `Dice.__init__` does `self.bn = BatchNormalization(center=False,
scale=False)` and `self.alpha = self.add_weight(shape=(), dtype=tf.float32, name='alpha')`; `call` normalises with
the BN (which keeps the per-feature moving mean and variance, i.e. the layer's running statistics), squashes with a
sigmoid and mixes `alpha * (1 - p) * x + p * x`. LD004 concerns `add_weight` in `__init__` with an input dimension
passed by hand; here the shape is `()` and does not depend on the input. The sublayer assigned in `__init__` of a layer
without `build()` is one of the catalog's myths (tracked). Doubt noted: `add_weight` without an initializer uses
Keras 3's default (glorot_uniform, here on a scalar), not zeros as in the DIN paper; a modelling choice, not tracking.

Porting edits: none (the class is copied as written). build_model() wires Dense(16) -> Dice -> Dense(1) on 8
features, as the repository's fully connected head does; the own probe `p_dice.py` trains one step and round-trips
the weights.
"""

SOURCE = "https://github.com/StephenBo-China/DIEN/blob/dab47cc6ea2130ab1d6f9c02c8c53ca8cd33c32d/activations.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/as/okas_dien_dice_activation_add_weight_in_init_batchnorm_running_stats.py:
as returned: Functional, count_params() = 194, 7 weights, unbuilt: none
after call: count_params() = 194, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dice': 33}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine34/as/p_dice.py:
Dice weights: ['dice/alpha', 'dice/batch_normalization/moving_mean', 'dice/batch_normalization/moving_variance'] | trainable: 1 non-trainable: 2
after one fit step: alpha changed: True | BN moving_mean changed: True
fresh model after load_weights: alpha equal: True | moving_mean equal: True | inference outputs equal: True"""

import tensorflow as tf


class Dice(tf.keras.layers.Layer):
    def __init__(self):
        super(Dice, self).__init__()
        self.bn = tf.keras.layers.BatchNormalization(center=False, scale=False)
        self.alpha = self.add_weight(shape=(), dtype=tf.float32, name='alpha')

    def call(self, x):
        x_normed = self.bn(x)
        x_p = tf.sigmoid(x_normed)
        return self.alpha * (1.0 - x_p) * x + x_p * x


def build_model():
    inp = tf.keras.Input((8,))
    x = tf.keras.layers.Dense(16)(inp)
    x = Dice()(x)
    out = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inp, out)
