# Seed 003, example 3: "Why doesn't reusing a custom layer update model parameters in summary()?" (code verbatim; the statements run inside build_model())
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

    # Example 3: reusing the layer in a TimeDistributed context
    input_sequence = layers.Input(shape=(5, 10)) # sequence of 5 vectors with length 10
    attention_layer = CustomAttention(32) # shared attention layer

    # TimeDistributed applies the same layer to every timestep.
    time_distributed_attention = layers.TimeDistributed(attention_layer)

    outputs = time_distributed_attention(input_sequence)
    outputs = layers.Dense(10)(outputs)
    model_time_distributed = tf.keras.Model(inputs=input_sequence, outputs=outputs)
    model_time_distributed.summary()
    return model_time_distributed
