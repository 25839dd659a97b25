# LD005 unbuilt-sublayer: a Model whose forward pass overrides __call__ instead of call() and never applies
# one of its sublayers (tests/heldout26 aymericdamien CustomNet's `out` head)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f31/measure_ld005zd.py):
# HeadForgotten: after net(x), net.out.built is False, the model holds 2 weights (the head's are missing)
# and its output has 8 features, not 3 (an error). Twin AllApplied (every sublayer applied in __call__):
# out built, 4 weights, output (2, 3). (count_params() raises ValueError on both: overriding __call__ skips
# Keras's, so the Model itself is never marked built; its sublayers are.)
import tensorflow as tf
from tensorflow.keras import Model, layers

CASE, TITLE = "LD005zd", "a sublayer a forward pass written as __call__ never applies"


class HeadForgotten(Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(8)
        self.out = layers.Dense(3, activation=tf.nn.softmax)  # LD005

    def __call__(self, x, is_training=False, **kwargs):
        x = tf.nn.relu(self.hidden(x))
        if not is_training:
            x = tf.nn.softmax(x)
        return x


class AllApplied(Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(8)
        self.out = layers.Dense(3)

    def __call__(self, x, is_training=False, **kwargs):
        return self.out(tf.nn.relu(self.hidden(x)))
