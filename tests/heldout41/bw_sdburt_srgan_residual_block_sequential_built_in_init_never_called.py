"""SDBurt/SRGAN-TF's generator `Residual` block builds a complete `self.layer = tf.keras.Sequential([Conv2D, BatchNormalization, PReLU, Conv2D, BatchNormalization])` in `__init__`, then writes `call()` with a second, separate set of layers (`conv1`/`bn1`/`relu1`/`conv2`/`bn2`); `self.layer` is never called, so in each of the generator's four residual blocks that Sequential (and its PReLU) stays unbuilt dead weight.

From SDBurt/SRGAN-TF (a TF2 SRGAN for 24x24 -> 96x96 super-resolution), `layers.py` at the initial-commit 1681c38.
`Residual(cfg, filters)` is used four times in `models.Generator` (`self.residual1` ... `self.residual4`), and
`srgan.py` trains `Generator(cfg)` in a custom loop. The author first wrote the block as one Sequential (the SRGAN
paper's conv-BN-PReLU-conv-BN), then re-wrote it layer by layer with ReLU instead of PReLU, but kept the old
Sequential attribute. Keras tracks it as a sublayer, never builds it: `0 (unbuilt)` in the summary and the
"unbuilt state" warning (LD005). The model still trains (the rewritten layers are used), so nothing crashes.

Porting edits: none to `Residual` or `Generator` (`Discriminator` and the unused `downsample`/`upsample` helpers of
layers.py are left out; `cfg` is the argparse config of config.py, replaced by a namespace with the one field the
generator reads, `num_channels=3`). build_model() calls `Generator(cfg)` on a symbolic 24x24 RGB low-resolution
input, the `--lr_resolution` default, and returns it inside a functional model.
"""

SOURCE = "https://github.com/SDBurt/SRGAN-TF/blob/1681c38d445e1c678041f2a5aed3771677e44594/layers.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/bw_sdburt_srgan_residual_block_sequential_built_in_init_never_called.py:
warning: `build()` was called on layer 'residual', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
warning: `build()` was called on layer 'residual_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
warning: `build()` was called on layer 'residual_2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
warning: `build()` was called on layer 'residual_3', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
as returned: Functional, count_params() = 1389891, 62 weights, unbuilt: ['Sequential:sequential_3', 'BatchNormalization:batch_normalization_13', 'Conv2D:conv2d_14', 'PReLU:p_re_lu_3', 'BatchNormalization:batch_normalization_12', 'Conv2D:conv2d_13', 'Sequential:sequential_2', 'BatchNormalization:batch_normalization_9', 'Conv2D:conv2d_10', 'PReLU:p_re_lu_2', 'BatchNormalization:batch_normalization_8', 'Conv2D:conv2d_9', 'Sequential:sequential_1', 'BatchNormalization:batch_normalization_5', 'Conv2D:conv2d_6', 'PReLU:p_re_lu_1', 'BatchNormalization:batch_normalization_4', 'Conv2D:conv2d_5', 'Sequential:sequential', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_2', 'PReLU:p_re_lu', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d_1']
after call: count_params() = 1389891, 44 trainable weights, unbuilt: ['Sequential:sequential_3', 'BatchNormalization:batch_normalization_13', 'Conv2D:conv2d_14', 'PReLU:p_re_lu_3', 'BatchNormalization:batch_normalization_12', 'Conv2D:conv2d_13', 'Sequential:sequential_2', 'BatchNormalization:batch_normalization_9', 'Conv2D:conv2d_10', 'PReLU:p_re_lu_2', 'BatchNormalization:batch_normalization_8', 'Conv2D:conv2d_9', 'Sequential:sequential_1', 'BatchNormalization:batch_normalization_5', 'Conv2D:conv2d_6', 'PReLU:p_re_lu_1', 'BatchNormalization:batch_normalization_4', 'Conv2D:conv2d_5', 'Sequential:sequential', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_2', 'PReLU:p_re_lu', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d_1']; output dtypes ['float32']
gradient None for 0 of 44 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'generator': 1389891, 'residual_3': 74368, 'residual_2': 74368, 'residual_1': 74368, 'residual': 74368}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class Residual(tf.keras.layers.Layer):

    def __init__(self, cfg, filters):
        super(Residual, self).__init__()
        self.layer = tf.keras.Sequential([
            tf.keras.layers.Conv2D(filters, 3, strides=1, padding="same"),
            tf.keras.layers.BatchNormalization(),
            tf.keras.layers.PReLU(),
            tf.keras.layers.Conv2D(filters, 3, strides=1, padding="same"),
            tf.keras.layers.BatchNormalization()
        ])

        self.conv1 = tf.keras.layers.Conv2D(filters, 3, strides=1, padding="same")
        self.bn1 = tf.keras.layers.BatchNormalization()
        self.relu1 = tf.keras.layers.ReLU()
        self.conv2 = tf.keras.layers.Conv2D(filters, 3, strides=1, padding="same")
        self.bn2 = tf.keras.layers.BatchNormalization()
        self.relu2 = tf.keras.layers.ReLU()

    def call(self, x_in):

        x = self.conv1(x_in)
        x = self.bn1(x)
        x = self.relu1(x)
        x = self.conv2(x)
        x = self.bn2(x)
        return self.relu2(x + x_in)


class Generator(tf.keras.Model):

    def __init__(self, cfg, num_filters=64):
        super(Generator, self).__init__()

        self.cfg = cfg

        # part 1
        self.conv1 = tf.keras.layers.Conv2D(64, 9, strides=1, padding='same')
        self.relu1 = tf.keras.layers.ReLU()

        # part 2 - Resnet blocks
        self.residual1 = Residual(cfg, num_filters)
        self.residual2 = Residual(cfg, num_filters)
        self.residual3 = Residual(cfg, num_filters)
        self.residual4 = Residual(cfg, num_filters)

        # part 3
        self.conv2 = tf.keras.layers.Conv2D(64, 9, strides=1, padding='same')
        self.bm1 = tf.keras.layers.BatchNormalization()

        # part 4
        self.convt1 = tf.keras.layers.Conv2DTranspose(num_filters*4, 3, strides=2, padding='same')
        self.relu2 = tf.keras.layers.ReLU()

        # part 5
        self.convt2 = tf.keras.layers.Conv2DTranspose(num_filters*4, 3, strides=2, padding='same')
        self.relu3 = tf.keras.layers.ReLU()

        # part 6
        self.out = tf.keras.layers.Conv2D(cfg.num_channels, 3, strides=1, padding='same', activation='tanh')

    def call(self, x_in):
        x1a = self.conv1(x_in)
        x1b = self.relu1(x1a)
        x2a = self.residual2(self.residual1(x1b))
        x2b = self.residual4(self.residual3(x2a))
        x3 = self.bm1(self.conv2(x2b))
        x4 = self.relu2(self.convt1(x3 + x1b))
        x5 = self.relu3(self.convt2(x4))
        return self.out(x5)


def build_model():
    from types import SimpleNamespace

    cfg = SimpleNamespace(num_channels=3)
    lr = tf.keras.Input(shape=(24, 24, 3))
    return tf.keras.Model(lr, Generator(cfg)(lr))
