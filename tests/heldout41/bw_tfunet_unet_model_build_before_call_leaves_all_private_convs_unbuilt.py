"""TF-Unet's subclassed `UNet(Model)` is built with `UNET.build((None, 480, 640, 1))` before any call and then summarised; on Keras 3 that explicit build does not trace `call()`, so all 24 convs (kept as name-mangled `self.__conv1_a`, ... made in private helper methods) stay unbuilt and the model reports 0 parameters until its first real call.

From juniorxsound/TF-Unet (a TensorFlow 2.0 U-Net for depth/segmentation maps), `unet/unet.py` at commit 5666cf87.
`__init__` calls `self.__init_downsample_block(...)` and `self.__init_upsample_block(...)`, which assign the layers
as `self.__conv1_a`, `self.__pool1`, `self.__up6_b`, ... (mangled to `_UNet__conv1_a`), plus `self._drop5`. `call()`
chains them with functional `concatenate([...], axis=3)` skip merges. The `__main__` block does
`UNET = UNet(); UNET.build((None, 480, 640, 1)); UNET.summary()`. On tf.keras 2, `Model.build(shape)` on a
subclassed model called `call()` on a placeholder and created every weight. On Keras 3 the model has no `build()`
of its own, so the default `Layer.build` only warns ("does not have a `build()` method implemented and it looks like
it has unbuilt state") and marks the model built: summary shows every conv `0 (unbuilt)`, `count_params()` is 0,
and anything done between build and the first call (load_weights, summary, optimizer.build) sees no weights (LD005).
The mangled private attributes are tracked normally; they are not the defect (after one call all 48 weights exist
and get gradients).

Porting edits: none to the class (docstrings trimmed). build_model() does what `__main__` does, `UNet()` then
`.build(...)`, on (None, 32, 32, 1) instead of (None, 480, 640, 1) to keep the measured call small (input must be
divisible by 16), and returns the model with a (2, 32, 32, 1) batch.
"""

