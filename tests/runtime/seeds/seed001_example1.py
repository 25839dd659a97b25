# Seed 001, example 1: "Why are the total parameters zero in a TensorFlow 2 Keras nested model subclass?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class InnerLayer(tf.keras.layers.Layer):
    def __init__(self, units):
        super(InnerLayer, self).__init__()
        self.units = units

    def build(self, input_shape):
        # Incorrect: weights are not tracked by Keras
        self.w = tf.Variable(tf.random.normal([input_shape[-1], self.units]))
        super().build(input_shape)

    def call(self, inputs):
        return tf.matmul(inputs, self.w)

class OuterLayer(tf.keras.layers.Layer):
    def __init__(self, units):
        super(OuterLayer, self).__init__()
        self.inner = InnerLayer(units)

    def call(self, inputs):
        return self.inner(inputs)


def build_model():

    model = tf.keras.Sequential([OuterLayer(10)])
    model.build((None, 5)) # Needs input shape for build to execute correctly
    model.summary() # Will show zero parameters for OuterLayer and InnerLayer
    return model
