"""A study notebook's subclassed Model overrides build() with only super().build(input_shape).

The notebook (tf 2.x era, comments translated) explores "how a tf.keras.Model gets hold of its
variables". Its third model keeps two Dense layers as attributes, a third Dense inside a list
(`self.my_layers.append(Dense(1))`) and a bare `tf.Variable` (`a_useless_var`). Its build() has the
per-layer building commented out ("or you can simply do this") and calls only
`super().build(input_shape)`; the notebook then calls `model.build(TensorShape([None, 10]))` and
prints `trainable_variables`, which in tf.keras 2 listed all seven variables. On Keras 3 the same
code leaves every Dense unbuilt (Total params: 0, `trainable_variables == []`) until the model is
first called on data, and the tf.Variable is never tracked at all.
"""

SOURCE = "https://github.com/dominic-z/python-tool-demo/blob/f3a41055c963447f4ac443abab5ce31f64c9b48d/tensorflow-demo/tensorflow2-demo/api_demo/tf.keras/tf.keras.Model.ipynb"
CODES = ("LD005", "LD003")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py v_notebook_model_build_calls_super_only.py:
as returned: MyModelWithModelBuild, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2']
after call: count_params() = 31, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine9a/nb.py): right after my_model.build(TensorShape([None, 10])) trainable_variables == [] and summary() shows dense, dense_1, dense_2 as '0 (unbuilt)', Total params: 0, no warning printed; only a call on data builds them (31 params, 6 weights). a_useless_var (tf.Variable) is never in model.weights, before or after the call."""

# How tf.keras.Model ends up holding all of its variables
import numpy as np
import tensorflow as tf


class MyModelWithModelBuild(tf.keras.Model):
    def __init__(self):
        super(MyModelWithModelBuild, self).__init__()
        self.dense_layer1 = tf.keras.layers.Dense(units=2)
        self.dense_layer2 = tf.keras.layers.Dense(units=2)

        self.my_layers = list()
        self.my_layers.append(tf.keras.layers.Dense(units=1))  # this layer is held by a list
        self.a_useless_var = tf.Variable([1.1])

    def build(self, input_shape):
        # note how build is written; it can be done as in the comments:
        # self.dense_layer1.build(input_shape)
        # output_shape = self.dense_layer1.compute_output_shape(input_shape)
        # self.dense_layer2.build(output_shape)
        # output_shape = self.dense_layer2.compute_output_shape(output_shape)
        # self.my_layers[0].build(output_shape)
        # self.built = True  # set built by hand when done, or trainable_variables is unavailable

        # or you can simply do this
        super(MyModelWithModelBuild, self).build(input_shape)

    def call(self, inputs, training=None, mask=None):
        output = self.dense_layer1(inputs)
        output = self.dense_layer2(output)
        output = self.my_layers[0](output)
        return output


def build_model():
    input_batch = np.reshape(np.random.random(100), (10, 10)).astype(np.float32)
    my_model = MyModelWithModelBuild()
    # after build, trainable_variables should return every variable built in build()
    my_model.build(tf.TensorShape([None, 10]))
    return my_model, input_batch
