"""The TensorFlow guide "Introduction to modules, layers, and models": a Keras layer whose build() makes `tf.Variable`s, used in a subclassed Keras model; on Keras 3 none of them is tracked.

The guide first writes `tf.Module` classes with `tf.Variable`s, then says Keras layers are
modules too and converts the example: `FlexibleDense(tf.keras.layers.Layer)` keeps the
`tf.Variable(tf.random.normal(...))` kernel and bias but creates them in `build(input_shape)`,
and `MySequentialModel(tf.keras.Model)` holds two of them. The guide prints
`my_sequential_model.variables` and `summary()`. With TF 2.16+ (`tf.keras` is Keras 3) the
variables are backend-native: the model reports 0 params, `trainable_weights` is empty and fit
updates nothing.
"""

SOURCE = "https://www.tensorflow.org/guide/intro_to_modules"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py s_tf_guide_flexible_dense_tf_variable.py:
as returned: MySequentialModel, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 4 variables the model does not track: ['my_sequential_model/flexible_dense/w:0', 'my_sequential_model/flexible_dense/b:0', 'my_sequential_model/flexible_dense_1/w:0', 'my_sequential_model/flexible_dense_1/b:0']
params of the case's own layers: {'flexible_dense': 0, 'flexible_dense_1': 0}
second call: 0 variables watched that the first call did not use
the four tf.Variables are used in the call (output depends on them) but the model has 0 params and 0 trainable weights."""

import tensorflow as tf


class FlexibleDenseModule(tf.Module):
    # Note: No need for `in_features`
    def __init__(self, out_features, name=None):
        super().__init__(name=name)
        self.is_built = False
        self.out_features = out_features

    def __call__(self, x):
        # Create variables on first call.
        if not self.is_built:
            self.w = tf.Variable(
                tf.random.normal([x.shape[-1], self.out_features]), name='w')
            self.b = tf.Variable(tf.zeros([self.out_features]), name='b')
            self.is_built = True

        y = tf.matmul(x, self.w) + self.b
        return tf.nn.relu(y)


class FlexibleDense(tf.keras.layers.Layer):
    # Note the added `**kwargs`, as Keras supports many arguments
    def __init__(self, out_features, **kwargs):
        super().__init__(**kwargs)
        self.out_features = out_features

    def build(self, input_shape):  # Create the state of the layer (weights)
        self.w = tf.Variable(
            tf.random.normal([input_shape[-1], self.out_features]), name='w')
        self.b = tf.Variable(tf.zeros([self.out_features]), name='b')

    def call(self, inputs):  # Defines the computation from inputs to outputs
        return tf.matmul(inputs, self.w) + self.b


class MySequentialModel(tf.keras.Model):
    def __init__(self, name=None, **kwargs):
        super().__init__(**kwargs)

        self.dense_1 = FlexibleDense(out_features=3)
        self.dense_2 = FlexibleDense(out_features=2)

    def call(self, x):
        x = self.dense_1(x)
        return self.dense_2(x)


def build_model():
    # You have made a Keras model!
    my_sequential_model = MySequentialModel(name="the_model")
    x = tf.constant([[2.0, 2.0, 2.0]])
    my_sequential_model(x)
    return my_sequential_model, x
