# LD001 raw-tensor-state: noise drawn once with the backend's `random_normal` (`K.random_normal`, named
# without a `random.` module) in a helper build() runs, kept on self (tests/heldout32, keras-only-RL's
# NoisyDense). Measured on Keras 3.15.1 + TF 2.21 (/tmp/p35/probe_static.py): e_i is an EagerTensor, not
# in layer.weights; the twin draws its noise in call() (no finding: a new draw on every call).
import keras
import tensorflow.keras.backend as K


class OnceNoisyDense(keras.layers.Layer):
    def build(self, input_shape):
        self.input_dim = input_shape[-1]
        self.mu = self.add_weight(shape=(self.input_dim, 3), name="mu")
        self.reset_noise()

    def reset_noise(self):
        self.e_i = K.random_normal((self.input_dim, 3))  # LD001

    def call(self, x):
        return keras.ops.matmul(x, self.mu + self.e_i)


class PerCallNoisyDense(keras.layers.Layer):
    def build(self, input_shape):
        self.mu = self.add_weight(shape=(input_shape[-1], 3), name="mu")

    def call(self, x):
        noise = K.random_normal(keras.ops.shape(self.mu))
        return keras.ops.matmul(x, self.mu + noise)


def build_model():
    inputs = keras.Input((4,))
    return keras.Model(inputs, [OnceNoisyDense()(inputs), PerCallNoisyDense()(inputs)])
