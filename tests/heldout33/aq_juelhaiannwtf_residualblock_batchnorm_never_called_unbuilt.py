"""A university-course ResNet homework: `ResidualBlock` creates `self.batch_normal =
BatchNormalization()` (and an Activation) in `__init__` but never calls it, so the block's batch norm
stays unbuilt: no weights, not trained, and Keras 3 warns about unbuilt state.

From juelha/IANNWTF (`hw6/ResidualBlock.py`, homework 6 of the Osnabrück course "Implementing
Artificial Neural Networks with TensorFlow", a ResNet/DenseNet assignment on CIFAR-10). The
assignment text copied into the `__init__` comment asks for "multiple alterations of Convolution and
Batch Normalization layers"; the block makes `batch_normal`, `activation` and a 1x1 `conv1` as
attributes plus mode-dependent Conv2Ds in `self.list_layers`, but `call()` (decorated with
`@tf.function`, the course's habit) only runs `conv1`, the listed convolutions, the strided skip
projection and per-call `Concatenate`/`Activation` layers. The batch norm is never reached; the summary
pasted into `MyResNet`'s docstring (residual_block_2 = 28800 params) already counts no BN weights.
`MyResNet(tf.keras.Model)` stacks an input Conv2D, three blocks ('normal', 'strided', 'strided'),
Flatten and Dense(10).

Porting edits: `Conv2D(filters=out_filters/2, ...)` gets `int(out_filters/2)` (Keras 3 rejects a
float filter count); `input_shape=` dropped from the model's first Conv2D (Keras 3 warns on it for a
non-Input layer); MyResNet's training/test/plotting methods left out. build_model(): `MyResNet()` and
a batch of two 32x32x3 images (returned as (model, inputs); the model is built by calling it).

Doubt kept as decided: on Keras 3 every trainable weight of this model gets a None gradient, because
`call()` of both the block and the model is wrapped in `@tf.function` (removing the decorators gives
gradients for all 26 weights; the heldout32 case am_iannwtf labels that cause LD009). That is a second,
independent defect of the course's coding style; the label names only the author's own bug, the batch
norm that is never used (LD005, also true on tf.keras 2, where the pasted summary shows it).
"""

SOURCE = "https://github.com/juelha/IANNWTF/blob/841a16fd9ea3e20ce6d8a440603ff7d9d78ed91a/hw6/ResidualBlock.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aq_juelhaiannwtf_residualblock_batchnorm_never_called_unbuilt.py:
warning: `build()` was called on layer 'residual_block', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, 
warning: `build()` was called on layer 'residual_block_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built
warning: `build()` was called on layer 'residual_block_2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built
as returned: MyResNet, count_params() = 159050, 26 weights, unbuilt: ['BatchNormalization:batch_normalization', 'BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization_2']
after call: count_params() = 159050, 26 trainable weights, unbuilt: ['BatchNormalization:batch_normalization', 'BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization_2']; output dtypes ['float32']
gradient None for 26 of 26 trainable weights: ['my_res_net/conv2d/kernel', 'my_res_net/conv2d/bias', 'my_res_net/residual_block/conv2d_1/kernel', 'my_res_net/residual_block/conv2d_1/bias', 'my_res_net/residual_block/conv2d_2/kernel', 'my_res_net/residual_block/conv2d_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_block': 28800, 'residual_block_1': 33952, 'residual_block_2': 33952}
second call: 0 variables watched that the first call did not use
probe (_probe_grad.py, in this folder): as written, None grads: 26 of 26; with the two `@tf.function` decorators
removed (a copy, not this file), None grads: 0 of 26 (the three BatchNormalization layers stay unbuilt either way)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Flatten


class ResidualBlock(tf.keras.layers.Layer):
    
    def __init__(self, mode = "normal", input_shape = (32,32,3), n_filters = 32, out_filters = 64):
        """
        init a building block that is used in MyResNet(), 
        consisting of multiple alterations of Convolution and Batch Normalization layers
        """
        
        super(ResidualBlock, self).__init__()

        # Your residualblock should consist of multiple alterations of Convolution and Batch Normalization layers
        self.batch_normal = tf.keras.layers.BatchNormalization()
        self.activation = tf.keras.layers.Activation(tf.nn.relu)
        self.conv1 = tf.keras.layers.Conv2D(filters=n_filters, kernel_size=(1,1), padding="same", activation="relu")

        self.list_layers = [] # all layers depending on mode
        self.mode = mode 

        if mode == "normal":
            self.list_layers.append(tf.keras.layers.Conv2D(filters=int(out_filters/2), kernel_size =(3,3), padding="same"))
            self.list_layers.append(tf.keras.layers.Conv2D(filters=out_filters, kernel_size =(3,3), padding="same"))
    
        # some blocks in ResNetV2 have a MaxPool with 1x1 pool size and strides of 2 instead
        elif mode == "strided":
           
            # do strided convolution (reducing feature map size)
            self.list_layers.append(tf.keras.layers.Conv2D(filters=int(out_filters/2), kernel_size =(3,3), padding="same"))
            self.list_layers.append(tf.keras.layers.Conv2D(filters=out_filters, kernel_size =(3,3), padding="same", strides=(2,2)))

            self.skip_layer = tf.keras.layers.Conv2D(n_filters, (1,1) , strides = (2,2))
            
        # other ResNetV2 blocks keep both the size and channel number constant
        elif mode == "constant":
            self.list_layers.append(tf.keras.layers.Conv2D(filters=out_filters, kernel_size =(3,3), padding="same"))
           


    @tf.function
    def call(self, x):
        """
        output of the block has the same dimensions as its input
        """
        
        # copy tensor to variable called x_skip
        x_skip = x

        # have an initial Conv layer 
        x = self.conv1(x) 

        for layer in self.list_layers:
          x = layer(x)

        if self.mode == "strided":
          # Processing Residue with conv(1,1)
          x_skip = self.skip_layer(x_skip)
        
        # Add Residue
        x = tf.keras.layers.Concatenate(axis=-1)([x, x_skip])     
        x = tf.keras.layers.Activation('relu')(x)

        return x


class MyResNet(tf.keras.Model):
    def __init__(self, image_shape = (32,32,3)):
      super(MyResNet, self).__init__()

      # init conv layer
      self.input_layer = tf.keras.layers.Conv2D(32, (3, 3), activation="relu", padding="same")
  
      self.block1 = ResidualBlock(mode = 'normal', input_shape = image_shape)
      self.block2 = ResidualBlock(mode = 'strided', input_shape = image_shape) 
      self.block3 = ResidualBlock(mode = 'strided', input_shape = image_shape) 

      # Each image corresponds to one of 10 categories
      self.flatten = Flatten()
      self.out = Dense(10, activation=tf.nn.softmax)

      # for visualization of training
      self.test_accuracies = []
      self.test_losses = []
      self.train_losses = []

    @tf.function
    def call(self, x):
      x = self.input_layer(x)

      x = self.block1(x)
      x = self.block2(x)
      x = self.block3(x)

      x = self.flatten(x)
      x = self.out(x)

      return x       


def build_model():
    model = MyResNet()
    images = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    model(images)
    return model, images
