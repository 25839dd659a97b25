# LD009 no-gradient: the training loop of ld009zw written as a class's methods, the way trainers and builder
# classes group it: the loss reaches the model only through NumPy or Python values in a helper method called as
# `self.helper(...)` or `Steps.helper(...)` (held-out 40's Iris loop rewritten as a builder class, test_rewrites)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s41/probe_ld009zx.py): Trainer.train_step() and Steps.step() return a
# None gradient for every weight; LoggingTrainer.train_step() and Model.train_step() of Regressor give every weight
# a gradient (the NumPy values there only log).
import numpy as np
import tensorflow as tf
import keras


class Trainer:
    def __init__(self, model):
        self.model = model

    def per_sample_loss(self, x, y):
        predictions = self.model(x)
        losses = [float(keras.losses.mean_squared_error(y[i], predictions[i])) for i in range(len(y))]  # LD009
        return tf.convert_to_tensor(np.median(losses), dtype=tf.float32)

    def train_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.per_sample_loss(x, y)
        return tape.gradient(loss, self.model.trainable_variables)


class Steps:
    @staticmethod
    def spread(model, x):
        return np.std(model(x).numpy())  # LD009

    @staticmethod
    def step(model, x):
        with tf.GradientTape() as tape:
            loss = tf.constant(Steps.spread(model, x))
        return tape.gradient(loss, model.trainable_variables)


class LoggingTrainer:
    """Correct: the helper method returns the tensor loss; .numpy() only logs."""

    def __init__(self, model):
        self.model = model
        self.history = []

    def loss(self, x, y):
        predictions = self.model(x)
        self.history.append(float(np.mean(predictions.numpy())))
        return tf.reduce_mean(tf.square(predictions - y))

    def train_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss(x, y)
        return tape.gradient(loss, self.model.trainable_variables)


class Regressor(keras.Model):
    """Correct: a Model's own train_step (compiled with run_eagerly=True), a helper method for the loss, NumPy
    for a metric only."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)
        self.spreads = []

    def call(self, x):
        return self.dense(x)

    def squared_error(self, x, y):
        predictions = self(x)
        self.spreads.append(np.std(predictions.numpy()))
        return tf.reduce_mean(tf.square(predictions - y))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = self.squared_error(x, y)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        return {"loss": loss}
