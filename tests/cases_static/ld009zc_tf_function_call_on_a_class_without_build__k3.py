# LD009 no-gradient: a Model or layer without build() whose call() is a @tf.function: sublayers made in __init__ get no gradient
# Measured on Keras 3.15.1 + TF 2.21 (each class made, called once eagerly, then a GradientTape over a second call;
# then a fresh one trained by the @tf.function train_step below): ValueHead (a keras.Model, @tf.function(...) with
# arguments) counts 193 params and gets a None gradient for 6 of 6 weights, and train_step raises ValueError ("No
# gradients provided for any variable"); SeqEncoder (a Layer, the decorator imported under another name): None for 2
# of 2. Without a build() Keras builds the class by tracing call() symbolically, and the graph keeps the sublayers'
# initial values. The twins train (None for 0 of 4, train_step runs): BuiltValueHead builds its sublayers in build(),
# EagerValueHead has no decorator on call() and is run by the traced train_step.
import keras
import tensorflow as tf
from keras import layers
from tensorflow import function as graph_fn

CASE, TITLE = "LD009zc", "`@tf.function def call(...)` on a Keras 3 Model without build(): weights counted, never trained"


class ValueHead(keras.Model):
    def __init__(self, hidden=16, **kwargs):
        super().__init__(**kwargs)
        self.trunk = layers.Dense(hidden, activation="relu")  # LD002  # LD009
        self.norm = layers.BatchNormalization()  # LD002  # LD009
        self.value = layers.Dense(1)  # LD002  # LD009

    @tf.function(reduce_retracing=True)
    def call(self, obs, training=False):
        return self.value(self.norm(self.trunk(obs), training=training))


class SeqEncoder(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv1D(filters, 3, padding="same")  # LD002  # LD009
        self.pool = layers.GlobalAveragePooling1D()

    @graph_fn
    def call(self, seq):
        return self.pool(self.conv(seq))


class BuiltValueHead(keras.Model):
    """Correct: build() builds every sublayer before the first (traced) call."""

    def __init__(self, hidden=16, **kwargs):
        super().__init__(**kwargs)
        self.trunk = layers.Dense(hidden, activation="relu")
        self.value = layers.Dense(1)

    def build(self, input_shape):
        self.trunk.build(input_shape)
        self.value.build((None, self.trunk.units))

    @tf.function
    def call(self, obs):
        return self.value(self.trunk(obs))


class EagerValueHead(keras.Model):
    """Correct: call() is not a tf.function; the train step around it is."""

    def __init__(self, hidden=16, **kwargs):
        super().__init__(**kwargs)
        self.trunk = layers.Dense(hidden, activation="relu")
        self.value = layers.Dense(1)

    def call(self, obs):
        return self.value(self.trunk(obs))


@tf.function
def train_step(model, optimizer, obs, target):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(obs) - target) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
