"""A course autoencoder's `Decoder` has its `call()` indented inside `__init__` (a nested function), so
the layer has no `call` of its own: its Dense, Conv2DTranspose, BatchNorm and output Conv2D sublayers
are never called or built; on Keras 3 the first forward pass raises.

From Chevron9/iannwtf (`7/Exercise07.ipynb`, homework 7 of the Osnabrück course "Implementing
Artificial Neural Networks with TensorFlow": a convolutional autoencoder for noisy MNIST). `Encoder`
(two strided Conv2D + BatchNorm, GlobalAveragePooling, Dense(10)) is fine. `Decoder.__init__` (indented
by one space) creates `dense` (Dense 392), `reshape`, two `Conv2DTranspose` with BatchNorms and an
`output_layer` Conv2D, and then, indented by two spaces, `def call(self, x, training=True)`, which is
therefore a local function of `__init__`. tf.keras 2's base `Layer.call` returns its input, so there
the decoder silently passed the 10-d embedding through with all its weights unbuilt; Keras 3's base
`call` raises. `Autoencoder(Model)` wires `self.encoder` and `self.decoder`.

Porting edits: the BatchNormalization and sub-model calls pass `training` positionally
(`layer(x, training)`), which Keras 3 rejects ("Only input tensors may be passed as positional
arguments"), so they became `training=training`; the `input_shape=` keyword of the Conv2D /
Conv2DTranspose layers dropped (Keras 3 warns on it), the Encoder's debugging `print(x.shape)` left
out. The Decoder's indentation is kept exactly. build_model(): `Autoencoder()` and one forward pass on
two 28x28x1 images as the notebook's `train_step` does (`model(data, training=True)`); it raises, as
the user would see.

Doubt kept as decided: labelled LD005 (six weighted sublayers created and never called or built, no
`build()`), the catalog's closest row; on Keras 3 the symptom is a NotImplementedError at the first
call rather than a silent loss, and the root slip is indentation, not a forgotten call.
"""

SOURCE = "https://github.com/Chevron9/iannwtf/blob/d4b5f6ab7ba0681dfe2fa83d58d49de6173a03a0/7/Exercise07.ipynb"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aq_chevron9iannwtf_decoder_call_indented_inside_init_layers_never_built.py:
build_model() raised NotImplementedError: Exception encountered when calling Decoder.call(). (message: Layer Decoder does not have a `call` method implemented.)
warning: Layer 'decoder' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'decoder', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite
probe (_probe_decoder.py, in this folder): "call" in vars(Decoder) is False; after the failed forward pass the decoder's
dense_1, conv2d_transpose, batch_normalization_2, conv2d_transpose_1, batch_normalization_3 and conv2d_2 are unbuilt,
decoder weights: 0, encoder weights: 14"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Layer


class Encoder(Layer):
  def __init__(self):
    super(Encoder, self).__init__()
    self.relu = tf.keras.activations.relu

    self.conv_layer_1= tf.keras.layers.Conv2D(filters= 16, kernel_size= 3,
                                                    strides=(2, 2), padding='same'
                                                     )
        
    self.batch_normalization_layer_1 = tf.keras.layers.BatchNormalization()



    self.conv_layer_2= tf.keras.layers.Conv2D(filters = 8, kernel_size= 3,
                                                    strides=(2, 2), padding='same'
                                                    )
    
    self.batch_normalization_layer_2 = tf.keras.layers.BatchNormalization()


  
    self.global_pooling_layer = tf.keras.layers.GlobalAveragePooling2D()
    self.output_layer = tf.keras.layers.Dense(units=10, activation=tf.keras.activations.sigmoid)

  def call(self, x, training = True):

    x = self.conv_layer_1(x)
    x = self.batch_normalization_layer_1(x, training=training)
    x = self.relu(x)

    x = self.conv_layer_2(x)
    x = self.batch_normalization_layer_2(x, training=training)
    x = self.relu(x)

    x = self.global_pooling_layer(x)
    x = self.output_layer(x)
    return x


# takes embedding and generates original input
class Decoder(Layer):
 def __init__(self):

  
  super(Decoder, self).__init__()
  self.dense = tf.keras.layers.Dense(units=392, activation=tf.keras.activations.softmax)
  self.reshape = tf.keras.layers.Reshape((7,7,8))
  self.relu = tf.keras.activations.relu

  self.conv_layer_1= tf.keras.layers.Conv2DTranspose(filters= 8, kernel_size= 3,
                                                  strides=(2, 2), padding='same'
                                                    )
      
  self.batch_normalization_layer_1 = tf.keras.layers.BatchNormalization()

  self.conv_layer_2= tf.keras.layers.Conv2DTranspose(filters = 16, kernel_size= 3,
                                                  strides=(2, 2), padding='same'
                                                  )
  
  self.batch_normalization_layer_2 = tf.keras.layers.BatchNormalization()


  



  self.output_layer = tf.keras.layers.Conv2D(filters= 1, kernel_size= 3,
                                                  strides=(1, 1), padding='same', activation = tf.keras.activations.sigmoid
                                                  )

  def call(self, x, training = True):

    x = self.dense(x)
    x = self.reshape(x)

    x = self.conv_layer_1(x)
    x = self.batch_normalization_layer_1(x, training=training)
    x = self.relu(x)

    x = self.conv_layer_2(x)
    x = self.batch_normalization_layer_2(x, training=training)
    x = self.relu(x)

    x = self.output_layer(x)

    return x


#combines Encoder and Decoder to an Autoencoder
class Autoencoder(Model):
  def __init__(self):
    super(Autoencoder, self).__init__()

    self.encoder = Encoder()
    self.decoder = Decoder()
  
  def call(self, x, training = True):
    x = self.encoder(x, training=training)
    x = self.decoder(x, training=training)
    return x


def build_model():
    model = Autoencoder()
    data = np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
    model(data, training=True)
    return model, data
