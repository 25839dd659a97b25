"""Lambda layer used to "turn TF ops into a Keras tensor", computing a projection with tf.Variables and a Dense built outside it.

The user implemented a block of raw TensorFlow operations inside a Lambda layer and found that "this
layer has no weights in my model", asking how to train the Lambda and load its weights. The answer
in the thread: only layers with weights are trained. Written as users do: weights made as
tf.Variables and a Dense created next to the model-building function, captured by the function
the Lambda wraps. Keras 3 runs it silently; none of the captured weights are counted, trained or saved.
"""

SOURCE = "https://github.com/keras-team/keras/issues/11430"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py t_lambda_wraps_outside_weights.py:
as returned: Functional, count_params() = 195, 4 weights, unbuilt: none
after call: count_params() = 195, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 4 variables the model does not track: ['att_pool_W:0', 'att_pool_u:0', 'att_pool/kernel:0', 'att_pool/bias:0']
second call: 0 variables watched that the first call did not use
(the Lambda's captured tf.Variables and Dense (12*12+12 + 144 + 12 = 312 values) are used but untracked)"""

import keras
import tensorflow as tf


def make_attention_pooling(dim, name="att_pool"):
    """Additive attention pooling over time, written with plain TF ops."""
    w_att = tf.Variable(tf.random.normal((dim, dim), stddev=0.05), name=f"{name}_W")
    context = tf.Variable(tf.random.normal((dim, 1), stddev=0.05), name=f"{name}_u")
    proj = keras.layers.Dense(dim, activation="tanh", name=f"{name}_proj")

    def att_pool(x):
        h = proj(x)                                   # (batch, time, dim)
        scores = tf.tensordot(tf.tanh(tf.tensordot(h, w_att, axes=1)), context, axes=1)
        alphas = tf.nn.softmax(scores, axis=1)        # (batch, time, 1)
        return tf.reduce_sum(alphas * x, axis=1)

    return keras.layers.Lambda(att_pool, name=name)


def build_model(timesteps=7, dim=12, n_classes=3):
    inputs = keras.Input(shape=(timesteps, dim))
    x = keras.layers.Dense(dim, activation="relu")(inputs)
    x = make_attention_pooling(dim)(x)
    outputs = keras.layers.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)
