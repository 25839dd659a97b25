"""d2l's hand-written `MySequential` keeps its blocks in the `*args` tuple; Keras tracks them.

"Layers and Blocks" (Dive into Deep Learning, TensorFlow tab) builds a Sequential clone by storing
the constructor's `*args` on `self` and looping over them in `call()`. Storing layers in a plain
tuple looks like the untracked-container bug, but Keras 3 wraps tuples/lists assigned as attributes
and tracks every layer in them: all weights are counted and trained. The book also nests it with an
MLP block and a `NestMLP`-style model, kept here.
"""

SOURCE = "https://d2l.ai/chapter_deep-learning-computation/model-construction.html"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okf_d2l_mysequential_args_tuple.py:
as returned: Functional, count_params() = 12238, 12 weights, unbuilt: none
after call: count_params() = 12238, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_sequential': 12238, 'mlp': 7946, 'nest_mlp': 3952}
second call: 0 variables watched that the first call did not use
"""

import tensorflow as tf


class MLP(tf.keras.Model):
    def __init__(self):
        # Call the constructor of the parent class tf.keras.Model to perform
        # the necessary initialization.
        super().__init__()
        self.hidden = tf.keras.layers.Dense(units=256, activation=tf.nn.relu)  # Hidden layer
        self.out = tf.keras.layers.Dense(units=10)  # Output layer

    def call(self, X):
        return self.out(self.hidden((X)))


class MySequential(tf.keras.Model):
    def __init__(self, *args):
        super().__init__()
        self.modules = args

    def call(self, X):
        for module in self.modules:
            X = module(X)
        return X


class NestMLP(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.net = tf.keras.Sequential()
        self.net.add(tf.keras.layers.Dense(64, activation=tf.nn.relu))
        self.net.add(tf.keras.layers.Dense(32, activation=tf.nn.relu))
        self.dense = tf.keras.layers.Dense(16, activation=tf.nn.relu)

    def call(self, inputs):
        return self.dense(self.net(inputs))


def build_model():
    chimera = MySequential(NestMLP(), tf.keras.layers.Dense(20), MLP())
    inputs = tf.keras.Input(shape=(20,))
    return tf.keras.Model(inputs, chimera(inputs))
