"""Bilingual study notebook of the tf.keras subclassing guide: ComputeSum keeps its running total in a tf.Variable.

A personal English/Chinese notebook that works through the TF2-era guide "Making new Layers and Models via
subclassing". Its first `Linear` stores `w`/`b` as `tf.Variable(..., trainable=True)`; the notebook then
redefines `Linear` twice (add_weight in `__init__`, then add_weight in `build`) and composes the last one into
`MLPBlock`, which is fine. The cell "Layers can have non-trainable weights" however keeps
`self.total = tf.Variable(initial_value=tf.zeros((input_dim,)), trainable=False)` and the notebook's recorded
output says `weights: 1 / non-trainable weights: 1`. Rerun on Keras 3 the same cell prints 0 and 0: the
backend-native tf.Variable is not a Keras variable, so the accumulator is not in `layer.weights`, not in
`non_trainable_weights`, and not saved with the layer.
"""

SOURCE = "https://github.com/Carloszone/Tensorflow-Keras-tutorial-Tensorflow-Keras-"  # file: Keras/Making new Layers and Models via subclassing.ipynb
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py n_tutorial_notes_computesum_tf_variable.py:
as returned: ComputeSum, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(running the file's __main__, i.e. the notebook cells: 'weights: 0', 'non-trainable weights: 0' where the notebook recorded 1 and 1 under tf.keras 2; the MLPBlock built from the redefined add_weight Linear has 6 weights, correct.)"""

import tensorflow as tf
from tensorflow import keras


class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32):
        super(Linear, self).__init__()
        w_init = tf.random_normal_initializer()
        self.w = tf.Variable(
            initial_value=w_init(shape=(input_dim, units), dtype="float32"),
            trainable=True,
        )
        b_init = tf.zeros_initializer()
        self.b = tf.Variable(
            initial_value=b_init(shape=(units,), dtype="float32"), trainable=True
        )

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


# to add and use a non-trainable weight
# 加入并使用不可训练的权重
class ComputeSum(keras.layers.Layer):
    def __init__(self, input_dim):
        super(ComputeSum, self).__init__()
        self.total = tf.Variable(initial_value=tf.zeros((input_dim,)), trainable=False)

    def call(self, inputs):
        self.total.assign_add(tf.reduce_sum(inputs, axis=0))
        return self.total


# Best practice: deferring weight creation until the shape of the inputs is known
# 最佳实践：推迟生成权重
class Linear(keras.layers.Layer):  # noqa: F811 - the notebook redefines it, as the guide does
    def __init__(self, units=32):
        super(Linear, self).__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer="random_normal",
            trainable=True,
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="random_normal", trainable=True
        )

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


# Let's assume we are reusing the Linear class with a `build` method that we defined above.
class MLPBlock(keras.layers.Layer):
    def __init__(self):
        super(MLPBlock, self).__init__()
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(32)
        self.linear_3 = Linear(1)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = tf.nn.relu(x)
        x = self.linear_2(x)
        x = tf.nn.relu(x)
        return self.linear_3(x)


def build_model():
    x = tf.ones((2, 2))
    my_sum = ComputeSum(2)
    y = my_sum(x)
    y = my_sum(x)
    return my_sum, x


if __name__ == "__main__":
    my_sum, x = build_model()
    print("weights:", len(my_sum.weights))
    print("non-trainable weights:", len(my_sum.non_trainable_weights))
    print("trainable_weights:", my_sum.trainable_weights)
    mlp = MLPBlock()
    y = mlp(tf.ones(shape=(3, 64)))
    print("weights:", len(mlp.weights))
