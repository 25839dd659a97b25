"""ntozer's mixmatch-tensorflow2.0 (MixMatch semi-supervised learning on a WideResNet-28-2) has two kinds of unbuilt sublayers. (1) Every `Residual3x3Unit` creates `self.shortcut` (a 1x1 Conv2D) and `self.bn_0`/`self.relu_0`, but `call()` uses the shortcut only when `channels_in != channels_out` and skips `bn_0` when the unit downsamples without `activate_before_residual`: in WRN-28-2 the shortcut of the 9 non-downsampling units and the `bn_0` of the first units of blocks 1 and 2 are never called, so 11 sublayers stay unbuilt forever (LD005, sublayers created but never called). (2) `main.py` builds the subclassed model with `model.build(input_shape=(None, 32, 32, 3))`; on Keras 3 with the `@tf.function`-decorated `call` this only marks the model built (Keras warns "looks like it has unbuilt state") and leaves all 79 sublayers unbuilt with 0 weights, so the next line's `ema_model.set_weights(model.get_weights())` copies nothing and the EMA model starts from different random weights (LD005, `model.build(shape)` on a subclassed model). (3) A side effect measured on Keras 3: the `@tf.function` decorators on the `call` methods of the nested layers cut the tape, so 71 of the 76 trainable weights (everything inside the three ResidualBlocks) get a None gradient, on the first and on later calls (LD009; removing the three decorators gives gradients for all 76).

From ntozer/mixmatch-tensorflow2.0, `model.py`: classes `Residual3x3Unit`, `ResidualBlock`, `WideResNet`; `main.py`
does `model = WideResNet(num_classes, depth=28, width=2)`, `model.build(input_shape=(None, 32, 32, 3))`, the same for
`ema_model`, then `ema_model.set_weights(model.get_weights())`.

Porting edits: `WideResNet.__init__` calls `super().__init__(input_shape, **kwargs)`; TF 2.0's `Network.__init__` ignored
a single positional argument, Keras 3's `Model.__init__` raises TypeError on it, so the positional `input_shape` is
dropped from that call (the parameter stays). Nothing else changed (the `@tf.function` decorators and
`LeakyReLU(alpha=...)` are kept). build_model() does what main.py does for the student model (10 classes, build with
(None, 32, 32, 3)) and returns it with a (2, 32, 32, 3) batch.
"""

