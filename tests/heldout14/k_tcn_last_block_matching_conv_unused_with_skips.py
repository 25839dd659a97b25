"""keras-tcn: the 1x1 matching Conv1D of the last residual block gets no gradient with skip connections.

A user ran a one-block TCN (4 input channels, nb_filters=2, dilations=[1], use_skip_connections=True)
on Keras 3 with warnings turned into errors and got "Gradients do not exist for variables
['kernel', 'bias'] when minimizing the loss". Each ResidualBlock returns [x1 + x2, x1] where x2 is the
1x1 `matching_conv1D` applied to the block input; the TCN sums only the skip outputs (x1) when
use_skip_connections=True, so the residual output of the LAST block is thrown away and with it the
only use of that block's matching conv: its kernel and bias are counted and never trained.

Port: ResidualBlock/TCN trimmed to the path the report exercises (no batch/layer norm, no name
scopes, no go_backwards/return_state, no TF1 fallbacks); `tensorflow.keras` -> `keras`, `K.*` -> ops.
The residual block's `self.layers` list is renamed `conv_layers` and the list attributes are
set after super().__init__() (the collection already holds keras-tcn's settings-before-super shape).
The author's structure (sublayers built by hand in build(), re-attached with __setattr__, the
residual block returning [res, skip]) is kept.
"""

