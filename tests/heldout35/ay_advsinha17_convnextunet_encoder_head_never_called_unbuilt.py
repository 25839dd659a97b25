"""A ConvNeXt-encoder U-Net reuses a whole `ConvNeXT` classifier as `self.encoder` but only ever
iterates its stage lists: the encoder's `pool`, `norm_layer2` and `class_output_layer` (LayerNorm + Dense
head) are never called and stay unbuilt, and every ConvNeXt block's layer-scale `gamma` is a
`tf.Variable` that Keras 3 does not track.

From advsinha17/SwinUnet-MultiFace-Facenet (`task1/ConvUNet.py` at the last commit, 002c26bb), a
segmentation model for a face/multi-task assignment. `ConvNeXTUNet(tf.keras.Model)` sets
`self.encoder = ConvNeXT(n_classes, embed_dim, depths, False)` and `self.last_block = [ConvNeXTBlock(...)]`
in `__init__`; its `call` walks `self.encoder.stage1 ... stage4_block` by hand to collect skip tensors,
then decodes with four `UpsamplingBlock`s (`UNetBlocks.py`), a Conv2D, BatchNorm and a 1x1 output conv.
It never calls `self.encoder` itself, so the classifier head that `ConvNeXT.__init__` created (and
that `ConvNeXT.call` would use only when `include_top`, an argument it never stores) is dead weight:
LD005, the primary defect of this file. The imported `ConvNeXTBlock` (`convnext_model.py`, same commit)
keeps `self.gamma = tf.Variable(1e-6 * tf.ones(embed_dim,))` in `__init__`: LD003, a second, separate
defect carried in from the block (listed in CODES because it is measured in this model too; doubt kept as
decided, since CODES normally names one root defect). This is the second case from this repository
(the other is `convnext_model.py` at an earlier commit, a different defect).

Porting edits: the repository's three imports (`from convnext_model import ConvNeXTBlock, ConvNeXT`,
`from UNetBlocks import UpsamplingBlock`, `from swin_utils import StochasticDepth`) are replaced by the
classes copied in unchanged from the same commit. `build_model()` returns `ConvNeXTUNet(input_dim=64,
embed_dim=16, n_classes=3, depths=[1, 1, 1, 1])` (small instead of embed 96 / [3, 3, 9, 3]) with a
(2, 64, 64, 3) batch.
"""

