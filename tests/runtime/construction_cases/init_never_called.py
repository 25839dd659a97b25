"""A layer that never calls super().__init__(); Keras fails later on its private state."""
import keras


class Scale(keras.layers.Layer):
    def __init__(self, factor):
        self.factor = factor

    def call(self, x):
        return x * self.factor


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(3)
        self.scale = Scale(2.0)

    def call(self, x):
        return self.scale(self.dense(x))


def build_model():
    model = Net()
    model(keras.ops.ones((2, 3)))
    return model
