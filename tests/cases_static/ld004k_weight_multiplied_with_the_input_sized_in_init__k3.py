# LD004 fixed-input-dim-in-init: a weight made in __init__ whose size call() meets with the input's width, under neutral names
"""The width a weight must have is shown by how call() uses it, whatever the parameter is called: a kernel
whose first axis is a constructor argument and that call() multiplies the input by (`tf.matmul(h, self.w)`,
uncertainty-baselines' graph attention layer, `node_feature_dim`), and vectors sized by an argument that call()
combines element by element with the input after elementwise steps on the vector (`tf.exp(tf.complex(-relu(
self.growth_rate), self.phase)) * z`, fv3net's StableDynamics). The twins meet their weights with the output
of their own Dense, whose width they set themselves.

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; each make_* layer called on its batch as given and
on one 30 wide; /tmp/s45/m2.py):
  make_graph_attention:   ok at width 27 (w (27, 8)); InvalidArgumentError (matmul) at width 30
  make_oscillator:        ok at width 16 (phase, growth_rate (16,)); InvalidArgumentError (mul) at width 30
  make_project_then_mix:  ok at widths 27 and 30 (twin)
  make_latent_decay:      ok at widths 27 and 30 (twin)
"""
import numpy as np
import tensorflow as tf
import keras


class GraphAttention(keras.layers.Layer):
    def __init__(self, node_feature_dim, out_dim):
        super().__init__()
        self.w = self.add_weight(name="w", shape=(node_feature_dim, out_dim))  # LD004
        self.a = self.add_weight(name="a", shape=(2 * out_dim, 1))

    def call(self, h):
        wh = tf.matmul(h, self.w)
        pair = tf.concat([wh, wh], axis=-1)
        return wh * tf.nn.sigmoid(tf.matmul(pair, self.a))


class Oscillator(keras.layers.Layer):
    def __init__(self, n):
        super().__init__()
        self.phase = self.add_weight(name="phase", shape=[n])  # LD004
        self.growth_rate = self.add_weight(name="growth_rate", shape=[n])  # LD004

    def call(self, z):
        decay = -tf.nn.relu(self.growth_rate)
        factor = tf.exp(tf.complex(decay, self.phase))
        return factor * z


class ProjectThenMix(keras.layers.Layer):
    def __init__(self, hidden, out_dim):
        super().__init__()
        self.proj = keras.layers.Dense(hidden)
        self.w = self.add_weight(name="w", shape=(hidden, out_dim))

    def call(self, x):
        return tf.matmul(self.proj(x), self.w)


class LatentDecay(keras.layers.Layer):
    def __init__(self, n):
        super().__init__()
        self.encode = keras.layers.Dense(n)
        self.rate = self.add_weight(name="rate", shape=[n])

    def call(self, x):
        return self.encode(x) * tf.exp(-tf.nn.relu(self.rate))


def make_graph_attention(width=27):
    return GraphAttention(27, 8), np.zeros((2, 5, width), "float32")


def make_oscillator(width=16):
    return Oscillator(16), tf.complex(np.zeros((2, width), "float32"), np.zeros((2, width), "float32"))


def make_project_then_mix(width=27):
    return ProjectThenMix(16, 8), np.zeros((2, width), "float32")


def make_latent_decay(width=27):
    return LatentDecay(16), np.zeros((2, width), "float32")
