# Seed 004, example 1: "How can a custom Keras layer make a tensor trainable?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class TrainableWeightLayer(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(TrainableWeightLayer, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer='random_normal',
                                 trainable=True,
                                 name='kernel')
        super(TrainableWeightLayer, self).build(input_shape)  # Important!

    def call(self, inputs):
        return tf.matmul(inputs, self.w)


def build_model():

    # Usage:
    layer = TrainableWeightLayer(units=10)
    input_tensor = tf.random.normal((100, 5))
    output = layer(input_tensor) # Output is now trainable
    return layer, input_tensor
