"""StyleGAN2 `Conv2DMod` (modulated/demodulated convolution) takes `[features, style]`, creates its kernel in
`build()` from `input_shape[0]`, rewrites `self.input_spec` there and sets `self.built = True` without
`super().build()`; the generator block feeds it styles from `Dense` layers and wraps helpers in `Lambda`s. It
looks like several catalog patterns, but on Keras 3 every kernel is tracked, counted and gets a gradient.

From manicman1999/StyleGAN2-Tensorflow-2.0 (`conv_mod.py`, used by `stylegan_two.py`'s `g_block`), a widely
copied Keras StyleGAN2. The kernel is made with `add_weight` in `build`; the per-sample style is applied to a
batch-expanded copy of the kernel in `call()` (a derived tensor, not a reassignment of `self.kernel`), then the
batch is folded into groups of a single `tf.nn.conv2d`. The `Lambda`s in `g_block` (`upsample`,
`crop_to_fit`) capture no state. Myths covered: no `super().build()`, a hand-set `built` flag, and state-free
Lambdas next to custom weights.

Porting edits: one to `Conv2DMod`: `compute_output_shape` returned `(input_shape[0],) + ...`, i.e. the whole
first input shape as the batch entry; tf.keras 2 never called it while building the functional graph, Keras 3
does and raised "Cannot convert '8' to a shape", so it reads `(input_shape[0][0],)`. The rest is kept (with `tensorflow.keras.backend as K` and
`tensorflow.python.keras.utils.conv_utils`, both still importable under TF 2.21). `build_model()` writes one
`g_block` as the author did (u=True: bilinear upsample Lambda, style Dense, noise crop Lambda, zero-init noise
Dense, two Conv2DMod, the to-RGB Conv2DMod with demod=False) at 4x4 -> 8x8 with 8 filters; the author's
`output_shape=[None, 2h, 2w, None]` argument of the upsample Lambda is dropped (Keras 3 takes it literally, so
the unknown channel axis reached Conv2DMod.build and raised "channel dimension ... Found `None`"; tf.keras 2
inferred the shape by tracing, as Keras 3 does without the argument) and the block returns the features and RGB output directly instead of through the author's
`upsample_to_size` Lambda that needs the global `im_size`.
"""

