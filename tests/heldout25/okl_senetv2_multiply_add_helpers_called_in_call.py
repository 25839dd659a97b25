"""SENetV2's aggregated squeeze-excitation block (`SEv2(tf.keras.Model)`): four parallel reduction
`Dense` branches and an excitation `Dense` made in `__init__`, and a `call()` that ends with
`tf.keras.layers.multiply([inp, x])` and `tf.keras.layers.add([inp, sc])`, i.e. builds a new
`Multiply` and a new `Add` layer on every call.

From mahendran-narayanan/SENetV2-Aggregated-dense-layer-for-channelwise-and-global-representations
(`se_v2.py`). Looks like the layers-created-in-`call()` trap, but the only things created per call
are the functional `multiply`/`add` helpers, which build weightless merge layers: on Keras 3 every
`Dense` of the block is tracked and counted, all get gradients, no variable is created after the
first call, and nothing that should be trained or saved is lost.

Porting edits: `tf.keras` -> `keras` (the `tf.concat`/`tf.reshape` ops kept); the block placed after
one 3x3 convolution of a small 8x8x64 classifier (`out=64`, so each reduction branch has
64 // 32 = 2 units) with global pooling and a 10-way softmax head.
"""

SOURCE = "https://github.com/mahendran-narayanan/SENetV2-Aggregated-dense-layer-for-channelwise-and-global-representations/blob/5a7dbc4d74009caba036e63ee2506b53e608e929/se_v2.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okl_senetv2_multiply_add_helpers_called_in_call.py:
as returned: Functional, count_params() = 38674, 14 weights, unbuilt: none
after call: count_params() = 38674, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'s_ev2': 1096}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25a/probe_se.py): SEv2 owns 10 weights / 1096 params (4 x (64*2+2) + 64*8+64); after
compile(sgd, categorical_crossentropy) and a 2-epoch fit all 10 SEv2 weights changed; count_params() unchanged
(38674) after fit, i.e. the per-call Multiply/Add layers add nothing."""

import tensorflow as tf
import keras


class SEv2(keras.Model):
    def __init__(self,out):
        super().__init__()
        self.out = out
        self.reduction = 32
        self.squeeze = keras.layers.GlobalAveragePooling2D()
        self.func1a = keras.layers.Dense(self.out//self.reduction,activation='relu')
        self.func1b = keras.layers.Dense(self.out//self.reduction,activation='relu')
        self.func1c = keras.layers.Dense(self.out//self.reduction,activation='relu')
        self.func1d = keras.layers.Dense(self.out//self.reduction,activation='relu')
        self.func2 = keras.layers.Dense(self.out,activation='sigmoid')

    def call(self,x):
        inp=x
        x = self.squeeze(x)
        x1 = self.func1a(x)
        x2 = self.func1b(x)
        x3 = self.func1c(x)
        x4 = self.func1d(x)
        x = tf.concat([x1,x2,x3,x4],1)
        x = self.func2(x)
        x = tf.reshape(x,[-1,1,1,self.out])
        sc = keras.layers.multiply([inp,x])
        res = keras.layers.add([inp,sc])
        return res


def build_model():
    images = keras.Input((8, 8, 64))
    x = keras.layers.Conv2D(64, 3, padding="same", activation="relu")(images)
    x = SEv2(64)(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(images, keras.layers.Dense(10, activation="softmax")(x))
