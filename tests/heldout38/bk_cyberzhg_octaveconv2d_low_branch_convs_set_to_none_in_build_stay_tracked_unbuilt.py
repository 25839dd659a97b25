"""keras-octave-conv's `OctaveConv2D` creates its four Conv2D branches in __init__ and, when it gets a single (high-frequency) input, drops the two low-input branches in build() by rebinding them to None: Keras 3 keeps tracking the dropped Conv2Ds, which are never built, so the first octave layer of every network carries two unbuilt sublayers.

From CyberZHG/keras-octave-conv, `keras_octave_conv/conv_2d.py` (PyPI `keras-octave-conv`, "Drop an Octave" octave
convolutions). `__init__` makes `conv_high_to_high`, `conv_low_to_high`, `conv_low_to_low`, `conv_high_to_low`;
`build()` does `self.conv_low_to_high, self.conv_low_to_low = None, None` when `input_shape_low is None`, then
builds the remaining branches. tf.keras 2 untracked an attribute's old layer on reassignment (reference counting in
`__setattr__`); Keras 3's tracker does not, so the two Conv2D objects stay in the layer's sublayers, never called and
never built: Keras 3 lists them among the layer's sublayers with `built == False`, next to the branches that
did run (the catalog's unbuilt-sublayer state), while the library's own `trainable_weights` override, which reads
the now-None attributes, no longer mentions them.

Doubt kept: the orphaned Conv2Ds hold no variables (never built), so no trained weight is lost (save_weights /
load_weights round-trips exactly); labelled LD005 because the measured state is exactly the catalog's never-called,
never-built sublayer, and the dead objects are kept only because of the Keras 3 tracking change. Porting edits: the `.backend` shim is `import keras`
(`layers`, `activations`, ... from keras) and `K.name_scope` -> `keras.name_scope` (Keras 3's `keras.backend` has no
`name_scope`); `octave_conv_2d` (the functional helper) is left out. build_model() is the README's example (32x32x3
input, OctaveConv2D(16, 3, ratio_out=0.125) -> MaxPool2D on both outputs -> OctaveConv2D(8, 3) ->
OctaveConv2D(4, 3, ratio_out=0.0) -> Flatten -> Dense(10, softmax)).
"""

