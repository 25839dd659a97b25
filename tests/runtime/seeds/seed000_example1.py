# Seed 000, example 1: "Why does a custom layer cause a parameter count of zero in the model summary?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class NaiveLinear(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(NaiveLinear, self).__init__(**kwargs)
        self.units = units

    def call(self, inputs):
      input_dim = inputs.shape[-1]
      self.w = tf.random.normal(shape=(input_dim, self.units))
      self.b = tf.zeros(shape=(self.units,))
      return tf.matmul(inputs, self.w) + self.b


def build_model():

    # Creating and summarizing the model
    inputs = tf.keras.layers.Input(shape=(10,))
    x = NaiveLinear(units=5)(inputs)
    model = tf.keras.Model(inputs=inputs, outputs=x)
    model.summary()
    return model
