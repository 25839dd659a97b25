"""DeepLearning.AI "Custom Models, Layers and Loss Functions" week-4 assignment: VGG Block stores its
Conv2D layers through `vars(self)[f'conv2D_{i}'] = ...`.

The graded notebook teaches a `vars()` trick so that a loop can create `conv2D_0`, `conv2D_1`, ...
inside a `Block(tf.keras.Model)`; `call()` fetches them back with `vars(self)['conv2D_0']`.  Writing
into the instance `__dict__` bypasses `Layer.__setattr__`, so Keras never sees the convolutions: the
student's `MyVGG` (five blocks, Flatten, Dense(256), softmax classifier) trains only the two Dense
layers, the summary counts only their parameters, and every convolution kernel is a variable the
tape watches but the model does not own (not in `trainable_weights`, never updated, not saved).
The assignment's unit tests only check output shapes, so it "passes".
"""

SOURCE = ("https://github.com/AchrafBella/Custom-Models-Layers-and-Loss-Functions-with-TensorFlow/blob/"
          "4d81ccba50ea69c33af363a99bdc63c6751cac67/C1W4_Assignment.ipynb")
CODES = ("LD011",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py o_dlai_vgg_block_convs_stored_via_vars_self.py:
as returned: MyVGG, count_params() = 131842, 4 weights, unbuilt: none
after call: count_params() = 131842, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 26 variables the model does not track: ['my_vgg/kernel:0', 'my_vgg/bias:0', 'my_vgg/kernel:0', 'my_vgg/bias:0', 'my_vgg/kernel:0', 'my_vgg/bias:0']
params of the case's own layers: {'block': 0, 'block_1': 0, 'block_2': 0, 'block_3': 0, 'block_4': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class Block(tf.keras.Model):
    def __init__(self, filters, kernel_size, repetitions, pool_size=2, strides=2):
        super(Block, self).__init__()
        self.filters = filters
        self.kernel_size = kernel_size
        self.repetitions = repetitions

        # Define a conv2D_0, conv2D_1, etc based on the number of repetitions
        for i in range(repetitions):

            # Define a Conv2D layer, specifying filters, kernel_size, activation and padding.
            vars(self)[f'conv2D_{i}'] = tf.keras.layers.Conv2D(self.filters,
                                                               self.kernel_size,
                                                               activation='relu',
                                                               padding='same')

        # Define the max pool layer that will be added after the Conv2D blocks
        self.max_pool = tf.keras.layers.MaxPool2D(pool_size=pool_size,
                                                  strides=strides,
                                                  padding='same')

    def call(self, inputs):
        # access the class's conv2D_0 layer
        conv2D_0 = vars(self)['conv2D_0']

        # Connect the conv2D_0 layer to inputs
        x = conv2D_0(inputs)

        # for the remaining conv2D_i layers from 1 to `repetitions` they will be connected to the previous layer
        for i in range(1, self.repetitions):
            # access conv2D_i by formatting the integer `i`.
            conv2D_i = vars(self)[f'conv2D_{i}']

            # Use the conv2D_i and connect it to the previous layer
            x = conv2D_i(x)

        # Finally, add the max_pool layer
        max_pool = self.max_pool

        return max_pool(x)


class MyVGG(tf.keras.Model):

    def __init__(self, num_classes):
        super(MyVGG, self).__init__()

        # Creating blocks of VGG with the following
        # (filters, kernel_size, repetitions) configurations
        self.block_a = Block(64, 3, 2)
        self.block_b = Block(128, 3, 2)
        self.block_c = Block(256, 3, 3)
        self.block_d = Block(512, 3, 3)
        self.block_e = Block(512, 3, 3)

        # Classification head
        self.flatten = tf.keras.layers.Flatten()
        self.fc = tf.keras.layers.Dense(units=256, activation='relu')
        self.classifier = tf.keras.layers.Dense(units=num_classes, activation='softmax', name='classifier')

    def call(self, inputs):
        x = self.block_a(inputs)
        x = self.block_b(x)
        x = self.block_c(x)
        x = self.block_d(x)
        x = self.block_e(x)
        x = self.flatten(x)
        x = self.fc(x)
        return self.classifier(x)


def build_model():
    # The notebook trains on 224x224 cats-vs-dogs; a small image keeps the check cheap.
    vgg = MyVGG(num_classes=2)
    x = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    vgg(x)
    return vgg, x
