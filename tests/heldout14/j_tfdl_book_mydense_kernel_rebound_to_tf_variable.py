"""A reader of 《TensorFlow深度学习》 (ch. 8.4, custom layers) keeps both spellings of the kernel: an
`add_variable` weight and, on the next line, a `tf.Variable` bound to the same attribute.

The book shows `self.kernel = self.add_variable('w', [inp_dim, outp_dim], trainable=True)` and then,
as an aside, that a `tf.Variable(..., trainable=False)` can be made instead. The reader's
`chap8Keras高层接口/8.4demo.py` writes both lines in `MyDense.__init__`, so the Keras weight `w` is
shadowed by a backend-native `tf.Variable` that `call()` actually multiplies with; the reader then
prints `net.variables, net.trainable_variables` and stacks five `MyDense` into a subclassed model.
On Keras 3 the `tf.Variable` is not tracked at all (not counted, not saved, never trained), while the
tracked `w` is counted but no longer reached by `call()`.

Porting edits: `add_variable('w', shape, ...)` became `add_weight(name='w', shape=...)` (the Keras 3
`add_variable` takes `shape` first); the author's `trainable=False` on the `add_variable` line is kept;
MNIST loading/fit removed; sizes shrunk (784 -> 32 inputs).
"""

SOURCE = "https://github.com/chariotrequiem/deep-learning/blob/master/chap8Keras高层接口/8.4demo.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py j_tfdl_book_mydense_kernel_rebound_to_tf_variable.py:
as returned: MyModel, count_params() = 51520, 5 weights, unbuilt: none
after call: count_params() = 51520, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_dense': 8192, 'my_dense_1': 32768, 'my_dense_2': 8192, 'my_dense_3': 2048, 'my_dense_4': 320}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14b/p1.py, one MyDense(4, 3)): net.weights == ['my_dense/w'] (the tf.Variable is
absent); with trainable=True on the add_weight line the gradient for 'w' is None; tape.watched_variables()
is [] (the tf.Variable actually used is trainable=False, the tracked 'w' is never read)."""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

IN_DIM = 32


class MyDense(layers.Layer):
    # 自定义网络层
    def __init__(self, inp_dim, outp_dim):
        super().__init__()
        # 创建权值张量并添加到类管理列表中，设置为需要优化
        self.kernel = self.add_weight(name='w', shape=[inp_dim, outp_dim], trainable=False)
        self.kernel = tf.Variable(tf.random.normal([inp_dim, outp_dim]), trainable=False)

    def call(self, inputs, training=None):
        # 实现自定义类的前向逻辑运算
        # X@W
        out = inputs @ self.kernel
        # 执行激活函数运算
        out = tf.nn.relu(out)
        return out


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.fc1 = MyDense(IN_DIM, 256)
        self.fc2 = MyDense(256, 128)
        self.fc3 = MyDense(128, 64)
        self.fc4 = MyDense(64, 32)
        self.fc5 = MyDense(32, 10)

    # 实现自定义网络的前向运算逻辑
    def call(self, inputs, training=None, mask=None):
        x = self.fc1(inputs)
        x = self.fc2(x)
        x = self.fc3(x)
        x = self.fc4(x)
        x = self.fc5(x)
        return x


def build_model():
    import numpy as np

    model = MyModel()
    x = np.random.default_rng(0).random((2, IN_DIM)).astype("float32")
    model(x)
    return model, x