SOURCE = "https://github.com/advsinha17/SwinUnet-MultiFace-Facenet/blob/002c26bbebb4350f89de8247de4472fd8957c446/task1/ConvUNet.py"
CODES = ("LD005", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/ay_advsinha17_convnextunet_encoder_head_never_called_unbuilt.py:
as returned: ConvNeXTUNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['ConvNeXT:conv_ne_xt', 'Dense:class_predictions', 'LayerNormalization:layer_normalization_8', 'ConvNeXTBlock:conv_ne_xt_block_3', 'StochasticDepth:stochastic_depth_3', 'Conv2D:conv2d_11', 'Conv2D:conv2d_10', 'LayerNormalization:layer_normalization_7', 'DepthwiseConv2D:depthwise_conv2d_3', 'Conv2D:conv2d_9', 'LayerNormalization:layer_normalization_6', 'ConvNeXTBlock:conv_ne_xt_block_2', 'StochasticDepth:stochastic_depth_2', 'Conv2D:conv2d_8', 'Conv2D:conv2d_7', 'LayerNormalization:layer_normalization_5', 'DepthwiseConv2D:depthwise_conv2d_2', 'Conv2D:conv2d_6', 'LayerNormalization:layer_normalization_4', 'ConvNeXTBlock:conv_ne_xt_block_1', 'StochasticDepth:stochastic_depth_1', 'Conv2D:conv2d_5', 'Conv2D:conv2d_4', 'LayerNormalization:layer_normalization_3', 'DepthwiseConv2D:depthwise_conv2d_1', 'Conv2D:conv2d_3', 'LayerNormalization:layer_normalization_2', 'ConvNeXTBlock:conv_ne_xt_block', 'StochasticDepth:stochastic_depth', 'Conv2D:conv2d_2', 'Conv2D:conv2d_1', 'LayerNormalization:layer_normalization_1', 'DepthwiseConv2D:depthwise_conv2d', 'LayerNormalization:layer_normalization', 'Conv2D:conv2d', 'ConvNeXTBlock:conv_ne_xt_block_4', 'StochasticDepth:stochastic_depth_4', 'Conv2D:conv2d_13', 'Conv2D:conv2d_12', 'LayerNormalization:layer_normalization_9', 'DepthwiseConv2D:depthwise_conv2d_4', 'UpsamplingBlock:upsampling_block', 'Concatenate:concatenate', 'Conv2DTranspose:conv2d_transpose', 'DoubleConv:double_conv', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d_14', 'UpsamplingBlock:upsampling_block_1', 'Concatenate:concatenate_1', 'Conv2DTranspose:conv2d_transpose_1', 'DoubleConv:double_conv_1', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_15', 'UpsamplingBlock:upsampling_block_2', 'Concatenate:concatenate_2', 'Conv2DTranspose:conv2d_transpose_2', 'DoubleConv:double_conv_2', 'BatchNormalization:batch_normalization_2', 'Conv2D:conv2d_16', 'UpsamplingBlock:upsampling_block_3', 'Concatenate:concatenate_3', 'Conv2DTranspose:conv2d_transpose_3', 'DoubleConv:double_conv_3', 'BatchNormalization:batch_normalization_3', 'Conv2D:conv2d_17', 'Conv2D:conv2d_18', 'BatchNormalization:batch_normalization_4', 'Conv2D:conv2d_19']
after call: count_params() = 565783, 86 trainable weights, unbuilt: ['ConvNeXT:conv_ne_xt', 'Dense:class_predictions', 'LayerNormalization:layer_normalization_8']; output dtypes ['float32']
gradient None for 0 of 86 trainable weights: []
tape watched 5 variables the model does not track: ['Variable:0', 'Variable:0', 'Variable:0', 'Variable:0', 'Variable:0']
params of the case's own layers: {'conv_ne_xt': 'count_params() raised ValueError', 'conv_ne_xt_block_3': 138368, 'stochastic_depth_3': 0, 'conv_ne_xt_block_2': 36416, 'stochastic_depth_2': 0, 'conv_ne_xt_block_1': 10016, 'stochastic_depth_1': 0, 'conv_ne_xt_block': 2960, 'stochastic_depth': 0, 'conv_ne_xt_block_4': 138368, 'stochastic_depth_4': 0, 'upsampling_block': 147840, 'double_conv': 74048, 'upsampling_block_1': 37056, 'double_conv_1': 18592, 'upsampling_block_2': 9312, 'double_conv_2': 4688, 'upsampling_block_3': 612, 'double_conv_3': 177}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


# ---- swin_utils.py (same commit) ----
class StochasticDepth(tf.keras.layers.Layer):
    """
    Implements the Stochastic Depth layer, a form of structured dropout.
    Reference: https://arxiv.org/abs/1603.09382

    Args:
        dropout_prob (float): Probability of dropping out a given layer.
        scale_by_keep (bool): If True, scales the activations such that the expected sum remains constant.
    """

    def __init__(self, dropout_prob, scale_by_keep = True):
        super(StochasticDepth, self).__init__()
        self.scale_by_keep = scale_by_keep
        self.drop_prob = dropout_prob

    def call(self, input, training=None):
        if not training:
            return input
        
        shape = (tf.shape(input)[0],) + (1,) * (len(tf.shape(input)) - 1)
        random_tensor = tf.random.uniform(shape, minval = 0, maxval = 1)
        random_tensor = tf.cast(random_tensor < (1 - self.drop_prob), input.dtype)
        if 1 - self.drop_prob > 0 and self.scale_by_keep:
            random_tensor /= (1 - self.drop_prob)
        return input * random_tensor


# ---- convnext_model.py (same commit) ----
class ConvNeXTBlock(tf.keras.layers.Layer):

    """
    Represents the basic building block of the ConvNeXT network.

    Args:
        embed_dim (int): Embedding dimension of the block.
    """

    def __init__(self, embed_dim):

        super(ConvNeXTBlock, self).__init__()
        self.depthwise_conv = tf.keras.layers.DepthwiseConv2D(kernel_size = 7, padding = "same")
        self.norm_layer = tf.keras.layers.LayerNormalization()
        self.pointwise_conv1 = tf.keras.layers.Conv2D(filters = 4 * embed_dim, kernel_size = 1)
        self.gelu = tf.keras.layers.Activation(tf.keras.activations.gelu)
        self.pointwise_conv2 = tf.keras.layers.Conv2D(filters = embed_dim, kernel_size = 1)
        self.gamma = tf.Variable(1e-6 * tf.ones(embed_dim,))
        self.drop_path = StochasticDepth(0.1)

    def call(self, input, training = None):
        """
        Forward pass of the ConvNeXT Block.
        """
        x = self.depthwise_conv(input)
        x = self.norm_layer(x)
        x = self.pointwise_conv1(x)
        x = self.gelu(x)
        x = self.pointwise_conv2(x)
        x *= self.gamma
        x = self.drop_path(x, training = training) + input

        return x

class ConvNeXT(tf.keras.Model):

    """
    Represents the ConvNeXT network architecture.

    Args:
        num_classes (int): Number of output classes for classification.
        embed_dim (int): Embedding dimension of the first ConvNeXT block, default is 96.
        depths (list of ints): Number of ConvNeXT blocks in each stage, default is [3, 3, 9, 3].
    """

    def __init__(self, num_classes, embed_dim = 96, depths = [3, 3, 9, 3], include_top = True):
        
        super(ConvNeXT, self).__init__()

        self.stage1 = [
            tf.keras.layers.Conv2D(filters = embed_dim, kernel_size = 4, strides = 4),
            tf.keras.layers.LayerNormalization()
        ]
        self.stage1_block = [ConvNeXTBlock(embed_dim) for _ in range(depths[0])]

        self.stage2 = [
            tf.keras.layers.LayerNormalization(),
            tf.keras.layers.Conv2D(filters = embed_dim * 2, kernel_size = 2, strides = 2)] 
        self.stage2_block = [ConvNeXTBlock(embed_dim * 2) for _ in range(depths[1])]

        self.stage3 = [
            tf.keras.layers.LayerNormalization(),
            tf.keras.layers.Conv2D(filters = embed_dim * 4, kernel_size = 2, strides = 2)]
        self.stage3_block = [ConvNeXTBlock(embed_dim * 4) for _ in range(depths[2])]

        self.stage4 = [
            tf.keras.layers.LayerNormalization(),
            tf.keras.layers.Conv2D(filters = embed_dim * 8, kernel_size = 2, strides = 2)]
        self.stage4_block = [ConvNeXTBlock(embed_dim * 8) for _ in range(depths[3])]

        self.pool = tf.keras.layers.GlobalAvgPool2D()
        self.norm_layer2 = tf.keras.layers.LayerNormalization()
        self.class_output_layer = tf.keras.layers.Dense(num_classes, activation = 'softmax', name = 'class_predictions')


    def call(self, x):
        """Forward pass of the ConvNeXT network."""
        for layer in self.stage1:
            x = layer(x)
        for layer in self.stage1_block:
            x = layer(x)
        for layer in self.stage2:
            x = layer(x)
        for layer in self.stage2_block:
            x = layer(x)
        for layer in self.stage3:
            x = layer(x)
        for layer in self.stage3_block:
            x = layer(x)
        for layer in self.stage4:
            x = layer(x)
        for layer in self.stage4_block:
            x = layer(x)
        output = self.pool(x)
        if self.include_top:
            output = self.norm_layer2(output)
            output = self.class_output_layer(output)

        return output


# ---- UNetBlocks.py (same commit) ----
class DoubleConv(tf.keras.layers.Layer):

    """

    Class that returns the double convultional layers required for each block of a UNet.

    Args:
        n_filters: Number of output features in the convolution

    """
    def __init__(self, n_filters):
        super(DoubleConv, self).__init__()

        # conv layer
        self.conv = tf.keras.layers.Conv2D(
                    n_filters, 
                    kernel_size=(3, 3), 
                    padding='same',
                    kernel_initializer='he_normal'
                )
        
        # batch norm layer
        self.bn   = tf.keras.layers.BatchNormalization()
    
    def call(self, input_tensor, training=False):

        """

        Returns the output of two Convolution -> Batch Normalization -> ReLU units given the input tensor.

        Args:
            input_tensor: Input tensor for the DoubleConv unit.
            training: True if model is being trained, False otherwise.

        Returns:
            x: The output of the DoubleConv unit.

        """
        
        # First DoubleConv unit, comprises of Convolution layer -> Batch Normalization layer -> ReLU activation
        x = self.conv(input_tensor)
        x = self.bn(x, training=training)
        x = tf.nn.relu(x)

        # Second DoubleConv unit
        x = self.conv(input_tensor)
        x = self.bn(x, training=training)
        x = tf.nn.relu(x)

        return x


class UpsamplingBlock(tf.keras.layers.Layer):

    """

    Class that defines one Upsampling/Decoding unit of the UNet.

    Args:
        n_filters: Number of output filters for the DoubleConv unit of each downsampling unit.
    
    """

    def __init__(self, n_filters = 32, last = False):

        super(UpsamplingBlock, self).__init__()

        # DoubleConv layer
        self.double_conv = DoubleConv(n_filters)

        # Transpose convolution layer
        self.transpose = tf.keras.layers.Conv2DTranspose(n_filters,
                                                         kernel_size = (3, 3),
                                                         strides = 2 if not last else 4,
                                                         padding = 'same')
        
        # Concatenation layer
        self.concatenate = tf.keras.layers.Concatenate(axis = 3)

    def call(self, input_tensor, skip_input, training = False):

        """

        Returns output for the next upsampling unit.

        Args:
            input_tensor: Inpur tensor to the unpsampling unit.
            skip_input: Input from corresponding downsampling block passed through a skip connection.
            training: True if model is being trained, False otherwise.
        
        Returns:
            x: Output of each unsampling unit.

        """
        
        # Transpose Convolution.
        up = self.transpose(input_tensor)

        # Concatenation of transpose convolution output with skip_input before passing to DoubleConv layer.
        x = self.concatenate([up, skip_input])

        # DoubleConv layer.
        x = self.double_conv(x, training = training)

        return x

# ---- ConvUNet.py ----
class ConvNeXTUNet(tf.keras.Model):


    def __init__(self,  input_dim, embed_dim, n_classes = 3, depths = [3, 3, 9, 3]):
        """
        A ConvNeXTUNet architecture combining ConvNeXT blocks with a U-Net for segmentation tasks.

        Args:
            input_dim (int): The spatial dimension of the input data.
            embed_dim (int): Initial embedding dimension for the network.
            n_classes (int, optional): Number of output classes for segmentation. Defaults to 3.
            depths (list, optional): List indicating the number of ConvNeXT blocks in each stage. Defaults to [3, 3, 9, 3].
        """
         
        super(ConvNeXTUNet, self).__init__()
        self.input_dim = input_dim
        self.embed_dim = embed_dim

        # Downsampling blocks
        self.encoder = ConvNeXT(n_classes, embed_dim, depths, False)
        self.last_block = [ConvNeXTBlock(embed_dim * 8) for _ in range(depths[3])]

    
        # Upsampling blocks
        self.upsampling_block1 = UpsamplingBlock(embed_dim * 4)
        self.upsampling_block2 = UpsamplingBlock(embed_dim * 2)
        self.upsampling_block3 = UpsamplingBlock(embed_dim)
        self.upsampling_block4 = UpsamplingBlock(3, last=True)

        # conv layer
        self.conv = tf.keras.layers.Conv2D(embed_dim,
                                           kernel_size = (3, 3),
                                           padding = 'same',
                                           kernel_initializer = 'he_normal')
        
        # BatchNorm layer
        self.bn = tf.keras.layers.BatchNormalization()

        # Output conv layer
        self.output_conv = tf.keras.layers.Conv2D(n_classes, 1, padding = 'same')

    def call(self, x, training = False):
        """Forward pass for the ConvNeXTUNet model."""

        input_tensor = x
        # Downsampling blocks
        for layer in self.encoder.stage1:
            x = layer(x)
        for layer in self.encoder.stage1_block:
            x = layer(x)
        down1 = x
        down1= tf.reshape(down1, [-1, self.input_dim // 4, self.input_dim // 4, self.embed_dim])
        for layer in self.encoder.stage2:
            x = layer(x)
        for layer in self.encoder.stage2_block:
            x = layer(x)
        down2 = x
        down2 = tf.reshape(down2, [-1, self.input_dim // 8, self.input_dim // 8, 2 * self.embed_dim])
        for layer in self.encoder.stage3:
            x = layer(x)
        for layer in self.encoder.stage3_block:
            x = layer(x)
        down3 = x
        down3 = tf.reshape(down3, [-1, self.input_dim // 16, self.input_dim // 16, 4 * self.embed_dim])
        for layer in self.encoder.stage4:
            x = layer(x)
        for layer in self.encoder.stage4_block:
            x = layer(x)
        down4 = x
        down4 = tf.reshape(down4, [-1, self.input_dim // 32, self.input_dim // 32, 8 * self.embed_dim])
        for layer in self.last_block:
            x = layer(x)
        down5 = x
        down5 = tf.reshape(down5, [-1, self.input_dim // 32, self.input_dim // 32, 8 * self.embed_dim])


        # Upsampling blocks
        up1 = self.upsampling_block1(down5, down3, training = training) 
        up2 = self.upsampling_block2(up1, down2, training = training)
        up3 = self.upsampling_block3(up2, down1, training = training)
        up4 = self.upsampling_block4(up3, input_tensor, training = training)

        # conv layer
        x = self.conv(up4)

        # BatchNorm layer
        x = self.bn(x, training = training)

        # ReLU layer
        x = tf.nn.relu(x)

        # Ouput conv layer
        outputs = self.output_conv(x)

        return outputs
    
    def build_graph(self, input_shape):

        x = tf.keras.layers.Input(shape = input_shape)
        return tf.keras.Model(inputs = [x], outputs = self.call(x))

def build_model():
    model = ConvNeXTUNet(input_dim=64, embed_dim=16, n_classes=3, depths=[1, 1, 1, 1])
    inputs = np.random.default_rng(0).random((2, 64, 64, 3)).astype("float32")
    return model, inputs
