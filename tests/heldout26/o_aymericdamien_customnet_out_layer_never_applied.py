"""aymericdamien's TensorFlow-Examples v2 notebook "Build Custom Layers & Modules": `CustomNet(Model)`
declares `self.out = layers.Dense(num_classes, activation=tf.nn.softmax)` in `__init__`, but its forward
pass (written as an override of `__call__`, not `call`) goes layer1 -> relu -> layer2 and returns, so the
output layer is never applied; `CustomLayer2` creates its two Dense sublayers in `build()`.

From aymericdamien/TensorFlow-Examples (`tensorflow_v2/notebooks/4_Utils/build_custom_layers.ipynb`). On
Keras 3 (TF >= 2.16) the notebook still runs: the 64-unit residual output of `layer2` is fed to
`sparse_softmax_cross_entropy_with_logits` as if it were the 10 class logits (labels < 64, so no error), and
`self.out` stays unbuilt with no weights: the classifier head the author wrote never exists.

Porting edits: notebook cells turned into a module; MNIST loading, tf.data pipeline and training loop
dropped; sizes shrunk (784 features -> 16, 64 units -> 8, 10 classes -> 3); `build_model()` instantiates
`CustomNet()` as the notebook does and returns it with a batch of 4 flattened "images"; `**kwargs` added
to the overridden `__call__` so a harness may pass `training=` (the notebook passes `is_training` only).
"""

SOURCE = ("https://github.com/aymericdamien/TensorFlow-Examples/blob/6dcbe14649163814e72a22a999f20c5e247ce988/"
          "tensorflow_v2/notebooks/4_Utils/build_custom_layers.ipynb")
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/o_aymericdamien_customnet_out_layer_never_applied.py:
as returned: CustomNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['CustomLayer1:custom_layer1', 'CustomLayer2:custom_layer2', 'Dense:dense']
after call: count_params() = count_params() raised ValueError, 6 trainable weights, unbuilt: ['Dense:dense']; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_layer1': 136, 'custom_layer2': 25}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine26b/p13.py): prediction shape (4, 8) although num_classes = 3; the notebook's train
step (sparse_softmax_cross_entropy_with_logits on net(x, is_training=True), SGD on
net.trainable_variables) runs without error, loss 2.3369 over 8 "classes", 6 trainable variables;
net.out.built is False with 0 weights; net.count_params() raises ValueError ("the layer isn't built")."""

import tensorflow as tf
from tensorflow.keras import Model, layers
import numpy as np

# MNIST dataset parameters.
num_classes = 3 # 0 to 9 digits
num_features = 16 # 28*28

# Create a custom layer, extending TF 'Layer' class.
# Layer compute: y = relu(W * x + b)
class CustomLayer1(layers.Layer):
    
    # Layer arguments.
    def __init__(self, num_units, **kwargs):
        # Store the number of units (neurons).
        self.num_units = num_units
        super(CustomLayer1, self).__init__(**kwargs)
        
    def build(self, input_shape):
        # Note: a custom layer can also include any other TF 'layers'.
        shape = tf.TensorShape((input_shape[1], self.num_units))
        # Create weight variables for this layer.
        self.weight = self.add_weight(name='W',
                                      shape=shape,
                                      initializer=tf.initializers.RandomNormal,
                                      trainable=True)
        self.bias = self.add_weight(name='b',
                                    shape=[self.num_units])
        # Make sure to call the `build` method at the end
        super(CustomLayer1, self).build(input_shape)

    def call(self, inputs):
        x = tf.matmul(inputs, self.weight)
        x = x + self.bias
        return tf.nn.relu(x)

    def get_config(self):
        base_config = super(CustomLayer1, self).get_config()
        base_config['num_units'] = self.num_units
        return base_config

# Create a custom layer, extending TF 'Layer' class.
# Custom layer: 2 Fully-Connected layers with residual connection.
class CustomLayer2(layers.Layer):
    
    # Layer arguments.
    def __init__(self, num_units, **kwargs):
        self.num_units = num_units
        super(CustomLayer2, self).__init__(**kwargs)
        
    def build(self, input_shape):
        shape = tf.TensorShape((input_shape[1], self.num_units))
        
        self.inner_layer1 = layers.Dense(1)
        self.inner_layer2 = layers.Dense(self.num_units)
        
        # Make sure to call the `build` method at the end
        super(CustomLayer2, self).build(input_shape)

    def call(self, inputs):
        x = self.inner_layer1(inputs)
        x = tf.nn.relu(x)
        x = self.inner_layer2(x)
        return x + inputs

    def get_config(self):
        base_config = super(CustomLayer2, self).get_config()
        base_config['num_units'] = self.num_units
        return base_config

# Create TF Model.
class CustomNet(Model):
    
    def __init__(self):
        super(CustomNet, self).__init__()
        # Use custom layers created above.
        self.layer1 = CustomLayer1(8)
        self.layer2 = CustomLayer2(8)
        self.out = layers.Dense(num_classes, activation=tf.nn.softmax)

    # Set forward pass.
    def __call__(self, x, is_training=False, **kwargs):
        x = self.layer1(x)
        x = tf.nn.relu(x)
        x = self.layer2(x)
        if not is_training:
            # tf cross entropy expect logits without softmax, so only
            # apply softmax when not training.
            x = tf.nn.softmax(x)
        return x


def build_model():
    # Build neural network model.
    custom_net = CustomNet()
    batch_x = np.random.default_rng(0).random((4, num_features)).astype("float32")
    return custom_net, batch_x
