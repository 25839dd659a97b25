"""A StyleGAN `EqualizedDense` (equalized learning rate) computes its He constant with
`self.scale = tensorflow.sqrt(self.gain / fan_in)` in `build()` and keeps that tensor on the layer
for `call()`; the `AdaIN` layer creates two of them in its own `build()`.

From kayua/StyleGan-Tensorflow-Implementation (`Layers/AdaIN.py` and `Layers/EqualizedDense.py`, a
student port of the keras.io StyleGAN example). On Keras 3 a functional model builds its layers while
it traces them symbolically, inside a scratch TensorFlow graph: `self.scale` is then a symbolic
tensor of that graph (a `SymbolicTensor` of a `FuncGraph`), not a number. Wiring the model works and
counts the right 54 weights, but the first real call (`predict`, `fit`, a GradientTape step) fails
with "tf.Tensor 'equalized_dense/Sqrt:0' ... is out of scope and cannot be used here". The same layer
built by an eager call keeps an EagerTensor and runs, so the bug depends on how the model is built.
Not the bug: the two sublayers set to `None` in `__init__` and created in `build()` are tracked
(all four kernel/bias variables are in the model), and the kernel scaled in `call()` keeps its
variable.

Porting edits: `AdaIN` subclasses `tensorflow.python.layers.base.Layer` (the TF1 legacy base) and
`EqualizedDense` subclasses `layers.Layer` without importing `layers`; both now subclass
`keras.layers.Layer`. The two files are merged; `tensorflow` ops kept as written. Inputs: a
2 x 4 x 4 x 3 feature map and a 2 x 8 style vector; `build_model()` wires `AdaIN()([x, w])` in a
functional model, as the author's generator does.
"""

SOURCE = "https://github.com/kayua/StyleGan-Tensorflow-Implementation/blob/4a77c98aeff96b0399ef8c4b1bcd91c4601aa097/Layers/AdaIN.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/k_stylegan_equalized_dense_scale_tensor_kept_from_build.py:
as returned: Functional, count_params() = 54, 4 weights, unbuilt: none
call 1 raised TypeError: Exception encountered when calling EqualizedDense.call().
Own probe (/tmp/mine24/k/probe_ada2.py): after wiring, dense_1.scale is a SymbolicTensor of a FuncGraph;
the model tracks ada_in/equalized_dense/kernel, /bias, ada_in/equalized_dense_1/kernel, /bias;
model.predict(...) and model.fit(...) both raise TypeError "<tf.Tensor 'equalized_dense/Sqrt:0'
shape=() dtype=float32> is out of scope and cannot be used here"; an AdaIN built by an eager call on
tf.constant inputs runs (its scale is an EagerTensor)."""

import tensorflow
import keras
from keras import layers


class EqualizedDense(layers.Layer):
    def __init__(self, units, gain=2, learning_rate_multiplier=1, **kwargs):
        super(EqualizedDense, self).__init__(**kwargs)
        self.units = units
        self.gain = gain
        self.learning_rate_multiplier = learning_rate_multiplier

    def build(self, input_shape):
        self.in_channels = input_shape[-1]
        initializer = keras.initializers.RandomNormal(
            mean=0.0, stddev=1.0 / self.learning_rate_multiplier
        )
        self.w = self.add_weight(
            shape=[self.in_channels, self.units],
            initializer=initializer,
            trainable=True,
            name="kernel",
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="zeros", trainable=True, name="bias"
        )
        fan_in = self.in_channels
        self.scale = tensorflow.sqrt(self.gain / fan_in)

    def call(self, inputs):
        output = tensorflow.add(tensorflow.matmul(inputs, self.scale * self.w), self.b)
        return output * self.learning_rate_multiplier


class AdaIN(keras.layers.Layer):
    def __init__(self, gain=1, **kwargs):
        super(AdaIN, self).__init__(**kwargs)
        self.gain = gain
        self.w_channels = None
        self.x_channels = None
        self.dense_1 = None
        self.dense_2 = None

    def build(self, input_shapes):
        x_shape = input_shapes[0]
        w_shape = input_shapes[1]

        self.w_channels = w_shape[-1]
        self.x_channels = x_shape[-1]

        self.dense_1 = EqualizedDense(self.x_channels, gain=1)
        self.dense_2 = EqualizedDense(self.x_channels, gain=1)

    def call(self, inputs, **kwargs):
        x, w = inputs
        ys = tensorflow.reshape(self.dense_1(w), (-1, 1, 1, self.x_channels))
        yb = tensorflow.reshape(self.dense_2(w), (-1, 1, 1, self.x_channels))
        return ys * x + yb


def build_model():
    x = keras.Input(shape=(4, 4, 3))
    w = keras.Input(shape=(8,))
    out = AdaIN()([x, w])
    return keras.Model([x, w], out)
