import keras
from keras import layers


def backbone():
    inputs = keras.Input((8,))
    x = layers.Dense(4, name="proj")(inputs)
    return keras.Model(inputs, layers.Dense(2, name="head")(x))


class Classifier(keras.Model):
    def __init__(self):
        super().__init__()
        self.body = layers.Dense(4)

    def call(self, x):
        return self.body(x)


def fresh_classifier():
    return Classifier()