SOURCE = "https://github.com/ntozer/mixmatch-tensorflow2.0/blob/868946ae786be4644a817964f9e3fa4c14d526ef/model.py"
CODES = ("LD005", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cg_mixmatchtf2_wideresnet_shortcut_and_bn0_never_called_build_leaves_all_unbuilt.py:
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: `build()` was called on layer 'wide_res_net', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, de
as returned: WideResNet, count_params() = 0, 0 weights, unbuilt: ['Conv2D:conv2d', 'ResidualBlock:residual_block', 'Residual3x3Unit:residual3x3_unit_3', 'Conv2D:conv2d_12', 'Conv2D:conv2d_11', 'BatchNormalization:batch_normalization_7', 'Conv2D:conv2d_10', 'BatchNormalization:batch_normalization_6', 'Residual3x3Unit:residual3x3_unit_2', 'Conv2D:conv2d_9', 'Conv2D:conv2d_8', 'BatchNormalization:batch_normalization_5', 'Conv2D:conv2d_7', 'BatchNormalization:batch_normalization_4', 'Residual3x3Unit:residual3x3_unit_1', 'Conv2D:conv2d_6', 'Conv2D:conv2d_5', 'BatchNormalization:batch_normalization_3', 'Conv2D:conv2d_4', 'BatchNormalization:batch_normalization_2', 'Residual3x3Unit:residual3x3_unit', 'Conv2D:conv2d_3', 'Conv2D:conv2d_2', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_1', 'BatchNormalization:batch_normalization', 'ResidualBlock:residual_block_1', 'Residual3x3Unit:residual3x3_unit_7', 'Conv2D:conv2d_24', 'Conv2D:conv2d_23', 'BatchNormalization:batch_normalization_15', 'Conv2D:conv2d_22', 'BatchNormalization:batch_normalization_14', 'Residual3x3Unit:residual3x3_unit_6', 'Conv2D:conv2d_21', 'Conv2D:conv2d_20', 'BatchNormalization:batch_normalization_13', 'Conv2D:conv2d_19', 'BatchNormalization:batch_normalization_12', 'Residual3x3Unit:residual3x3_unit_5', 'Conv2D:conv2d_18', 'Conv2D:conv2d_17', 'BatchNormalization:batch_normalization_11', 'Conv2D:conv2d_16', 'BatchNormalization:batch_normalization_10', 'Residual3x3Unit:residual3x3_unit_4', 'Conv2D:conv2d_15', 'Conv2D:conv2d_14', 'BatchNormalization:batch_normalization_9', 'Conv2D:conv2d_13', 'BatchNormalization:batch_normalization_8', 'ResidualBlock:residual_block_2', 'Residual3x3Unit:residual3x3_unit_11', 'Conv2D:conv2d_36', 'Conv2D:conv2d_35', 'BatchNormalization:batch_normalization_23', 'Conv2D:conv2d_34', 'BatchNormalization:batch_normalization_22', 'Residual3x3Unit:residual3x3_unit_10', 'Conv2D:conv2d_33', 'Conv2D:conv2d_32', 'BatchNormalization:batch_normalization_21', 'Conv2D:conv2d_31', 'BatchNormalization:batch_normalization_20', 'Residual3x3Unit:residual3x3_unit_9', 'Conv2D:conv2d_30', 'Conv2D:conv2d_29', 'BatchNormalization:batch_normalization_19', 'Conv2D:conv2d_28', 'BatchNormalization:batch_normalization_18', 'Residual3x3Unit:residual3x3_unit_8', 'Conv2D:conv2d_27', 'Conv2D:conv2d_26', 'BatchNormalization:batch_normalization_17', 'Conv2D:conv2d_25', 'BatchNormalization:batch_normalization_16', 'BatchNormalization:batch_normalization_24', 'Flatten:flatten', 'Dense:dense']
after call: count_params() = 1470842, 76 trainable weights, unbuilt: ['Conv2D:conv2d_12', 'Conv2D:conv2d_9', 'Conv2D:conv2d_6', 'Conv2D:conv2d_24', 'Conv2D:conv2d_21', 'Conv2D:conv2d_18', 'BatchNormalization:batch_normalization_8', 'Conv2D:conv2d_36', 'Conv2D:conv2d_33', 'Conv2D:conv2d_30', 'BatchNormalization:batch_normalization_16']; output dtypes ['float32']
gradient None for 71 of 76 trainable weights: ['wide_res_net/residual_block/residual3x3_unit/batch_normalization/gamma', 'wide_res_net/residual_block/residual3x3_unit/batch_normalization/beta', 'wide_res_net/residual_block/residual3x3_unit/conv2d_1/kernel', 'wide_res_net/residual_block/residual3x3_unit/batch_normalization_1/gamma', 'wide_res_net/residual_block/residual3x3_unit/batch_normalization_1/beta', 'wide_res_net/residual_block/residual3x3_unit/conv2d_2/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_block': 70592, 'residual3x3_unit_3': 18688, 'residual3x3_unit_2': 18688, 'residual3x3_unit_1': 18688, 'residual3x3_unit': 14528, 'residual_block_1': 280320, 'residual3x3_unit_7': 74240, 'residual3x3_unit_6': 74240, 'residual3x3_unit_5': 74240, 'residual3x3_unit_4': 57600, 'residual_block_2': 1117696, 'residual3x3_unit_11': 295936, 'residual3x3_unit_10': 295936, 'residual3x3_unit_9': 295936, 'residual3x3_unit_8': 229888}
second call: 0 variables watched that the first call did not use
probes/probe_mixmatch.py (main.py's flow): after model.build(input_shape=(None, 32, 32, 3)) the model has 0 weights, get_weights() returns 0 arrays and 79 sublayers are unbuilt; ema_model.set_weights(model.get_weights()) copies nothing, and after one call each the student and EMA logits differ by up to 0.95 (different random initialisations). probes/probe_mixmatch_grad.py: on a second training call the gradient is still None for 71 of 76 trainable weights; the same model with the three `@tf.function` lines commented out (probes/mm/nofn.py) gives None for 0 of 76, so the None gradients come from the decorators, not from the first-call variable creation. After a call, units 1-3, 5-7 and 9-11 (no downsampling) have shortcut.built False; units 4 and 8 (downsampling, activate_before_residual False) have bn_0.built False."""

import numpy as np
import tensorflow as tf


class Residual3x3Unit(tf.keras.layers.Layer):
    def __init__(self, channels_in, channels_out, stride, droprate=0., activate_before_residual=False):
        super(Residual3x3Unit, self).__init__()
        self.bn_0 = tf.keras.layers.BatchNormalization(momentum=0.999)
        self.relu_0 = tf.keras.layers.LeakyReLU(alpha=0.1)
        self.conv_0 = tf.keras.layers.Conv2D(channels_out, kernel_size=3, strides=stride, padding='same', use_bias=False)
        self.bn_1 = tf.keras.layers.BatchNormalization(momentum=0.999)
        self.relu_1 = tf.keras.layers.LeakyReLU(alpha=0.1)
        self.conv_1 = tf.keras.layers.Conv2D(channels_out, kernel_size=3, strides=1, padding='same', use_bias=False)
        self.downsample = channels_in != channels_out
        self.shortcut = tf.keras.layers.Conv2D(channels_out, kernel_size=1, strides=stride, use_bias=False)
        self.activate_before_residual = activate_before_residual
        self.dropout = tf.keras.layers.Dropout(rate=droprate)
        self.droprate = droprate

    @tf.function
    def call(self, x, training=True):
        if self.downsample and self.activate_before_residual:
            x = self.relu_0(self.bn_0(x, training=training))
        elif not self.downsample:
            out = self.relu_0(self.bn_0(x, training=training))
        out = self.relu_1(self.bn_1(self.conv_0(x if self.downsample else out), training=training))
        if self.droprate > 0.:
            out = self.dropout(out)
        out = self.conv_1(out)
        return out + (self.shortcut(x) if self.downsample else x)


class ResidualBlock(tf.keras.layers.Layer):
    def __init__(self, n_units, channels_in, channels_out, unit, stride, droprate=0., activate_before_residual=False):
        super(ResidualBlock, self).__init__()
        self.units = self._build_unit(n_units, unit, channels_in, channels_out, stride, droprate, activate_before_residual)

    def _build_unit(self, n_units, unit, channels_in, channels_out, stride, droprate, activate_before_residual):
        units = []
        for i in range(n_units):
            units.append(unit(channels_in if i == 0 else channels_out, channels_out, stride if i == 0 else 1, droprate, activate_before_residual))
        return units

    @tf.function
    def call(self, x, training=True):
        for unit in self.units:
            x = unit(x, training=training)
        return x


class WideResNet(tf.keras.Model):
    def __init__(self, num_classes, depth=28, width=2, droprate=0., input_shape=(None, 32, 32, 3), **kwargs):
        super(WideResNet, self).__init__(**kwargs)
        assert (depth - 4) % 6 == 0
        N = int((depth - 4) / 6)
        channels = [16, 16 * width, 32 * width, 64 * width]

        self.conv_0 = tf.keras.layers.Conv2D(channels[0], kernel_size=3, strides=1, padding='same', use_bias=False)
        self.block_0 = ResidualBlock(N, channels[0], channels[1], Residual3x3Unit, 1, droprate, True)
        self.block_1 = ResidualBlock(N, channels[1], channels[2], Residual3x3Unit, 2, droprate)
        self.block_2 = ResidualBlock(N, channels[2], channels[3], Residual3x3Unit, 2, droprate)
        self.bn_0 = tf.keras.layers.BatchNormalization(momentum=0.999)
        self.relu_0 = tf.keras.layers.LeakyReLU(alpha=0.1)
        self.avg_pool = tf.keras.layers.AveragePooling2D((8, 8), (1, 1))
        self.flatten = tf.keras.layers.Flatten()
        self.dense = tf.keras.layers.Dense(num_classes)

    @tf.function
    def call(self, inputs, training=True):
        x = inputs
        x = self.conv_0(x)
        x = self.block_0(x, training=training)
        x = self.block_1(x, training=training)
        x = self.block_2(x, training=training)
        x = self.relu_0(self.bn_0(x, training=training))
        x = self.avg_pool(x)
        x = self.flatten(x)
        x = self.dense(x)
        return x


def build_model():
    num_classes = 10
    model = WideResNet(num_classes, depth=28, width=2)
    model.build(input_shape=(None, 32, 32, 3))
    x = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    return model, x
