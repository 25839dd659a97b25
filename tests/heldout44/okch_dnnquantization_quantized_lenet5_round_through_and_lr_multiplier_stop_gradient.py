"""DNN-quantization's quantised LeNet-5 (a fixed-point fault-injection simulator) quantises every kernel in `call()`
with `K.round` and routes the convolution through `K.stop_gradient` twice, the learning-rate-multiplier trick of
BinaryNet ports: the shape of a trainable weight reached only through a non-differentiable op or behind
`stop_gradient` (LD009). It is fine. `quantize()` rounds with `round_through`, `x + K.stop_gradient(K.round(x) - x)`
(the straight-through estimator: forward rounded, gradient identity), and `K.clip` passes gradient inside the range;
in `QuantizedConv2D.call` the two `stop_gradient` terms only rescale the gradient, `(t - (1 - 1/m) *
K.stop_gradient(t)) * m`, whose value is `t` and whose gradient is `m` times (or 1/m times) that of `t`. Every
kernel and bias is tracked and gets a gradient.

From Spiritator/DNN-quantization, `quantize_simulator/layers/quantized_layers.py` (`Clip`, `QuantizedDense`,
`QuantizedConv2D`) and `quantize_simulator/layers/quantized_ops.py` (`round_through`, `quantize`) at 0566e85,
wired by `quantize_simulator/models/model_library.py` (`qunatized_lenet5`). Adapted from BertMoons'
QuantizedNeuralNetworks-Keras-Tensorflow.

Porting edits: the file was written for Keras 2 (`from keras import backend as K`); the backend functions Keras 3
dropped (`K.round`, `K.stop_gradient`, `K.clip`, `K.dot`, `K.bias_add`, `K.conv2d`) are supplied by a small
stand-in class `K` over `keras.ops` with the same names and arguments; `from quantized_ops import ...` is inlined
(only `round_through` and `quantize`, the ones the layers use); `input_shape=` on the first layer becomes an
`Input` at the head of the Sequential (Keras 3 no longer takes `input_shape` on a layer); `model.summary()` is
dropped; `self.kernel = self.add_weight(...)` in both `build()`s becomes `self._kernel = ...` (Keras 3's
`Dense` and `Conv2D` expose `kernel` as a read-only property over `_kernel`; unported, the assignment raises
`AttributeError: property 'kernel' ... has no setter`), so `self.kernel` in `call()` still reads that variable. build_model() calls `qunatized_lenet5(nbits=8)` and returns it with a random batch of 2 MNIST-sized images.
"""

