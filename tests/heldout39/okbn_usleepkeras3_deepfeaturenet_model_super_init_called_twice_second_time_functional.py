"""U-Sleep-Keras-3.0's `DeepFeatureNet(keras.Model)` calls `super().__init__()` once, sets its settings, then calls `super().__init__(inputs, outputs)` a second time to turn itself into a functional model: on Keras 3 this works, the instance becomes a Functional with all 50 weights tracked and its plain settings kept.

From jojuo123/U-Sleep-Keras-3.0 (a Keras 3 port of U-Time/U-Sleep), `utime/models/deep_sleep_net.py`, marked
"#TODO: switch to keras 3" by the porter: the `tensorflow` import was commented out while `tf.name_scope` is still
used. The pattern (a subclass that first initialises as a plain Model and later re-initialises as a graph network)
comes from the tf.keras 2 original. Look-alike for LD013 (a base initialiser called after the object set state):
the state set between the two calls is plain Python settings (n_classes, padding, ...), no `trainable`, no sublayer,
and the layers are all created by `init_model()` after the first call; only the auto-generated name advances
(deep_feature_net_1), which the catalog does not count as a lost setting since no name was given.

Porting edits: `import tensorflow as tf` restored (the file's commented-out import) so the constructor reaches the
second super call; `standardize_batch_shape` copied from `utime/models/utils.py`; `logger` kept. build_model()
builds DeepFeatureNet(batch_shape=[None, 3000, 1], n_classes=5, padding="same", log=False) (padding as DeepSleepNet passes it; with the default "valid" the 400-wide filters leave no output), a 30 s EEG epoch at 100 Hz.
"""

