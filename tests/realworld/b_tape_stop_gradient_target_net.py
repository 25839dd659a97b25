"""Two networks in one model, the second behind `stop_gradient`: its trainable weights get `None` gradients.

tensorflow#33095: one model's weights are updated from the output of another model wrapped in
`tf.stop_gradient()`. On TF 1.14 this worked; on TF 2.0 the optimizer "tries to compute gradient
for the stop_gradient() model" and raises "has `None` for gradient". Both sub-networks are
attributes of the trained model, so `model.trainable_variables` includes the weights that the
`stop_gradient` cuts off.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/33095"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 326 (policy 163 + teacher 163); under GradientTape on a (2, 6) batch the four
teacher weights get a None gradient, the policy weights get gradients; train_step below warns
"Gradients do not exist for variables ['distiller/teacher/dense_2/kernel', ...bias,
'distiller/teacher/dense_3/kernel', ...bias] when minimizing the loss. If using `model.compile()`,
did you forget to provide a `loss` argument?" and leaves the teacher unchanged (random targets)."""

import tensorflow as tf

import keras
from keras import layers


def mlp(name):
    return keras.Sequential(
        [layers.Dense(16, activation="relu"), layers.Dense(3)], name=name
    )


class Distiller(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.policy = mlp("policy")
        self.teacher = mlp("teacher")

    def call(self, obs):
        target = tf.stop_gradient(self.teacher(obs))
        return self.policy(obs) - target


optimizer = keras.optimizers.Adam(1e-3)


def train_step(model, obs):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(obs)))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def build_model():
    model = Distiller()
    model(tf.zeros((1, 6)))
    return model
