"""Python Machine Learning 3rd ed., ch. 13: a `tf.keras.Model` linear regression keeps `w` and `b` as
`tf.Variable`s; on Keras 3 the model has no trainable weights, so `compile()`/`fit()` trains nothing.

From rasbt/python-machine-learning-book-3rd-edition, `ch13/ch13_part2.py` ("Building a linear regression
model"): `MyModel(tf.keras.Model)` sets `self.w = tf.Variable(0.0, name='weight')` and
`self.b = tf.Variable(0.0, name='bias')` in `__init__` and returns `self.w*x + self.b`. The book first trains
it with a hand-written GradientTape loop that names `[model.w, model.b]` explicitly (that part works on any
Keras), then re-creates the model and trains it with `model.compile(optimizer='sgd', loss=loss_fn)` and
`model.fit(...)`. A reader reported in the book's issue #179 (2025) that on current TensorFlow `fit` warns
"The model does not have any trainable weights" and the line never moves; switching to `tf.keras.Variable`
fixed it. The tf.Variables are TensorFlow-native variables that Keras 3 does not track (LD003).

Porting edits: none (plotting and the data set dropped). `build_model()` builds the model as the book does
(`model.build(input_shape=(None, 1))`) and returns it with a (4, 1) float input.
"""

SOURCE = "https://github.com/rasbt/python-machine-learning-book-3rd-edition/blob/13f86893aa2ec573d0fcc3f746951509a8e66dbf/ch13/ch13_part2.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/ax_rasbt_pml3_ch13_mymodel_tf_variable_weight_bias_fit_trains_nothing.py:
as returned: MyModel, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['weight:0', 'bias:0']
second call: 0 variables watched that the first call did not use
probe (probe_ax.py):
ax_rasbt_pml3_ch13_mymodel_tf_variable_w after fit(3 epochs): w = 0.0 b = 0.0 | trainable_weights: 0 | warnings: ['The model does not have any trainable weights.']"""

import numpy as np
import tensorflow as tf


class MyModel(tf.keras.Model):
    def __init__(self):
        super(MyModel, self).__init__()
        self.w = tf.Variable(0.0, name='weight')
        self.b = tf.Variable(0.0, name='bias')

    def call(self, x):
        return self.w*x + self.b


def loss_fn(y_true, y_pred):
    return tf.reduce_mean(tf.square(y_true - y_pred))


def build_model():
    model = MyModel()
    model.build(input_shape=(None, 1))
    x = np.linspace(-1.5, 1.5, 4, dtype="float32").reshape(4, 1)
    return model, x
