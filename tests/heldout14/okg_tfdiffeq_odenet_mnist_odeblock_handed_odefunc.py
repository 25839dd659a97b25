"""ODE-Net for MNIST (tfdiffeq example): an ODEBlock model holding a handed-in ODE function, a constant integration-time tensor on self, and a counter bumped in call().

titu1994/tfdiffeq ports torchdiffeq's `odenet_mnist.py` to TF2. `ODEBlock(tf.keras.Model)` keeps the
`odefunc` it is given and a raw tensor `self.integration_time = tf.convert_to_tensor([0., 1.])` (the
integration interval, not a weight) and integrates with `odeint(self.odefunc, x, self.integration_time)`;
`ODEfunc` counts function evaluations with `self.nfe += 1` inside `call()` and wraps its convolutions in
`ConcatConv2d(tf.keras.Model)`, which stores the Conv2D (chosen at run time between Conv2D and
Conv2DTranspose) as `self._layer`; a hand-written `GroupNormalization` makes gamma/beta in `build()`.
Everything is assembled in a `tf.keras.models.Sequential`. A raw tensor on self, a layer reached only
through a handed-in object and the solver's closure, and state mutated in call look suspicious; on
Keras 3 every weight is tracked, counted once and trained.
Ported to Keras 3: `tfdiffeq.odeint` is replaced by a fixed-step Euler integrator with the same
signature (the package is not installed here); `input_shape[self.axis].value` (TF1 Dimension) becomes
`input_shape[self.axis]`; `tf.enable_eager_execution()` and argparse are dropped (args.tol/method are
constants); sizes as in the example (32 channels) on 28x28x1 inputs.
"""

