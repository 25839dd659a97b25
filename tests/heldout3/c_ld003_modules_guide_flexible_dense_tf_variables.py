"""The TF "Introduction to modules" guide's `FlexibleDense` makes its weights with `tf.Variable` in `build()`, inside a Keras model.

The guide (run on TF 2.16+, i.e. Keras 3; the PR fixes another Keras 3 break in the same guide)
subclasses `tf.keras.layers.Layer`, creates `self.w = tf.Variable(...)` and `self.b = tf.Variable(...)`
in `build(input_shape)`, and stacks two of them in a `tf.keras.Model`. Keras 3 does not track
`tf.Variable`s: the model reports no weights, and `fit` would train nothing.
"""

SOURCE = "https://github.com/tensorflow/docs/pull/2415"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld003_modules_guide_flexible_dense_tf_variables.py:
as returned: MySequentialModel, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 4 variables the model does not track: ['the_model/flexible_dense/w:0', 'the_model/flexible_dense/b:0', 'the_model/flexible_dense_1/w:0', 'the_model/flexible_dense_1/b:0']
params of the case's own layers: {'flexible_dense': 0, 'flexible_dense_1': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class FlexibleDense(tf.keras.layers.Layer):
    def __init__(self, out_features, **kwargs):
        super().__init__(**kwargs)
        self.out_features = out_features

    def build(self, input_shape):
        self.w = tf.Variable(tf.random.normal([input_shape[-1], self.out_features]), name="w")
        self.b = tf.Variable(tf.zeros([self.out_features]), name="b")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


class MySequentialModel(tf.keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense_1 = FlexibleDense(out_features=3)
        self.dense_2 = FlexibleDense(out_features=2)

    def call(self, x):
        return self.dense_2(self.dense_1(x))


def build_model():
    model = MySequentialModel(name="the_model")
    x = tf.constant([[2.0, 2.0, 2.0]])
    model(x)
    return model, x
