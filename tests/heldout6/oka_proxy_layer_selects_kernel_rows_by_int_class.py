"""Correct: a Proxy-NCA style `Proxy` layer whose only input is an integer class id and whose output is the matching row of its trainable kernel.

The reporter wanted trainable weights inside the loss, so they wrote a layer "that contains weight
only": `Proxy` has a `(num_classes, 1024)` kernel and, given the class index of each sample
(`Input(shape=(1,))`), outputs `kernel[class]` next to the image embedding; the loss compares the
two. Their TF 1.6 version failed on `self.kernel[x[:, 0], :]` (fancy indexing); the working form
is a gather. A layer whose input is an integer id and which outputs its own weights looks like a
weight with no differentiable path from the data, but the gather is differentiable with respect
to the kernel (the rows that were picked get the gradient), so the proxies are counted and
trained. Written for Keras 3 (`ops.take`, `ops.cast`).
"""

SOURCE = "https://github.com/keras-team/keras/issues/9607"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oka_proxy_layer_selects_kernel_rows_by_int_class.py:
as returned: Functional, count_params() = 5549376, 5 weights, unbuilt: none
after call: count_params() = 5549376, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'proxy': 10240}
second call: 0 variables watched that the first call did not use"""

from keras import ops
from keras.layers import Conv2D, Dense, Flatten, Input, Layer, MaxPooling2D
from keras.models import Model


class Proxy(Layer):
    def __init__(self, num_classes, output_dim, **kwargs):
        self.num_classes = num_classes
        self.output_dim = output_dim
        super(Proxy, self).__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(self.num_classes, self.output_dim),
                                      initializer="uniform", trainable=True)
        super(Proxy, self).build(input_shape)

    def call(self, x):
        class_index = ops.cast(x[:, 0], "int32")
        proxy_of_class = ops.take(self.kernel, class_index, axis=0)
        return proxy_of_class

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)


def build_model():
    image = Input(shape=(28, 28, 1))
    label = Input(shape=(1,))
    x = Conv2D(32, (3, 3), activation="relu")(image)
    x = MaxPooling2D((2, 2))(x)
    x = Flatten()(x)
    embedding = Dense(1024)(x)
    proxy = Proxy(10, 1024, name="proxy")(label)
    model = Model(inputs=[image, label], outputs=[embedding, proxy])
    return model
