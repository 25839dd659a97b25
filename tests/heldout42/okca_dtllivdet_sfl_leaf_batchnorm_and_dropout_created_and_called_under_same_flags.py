"""DTL-LivDet's `SFL` leaf (supervised feature learning node of a Deep Tree Network for face anti-spoofing) is built from small `Conv`, `Dense` and `Downsample` sub-models that create their `BatchNormalization` (and `Dropout`) only `if self.apply_batchnorm` / `if self.apply_dropout`, and call them in `call()` under the very same flags; the depth-map conv and the final `fc2` are made with `apply_batchnorm=False`, so they neither create nor call a batch norm, and nothing is left unbuilt.

From kaarejoergensen/DTL-LivDet (a TF 2 port of "Deep Tree Learning for Zero-shot Face Anti-Spoofing"), commit
59f80ad6: `src/models/SFL.py` defines `SFL(tf.keras.Model)` with a depth-map branch (`CRU` + `Conv(2, ...,
activation=False, apply_batchnorm=False)`) and a class branch (four `Downsample`s, `Flatten`, `Dropout(0.3)`,
`Dense(256)`, `Dense(1, activation=False, apply_batchnorm=False)`), plus the `Conv` and `Dense` helper models in the
same file; `src/models/Common.py` has `Downsample` (the TF pix2pix-tutorial block) and `src/models/CRU.py` the residual
`CRU` unit whose four conv/BN pairs are stored with `setattr(self, "conv_{}".format(count), ...)` and fetched with
`getattr` in `call()`. Look-alike of LD005 (sublayers created conditionally, some blocks have no batch norm) and of
LD011 (layers stored via `setattr` strings): each optional layer exists exactly when `call()` uses it, and the
`setattr` layers are ordinary tracked attributes.

Porting edits: the three files are merged (imports between them dropped). Each `call(self, x, training)` becomes
`call(self, x, training=None)`: the original relies on tf.keras 2 filling a required `training` argument for the
nested calls that omit it (`self.cru1(x)`, `self.conv2(x)`, ...); Keras 3 raises "missing a required argument:
'training'" there, and with a default it propagates the outer value instead. Otherwise unchanged. The DTN tree that
feeds the leaf (`src/models/DTN.py`, which calls `sfl(previous_cru[...], training)` on the CRU output, whose channel
count is `filters`) is not reproduced: build_model() makes `SFL(32)` as `DTN.__init__` does for each leaf and returns
it with a (2, 32, 32, 32) batch (32x32 so the class branch reaches the 1x1x128 the comments in `call()` describe).
"""

