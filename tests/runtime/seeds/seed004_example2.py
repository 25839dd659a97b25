# Seed 004, example 2: "How can a custom Keras layer make a tensor trainable?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class TrainableWeightBiasLayer(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(TrainableWeightBiasLayer, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer='glorot_uniform',
                                 trainable=True,
                                 name='kernel')
        self.b = self.add_weight(shape=(self.units,),
                                 initializer='zeros',
                                 trainable=True,
                                 name='bias')
        super(TrainableWeightBiasLayer, self).build(input_shape)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():

    # Usage:
    layer = TrainableWeightBiasLayer(units=10)
    input_tensor = tf.random.normal((100, 5))
    output = layer(input_tensor) #Both weights and biases are trainable
    return layer, input_tensor
