"""Dive into Deep Learning (TensorFlow tab), "Tied Parameters": one Dense instance listed twice in a
Sequential.

To show parameter tying, the book creates `shared = Dense(4, activation=relu)` and builds
`Sequential([Flatten(), shared, shared, Dense(1)])`, runs it on `X` of shape (2, 4) and checks
`len(net.layers) == 3`, with the comment "tf.keras ... removes the duplicate layer automatically".
On Keras 3 the duplicate is not removed (`len(net.layers)` is 4 and the shared Dense really runs
twice, the second time on its own 4-wide output), but that is exactly the tying the text wants: the
4x4 kernel fits both calls, the weights are counted once (20 + 5 = 25 params), and both uses contribute to
one gradient.  A layer reused in a Sequential looks like a copy-paste bug or a shape clash; here it
is correct (at most an LD007 note).
"""

SOURCE = ("https://github.com/d2l-ai/d2l-en/blob/903e460c2a2fafd2d9be43ad85d68223f79dd218/"
          "chapter_builders-guide/parameters.md")
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oko_d2l_sequential_same_dense_listed_twice.py:
as returned: Sequential, count_params() = 25, 4 weights, unbuilt: none
after call: count_params() = 25, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script: len(net.layers) == 4 on Keras 3 (the book's check `len(net.layers) == 3` prints False);
net(X) works for X of shape (2, 4)."""

import tensorflow as tf


def make_mlp():
    net = tf.keras.models.Sequential([
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(4, activation=tf.nn.relu),
        tf.keras.layers.Dense(1),
    ])
    return net


def build_model():
    X = tf.random.uniform((2, 4))
    # tf.keras behaves a bit differently. It removes the duplicate layer
    # automatically
    shared = tf.keras.layers.Dense(4, activation=tf.nn.relu)
    net = tf.keras.models.Sequential([
        tf.keras.layers.Flatten(),
        shared,
        shared,
        tf.keras.layers.Dense(1),
    ])
    net(X)
    return net, X.numpy()