SOURCE = "https://github.com/Spiritator/DNN-quantization/blob/0566e8558f1387c060b356958138e3bca369efe4/quantize_simulator/layers/quantized_layers.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Sequential, count_params() = 242062, 8 weights, unbuilt: none
after call: count_params() = 242062, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'quantized_conv2d': 416, 'quantized_conv2d_1': 14436, 'quantized_dense_1': 225920, 'quantized_dense_3': 1290}
second call: 0 variables watched that the first call did not use
python probes/probe_quant.py <this file>: on the batch scaled by 1e-3 (the random 0-1 images with H=1 kernels saturate the softmax and give all-zero gradients) every kernel and bias gets a non-zero gradient through round_through and the lr-multiplier stop_gradient terms (max |grad| of the two conv kernels 0.275 and 0.131, of the dense kernels 0.00206 and 0.0278). Unported, `self.kernel = self.add_weight(...)` raises AttributeError: property 'kernel' of 'QuantizedConv2D' object has no setter. QuantizedDense calls super().__init__ twice, so its layers are named quantized_dense_1 and quantized_dense_3."""

import numpy as np

import keras
from keras import ops
from keras.models import Sequential
from keras.layers import InputSpec, Layer, Dense, Conv2D, MaxPooling2D, Flatten, Input
from keras import constraints
from keras import initializers


class K:  # stand-in for the Keras 2 backend functions used below
    round = staticmethod(ops.round)
    stop_gradient = staticmethod(ops.stop_gradient)
    clip = staticmethod(ops.clip)
    dot = staticmethod(ops.dot)

    @staticmethod
    def bias_add(x, bias, data_format=None):
        return x + bias

    @staticmethod
    def conv2d(x, kernel, strides=(1, 1), padding='valid', data_format=None, dilation_rate=(1, 1)):
        return ops.conv(x, kernel, strides=strides, padding=padding, data_format=data_format,
                        dilation_rate=dilation_rate)


# ---- quantized_ops.py ----
def round_through(x):
    '''Element-wise rounding to the closest integer with full gradient propagation.
    A trick from [Sergey Ioffe](http://stackoverflow.com/a/36480182)
    '''
    rounded = K.round(x)
    rounded_through = x + K.stop_gradient(rounded - x)
    return rounded_through


def quantize(W, nb = 16, clip_through=False):

    '''The weights' binarization function, 

    # Reference:
    - [QuantizedNet: Training Deep Neural Networks with Weights and Activations Constrained to +1 or -1, Courbariaux et al. 2016](http://arxiv.org/abs/1602.02830}

    '''

    non_sign_bits = nb-1
    m = pow(2,non_sign_bits)
    if clip_through:
        Wq = clip_through(round_through(W*m),-m,m-1)/m
    else:
        Wq = K.clip(round_through(W*m),-m,m-1)/m
    return Wq


# ---- quantized_layers.py ----
class Clip(constraints.Constraint):
    def __init__(self, min_value, max_value=None):
        self.min_value = min_value
        self.max_value = max_value
        if not self.max_value:
            self.max_value = -self.min_value
        if self.min_value > self.max_value:
            self.min_value, self.max_value = self.max_value, self.min_value

    def __call__(self, p):
        #todo: switch for clip through?
        return K.clip(p, self.min_value, self.max_value)

    def get_config(self):
        return {"name": self.__call__.__name__,
                "min_value": self.min_value,
                "max_value": self.max_value}


class QuantizedDense(Dense):
    ''' Binarized Dense layer
    References: 
    "QuantizedNet: Training Deep Neural Networks with Weights and Activations Constrained to +1 or -1" [http://arxiv.org/abs/1602.02830]
    '''
    def __init__(self, units, H=1., nb=16, kernel_lr_multiplier='Glorot', bias_lr_multiplier=None, **kwargs):
        super(QuantizedDense, self).__init__(units, **kwargs)
        self.H = H
        self.nb = nb
        self.kernel_lr_multiplier = kernel_lr_multiplier
        self.bias_lr_multiplier = bias_lr_multiplier
        super(QuantizedDense, self).__init__(units, **kwargs)
    
    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[1]

        if self.H == 'Glorot':
            self.H = np.float32(np.sqrt(1.5 / (input_dim + self.units)))
            #print('Glorot H: {}'.format(self.H))
        if self.kernel_lr_multiplier == 'Glorot':
            self.kernel_lr_multiplier = np.float32(1. / np.sqrt(1.5 / (input_dim + self.units)))
            #print('Glorot learning rate multiplier: {}'.format(self.kernel_lr_multiplier))
            
        self.kernel_constraint = Clip(-self.H, self.H)
        self.kernel_initializer = initializers.RandomUniform(-self.H, self.H)
        self._kernel = self.add_weight(shape=(input_dim, self.units),
                                     initializer=self.kernel_initializer,
                                     name='kernel',
                                     regularizer=self.kernel_regularizer,
                                     constraint=self.kernel_constraint)

        if self.use_bias:
            self.lr_multipliers = [self.kernel_lr_multiplier, self.bias_lr_multiplier]
            self.bias = self.add_weight(shape=(self.units,),
                                     initializer=self.bias_initializer,
                                     name='bias',
                                     regularizer=self.bias_regularizer,
                                     constraint=self.bias_constraint)
        else:
            self.lr_multipliers = [self.kernel_lr_multiplier]
            self.bias = None

        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True


    def call(self, inputs):
        quantized_kernel = quantize(self.kernel, nb=self.nb)
        output = K.dot(inputs, quantized_kernel)
        if self.use_bias:
            output = K.bias_add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)


        return output
        
        
    def get_config(self):
        config = {'H': self.H,
                  'kernel_lr_multiplier': self.kernel_lr_multiplier,
                  'bias_lr_multiplier': self.bias_lr_multiplier}
        base_config = super(QuantizedDense, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class QuantizedConv2D(Conv2D):
    '''Binarized Convolution2D layer
    References: 
    "QuantizedNet: Training Deep Neural Networks with Weights and Activations Constrained to +1 or -1" [http://arxiv.org/abs/1602.02830]
    '''
    def __init__(self, filters, kernel_regularizer=None,activity_regularizer=None, kernel_lr_multiplier='Glorot',
                 bias_lr_multiplier=None, H=1., nb=16,  **kwargs):
        super(QuantizedConv2D, self).__init__(filters, **kwargs)
        self.H = H
        self.nb = nb
        self.kernel_lr_multiplier = kernel_lr_multiplier
        self.bias_lr_multiplier = bias_lr_multiplier
        self.activity_regularizer =activity_regularizer
        self.kernel_regularizer = kernel_regularizer
        
    def build(self, input_shape):
        if self.data_format == 'channels_first':
            channel_axis = 1
        else:
            channel_axis = -1 
        if input_shape[channel_axis] is None:
                raise ValueError('The channel dimension of the inputs '
                                 'should be defined. Found `None`.')

        input_dim = input_shape[channel_axis]
        kernel_shape = self.kernel_size + (input_dim, self.filters)
            
        base = self.kernel_size[0] * self.kernel_size[1]
        if self.H == 'Glorot':
            nb_input = int(input_dim * base)
            nb_output = int(self.filters * base)
            self.H = np.float32(np.sqrt(1.5 / (nb_input + nb_output)))
            #print('Glorot H: {}'.format(self.H))
            
        if self.kernel_lr_multiplier == 'Glorot':
            nb_input = int(input_dim * base)
            nb_output = int(self.filters * base)
            self.kernel_lr_multiplier = np.float32(1. / np.sqrt(1.5/ (nb_input + nb_output)))
            #print('Glorot learning rate multiplier: {}'.format(self.lr_multiplier))

        self.kernel_constraint = Clip(-self.H, self.H)
        self.kernel_initializer = initializers.RandomUniform(-self.H, self.H)
        #self.bias_initializer = initializers.RandomUniform(-self.H, self.H)
        self._kernel = self.add_weight(shape=kernel_shape,
                                 initializer=self.kernel_initializer,
                                 name='kernel',
                                 regularizer=self.kernel_regularizer,
                                 constraint=self.kernel_constraint)

        if self.use_bias:
            self.lr_multipliers = [self.kernel_lr_multiplier, self.bias_lr_multiplier]
            self.bias = self.add_weight((self.filters,),
                                     initializer=self.bias_initializer,
                                     name='bias',
                                     regularizer=self.bias_regularizer,
                                     constraint=self.bias_constraint)

        else:
            self.lr_multipliers = [self.kernel_lr_multiplier]
            self.bias = None

        # Set input spec.
        self.input_spec = InputSpec(ndim=4, axes={channel_axis: input_dim})
        self.built = True

    def call(self, inputs):
        quantized_kernel = quantize(self.kernel, nb=self.nb)

        inverse_kernel_lr_multiplier = 1./self.kernel_lr_multiplier
        inputs_qnn_gradient = (inputs - (1. - 1./inverse_kernel_lr_multiplier) * K.stop_gradient(inputs))\
                  * inverse_kernel_lr_multiplier

        outputs_qnn_gradient = K.conv2d(
            inputs_qnn_gradient,
            quantized_kernel,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate)

        outputs = (outputs_qnn_gradient - (1. - 1./self.kernel_lr_multiplier) * K.stop_gradient(outputs_qnn_gradient))\
                  * self.kernel_lr_multiplier


        #outputs = outputs*K.mean(K.abs(self.kernel))

        if self.use_bias:
            outputs = K.bias_add(
                outputs,
                self.bias,
                data_format=self.data_format)

        if self.activation is not None:
            return self.activation(outputs)

        return outputs
        
    def get_config(self):
        config = {'H': self.H,
                  'kernel_lr_multiplier': self.kernel_lr_multiplier,
                  'bias_lr_multiplier': self.bias_lr_multiplier}
        base_config = super(QuantizedConv2D, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


# ---- models/model_library.py ----
def qunatized_lenet5(nbits=8, input_shape=(28,28,1), num_classes=10):
    
    model = Sequential()
    model.add(Input(shape=input_shape))
    model.add(QuantizedConv2D(filters=16,
                              H=1,
                              nb=nbits,
                              kernel_size=(5,5),
                              padding='same',
                              strides=(1, 1),
                              activation='relu'))
    model.add(MaxPooling2D(pool_size=(2,2)))
    model.add(QuantizedConv2D(filters=36,
                              H=1,
                              nb=nbits,
                              kernel_size=(5,5),
                              padding='same',
                              strides=(1, 1),
                              activation='relu'))
    model.add(MaxPooling2D(pool_size=(2,2)))
    model.add(Flatten())
    model.add(QuantizedDense(128,
                             H=1,
                             nb=nbits,
                             activation='relu'))
    model.add(QuantizedDense(num_classes,
                             H=1,
                             nb=nbits,
                             activation='softmax'))

    return model


def build_model():
    model = qunatized_lenet5(nbits=8)
    inputs = np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
    return model, inputs
