"""keras-tcn's `ResidualBlock`/`TCN` layers set their attributes (including empty layer lists) before `super().__init__()`, create and build Conv1D/BatchNorm sublayers into plain lists inside `build()`, and re-attach each one with `self.__setattr__(layer.name, layer)`: correct on Keras 3.

The TCN layer of philipperemy/keras-tcn (the version that PR #279 made run on TensorFlow 2.19 and
Keras 3) stores every setting and `self.layers = []`, `self.residual_blocks = []` on `self` before
calling `Layer.__init__`; `build()` recreates the lists, builds each sublayer by hand with
`_build_layer()` (`layer.build(shape)` then `compute_output_shape`), and ends with a loop of
`self.__setattr__(layer.name, layer)` "to force Keras to add the layers in the list to
self._layers". Several catalog smells in one place: state before `super().__init__()`, layers in
lists, sublayers created in `build()`. On Keras 3 (TF backend) the lists assigned in `build()` are
tracked, the attributes set before `__init__` are plain settings, every Conv1D/BatchNorm is built
by `build()`, counted once (the `setattr` aliases do not double count) and trained.
"""

SOURCE = "https://github.com/philipperemy/keras-tcn/pull/279"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okq_keras_tcn_residual_block_lists_set_before_super_init.py:
as returned: Functional, count_params() = 849, 28 weights, unbuilt: none
after call: count_params() = 849, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tcn': 840, 'residual_block_1': 464, 'residual_block_0': 376}
second call: 0 variables watched that the first call did not use"""

import inspect

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras import layers
from tensorflow.keras.layers import Activation, BatchNormalization, Conv1D, Dense, Lambda, Layer, SpatialDropout1D


class ResidualBlock(Layer):

    def __init__(self, dilation_rate, nb_filters, kernel_size, padding, activation="relu",
                 dropout_rate=0, kernel_initializer="he_normal", use_batch_norm=False, **kwargs):
        self.dilation_rate = dilation_rate
        self.nb_filters = nb_filters
        self.kernel_size = kernel_size
        self.padding = padding
        self.activation = activation
        self.dropout_rate = dropout_rate
        self.use_batch_norm = use_batch_norm
        self.kernel_initializer = kernel_initializer
        self.layers = []
        self.shape_match_conv = None
        self.res_output_shape = None
        self.final_activation = None
        self.batch_norm_layers = []

        super(ResidualBlock, self).__init__(**kwargs)

    def _build_layer(self, layer):
        """Appends layer to internal layer list and builds it based on the current output shape."""
        self.layers.append(layer)
        self.layers[-1].build(self.res_output_shape)
        self.res_output_shape = self.layers[-1].compute_output_shape(self.res_output_shape)

    def build(self, input_shape):
        with K.name_scope(self.name):  # name scope used to make sure weights get unique names
            self.layers = []
            self.res_output_shape = input_shape

            for k in range(2):  # dilated conv block.
                name = "conv1D_{}".format(k)
                with K.name_scope(name):
                    conv = Conv1D(filters=self.nb_filters, kernel_size=self.kernel_size,
                                  dilation_rate=self.dilation_rate, padding=self.padding, name=name,
                                  kernel_initializer=self.kernel_initializer)
                    self._build_layer(conv)

                with K.name_scope("norm_{}".format(k)):
                    if self.use_batch_norm:
                        bn_layer = BatchNormalization()
                        self.batch_norm_layers.append(bn_layer)
                        self._build_layer(bn_layer)

                with K.name_scope("act_and_dropout_{}".format(k)):
                    self._build_layer(Activation(self.activation, name="Act_Conv1D_{}".format(k)))
                    self._build_layer(SpatialDropout1D(rate=self.dropout_rate, name="SDropout_{}".format(k)))

            if self.nb_filters != input_shape[-1]:
                # 1x1 conv to match the shapes (channel dimension).
                name = "matching_conv1D"
                with K.name_scope(name):
                    self.shape_match_conv = Conv1D(filters=self.nb_filters, kernel_size=1, padding="same",
                                                   name=name, kernel_initializer=self.kernel_initializer)
            else:
                name = "matching_identity"
                self.shape_match_conv = Lambda(lambda x: x, name=name)

            with K.name_scope(name):
                self.shape_match_conv.build(input_shape)
                self.res_output_shape = self.shape_match_conv.compute_output_shape(input_shape)

            self._build_layer(Activation(self.activation, name="Act_Conv_Blocks"))
            self.final_activation = Activation(self.activation, name="Act_Res_Block")
            self.final_activation.build(self.res_output_shape)

            # this is done to force Keras to add the layers in the list to self._layers
            for layer in self.layers:
                self.__setattr__(layer.name, layer)
            self.__setattr__(self.shape_match_conv.name, self.shape_match_conv)
            self.__setattr__(self.final_activation.name, self.final_activation)

            super(ResidualBlock, self).build(input_shape)

    def call(self, inputs, training=None, **kwargs):
        x1 = inputs
        for layer in self.layers:
            training_flag = "training" in dict(inspect.signature(layer.call).parameters)
            x1 = layer(x1, training=training) if training_flag else layer(x1)
        x2 = self.shape_match_conv(inputs)
        x1_x2 = self.final_activation(layers.add([x2, x1], name="Add_Res"))
        return [x1_x2, x1]

    def compute_output_shape(self, input_shape):
        return [self.res_output_shape, self.res_output_shape]


class TCN(Layer):
    """Creates a TCN layer (causal padding, skip connections, last time step)."""

    def __init__(self, nb_filters=64, kernel_size=3, nb_stacks=1, dilations=(1, 2, 4, 8, 16, 32),
                 padding="causal", use_skip_connections=True, dropout_rate=0.0, return_sequences=False,
                 activation="relu", kernel_initializer="he_normal", use_batch_norm=False, **kwargs):
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
        self.use_batch_norm = use_batch_norm
        self.skip_connections = []
        self.residual_blocks = []
        self.layers_outputs = []
        self.build_output_shape = None
        self.slicer_layer = None
        self.output_slice_index = None

        # initialize parent class
        super(TCN, self).__init__(**kwargs)

    def build(self, input_shape):
        self.build_output_shape = input_shape
        self.residual_blocks = []
        for s in range(self.nb_stacks):
            for i, d in enumerate(self.dilations):
                self.residual_blocks.append(ResidualBlock(
                    dilation_rate=d, nb_filters=self.nb_filters, kernel_size=self.kernel_size,
                    padding=self.padding, activation=self.activation_name, dropout_rate=self.dropout_rate,
                    use_batch_norm=self.use_batch_norm, kernel_initializer=self.kernel_initializer,
                    name="residual_block_{}".format(len(self.residual_blocks))))
                # build newest residual block
                self.residual_blocks[-1].build(self.build_output_shape)
                self.build_output_shape = self.residual_blocks[-1].res_output_shape

        # this is done to force keras to add the layers in the list to self._layers
        for layer in self.residual_blocks:
            self.__setattr__(layer.name, layer)

        self.output_slice_index = -1  # causal case.
        self.slicer_layer = Lambda(lambda tt: tt[:, self.output_slice_index, :], name="Slice_Output")
        self.slicer_layer.build(list(self.build_output_shape))

    def compute_output_shape(self, input_shape):
        if not self.built:
            self.build(input_shape)
        if not self.return_sequences:
            return [self.build_output_shape[0], self.build_output_shape[-1]]
        return list(self.build_output_shape)

    def call(self, inputs, training=None, **kwargs):
        x = inputs
        self.layers_outputs = [x]
        self.skip_connections = []
        for res_block in self.residual_blocks:
            x, skip_out = res_block(x, training=training)
            self.skip_connections.append(skip_out)
            self.layers_outputs.append(x)

        if self.use_skip_connections:
            if len(self.skip_connections) > 1:
                x = layers.add(self.skip_connections, name="Add_Skip_Connections")
            else:
                x = self.skip_connections[0]
            self.layers_outputs.append(x)

        if not self.return_sequences:
            x = self.slicer_layer(x)
            self.layers_outputs.append(x)
        return x


def build_model():
    # README usage: Input(batch_shape=(None, timesteps, input_dim)) -> TCN -> Dense
    i = tf.keras.Input(shape=(20, 3))
    o = TCN(nb_filters=8, kernel_size=3, dilations=[1, 2], use_batch_norm=True, return_sequences=False)(i)
    o = Dense(1)(o)
    return tf.keras.Model(inputs=[i], outputs=[o])
