"""An additive-margin softmax head that replaces `self.kernel` with its L2-normalised copy inside `call()`.

The issue reports a Keras AM-Softmax port that "converges very slowly" (its code is shown as
screenshots). The Keras AMSoftmax layer circulating in many repositories normalises the inputs
and then writes `self.kernel = tf.nn.l2_normalize(self.kernel, dim=0)` in `call`, so after the
first call the attribute holds a tensor instead of the variable. Written for Keras 3 on a face
embedding head.
"""

SOURCE = "https://github.com/Joker316701882/Additive-Margin-Softmax/issues/9"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_frozen_amsoftmax_kernel_normalized_in_call.py:
as returned: Functional, count_params() = 688, 3 weights, unbuilt: none
call 1 raised TypeError: Exception encountered when calling AMSoftmax.call().
extra check (python -c: build_model(), then model(np.ones((2, 32)))): the same TypeError, "The tensor
<tf.Tensor 'l2_normalize_1:0' shape=(16, 10)> cannot be accessed from here, because it was defined in
FuncGraph(name=scratch_graph)": the wiring-time call replaced `kernel` by a tensor of the tracing graph"""

import keras
import tensorflow as tf


class AMSoftmax(keras.layers.Layer):
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[1], self.output_dim),
                                      initializer="glorot_uniform", trainable=True)

    def call(self, inputs):
        inputs = tf.nn.l2_normalize(inputs, axis=1)
        self.kernel = tf.nn.l2_normalize(self.kernel, axis=0)
        return tf.matmul(inputs, self.kernel)


def build_model():
    faces = keras.Input((32,))
    embedding = keras.layers.Dense(16)(faces)
    cosine = AMSoftmax(10)(embedding)
    return keras.Model(faces, cosine)
