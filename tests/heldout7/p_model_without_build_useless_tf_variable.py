"""A notebook `MyModelWithoutBuild(tf.keras.Model)` keeps `self.a_useless_var = tf.Variable([1.1])` next to two Dense layers and expects it in `trainable_variables`: on Keras 3 it is not there.

A Chinese study notebook ("how tf.keras.Model reaches the variables it holds") defines a model with
`self.dense_layer1`, `self.dense_layer2` and `self.a_useless_var = tf.Variable([1.1])`, prints
`my_model.trainable_variables` before the first call ("only a_useless_var is visible") and after
it ("the Dense variables are added"). On tf.keras 2 the raw variable was tracked; on Keras 3 it is
neither in `trainable_variables` nor in `weights`, so it is not saved or trained.
"""

SOURCE = "https://github.com/dominic-z/python-tool-demo"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py p_model_without_build_useless_tf_variable.py:
as returned: MyModelWithoutBuild, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1']
after call: count_params() = 28, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra (own script: build_model(), one call, then checks): a_useless_var in trainable_variables: False; len(model.weights) == 4 (the two Dense layers only)"""

import numpy as np
import tensorflow as tf


class MyModelWithoutBuild(tf.keras.Model):
    def __init__(self):
        super(MyModelWithoutBuild, self).__init__()
        self.dense_layer1 = tf.keras.layers.Dense(units=2)
        self.dense_layer2 = tf.keras.layers.Dense(units=2)
        self.a_useless_var = tf.Variable([1.1])

    def call(self, inputs, training=None, mask=None):
        output = self.dense_layer1(inputs)
        output = self.dense_layer2(output)
        return output


def build_model():
    input_batch = np.reshape(np.random.random(100), (10, 10)).astype(np.float32)
    return MyModelWithoutBuild(), input_batch
