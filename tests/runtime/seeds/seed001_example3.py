# Seed 001, example 3: "Why are the total parameters zero in a TensorFlow 2 Keras nested model subclass?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class BaseLayer(tf.keras.layers.Layer):
    def __init__(self):
        super(BaseLayer, self).__init__()

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 10),
                                initializer='random_normal',
                                trainable=True)
        super().build(input_shape)

    def call(self, inputs):
        return tf.matmul(inputs, self.w)

class DerivedLayer(BaseLayer):
    def build(self, input_shape):
      # Missing super().build(input_shape)
      self.w = self.add_weight(shape=(input_shape[-1], 5),
                                initializer='random_normal',
                                trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w)


def build_model():

    model = tf.keras.Sequential([DerivedLayer()])
    model.build((None, 5))
    model.summary() # Parameters might be partially or incorrectly reported
    return model