SOURCE = "https://github.com/jojuo123/U-Sleep-Keras-3.0/blob/3a3792c2963cbfae19d799258f611002d8751476/utime/models/deep_sleep_net.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/okbn_usleepkeras3_deepfeaturenet_model_super_init_called_twice_second_time_functional.py:
warning: The structure of `inputs` doesn't match the expected structure.
as returned: DeepFeatureNet, count_params() = 620805, 50 weights, unbuilt: none
after call: count_params() = 620805, 34 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 34 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (inline): type(net).__mro__ = DeepFeatureNet, Functional, Function; net.name 'deep_feature_net_1'; n_classes 5
and model_name 'DeepFeatureNet' kept; net.inputs = [KerasTensor (None, 3000, 1) named 'input']."""

import logging

import tensorflow as tf
import keras
from keras.layers import Conv1D, BatchNormalization, MaxPooling1D, Input, Flatten, Dense, Dropout, Concatenate, Lambda, LSTM, Bidirectional, Add

logger = logging.getLogger(__name__)


def standardize_batch_shape(batch_shape):
    batch_shape = list(batch_shape)
    if len(batch_shape) == 3:
        return batch_shape[1:]
    elif len(batch_shape) == 2:
        return batch_shape
    elif len(batch_shape) == 1:
        return batch_shape + [1]
    elif len(batch_shape) == 4:
        return batch_shape[2:]
    else:
        raise ValueError("Invalid batch shape")


class DeepFeatureNet(keras.Model):
    """
    CNN/Representation learning sub-network
    """
    def __init__(self,
                 batch_shape,
                 n_classes,
                 padding="valid",
                 activation="relu",
                 use_dropout=True,
                 use_bn=True,
                 classify=True,
                 flatten=True,
                 l2_reg=0.0,
                 log=True,
                 build=True,
                 **unused):
        super(DeepFeatureNet, self).__init__()
        self.batch_shape = standardize_batch_shape(batch_shape)
        self.n_classes = n_classes
        self.use_dropout = use_dropout
        self.padding = padding
        self.activation = activation
        self.use_bn = use_bn
        self.classify = classify
        self.flatten = flatten
        self.l2_reg = l2_reg
        self.reg = None
        self.model_name = "DeepFeatureNet"

        # Build model and init base keras Model class
        if build:
            with tf.name_scope(self.model_name):
                super(DeepFeatureNet, self).__init__(*self.init_model())
            if log:
                self.log()

    def log(self):
        logger.info("\nDeepFeatureNet Model Summary\n"
                    "----------------------------\n"
                    f"Batch shape:       {self.batch_shape}\n"
                    f"N classes:         {self.n_classes}\n"
                    f"l2 reg:            {self.l2_reg}\n"
                    f"Padding:           {self.padding}\n"
                    f"Conv activation:   {self.activation}\n"
                    f"N params:          {self.count_params()}\n"
                    f"Input:             {self.input}\n"
                    f"Output:            {self.output}")

    def _build_encoder(self, inputs, n_filters_input, filter_size_input,
                       stride_input, pool_size_input, n_filters_lower,
                       filter_size_lower, stride_lower, pool_size_lower, kr,
                       name):
        inputs = Conv1D(filters=n_filters_input,
                        kernel_size=filter_size_input,
                        strides=stride_input,
                        kernel_regularizer=kr,
                        activation=self.activation,
                        padding=self.padding,
                        name=f"{name}_conv_input")(inputs)
        if self.use_bn:
            inputs = BatchNormalization(name=f"{name}_BN_input")(inputs)
        inputs = MaxPooling1D(pool_size=pool_size_input,
                              name=f"{name}_MP_input")(inputs)
        if self.use_dropout:
            inputs = Dropout(0.5, name=f"{name}_DO_input")(inputs)
        for i in range(3):
            inputs = Conv1D(filters=n_filters_lower,
                            kernel_size=filter_size_lower,
                            strides=stride_lower,
                            kernel_regularizer=kr,
                            activation=self.activation,
                            padding=self.padding,
                            name=f"{name}_conv_lower{i}")(inputs)
            if self.use_bn:
                inputs = BatchNormalization(name=f"{name}BN_lower_{i}")(inputs)
        inputs = MaxPooling1D(pool_size=pool_size_lower,
                              name=f"{name}_MP_lower")(inputs)
        if self.use_dropout:
            inputs = Dropout(0.5, name=f"{name}_DO_lower")(inputs)
        return inputs

    def init_model(self, inputs=None):
        if inputs is None:
            inputs = Input(shape=self.batch_shape, name="input")

        # Apply regularization if not None or 0
        self.reg = keras.regularizers.l2(self.l2_reg) if self.l2_reg else None

        # Build two encoders
        with tf.name_scope("small_filter_encoder"):
            enc1 = self._build_encoder(inputs=inputs,
                                       n_filters_input=64,
                                       filter_size_input=50,
                                       stride_input=6,
                                       pool_size_input=8,
                                       n_filters_lower=128,
                                       filter_size_lower=8,
                                       stride_lower=1,
                                       pool_size_lower=4,
                                       kr=self.reg, name="SFE")
        with tf.name_scope("large_filter_encoder"):
            enc2 = self._build_encoder(inputs=inputs,
                                       n_filters_input=64,
                                       filter_size_input=400,
                                       stride_input=50,
                                       pool_size_input=4,
                                       n_filters_lower=128,
                                       filter_size_lower=6,
                                       stride_lower=1,
                                       pool_size_lower=2,
                                       kr=self.reg, name="LFE")
        if self.flatten:
            enc1 = Flatten(name="flatten_small_filters")(enc1)
            enc2 = Flatten(name="flatten_large_filters")(enc2)
        if self.classify:
            outputs = Concatenate(name="concat_features")([enc1, enc2])
            outputs = Dense(self.n_classes, activation="softmax",
                            name="classifier")(outputs)
        else:
            outputs = Concatenate(name="concat")([enc1, enc2])
        return [inputs], [outputs]


def build_model():
    return DeepFeatureNet(batch_shape=[None, 3000, 1], n_classes=5, padding="same", log=False)