SOURCE = "https://github.com/titu1994/tfdiffeq/blob/ef646f85cbd0821749a03e7ab51e03e16798fab1/examples/odenet_mnist.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okg_tfdiffeq_odenet_mnist_odeblock_handed_odefunc.py:
as returned: Sequential, count_params() = count_params() raised ValueError, 0 weights, unbuilt: [all 18 layers; the Sequential has no Input and is built by its first call, as in the example's training loop]
after call: count_params() = 68298, 24 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 24 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'group_normalization': 64, 'group_normalization_1': 64, 'ode_block': 19264, 'od_efunc': 19264, 'group_normalization_4': 64, 'concat_conv2d_1': 9536, 'group_normalization_3': 64, 'concat_conv2d': 9536, 'group_normalization_2': 64, 'group_normalization_5': 64, 'flatten': 0}
second call: 0 variables watched that the first call did not use
Own scripts (/tmp/mine14c/fitcheck.py, ode_grad.py): one fit step changed 23 of 24 weights; the 24th, ODEfunc.norm3's
beta, gets a non-None gradient of about 5e-8: a per-channel constant added to dy/dt is removed again by the
next GroupNormalization (32 groups on 32 channels), a property of the architecture, not of tracking.
ODEBlock.integration_time stays an EagerTensor outside the weights (it is the integration interval);
nfe counts 17 evaluations after two calls."""

import numpy as np
import tensorflow as tf

TOL = 1e-4
METHOD = "euler"


def odeint(func, y0, t, rtol=1e-7, atol=1e-9, method=None, steps=4):
    """Stand-in for tfdiffeq.odeint: fixed-step Euler, returns the states at the times in t."""
    ys = [y0]
    y = y0
    for i in range(int(t.shape[0]) - 1):
        dt = (t[i + 1] - t[i]) / steps
        for k in range(steps):
            y = y + dt * func(t[i] + k * dt, y)
        ys.append(y)
    return tf.stack(ys)


class GroupNormalization(tf.keras.layers.Layer):
    def __init__(self,
                 groups=32,
                 axis=-1,
                 epsilon=1e-5,
                 center=True,
                 scale=True,
                 beta_initializer='zeros',
                 gamma_initializer='ones',
                 beta_regularizer=None,
                 gamma_regularizer=None,
                 beta_constraint=None,
                 gamma_constraint=None,
                 **kwargs):
        super(GroupNormalization, self).__init__(**kwargs)
        self.supports_masking = True
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = tf.keras.initializers.get(beta_initializer)
        self.gamma_initializer = tf.keras.initializers.get(gamma_initializer)
        self.beta_regularizer = tf.keras.regularizers.get(beta_regularizer)
        self.gamma_regularizer = tf.keras.regularizers.get(gamma_regularizer)
        self.beta_constraint = tf.keras.constraints.get(beta_constraint)
        self.gamma_constraint = tf.keras.constraints.get(gamma_constraint)

    def build(self, input_shape):
        input_shape = tf.TensorShape(input_shape)
        dim = input_shape[self.axis]

        if dim is None:
            raise ValueError('Axis ' + str(self.axis) + ' of input tensor should have a defined dimension.')
        if dim < self.groups:
            raise ValueError('Number of groups (' + str(self.groups) + ') cannot be more than the number of channels.')
        if dim % self.groups != 0:
            raise ValueError('Number of groups (' + str(self.groups) + ') must be a multiple of the number of channels.')

        self.input_spec = tf.keras.layers.InputSpec(ndim=len(input_shape.as_list()),
                                                    axes={self.axis: dim})
        shape = (dim,)

        if self.scale:
            self.gamma = self.add_weight(shape=shape,
                                         name='gamma',
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint,
                                         dtype=self.dtype,
                                         trainable=True)
        else:
            self.gamma = None
        if self.center:
            self.beta = self.add_weight(shape=shape,
                                        name='beta',
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint,
                                        dtype=self.dtype,
                                        trainable=True)
        else:
            self.beta = None
        self.built = True

    def call(self, inputs, **kwargs):
        input_shape = tf.keras.backend.int_shape(inputs)
        tensor_input_shape = tf.keras.backend.shape(inputs)

        reduction_axes = list(range(len(input_shape)))
        del reduction_axes[self.axis]
        broadcast_shape = [1] * len(input_shape)
        broadcast_shape[self.axis] = input_shape[self.axis] // self.groups
        broadcast_shape.insert(1, self.groups)

        reshape_group_shape = tf.keras.backend.shape(inputs)
        group_axes = [reshape_group_shape[i] for i in range(len(input_shape))]
        group_axes[self.axis] = input_shape[self.axis] // self.groups
        group_axes.insert(1, self.groups)

        group_shape = [group_axes[0], self.groups] + group_axes[2:]
        group_shape = tf.stack(group_shape)
        inputs = tf.reshape(inputs, group_shape)

        group_reduction_axes = list(range(len(group_axes)))
        group_reduction_axes = group_reduction_axes[2:]

        mean = tf.keras.backend.mean(inputs, axis=group_reduction_axes, keepdims=True)
        variance = tf.keras.backend.var(inputs, axis=group_reduction_axes, keepdims=True)

        inputs = (inputs - mean) / (tf.sqrt(variance + self.epsilon))

        inputs = tf.reshape(inputs, group_shape)
        outputs = inputs

        if self.scale:
            broadcast_gamma = tf.reshape(self.gamma, broadcast_shape)
            outputs = outputs * broadcast_gamma

        if self.center:
            broadcast_beta = tf.reshape(self.beta, broadcast_shape)
            outputs = outputs + broadcast_beta

        outputs = tf.reshape(outputs, tensor_input_shape)

        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = tf.TensorShape(input_shape)
        return input_shape


def norm(dim):
    return GroupNormalization(min(32, dim))


class ConcatConv2d(tf.keras.Model):

    def __init__(self, dim_in, dim_out, ksize=3, stride=1, padding=0, dilation=1, bias=True, transpose=False):
        super(ConcatConv2d, self).__init__()
        module = tf.keras.layers.Conv2DTranspose if transpose else tf.keras.layers.Conv2D

        padding = 'same'if padding == 1 else 'valid'
        self._layer = module(
            dim_out, kernel_size=(ksize, ksize), strides=(stride, stride), padding=padding,
            dilation_rate=dilation,
            use_bias=bias
        )

    def call(self, t, x):
        t = tf.cast(t, tf.float32)
        tt = tf.ones_like(x[:, :, :, :1]) * t  # channel dim = -1
        ttx = tf.concat([tt, x], -1)  # concat at channel dim
        return self._layer(ttx)


class ODEfunc(tf.keras.Model):

    def __init__(self, dim):
        super(ODEfunc, self).__init__()
        self.norm1 = norm(dim)
        self.conv1 = ConcatConv2d(dim, dim, 3, 1, 1)
        self.norm2 = norm(dim)
        self.conv2 = ConcatConv2d(dim, dim, 3, 1, 1)
        self.norm3 = norm(dim)
        self.nfe = 0

    def call(self, t, x):
        self.nfe += 1
        x = tf.cast(x, tf.float32)  # needs an explicit cast
        out = self.norm1(x)
        out = tf.nn.relu(out)
        out = self.conv1(t, out)
        out = self.norm2(out)
        out = tf.nn.relu(out)
        out = self.conv2(t, out)
        out = self.norm3(out)
        return out


class ODEBlock(tf.keras.Model):

    def __init__(self, odefunc, **kwargs):
        super(ODEBlock, self).__init__(**kwargs)
        self.odefunc = odefunc
        self.integration_time = tf.convert_to_tensor([0., 1.], dtype=tf.float32)

    def call(self, x):
        out = odeint(self.odefunc, x, self.integration_time, rtol=TOL, atol=TOL,
                     method=METHOD)
        return tf.cast(out[1], tf.float32)  # necessary cast

    @property
    def nfe(self):
        return self.odefunc.nfe

    @nfe.setter
    def nfe(self, value):
        self.odefunc.nfe = value


class Flatten(tf.keras.Model):

    def __init__(self):
        super(Flatten, self).__init__()
        self.flatten = tf.keras.layers.Flatten()

    def call(self, x):
        return self.flatten(x)


def build_model():
    downsampling_layers = [
        tf.keras.layers.Conv2D(32, (3, 3), strides=(1, 1), padding='same'),
        norm(32),
        tf.keras.layers.ReLU(),
        tf.keras.layers.Conv2D(32, (4, 4), strides=(2, 2), padding='same'),
        norm(32),
        tf.keras.layers.ReLU(),
        tf.keras.layers.Conv2D(32, (4, 4), strides=(2, 2), padding='same'),
    ]
    feature_layers = [ODEBlock(ODEfunc(32))]
    fc_layers = [norm(32),
                 tf.keras.layers.ReLU(),
                 tf.keras.layers.AveragePooling2D((1, 1)),
                 Flatten(),
                 tf.keras.layers.Dense(10, activation='softmax')]
    layers = (*downsampling_layers, *feature_layers, *fc_layers)
    model = tf.keras.models.Sequential(layers)
    x = np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
    return model, x