SOURCE = "https://github.com/juniorxsound/TF-Unet/blob/5666cf87c3cef7445cf81937386b1c86aa4777b1/unet/unet.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bw/bw_tfunet_unet_model_build_before_call_leaves_all_private_convs_unbuilt.py:
warning: `build()` was called on layer 'Unet', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite no
as returned: UNet, count_params() = 0, 0 weights, unbuilt: ['Conv2D:conv2d', 'Conv2D:conv2d_1', 'Conv2D:conv2d_2', 'Conv2D:conv2d_3', 'Conv2D:conv2d_4', 'Conv2D:conv2d_5', 'Conv2D:conv2d_6', 'Conv2D:conv2d_7', 'Conv2D:conv2d_8', 'Conv2D:conv2d_9', 'UpSampling2D:up_sampling2d', 'Conv2D:conv2d_10', 'Conv2D:conv2d_11', 'Conv2D:conv2d_12', 'UpSampling2D:up_sampling2d_1', 'Conv2D:conv2d_13', 'Conv2D:conv2d_14', 'Conv2D:conv2d_15', 'UpSampling2D:up_sampling2d_2', 'Conv2D:conv2d_16', 'Conv2D:conv2d_17', 'Conv2D:conv2d_18', 'UpSampling2D:up_sampling2d_3', 'Conv2D:conv2d_19', 'Conv2D:conv2d_20', 'Conv2D:conv2d_21', 'Conv2D:conv2d_22', 'Conv2D:conv2d_23']
after call: count_params() = 34308485, 48 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 48 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe_unet.py (same class): a symbolic call UNet()(KerasTensor((None, 32, 32, 1))) traces fine; UNet().build((None, 32, 32, 1)) alone leaves len(weights) == 0 with the warning above."""

# Dependencies
from tensorflow.keras.layers import MaxPooling2D, Conv2D, concatenate, Dropout, UpSampling2D  # pylint: disable=import-error
from tensorflow.keras.models import Model  # pylint: disable=import-error


class UNet(Model):
    """A UNet model class for Tensorflow 2.0 using Keras"""

    def __init__(self, name="Unet",
                 activation="relu",
                 padding="same",
                 initializer="he_normal",
                 dropout=0.5):
        super(UNet, self).__init__(name=name)

        self.__init_downsample_block(activation, padding, initializer, dropout)
        self.__init_upsample_block(activation, padding, initializer)

    def call(self, inputs):
        # Downsample blocks
        output = self.__conv1_a(inputs)
        conv_1 = self.__conv1_b(output)  # We store this in conv_1 for upsampling
        output = self.__pool1(conv_1)
        output = self.__conv2_a(output)
        conv_2 = self.__conv2_b(output)  # We store this in conv_3 for upsampling
        output = self.__pool2(conv_2)
        output = self.__conv3_a(output)
        conv_3 = self.__conv3_b(output)  # We store this in conv_3 for upsampling
        output = self.__pool3(conv_3)
        output = self.__conv4_a(output)
        output = self.__conv4_b(output)
        drop_4 = self.__drop4(output)  # We store this in drop_4 for upsampling
        output = self.__pool4(drop_4)
        output = self.__conv5_a(output)
        output = self.__conv5_b(output)
        output = self._drop5(output)

        # Upsample blocks
        output = self.__up6_a(output)
        output = self.__up6_b(output)
        output = concatenate([drop_4, output], axis=3)
        output = self.__conv6_a(output)
        output = self.__conv6_b(output)
        output = self.__up7_a(output)
        output = self.__up7_b(output)
        output = concatenate([conv_3, output], axis=3)
        output = self.__conv7_a(output)
        output = self.__conv7_b(output)
        output = self.__up8_a(output)
        output = self.__up8_b(output)
        output = concatenate([conv_2, output], axis=3)
        output = self.__conv8_a(output)
        output = self.__conv8_b(output)
        output = self.__up9_a(output)
        output = self.__up9_b(output)
        output = concatenate([conv_1, output], axis=3)
        output = self.__conv9_a(output)
        output = self.__conv9_b(output)
        output = self.__conv9_c(output)

        return self.__conv10(output)

    def __init_downsample_block(self,
                                activation,
                                padding,
                                initializer,
                                dropout):
        self.__conv1_a = Conv2D(64, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv1_b = Conv2D(64, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__pool1 = MaxPooling2D(pool_size=(2, 2))

        self.__conv2_a = Conv2D(128, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv2_b = Conv2D(128, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__pool2 = MaxPooling2D(pool_size=(2, 2))

        self.__conv3_a = Conv2D(256, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv3_b = Conv2D(256, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__pool3 = MaxPooling2D(pool_size=(2, 2))

        self.__conv4_a = Conv2D(512, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv4_b = Conv2D(512, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__drop4 = Dropout(dropout)
        self.__pool4 = MaxPooling2D(pool_size=(2, 2))

        self.__conv5_a = Conv2D(1024, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv5_b = Conv2D(1024, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)

        self._drop5 = Dropout(dropout)

    def __init_upsample_block(self,
                              activation,
                              padding,
                              initializer):
        self.__up6_a = UpSampling2D(size=(2, 2))
        self.__up6_b = Conv2D(512, 3, activation=activation, padding=padding,
                              kernel_initializer=initializer)

        self.__conv6_a = Conv2D(512, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv6_b = Conv2D(512, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)

        self.__up7_a = UpSampling2D(size=(2, 2))
        self.__up7_b = Conv2D(256, 3, activation=activation, padding=padding,
                              kernel_initializer=initializer)

        self.__conv7_a = Conv2D(256, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv7_b = Conv2D(256, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)

        self.__up8_a = UpSampling2D(size=(2, 2))
        self.__up8_b = Conv2D(128, 2, activation=activation, padding=padding,
                              kernel_initializer=initializer)

        self.__conv8_a = Conv2D(128, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv8_b = Conv2D(128, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)

        self.__up9_a = UpSampling2D(size=(2, 2))
        self.__up9_b = Conv2D(64, 2, activation=activation, padding=padding,
                              kernel_initializer=initializer)

        self.__conv9_a = Conv2D(64, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv9_b = Conv2D(64, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv9_c = Conv2D(2, 3, activation=activation, padding=padding,
                                kernel_initializer=initializer)
        self.__conv10 = Conv2D(1, 1, activation=activation)


def build_model():
    import numpy as np

    unet = UNet()
    unet.build((None, 32, 32, 1))
    return unet, np.random.default_rng(0).random((2, 32, 32, 1)).astype("float32")
