"""keras-resnet's frozen `BatchNormalization` sets `self.freeze` before `super().__init__()` and `self.trainable = not self.freeze` after it: the setting sticks, gamma/beta are frozen as intended.

From broadinstitute/keras-resnet (`keras_resnet/layers/_batch_normalization.py`), the ResNet backbones
used by fizyr's keras-retinanet and other detection/segmentation ports, which build every backbone with
`freeze_bn=True`. The subclass of `keras.layers.BatchNormalization` stores the plain flag `self.freeze`
before calling `super().__init__(*args, **kwargs)`, then sets `self.trainable = not self.freeze` after it,
and in `call()` forces `training=False` when frozen. A checker keyed on "attribute set before the super
call" (LD013) or on `trainable` written in `__init__` would flag it; but the only pre-super assignment is
a plain Python flag that Keras does not reset, and `trainable` is written after the base class set its
default, so it sticks: gamma and beta are non-trainable, the moving statistics stay non-trainable, and
the layer runs in inference mode.

Porting edits: `call(self, *args, **kwargs)` becomes `call(self, inputs, *args, **kwargs)` (and passes
`inputs` on): Keras 3 infers `build()`'s input shape from the name of `call()`'s first argument, and with
only `*args` the base `BatchNormalization.build()` receives `None` and raises `TypeError: 'NoneType'
object is not subscriptable` (measured; a porting obstacle, not a weight-tracking defect). build_model() is a ResNet stem as
keras-resnet writes it for a detection backbone: `Conv2D(64, (7, 7), strides=(2, 2), use_bias=False)`,
`BatchNormalization(axis=3, epsilon=1e-5, freeze=True)`, ReLU and a 3x3 max-pool, then one more
3x3 Conv2D with a non-frozen `BatchNormalization(freeze=False)` as a control.
"""

SOURCE = "https://github.com/broadinstitute/keras-resnet/blob/08da51723682b7ea0342cce2f17d45c70ff58e22/keras_resnet/layers/_batch_normalization.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbf_kerasresnet_batchnorm_freeze_set_before_super_trainable_after.py:
as returned: Functional, count_params() = 18944, 10 weights, unbuilt: none
after call: count_params() = 18944, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 2 variables the model does not track: ['bn_conv1/gamma:0', 'bn_conv1/beta:0']
params of the case's own layers: {'bn_conv1': 256, 'bn2a_branch2a': 64}
second call: 0 variables watched that the first call did not use
probe (inline): bn_conv1.trainable False (freeze True); its gamma, beta, moving_mean, moving_variance are all in
non_trainable_weights (the 2 'watched but not tracked' above are these frozen gamma/beta: tracked, non-trainable by
intent); bn2a_branch2a (freeze=False) trainable True with gamma/beta trainable; model trainable weights: conv1/kernel,
res2a_branch2a/kernel, bn2a_branch2a/gamma, bn2a_branch2a/beta; 6 non-trainable."""

import keras


class BatchNormalization(keras.layers.BatchNormalization):
    """
    Identical to keras.layers.BatchNormalization, but adds the option to freeze parameters.
    """
    def __init__(self, freeze, *args, **kwargs):
        self.freeze = freeze
        super(BatchNormalization, self).__init__(*args, **kwargs)

        # set to non-trainable if freeze is true
        self.trainable = not self.freeze

    def call(self, inputs, *args, **kwargs):  # porting edit: `inputs` named (was `*args` only)
        # Force test mode if frozen, otherwise use default behaviour (i.e., training=None).
        if self.freeze:
            kwargs['training'] = False
        return super(BatchNormalization, self).call(inputs, *args, **kwargs)

    def get_config(self):
        config = super(BatchNormalization, self).get_config()
        config.update({'freeze': self.freeze})
        return config


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    inputs = keras.Input((32, 32, 3))
    x = keras.layers.ZeroPadding2D(padding=3, name="padding_conv1")(inputs)
    x = keras.layers.Conv2D(64, (7, 7), strides=(2, 2), use_bias=False, name="conv1")(x)
    x = BatchNormalization(axis=3, epsilon=1e-5, freeze=True, name="bn_conv1")(x)
    x = keras.layers.Activation("relu", name="conv1_relu")(x)
    x = keras.layers.MaxPooling2D((3, 3), strides=(2, 2), padding="same", name="pool1")(x)
    x = keras.layers.Conv2D(16, (3, 3), padding="same", use_bias=False, name="res2a_branch2a")(x)
    x = BatchNormalization(axis=3, epsilon=1e-5, freeze=False, name="bn2a_branch2a")(x)
    return keras.Model(inputs, x)
