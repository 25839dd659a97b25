# Seed 000, example 3: "Why does a custom layer cause a parameter count of zero in the model summary?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class IncorrectEarlyLinear(tf.keras.layers.Layer):
    def __init__(self, units, input_dim, **kwargs):
        super(IncorrectEarlyLinear, self).__init__(**kwargs)
        self.units = units
        self.w = self.add_weight(shape=(input_dim, self.units),
                                  initializer='random_normal',
                                  trainable=True)
        self.b = self.add_weight(shape=(self.units,),
                                  initializer='zeros',
                                  trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():

    # Creating and summarizing the model
    inputs = tf.keras.layers.Input(shape=(10,))
    # Notice, we must specify the input_dim here, which may not be known during complex model builds.
    x = IncorrectEarlyLinear(units=5, input_dim=10)(inputs)
    model = tf.keras.Model(inputs=inputs, outputs=x)
    model.summary()
    return model
