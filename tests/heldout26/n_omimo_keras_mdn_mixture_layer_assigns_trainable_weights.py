"""A mixture density network (MDN) output layer that creates three `Dense` heads (means, sigmas,
mixture weights) in `__init__` inside `tf.name_scope`, builds them by hand in `build()` and then
assigns `self.trainable_weights = ... + ... + ...` (and `self.non_trainable_weights`) to expose
their weights.

From omimo/Keras-MDN (`kmdn/mdn.py`, the probabilistic MDN layer the keras-mdn-layer package
credits as its starting point). The layer was written for Keras 1/2, where `trainable_weights` was a
plain attribute. On Keras 3 `trainable_weights` is a read-only property: the first call of the
layer (when the functional model is wired) raises `AttributeError` inside `build()`, so the MDN
model cannot be built at all. (The heads are also assigned before `super().__init__()`; on the
TensorFlow backend that part is tolerated.)

Porting edits: `keras.engine.topology.Layer` -> `keras.layers.Layer`; `merge([...], mode='concat')`
-> `keras.layers.concatenate([...])`; `K.exp` / `K.softmax` activations -> `keras.ops.exp` /
`keras.ops.softmax`; the loss function (`get_loss_func`, which uses TF1-only `tf.split_v` and
`tf.contrib`) and `get_output_shape_for` dropped; `build_model()` wires the README's usage (one hidden
`Dense` then `MDN(output_dim=1, num_mix=3)`) on 1-D inputs with 8 hidden units.
"""

SOURCE = "https://github.com/omimo/Keras-MDN/blob/a83df89d52b88dce219e36a47c65069ff047f240/kmdn/mdn.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/n_omimo_keras_mdn_mixture_layer_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'MDN' object has no setter"""

import keras
import tensorflow as tf
from keras import ops
from keras.layers import Dense, Layer


class MDN(Layer):
    def __init__(self, output_dim, num_mix, kernel='unigaussian', **kwargs):
        self.output_dim = output_dim
        self.kernel = kernel
        self.num_mix = num_mix

        with tf.name_scope('MDNLayer'):
            # self.inputs      = Input(shape=(input_dim,), dtype='float32', name='msn_input')
            self.mdn_mus     = Dense(self.num_mix * self.output_dim, name='mdn_mus')#(self.inputs)
            self.mdn_sigmas  = Dense(self.num_mix, activation=ops.exp, name='mdn_sigmas')#(self.inputs)
            self.mdn_pi      = Dense(self.num_mix, activation=ops.softmax, name='mdn_pi')#(self.inputs)

        super(MDN, self).__init__(**kwargs)

    def build(self, input_shape):
        # self.input_shape = input_shape

        self.mdn_mus.build(input_shape)
        self.mdn_sigmas.build(input_shape)
        self.mdn_pi.build(input_shape)

        self.trainable_weights = self.mdn_mus.trainable_weights + self.mdn_sigmas.trainable_weights + self.mdn_pi.trainable_weights


        self.non_trainable_weights = self.mdn_mus.non_trainable_weights + self.mdn_sigmas.non_trainable_weights + self.mdn_pi.non_trainable_weights

        self.built = True

    def call(self, x, mask=None):
        m = self.mdn_mus(x)
        s = self.mdn_sigmas(x)
        p = self.mdn_pi(x)

        with tf.name_scope('MDNLayer'):
            mdn_out = keras.layers.concatenate([m, s, p], name='mdn_out')
        return mdn_out

    def get_config(self):
        config = {'output_dim': self.output_dim,
                  'num_mix': self.num_mix,
                  'kernel': self.kernel}
        base_config = super(MDN, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    inp = keras.Input((1,))
    h = Dense(8, activation="tanh")(inp)
    out = MDN(output_dim=1, num_mix=3)(h)
    return keras.Model(inp, out)