SOURCE = "https://github.com/kaarejoergensen/DTL-LivDet/blob/59f80ad626ba6e6568787c78baa3a516682b4902/src/models/SFL.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/okca_dtllivdet_sfl_leaf_batchnorm_and_dropout_created_and_called_under_same_flags.py:
as returned: SFL, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['CRU:cru', 'BatchNormalization:batch_normalization_3', 'Conv2D:conv2d_3', 'BatchNormalization:batch_normalization_2', 'Conv2D:conv2d_2', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_1', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d', 'Conv:conv', 'Conv2D:conv2d_4', 'Downsample:downsample', 'BatchNormalization:batch_normalization_4', 'Conv2D:conv2d_5', 'Downsample:downsample_1', 'BatchNormalization:batch_normalization_5', 'Conv2D:conv2d_6', 'Downsample:downsample_2', 'BatchNormalization:batch_normalization_6', 'Conv2D:conv2d_7', 'Downsample:downsample_3', 'BatchNormalization:batch_normalization_7', 'Conv2D:conv2d_8', 'Flatten:flatten', 'Dense:dense', 'BatchNormalization:batch_normalization_8', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 240960, 29 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 29 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cru': 37376, 'conv': 576, 'downsample': 9344, 'downsample_1': 9344, 'downsample_2': 18688, 'downsample_3': 131584, 'dense': 33792, 'dense_2': 256}
second call: 0 variables watched that the first call did not use
(as returned = before any call, as in the repository, where DTN calls each leaf; after one call nothing is unbuilt. 'dense'/'dense_2' in the last line are the file's own Dense helper models, fc1 with a batch norm and fc2 without.)"""

import tensorflow as tf


# ---- src/models/CRU.py ----
class CRU(tf.keras.Model):
    COUNT = 4

    def __init__(self, filters, size=3, stride=2, apply_batchnorm=True):
        super(CRU, self).__init__()
        self.apply_batchnorm = apply_batchnorm
        self.stride = stride
        initializer = tf.random_normal_initializer(0., 0.02)
        filters = int(filters)

        for count in range(self.COUNT):
            conv = tf.keras.layers.Conv2D(filters,
                                          (size, size),
                                          strides=1,
                                          padding='SAME',
                                          kernel_initializer=initializer,
                                          use_bias=False)
            batchnorm = tf.keras.layers.BatchNormalization()
            setattr(self, "conv_{}".format(count), conv)
            setattr(self, "batchnorm_{}".format(count), batchnorm)

    def call(self, x, training=None):  # was: training (required); see Porting edits
        original = x
        for count in range(self.COUNT):
            x = getattr(self, "conv_{}".format(count))(x)
            x = getattr(self, "batchnorm_{}".format(count))(x, training=training)
            # Skip connection in every other layer
            if count % 2 != 0:
                x = original + x
            x = tf.nn.leaky_relu(x)

        if self.stride > 1:
            x = tf.nn.max_pool(x, 3, 2, padding='SAME')
        return x


# ---- src/models/Common.py ----
class Downsample(tf.keras.Model):
    def __init__(self, filters, size, padding='SAME', apply_batchnorm=True):
        super(Downsample, self).__init__()
        self.apply_batchnorm = apply_batchnorm
        initializer = tf.random_normal_initializer(0., 0.02)
        filters = int(filters)
        self.conv1 = tf.keras.layers.Conv2D(filters,
                                            (size, size),
                                            strides=2,
                                            padding=padding,
                                            kernel_initializer=initializer,
                                            use_bias=False)
        if self.apply_batchnorm:
            self.batchnorm = tf.keras.layers.BatchNormalization()

    def call(self, x, training=None):  # was: training (required); see Porting edits
        x = self.conv1(x)
        if self.apply_batchnorm:
            x = self.batchnorm(x, training=training)
        x = tf.nn.leaky_relu(x)
        return x


# ---- src/models/SFL.py ----
class SFL(tf.keras.Model):

    def __init__(self, filters, size=3, apply_batchnorm=True):
        super(SFL, self).__init__()
        self.apply_batchnorm = apply_batchnorm
        # depth map
        self.cru1 = CRU(filters, size, stride=1)
        self.conv1 = Conv(2, size, activation=False, apply_batchnorm=False)

        # class
        self.conv2 = Downsample(filters * 1, size)
        self.conv3 = Downsample(filters * 1, size)
        self.conv4 = Downsample(filters * 2, size)
        self.conv5 = Downsample(filters * 4, 4, padding='VALID')
        self.flatten = tf.keras.layers.Flatten()
        self.fc1 = Dense(256)
        self.fc2 = Dense(1, activation=False, apply_batchnorm=False)

        self.dropout = tf.keras.layers.Dropout(0.3)

    def call(self, x, training=None):  # was: training (required); see Porting edits
        # depth map branch
        xd = self.cru1(x)
        xd = self.conv1(xd)
        dmap = tf.nn.sigmoid(xd)
        # class branch
        x = self.conv2(x)  # 16*16*32
        x = self.conv3(x)  # 8*8*64
        x = self.conv4(x)  # 4*4*128
        x = self.conv5(x)  # 1*1*256
        x = self.flatten(x)
        x = self.dropout(x, training=training)
        x = self.fc1(x)
        cls = self.fc2(x)
        return dmap, cls


class Conv(tf.keras.Model):
    def __init__(self, filters, size, stride=1, activation=True, padding='SAME', apply_batchnorm=True):
        super(Conv, self).__init__()
        self.apply_batchnorm = apply_batchnorm
        self.activation = activation
        initializer = tf.random_normal_initializer(0., 0.02)
        filters = int(filters)
        self.conv1 = tf.keras.layers.Conv2D(filters,
                                            (size, size),
                                            strides=stride,
                                            padding=padding,
                                            kernel_initializer=initializer,
                                            use_bias=False)
        if self.apply_batchnorm:
            self.batchnorm = tf.keras.layers.BatchNormalization()

    def call(self, x, training=None):  # was: training (required); see Porting edits
        x = self.conv1(x)
        if self.apply_batchnorm:
            x = self.batchnorm(x, training=training)
        if self.activation:
            x = tf.nn.leaky_relu(x)
        return x


class Dense(tf.keras.Model):
    def __init__(self, filters, activation=True, apply_batchnorm=True, apply_dropout=False):
        super(Dense, self).__init__()
        self.apply_batchnorm = apply_batchnorm
        self.activation = activation
        self.apply_dropout = apply_dropout
        initializer = tf.random_normal_initializer(0., 0.02)
        filters = int(filters)
        self.dense = tf.keras.layers.Dense(filters,
                                           kernel_initializer=initializer,
                                           use_bias=False)
        if self.apply_batchnorm:
            self.batchnorm = tf.keras.layers.BatchNormalization()
        if self.apply_dropout:
            self.dropout = tf.keras.layers.Dropout(0.3)

    def call(self, x, training=None):  # was: training (required); see Porting edits
        x = self.dense(x)
        if self.apply_batchnorm:
            x = self.batchnorm(x, training=training)
        if self.activation:
            x = tf.nn.leaky_relu(x)
        if self.apply_dropout:
            x = self.dropout(x, training=training)
        return x


def build_model():
    import numpy as np

    filters = 32
    sfl = SFL(filters)
    return sfl, np.random.default_rng(0).random((2, 32, 32, filters)).astype("float32")
