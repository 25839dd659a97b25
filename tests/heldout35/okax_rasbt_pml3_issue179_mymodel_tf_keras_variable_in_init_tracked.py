"""The fix a reader posted for the book's linear-regression `tf.keras.Model`: `tf.keras.Variable` instead of
`tf.Variable` in `__init__`; on Keras 3 both scalars are tracked, counted and trained by `fit`.

From rasbt/python-machine-learning-book-3rd-edition issue #179 ("Chapter 13 Part 2 MyModel Fix", 2025): the
reader found that ch. 13's `MyModel` with `tf.Variable` weights does not train under `fit()` on current
TensorFlow (the buggy twin of this case is `ax_rasbt_pml3_ch13_...`) and posted the fixed class: the same
model with `self.w = tf.keras.Variable(0.0, name='weight')` and `self.b = tf.keras.Variable(0.0,
name='bias')` in `__init__`, `call` returning `self.w*x + self.b`.

Why it looks buggy: variables built by hand in `__init__` with a `Variable(...)` constructor (not
`add_weight`) on a model, with no `build()`: the shape of LD003 and LD001 to a checker that matches on the
constructor name. On Keras 3 `tf.keras.Variable` is `keras.Variable`, a Keras variable: it is tracked when
assigned to the model.

Porting edits: none. `build_model()` builds the model as the book does (`model.build((None, 1))`) and returns
it with a (4, 1) float input.
"""

SOURCE = "https://github.com/rasbt/python-machine-learning-book-3rd-edition/issues/179"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/okax_rasbt_pml3_issue179_mymodel_tf_keras_variable_in_init_tracked.py:
as returned: MyModel, count_params() = 2, 2 weights, unbuilt: none
after call: count_params() = 2, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_ax.py):
okax_rasbt_pml3_issue179_mymodel_tf_kera after fit(3 epochs): w = 1.2612491846084595 b = 2.2655317783355713 | trainable_weights: 2 | warnings: []"""

import numpy as np
import tensorflow as tf


class MyModel(tf.keras.Model):
    def __init__(self):
        super(MyModel, self).__init__()
        self.w = tf.keras.Variable(0.0, name='weight')
        self.b = tf.keras.Variable(0.0, name='bias')

    def call(self, x):
        return self.w*x + self.b


def build_model():
    model = MyModel()
    model.build(input_shape=(None, 1))
    x = np.linspace(-1.5, 1.5, 4, dtype="float32").reshape(4, 1)
    return model, x