SOURCE = "https://github.com/CyberZHG/keras-octave-conv/blob/349fdb394164c1254cc00d118deb4ec9271d5d5a/keras_octave_conv/conv_2d.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bk/bk_cyberzhg_octaveconv2d_low_branch_convs_set_to_none_in_build_stay_tracked_unbuilt.py:
as returned: Functional, count_params() = 12162, 18 weights, unbuilt: ['UpSampling2D:octave_conv2d-UpSampling2D', 'Conv2D:octave_conv2d-Conv2D-HL', 'Conv2D:octave_conv2d-Conv2D-LH', 'UpSampling2D:octave_conv2d_1-UpSampling2D', 'UpSampling2D:octave_conv2d_2-UpSampling2D']
after call: count_params() = 12162, 18 trainable weights, unbuilt: ['UpSampling2D:octave_conv2d-UpSampling2D', 'Conv2D:octave_conv2d-Conv2D-HL', 'Conv2D:octave_conv2d-Conv2D-LH']; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'octave_conv2d': 448, 'octave_conv2d_1': 1168, 'octave_conv2d_2': 296}
second call: 0 variables watched that the first call did not use
probe (probe_bk_octave.py): sublayers of the first OctaveConv2D: [('octave_conv2d-Conv2D-HH', True), ('octave_conv2d-Conv2D-LH', False), ('octave_conv2d-Conv2D-HL', False), ('octave_conv2d-Conv2D-LL', True), ('octave_conv2d-AveragePooling2D', True), ('octave_conv2d-UpSampling2D', False)] (name, built); its trainable_weights property and trainable_variables both give 4; save_weights then load_weights into a fresh build_model() gives max output difference 0.0; no unbuilt-state warning was printed."""

import keras
from keras import layers
from keras import activations, initializers, regularizers, constraints

__all__ = ['OctaveConv2D']


class OctaveConv2D(layers.Layer):
    """Octave convolutions.

    # Arguments
        octave: The division of the spatial dimensions by a power of 2.
        ratio_out: The ratio of filters for lower spatial resolution.
    """

    def __init__(self,
                 filters,
                 kernel_size,
                 octave=2,
                 ratio_out=0.5,
                 strides=(1, 1),
                 data_format=None,
                 dilation_rate=(1, 1),
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(OctaveConv2D, self).__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.octave = octave
        self.ratio_out = ratio_out
        self.strides = strides
        self.data_format = data_format
        self.dilation_rate = dilation_rate
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

        self.filters_low = int(filters * self.ratio_out)
        self.filters_high = filters - self.filters_low

        self.conv_high_to_high, self.conv_low_to_high = None, None
        if self.filters_high > 0:
            self.conv_high_to_high = self._init_conv(self.filters_high, name='{}-Conv2D-HH'.format(self.name))
            self.conv_low_to_high = self._init_conv(self.filters_high, name='{}-Conv2D-LH'.format(self.name))
        self.conv_low_to_low, self.conv_high_to_low = None, None
        if self.filters_low > 0:
            self.conv_low_to_low = self._init_conv(self.filters_low, name='{}-Conv2D-HL'.format(self.name))
            self.conv_high_to_low = self._init_conv(self.filters_low, name='{}-Conv2D-LL'.format(self.name))
        self.pooling = layers.AveragePooling2D(
            pool_size=self.octave,
            padding='valid',
            data_format=data_format,
            name='{}-AveragePooling2D'.format(self.name),
        )
        self.up_sampling = layers.UpSampling2D(
            size=self.octave,
            data_format=data_format,
            interpolation='nearest',
            name='{}-UpSampling2D'.format(self.name),
        )

    def _init_conv(self, filters, name):
        return layers.Conv2D(
            filters=filters,
            kernel_size=self.kernel_size,
            strides=self.strides,
            padding='same',
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
            activation=self.activation,
            use_bias=self.use_bias,
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
            kernel_regularizer=self.kernel_regularizer,
            bias_regularizer=self.bias_regularizer,
            activity_regularizer=self.activity_regularizer,
            kernel_constraint=self.kernel_constraint,
            bias_constraint=self.bias_constraint,
            name=name,
        )

    def build(self, input_shape):
        if isinstance(input_shape, list):
            input_shape_high, input_shape_low = input_shape
        else:
            input_shape_high, input_shape_low = input_shape, None
        if self.data_format == 'channels_first':
            channel_axis, rows_axis, cols_axis = 1, 2, 3
        else:
            rows_axis, cols_axis, channel_axis = 1, 2, 3
        if input_shape_high[channel_axis] is None:
            raise ValueError('The channel dimension of the higher spatial inputs '
                             'should be defined. Found `None`.')
        if input_shape_low is not None and input_shape_low[channel_axis] is None:
            raise ValueError('The channel dimension of the lower spatial inputs '
                             'should be defined. Found `None`.')
        if input_shape_high[rows_axis] is not None and input_shape_high[rows_axis] % self.octave != 0 or \
           input_shape_high[cols_axis] is not None and input_shape_high[cols_axis] % self.octave != 0:
            raise ValueError('The rows and columns of the higher spatial inputs should be divisible by the octave. '
                             'Found {} and {}.'.format(input_shape_high, self.octave))
        if input_shape_low is None:
            self.conv_low_to_high, self.conv_low_to_low = None, None

        if self.conv_high_to_high is not None:
            with keras.name_scope(self.conv_high_to_high.name):
                self.conv_high_to_high.build(input_shape_high)
        if self.conv_low_to_high is not None:
            with keras.name_scope(self.conv_low_to_high.name):
                self.conv_low_to_high.build(input_shape_low)
        if self.conv_high_to_low is not None:
            with keras.name_scope(self.conv_high_to_low.name):
                self.conv_high_to_low.build(input_shape_high)
        if self.conv_low_to_low is not None:
            with keras.name_scope(self.conv_low_to_low.name):
                self.conv_low_to_low.build(input_shape_low)
        super(OctaveConv2D, self).build(input_shape)

    @property
    def trainable_weights(self):
        weights = []
        if self.conv_high_to_high is not None:
            weights += self.conv_high_to_high.trainable_weights
        if self.conv_low_to_high is not None:
            weights += self.conv_low_to_high.trainable_weights
        if self.conv_high_to_low is not None:
            weights += self.conv_high_to_low.trainable_weights
        if self.conv_low_to_low is not None:
            weights += self.conv_low_to_low.trainable_weights
        return weights

    @property
    def non_trainable_weights(self):
        weights = []
        if self.conv_high_to_high is not None:
            weights += self.conv_high_to_high.non_trainable_weights
        if self.conv_low_to_high is not None:
            weights += self.conv_low_to_high.non_trainable_weights
        if self.conv_high_to_low is not None:
            weights += self.conv_high_to_low.non_trainable_weights
        if self.conv_low_to_low is not None:
            weights += self.conv_low_to_low.non_trainable_weights
        return weights

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape_high, input_shape_low = input_shape
        else:
            input_shape_high, input_shape_low = input_shape, None

        output_shape_high = None
        if self.filters_high > 0:
            output_shape_high = self.conv_high_to_high.compute_output_shape(input_shape_high)
        output_shape_low = None
        if self.filters_low > 0:
            output_shape_low = self.conv_high_to_low.compute_output_shape(
                self.pooling.compute_output_shape(input_shape_high),
            )

        if self.filters_low == 0:
            return output_shape_high
        if self.filters_high == 0:
            return output_shape_low
        return [output_shape_high, output_shape_low]

    def call(self, inputs, **kwargs):
        if isinstance(inputs, list):
            inputs_high, inputs_low = inputs
        else:
            inputs_high, inputs_low = inputs, None

        outputs_high_to_high, outputs_low_to_high = 0.0, 0.0
        if self.conv_high_to_high is not None:
            outputs_high_to_high = self.conv_high_to_high(inputs_high)
        if self.conv_low_to_high is not None:
            outputs_low_to_high = self.up_sampling(self.conv_low_to_high(inputs_low))
        outputs_high = outputs_high_to_high + outputs_low_to_high

        outputs_low_to_low, outputs_high_to_low = 0.0, 0.0
        if self.conv_low_to_low is not None:
            outputs_low_to_low = self.conv_low_to_low(inputs_low)
        if self.conv_high_to_low is not None:
            outputs_high_to_low = self.conv_high_to_low(self.pooling(inputs_high))
        outputs_low = outputs_low_to_low + outputs_high_to_low

        if self.filters_low == 0:
            return outputs_high
        if self.filters_high == 0:
            return outputs_low
        return [outputs_high, outputs_low]

    def get_config(self):
        config = {
            'filters': self.filters,
            'kernel_size': self.kernel_size,
            'octave': self.octave,
            'ratio_out': self.ratio_out,
            'strides': self.strides,
            'data_format': self.data_format,
            'dilation_rate': self.dilation_rate,
            'activation': activations.serialize(self.activation),
            'use_bias': self.use_bias,
            'kernel_initializer': initializers.serialize(self.kernel_initializer),
            'bias_initializer': initializers.serialize(self.bias_initializer),
            'kernel_regularizer': regularizers.serialize(self.kernel_regularizer),
            'bias_regularizer': regularizers.serialize(self.bias_regularizer),
            'activity_regularizer': regularizers.serialize(self.activity_regularizer),
            'kernel_constraint': constraints.serialize(self.kernel_constraint),
            'bias_constraint': constraints.serialize(self.bias_constraint)
        }
        base_config = super(OctaveConv2D, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    inputs = layers.Input(shape=(32, 32, 3))
    high, low = OctaveConv2D(filters=16, kernel_size=3, octave=2, ratio_out=0.125)(inputs)
    high, low = layers.MaxPool2D()(high), layers.MaxPool2D()(low)
    high, low = OctaveConv2D(filters=8, kernel_size=3)([high, low])
    conv = OctaveConv2D(filters=4, kernel_size=3, ratio_out=0.0)([high, low])
    flatten = layers.Flatten()(conv)
    outputs = layers.Dense(units=10, activation='softmax')(flatten)
    return keras.models.Model(inputs=inputs, outputs=outputs)
