"""DeepLearning.AI "Custom Models, Layers and Loss Functions", week 4 lab: a subclassed ResNet whose
IdentityBlocks are `tf.keras.Model`s named '' and reuse one Activation instance three times.

`IdentityBlock(tf.keras.Model)` calls `super().__init__(name='')`, creates two Conv2D/BatchNorm pairs,
one `Activation('relu')` stored as `self.act` and an `Add()` stored as `self.add`, and applies
`self.act` three times in `call()`.  `ResNet(tf.keras.Model)` uses its own `self.act` twice more and
stacks two IdentityBlocks, both with the empty name.  Empty/duplicate sub-model names, a layer object
applied several times and an attribute called `add` on a Model look like tracking hazards
(weights merged, shadowed or dropped), but on Keras 3 both blocks' convolutions and batch norms are
tracked separately, counted, and get gradients; the reused Activation has no weights.
"""

SOURCE = ("https://github.com/https-deeplearning-ai/tensorflow-3-public/blob/"
          "f4aa7d8cd6cbc536933700febd5551f91a8963dd/Course%201%20-%20Custom%20Models%2C%20Layers%20and%20Loss%20Functions/"
          "Week%204%20-%20Models/C1_W4_Lab_2_resnet-example.ipynb")
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oko_dlai_resnet_identity_blocks_empty_name_shared_activation.py:
as returned: ResNet, count_params() = 152842, 32 weights, unbuilt: none
after call: count_params() = 152842, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'': 74368}
second call: 0 variables watched that the first call did not use
Note: the per-layer dict shows a single '' key because both IdentityBlocks are named ''; the total
152,842 = stem conv+BN 3,456 + 2 x 74,368 (each block's two Conv2D and two BatchNorm) + Dense 650."""

import numpy as np
import tensorflow as tf


class IdentityBlock(tf.keras.Model):
    def __init__(self, filters, kernel_size):
        super(IdentityBlock, self).__init__(name='')

        self.conv1 = tf.keras.layers.Conv2D(filters, kernel_size, padding='same')
        self.bn1 = tf.keras.layers.BatchNormalization()

        self.conv2 = tf.keras.layers.Conv2D(filters, kernel_size, padding='same')
        self.bn2 = tf.keras.layers.BatchNormalization()

        self.act = tf.keras.layers.Activation('relu')
        self.add = tf.keras.layers.Add()

    def call(self, input_tensor):
        x = self.conv1(input_tensor)
        x = self.bn1(x)
        x = self.act(x)

        x = self.conv2(x)
        x = self.bn2(x)

        x = self.add([x, input_tensor])
        x = self.act(x)
        return x


class ResNet(tf.keras.Model):
    def __init__(self, num_classes):
        super(ResNet, self).__init__()
        self.conv = tf.keras.layers.Conv2D(64, 7, padding='same')
        self.bn = tf.keras.layers.BatchNormalization()
        self.act = tf.keras.layers.Activation('relu')
        self.max_pool = tf.keras.layers.MaxPool2D((3, 3))

        # Use the Identity blocks that you just defined
        self.id1a = IdentityBlock(64, 3)
        self.id1b = IdentityBlock(64, 3)

        self.global_pool = tf.keras.layers.GlobalAveragePooling2D()
        self.classifier = tf.keras.layers.Dense(num_classes, activation='softmax')

    def call(self, inputs):
        x = self.conv(inputs)
        x = self.bn(x)
        x = self.act(x)
        x = self.max_pool(x)

        # insert the identity blocks in the middle of the network
        x = self.id1a(x)
        x = self.id1b(x)

        x = self.global_pool(x)
        return self.classifier(x)


def build_model():
    # create a ResNet instance with 10 output units for MNIST
    resnet = ResNet(10)
    resnet.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    x = np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
    resnet(x)
    return resnet, x
