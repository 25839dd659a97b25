# LD003 foreign-variable: a tf.Variable in a layer whose base class comes from `from tensorflow.keras.layers import *`
import tensorflow as tf
from tensorflow.keras.layers import *  # noqa: F403 - the subject of this case

CASE, TITLE = "LD003w", "a tf.Variable in a layer whose Layer base is star-imported"
FEATURES = 8
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases2.py): LayerScale's gamma is not among its weights (0);
# ScaleWeight has 1 weight, its gamma.


class LayerScale(Layer):  # noqa: F405
    """Muon-Tomography-AI's ConvNeXt layer scale."""

    def __init__(self, init_values, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.init_values, self.projection_dim = init_values, projection_dim

    def build(self, input_shape):
        self.gamma = tf.Variable(self.init_values * tf.ones((self.projection_dim,)))  # LD003

    def call(self, x):
        return x * self.gamma


class ScaleWeight(Layer):  # noqa: F405
    def __init__(self, init_values, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.init_values, self.projection_dim = init_values, projection_dim

    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(self.projection_dim,), initializer="ones")

    def call(self, x):
        return x * self.gamma * self.init_values


def make_block():
    return [Dense(8), LayerScale(1e-6, 8), ScaleWeight(1e-6, 8)]  # noqa: F405