SOURCE = "https://github.com/manicman1999/StyleGAN2-Tensorflow-2.0/blob/0cfef2b32bcd6a3eeb0deba185ae251e6e1194bf/conv_mod.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/okar_stylegan2tf2_conv2dmod_built_flag_input_spec_list.py:
as returned: Functional, count_params() = 1616, 13 weights, unbuilt: none
after call: count_params() = 1616, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv2d_mod': 576, 'conv2d_mod_1': 576, 'conv2d_mod_2': 24}
second call: 0 variables watched that the first call did not use"""

from tensorflow.keras import backend as K
from tensorflow.keras import initializers, regularizers, constraints
from tensorflow.keras.layers import Layer, InputSpec
from tensorflow.python.keras.utils import conv_utils
import tensorflow as tf


class Conv2DMod(Layer):

    def __init__(self,
                 filters,
                 kernel_size,
                 strides=1,
                 padding='valid',
                 dilation_rate=1,
                 kernel_initializer='glorot_uniform',
                 kernel_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 demod=True,
                 **kwargs):
        super(Conv2DMod, self).__init__(**kwargs)
        self.filters = filters
        self.rank = 2
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, 2, 'kernel_size')
        self.strides = conv_utils.normalize_tuple(strides, 2, 'strides')
        self.padding = conv_utils.normalize_padding(padding)
        self.dilation_rate = conv_utils.normalize_tuple(dilation_rate, 2, 'dilation_rate')
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.demod = demod
        self.input_spec = [InputSpec(ndim = 4),
                            InputSpec(ndim = 2)]

    def build(self, input_shape):
        channel_axis = -1
        if input_shape[0][channel_axis] is None:
            raise ValueError('The channel dimension of the inputs '
                             'should be defined. Found `None`.')
        input_dim = input_shape[0][channel_axis]
        kernel_shape = self.kernel_size + (input_dim, self.filters)

        if input_shape[1][-1] != input_dim:
            raise ValueError('The last dimension of modulation input should be equal to input dimension.')

        self.kernel = self.add_weight(shape=kernel_shape,
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)

        # Set input spec.
        self.input_spec = [InputSpec(ndim=4, axes={channel_axis: input_dim}),
                            InputSpec(ndim=2)]
        self.built = True

    def call(self, inputs):

        # Make w's shape compatible with self.kernel
        # Kernel's weight is (3, 3, input_maps, output_maps)
        # Change w to (batch_size, 1, 1, scales, 1)
        inp_mods = K.expand_dims(K.expand_dims(K.expand_dims(inputs[1], axis = 1), axis = 1), axis = -1)

        #Add minibatch layer to weights: (1, 3, 3, input_maps, output_maps)
        my_kernel = K.expand_dims(self.kernel, axis = 0)

        #Modulate (scale) kernels [bs, 3, 3, input_maps, output_maps]
        weights = my_kernel * (inp_mods+1)

        #Demodulate
        if self.demod:
            #Get variance by each output channel
            d = K.sqrt(K.sum(K.square(weights), axis=[1,2,3], keepdims = True) + 1e-8)
            weights = weights / d

        #Fuse kernels and fuse inputs
        x = tf.transpose(inputs[0], [0, 3, 1, 2]) #[BHWC] -> [BCHW]
        x = tf.reshape(x, [1, -1, x.shape[2], x.shape[3]]) # [1, if*bs, h, w]

        #Kernel should be 3x3, from inp_fil*bs, out_fil

        w = tf.transpose(weights, [1, 2, 3, 0, 4]) #[3, 3, input_maps, bs, output_maps]
        w = tf.reshape(w, [weights.shape[1], weights.shape[2], weights.shape[3], -1]) #[3, 3, input_maps, output_maps*batch_size]

        x = tf.nn.conv2d(x, w,
                strides=self.strides,
                padding="SAME",
                data_format="NCHW")

        #Un-fuse output
        x = tf.reshape(x, [-1, self.filters, tf.shape(x)[2], tf.shape(x)[3]]) # Fused => reshape convolution groups back to minibatch.
        x = tf.transpose(x, [0, 2, 3, 1])

        return x

    def compute_output_shape(self, input_shape):
        space = input_shape[0][1:-1]
        new_space = []
        for i in range(len(space)):
            new_dim = conv_utils.conv_output_length(
                space[i],
                self.kernel_size[i],
                padding=self.padding,
                stride=self.strides[i],
                dilation=self.dilation_rate[i])
            new_space.append(new_dim)

        return (input_shape[0][0],) + tuple(new_space) + (self.filters,)

    def get_config(self):
        config = {
            'filters': self.filters,
            'kernel_size': self.kernel_size,
            'strides': self.strides,
            'padding': self.padding,
            'dilation_rate': self.dilation_rate,
            'kernel_initializer': initializers.serialize(self.kernel_initializer),
            'kernel_regularizer': regularizers.serialize(self.kernel_regularizer),
            'activity_regularizer':
                regularizers.serialize(self.activity_regularizer),
            'kernel_constraint': constraints.serialize(self.kernel_constraint),
            'demod': self.demod
        }
        base_config = super(Conv2DMod, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


# --- stylegan_two.py helpers, as the author wrote them ---
def crop_to_fit(x):

    height = x[1].shape[1]
    width = x[1].shape[2]

    return x[0][:, :height, :width, :]


def upsample(x):
    return K.resize_images(x,2,2,"channels_last",interpolation='bilinear')


def g_block(inp, istyle, inoise, fil, u = True):
    from tensorflow.keras.layers import Activation, Dense, Lambda, LeakyReLU, add
    from tensorflow.keras.initializers import VarianceScaling

    if u:
        #Custom upsampling because of clone_model issue
        out = Lambda(upsample)(inp)
    else:
        out = Activation('linear')(inp)

    rgb_style = Dense(fil, kernel_initializer = VarianceScaling(200/out.shape[2]))(istyle)
    style = Dense(inp.shape[-1], kernel_initializer = 'he_uniform')(istyle)
    delta = Lambda(crop_to_fit)([inoise, out])
    d = Dense(fil, kernel_initializer = 'zeros')(delta)

    out = Conv2DMod(filters = fil, kernel_size = 3, padding = 'same', kernel_initializer = 'he_uniform')([out, style])
    out = add([out, d])
    out = LeakyReLU(0.2)(out)

    style = Dense(fil, kernel_initializer = 'he_uniform')(istyle)
    d = Dense(fil, kernel_initializer = 'zeros')(delta)

    out = Conv2DMod(filters = fil, kernel_size = 3, padding = 'same', kernel_initializer = 'he_uniform')([out, style])
    out = add([out, d])
    out = LeakyReLU(0.2)(out)

    return out, Conv2DMod(3, 1, kernel_initializer = VarianceScaling(200/out.shape[2]), demod = False)([out, rgb_style])


def build_model():
    inp = tf.keras.Input(shape=(4, 4, 8))
    istyle = tf.keras.Input(shape=(16,))
    inoise = tf.keras.Input(shape=(8, 8, 1))
    out, rgb = g_block(inp, istyle, inoise, 8, u=True)
    return tf.keras.Model([inp, istyle, inoise], [out, rgb])
