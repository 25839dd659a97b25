# LD009 no-gradient: a weight read only in build(), to compute a tensor kept on self that a loss outside
# the class reads on an instance (tests/heldout22 DCA ConstantDispersionLayer)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f21/measure_ld009zk.py): with the loss
# built on disp.theta_exp, tape.gradient(loss, disp.theta) is None; with the loss built on
# prop.theta_exp (a property that reads the weight when the loss runs) and on live.theta (read in call()
# too), the gradient is not None.
import tensorflow as tf
from keras import layers


class Dispersion(layers.Layer):
    def build(self, input_shape):
        self.theta = self.add_weight(shape=(1, input_shape[-1]), initializer="zeros", name="theta")  # LD009
        self.theta_exp = tf.clip_by_value(tf.exp(self.theta), 1e-3, 1e4)

    def call(self, x):
        return tf.identity(x)


class DispersionProperty(layers.Layer):
    def build(self, input_shape):
        self.theta = self.add_weight(shape=(1, input_shape[-1]), initializer="zeros", name="theta")

    @property
    def theta_exp(self):
        return tf.clip_by_value(tf.exp(self.theta), 1e-3, 1e4)

    def call(self, x):
        return tf.identity(x)


class LiveDispersion(layers.Layer):
    def build(self, input_shape):
        self.theta = self.add_weight(shape=(1, input_shape[-1]), initializer="zeros", name="theta")
        self.theta_start = tf.exp(self.theta)

    def call(self, x):
        return x * tf.exp(self.theta)


def nb_like_loss(theta):
    def loss(y_true, y_pred):
        return tf.reduce_mean(tf.math.lgamma(theta + y_true) - tf.math.lgamma(theta) + y_pred)
    return loss


def losses(x):
    disp, prop, live = Dispersion(), DispersionProperty(), LiveDispersion()
    disp(x), prop(x), live(x)
    return {"copy": (disp, nb_like_loss(disp.theta_exp)), "property": (prop, lambda: nb_like_loss(prop.theta_exp)),
            "live": (live, nb_like_loss(live.theta))}
