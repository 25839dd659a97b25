# Seed 000, example 2: "Why does a custom layer cause a parameter count of zero in the model summary?" (code verbatim; the statements run inside build_model())
import tensorflow as tf

class CorrectLinear(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super(CorrectLinear, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        input_dim = input_shape[-1]
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
    x = CorrectLinear(units=5)(inputs)
    model = tf.keras.Model(inputs=inputs, outputs=x)
    model.summary()
    return model