SOURCE = "https://github.com/philipperemy/keras-tcn/issues/263"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py k_tcn_last_block_matching_conv_unused_with_skips.py:
as returned: Sequential, count_params() = 1131, 12 weights, unbuilt: none
after call: count_params() = 1131, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 12 trainable weights: ['sequential/tcn/residual_block_0/matching_conv1D/kernel', 'sequential/tcn/residual_block_0/matching_conv1D/bias']
tape watched 0 variables the model does not track: []
One fit step (SGD, mse, own script): warning "Gradients do not exist for variables
['sequential/tcn/residual_block_0/matching_conv1D/kernel', '.../matching_conv1D/bias'] when minimizing the loss" (the
reporter's message); both stay at their initial values.  (The three Dense kernels also stayed unchanged in that one step
because the Dense(1, relu) output was dead for the random batch; they get gradients on the tape.)"""

import inspect

import keras
from keras import layers
from keras.layers import Activation, Conv1D, Dense, GlobalMaxPooling1D, Input, Lambda, Layer, SpatialDropout1D


class ResidualBlock(Layer):

    def __init__(self, dilation_rate, nb_filters, kernel_size, padding, activation='relu',
                 dropout_rate=0, kernel_initializer='he_normal', **kwargs):
        self.dilation_rate = dilation_rate
        self.nb_filters = nb_filters
        self.kernel_size = kernel_size
        self.padding = padding
        self.activation = activation
        self.dropout_rate = dropout_rate
        self.kernel_initializer = kernel_initializer
        self.shape_match_conv = None
        self.res_output_shape = None
        self.final_activation = None
        super(ResidualBlock, self).__init__(**kwargs)
        self.conv_layers = []

    def _build_layer(self, layer):
        self.conv_layers.append(layer)
        self.conv_layers[-1].build(self.res_output_shape)
        self.res_output_shape = self.conv_layers[-1].compute_output_shape(self.res_output_shape)

    def build(self, input_shape):
        self.conv_layers = []
        self.res_output_shape = input_shape

        for k in range(2):  # dilated conv block.
            conv = Conv1D(filters=self.nb_filters, kernel_size=self.kernel_size,
                          dilation_rate=self.dilation_rate, padding=self.padding,
                          name='conv1D_{}'.format(k), kernel_initializer=self.kernel_initializer)
            self._build_layer(conv)
            self._build_layer(Activation(self.activation, name='Act_Conv1D_{}'.format(k)))
            self._build_layer(SpatialDropout1D(rate=self.dropout_rate, name='SDropout_{}'.format(k)))

        if self.nb_filters != input_shape[-1]:
            # 1x1 conv to match the shapes (channel dimension).
            name = 'matching_conv1D'
            self.shape_match_conv = Conv1D(filters=self.nb_filters, kernel_size=1, padding='same',
                                           name=name, kernel_initializer=self.kernel_initializer)
        else:
            name = 'matching_identity'
            self.shape_match_conv = Lambda(lambda x: x, name=name)

        self.shape_match_conv.build(input_shape)
        self.res_output_shape = self.shape_match_conv.compute_output_shape(input_shape)

        self._build_layer(Activation(self.activation, name='Act_Conv_Blocks'))
        self.final_activation = Activation(self.activation, name='Act_Res_Block')
        self.final_activation.build(self.res_output_shape)

        # this is done to force Keras to add the layers in the list to self._layers
        for layer in self.conv_layers:
            self.__setattr__(layer.name, layer)
        self.__setattr__(self.shape_match_conv.name, self.shape_match_conv)
        self.__setattr__(self.final_activation.name, self.final_activation)

        super(ResidualBlock, self).build(input_shape)

    def call(self, inputs, training=None, **kwargs):
        # x1 -> connected to skip connections; x1 + x2 -> connected to the next block.
        x1 = inputs
        for layer in self.conv_layers:
            training_flag = 'training' in dict(inspect.signature(layer.call).parameters)
            x1 = layer(x1, training=training) if training_flag else layer(x1)
        x2 = self.shape_match_conv(inputs)
        x1_x2 = self.final_activation(layers.add([x2, x1]))
        return [x1_x2, x1]

    def compute_output_shape(self, input_shape):
        return [self.res_output_shape, self.res_output_shape]


class TCN(Layer):

    def __init__(self, nb_filters=64, kernel_size=3, nb_stacks=1, dilations=(1, 2, 4, 8, 16, 32),
                 padding='causal', use_skip_connections=True, dropout_rate=0.0, return_sequences=False,
                 activation='relu', kernel_initializer='he_normal', **kwargs):
        self.return_sequences = return_sequences
        self.dropout_rate = dropout_rate
        self.use_skip_connections = use_skip_connections
        self.dilations = dilations
        self.nb_stacks = nb_stacks
        self.kernel_size = kernel_size
        self.nb_filters = nb_filters
        self.activation_name = activation
        self.padding = padding
        self.kernel_initializer = kernel_initializer
        self.build_output_shape = None
        super(TCN, self).__init__(**kwargs)
        self.skip_connections = []
        self.residual_blocks = []

    def build(self, input_shape):
        self.build_output_shape = input_shape
        self.residual_blocks = []
        for s in range(self.nb_stacks):
            for i, d in enumerate(self.dilations):
                self.residual_blocks.append(ResidualBlock(dilation_rate=d,
                                                          nb_filters=self.nb_filters,
                                                          kernel_size=self.kernel_size,
                                                          padding=self.padding,
                                                          activation=self.activation_name,
                                                          dropout_rate=self.dropout_rate,
                                                          kernel_initializer=self.kernel_initializer,
                                                          name='residual_block_{}'.format(len(self.residual_blocks))))
                # build newest residual block
                self.residual_blocks[-1].build(self.build_output_shape)
                self.build_output_shape = self.residual_blocks[-1].res_output_shape

        # this is done to force keras to add the layers in the list to self._layers
        for layer in self.residual_blocks:
            self.__setattr__(layer.name, layer)

    def compute_output_shape(self, input_shape):
        if not self.built:
            self.build(input_shape)
        if not self.return_sequences:
            return (self.build_output_shape[0], self.build_output_shape[-1])
        return tuple(self.build_output_shape)

    def call(self, inputs, training=None, **kwargs):
        x = inputs
        self.skip_connections = []
        for res_block in self.residual_blocks:
            x, skip_out = res_block(x, training=training)
            self.skip_connections.append(skip_out)

        if self.use_skip_connections:
            if len(self.skip_connections) > 1:
                x = layers.add(self.skip_connections)
            else:
                x = self.skip_connections[0]

        if not self.return_sequences:
            x = x[:, -1, :]
        return x


def build_model():
    """The reporter's Sequential: Input(None, 4) -> TCN(nb_filters=2, dilations=[1]) -> pooling -> Dense stack."""
    model = keras.Sequential()
    model.add(Input(shape=(None, 4)))
    model.add(TCN(nb_filters=2, kernel_size=91, nb_stacks=1, dilations=[1], padding='causal',
                  use_skip_connections=True, dropout_rate=0.0, return_sequences=True, activation='relu'))
    model.add(GlobalMaxPooling1D())
    model.add(Dense(4, activation='relu'))
    model.add(Dense(1, activation='relu'))
    model.add(Dense(4, activation='softmax'))
    return model
