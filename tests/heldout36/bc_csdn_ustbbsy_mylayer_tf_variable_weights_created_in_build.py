"""A CSDN note on custom layers: MyLayer creates its weights in build() as `tf.Variable`s
(`self.w = tf.Variable(tf.random.normal(...))`, `self.b = tf.Variable(tf.zeros(...))`); Keras 3 tracks neither.

From a CSDN blog post ("自定义Layer") that explains, in the TF-guide style ("tf.keras.layers.Layer is the base of all
Keras layers, it inherits from tf.Module ... build is called once, with the input shape, to create the variables"),
a `MyLayer(out_features)` whose build() makes `w` and `b` with `tf.Variable` and whose call() returns
`tf.matmul(inputs, self.w) + self.b`. Under tf.keras 2 (which the post targets) a `tf.Variable` assigned to a layer
was tracked; on Keras 3 a backend-native variable on a layer is not (LD003): 0 params, no trainable weights, fit()
trains nothing and nothing is saved. Doubt kept as decided: the post's code follows the TF "Introduction to
modules" guide's build() example (the guide itself is another collection's source); the blog page is its own
source with its own class.

Porting edits: none. The post's usage after the class is cut off in the stored copy; `build_model()` wires
`MyLayer(out_features=3)` on a width-3 `keras.Input`, as the guide's companion example calls it.
"""

SOURCE = "https://blog.csdn.net/ustbbsy/article/details/115601489"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/bc/bc_csdn_ustbbsy_mylayer_tf_variable_weights_created_in_build.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['my_layer/w:0', 'my_layer/b:0']
params of the case's own layers: {'my_layer': 0}
second call: 0 variables watched that the first call did not use
probe (probe_bc.py): layer.w is a tf ResourceVariable, model.trainable_weights == []; fit() warns 'The model does
not have any trainable weights.' and w is unchanged after 2 epochs."""

import tensorflow as tf
import keras


class MyLayer(tf.keras.layers.Layer):
    # Note the added `**kwargs`, as Keras supports many arguments
    def __init__(self , out_features, **kwargs):
        super().__init__(**kwargs)
        self.out_features = out_features

    # 创建变量(权重)
    def build(self, input_shape):
        self.w = tf.Variable(
            tf.random.normal([input_shape[-1], self.out_features]),
            name='w'
        )
        self.b = tf.Variable(tf.zeros([self.out_features]),
                             name='b')

    # 定义前项传递的计算
    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():
    inputs = keras.Input((3,))
    outputs = MyLayer(out_features=3)(inputs)
    return keras.Model(inputs, outputs)
