# Seed 003, example 1: "Why doesn't reusing a custom layer update model parameters in summary()?" (code verbatim; the statements run inside build_model())
import tensorflow as tf
from tensorflow.keras import layers

class CustomAttention(layers.Layer):
    def __init__(self, units, **kwargs):
        super(CustomAttention, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
      self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer='random_normal', trainable=True)
      self.b = self.add_weight(shape=(self.units,), initializer='zeros', trainable=True)
      super(CustomAttention, self).build(input_shape)

    def call(self, inputs):
        return tf.nn.tanh(tf.matmul(inputs, self.w) + self.b)


def build_model():

    #Example 1: reusing the custom layer
    attention_layer = CustomAttention(32)
    inputs = layers.Input(shape=(100,64))
    x1 = attention_layer(inputs)
    x2 = attention_layer(x1) #reuse the same layer instance
    outputs = layers.Dense(10)(x2)
    model_reuse = tf.keras.Model(inputs=inputs, outputs=outputs)
    model_reuse.summary()
    return model_reuse
