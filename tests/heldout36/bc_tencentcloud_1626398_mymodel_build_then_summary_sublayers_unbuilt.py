"""A blog's MyModel is "built" with `myModel.build(input_shape=(None, 784))` and summarised: on Keras 3 that build
runs no call(), so the summary shows 0 params and its four MyDense layers stay unbuilt until the first real call.
(Mined as a look-alike for its sublayer outputs stored in call() and its `add_variable`; relabelled LD005 at the
review: an explicit `Model.build(shape)` leaving sublayers unbuilt is issue 10's second family, see below.)

From a Tencent Cloud developer-community article ("自定义层需要继承tf.keras.layers.Layer类,重写init,build,call"):
MyDense creates `w` and `b` with `self.add_variable(name=..., shape=..., initializer=...)` in build() and returns
`input @ w + b` (a second, unreachable `return tf.nn.relu(...)` follows); MyModel holds four MyDense in __init__ and, in call(), assigns every intermediate output to
an attribute of the sublayer (`self.fc1.out`, ..., `self.fc4.out`) before returning `self.fc4.out`; the article then
runs `myModel.build(input_shape=(None, 784))` and `myModel.summary()`. Attributes set in call() and an old-style
`add_variable` look like state created in call (LD002) or untracked weights, but the assigned values are activations,
not weights, and `add_variable` is still a Keras 3 alias of `add_weight`. Doubt kept as decided: on Keras 3,
`Model.build(input_shape)` on a subclassed model without its own build() does not trace call(), so straight after the
article's build() the summary shows 0 params with the "unbuilt state" warning (the measurement's "as returned"
line); this is Keras 3's behaviour for any such subclassed model, and the first real call builds all four layers,
which then train. Relabelled at the review (stop 37) to LD005, the label this project gives that behaviour
(`model.build(shape)` before `summary()`/`load_weights()`: realworld and held-out cases of family 2); what the miner
measured stands. The sublayer outputs stored in call() and `add_variable` remain correct.

Porting edits: none to the classes.
`build_model()` does what the article does (construct, `build(input_shape=(None,784))`) and returns the model with a
(2, 784) input so the measurement also calls it.
"""

SOURCE = "https://cloud.tencent.com/developer/article/1626398"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/bc/okbc_tencentcloud_1626398_mymodel_sublayer_outputs_stored_as_attributes_in_call.py:
warning: `build()` was called on layer 'my_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
as returned: MyModel, count_params() = 0, 0 weights, unbuilt: ['MyDense:my_dense', 'MyDense:my_dense_1', 'MyDense:my_dense_2', 'MyDense:my_dense_3']
after call: count_params() = 567434, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_dense': 401920, 'my_dense_1': 131328, 'my_dense_2': 32896, 'my_dense_3': 1290}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class MyDense(tf.keras.layers.Layer):
    def __init__(self,units): # units 神经元个数
        super().__init__() # 必须写
        self.units = units

    def build(self,input_shape):
        self.w = self.add_variable(
            name="w",
            shape=[input_shape[-1],self.units],
            initializer = tf.initializers.RandomNormal()
        )
        self.b = self.add_variable(name="b",shape=[self.units],initializer = tf.initializers.Zeros()) # b一般是全0

    def call(self,input):
        # wx+b
        return input @ self.w + self.b
        return tf.nn.relu(input @ self.w + self.b)


class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.fc1 = MyDense(512)
        self.fc2 = MyDense(256)
        self.fc3 = MyDense(128)
        self.fc4 = MyDense(10)

    def call(self,input):
        self.fc1.out = self.fc1(input)
        self.fc2.out = self.fc2(self.fc1.out)
        self.fc3.out = self.fc3(self.fc2.out)
        self.fc4.out = self.fc4(self.fc3.out)
        return self.fc4.out


def build_model():
    myModel = MyModel()
    myModel.build(input_shape=(None,784))
    return myModel, np.random.default_rng(0).random((2, 784)).astype("float32")
