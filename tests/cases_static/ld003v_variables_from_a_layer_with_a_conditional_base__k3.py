# LD003 foreign-variable: a layer whose base is written as a conditional expression
# (`tf.keras.layers.Layer if tf else object`, RLlib's way to make TensorFlow optional) is still a Layer;
# its tf.Variables are untracked (tests/heldout32, RLlib's NoisyLayer). Measured on Keras 3.15.1 + TF 2.21
# (/tmp/p35/probe_static.py): ConditionalBase has 0 weights, the tape watches 1 untracked variable; the twin
# made with add_weight has its 1 weight.
import tensorflow as tf


class ConditionalBase(tf.keras.layers.Layer if tf else object):
    def build(self, input_shape):
        self.w = tf.Variable(tf.ones((int(input_shape[-1]), 2)))  # LD003

    def call(self, x):
        return tf.matmul(x, self.w)


class ConditionalBaseTracked(tf.keras.layers.Layer if tf else object):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(int(input_shape[-1]), 2), initializer="ones", name="w")

    def call(self, x):
        return tf.matmul(x, self.w)


def build_model():
    inputs = tf.keras.Input((3,))
    return tf.keras.Model(inputs, [ConditionalBase()(inputs), ConditionalBaseTracked()(inputs)])
