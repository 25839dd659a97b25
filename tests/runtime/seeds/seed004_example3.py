# Seed 004, example 3: "How can a custom Keras layer make a tensor trainable?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class NonLinearTrainableLayer(tf.keras.layers.Layer):
    def __init__(self, units, activation='relu', **kwargs):
        super(NonLinearTrainableLayer, self).__init__(**kwargs)
        self.units = units
        self.activation = tf.keras.activations.get(activation)

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer='he_normal',
                                 trainable=True,
                                 name='kernel')
        self.b = self.add_weight(shape=(self.units,),
                                 initializer='zeros',
                                 trainable=True,
                                 name='bias')
        super(NonLinearTrainableLayer, self).build(input_shape)

    def call(self, inputs):
        z = tf.matmul(inputs, self.w) + self.b
        return self.activation(z)


def build_model():

    # Usage:
    layer = NonLinearTrainableLayer(units=10, activation='relu')
    input_tensor = tf.random.normal((100, 5))
    output = layer(input_tensor) #Trainable parameters with ReLU activation
    return layer, input_tensor
