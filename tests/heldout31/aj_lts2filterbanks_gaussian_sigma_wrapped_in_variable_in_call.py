"""epfl-lts2's learnable filterbank: `FilterConvolution.call()` asks its filter object for each
filter's kernel, and `GaussianFilter.get_kernel()` wraps the learned sigma in
`tf.keras.backend.variable(parameters[1])` -- a new variable made from the weight on every call.

From epfl-lts2/learnable-filterbanks (`learnable_filterbanks/filterconvolution.py` with
`learnable_filterbanks/kernels.py`; Peic Tukuljac and Ricaud, parameterised filterbanks for raw-audio
classification). The layer's learnable state is a `kernel` of shape (filters, 2) (centre frequency,
sigma) made with `add_weight` in `build()`; the kernels are rebuilt from it in `call()` through a
helper object held as `self.filter_type`. On Keras 3 `tf.keras.backend.variable` creates a
`tf.Variable` inside `call()`: eager calls work (the new variable is a copy, so the sigma in the
Gaussian's normalisation gets no gradient), but any traced call (wiring the functional model, `fit`)
makes TensorFlow refuse a variable created inside a `tf.function`.

Porting edits: the two files inlined (only `GaussianFilter` kept from `kernels.py`, without its
plotting method); `from tensorflow.keras import ...` kept (tf.keras is Keras 3 here); log messages
kept; sizes trimmed (4 Gaussian filters of 15 taps on 64-sample mono audio). `build_model()` follows
`experiments/models.py` in spirit: an `Input` of shape (64, 1) fed to the FilterConvolution layer,
then Flatten and Dense; the functional wiring is where the author's code fails on Keras 3.
"""

SOURCE = "https://github.com/epfl-lts2/learnable-filterbanks/blob/7c2743b556721e4f4b50ffb9b1ae73560464e7f0/learnable_filterbanks/kernels.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/aj_lts2filterbanks_gaussian_sigma_wrapped_in_variable_in_call.py:
build_model() raised ValueError: Exception encountered when calling FilterConvolution.call().
Own probe (/tmp/mine31d/p_lts2b.py): the full message is "Could not automatically infer the output
shape / dtype of 'filter_convolution' ... Argument `initial_value` (Tensor("strided_slice_2:0", shape=(),
dtype=float32)) could not be lifted out of a `tf.function`. (Tried to create variable with name='None')"
-- the K.variable made in get_kernel() during symbolic tracing. The same layer called eagerly on a
(2, 64, 1) batch works (output (2, 64, 4), 1 tracked weight 'kernel' (4, 2)), but the tape watches the
kernel plus 4 new untracked 'filter_convolution_1/Variable:0' (one per filter, made from sigma in this
call); the sigma that goes through the new variable (the Gaussian's normalisation) contributes no gradient
to the kernel, only the exp(-t^2 / 2 sigma^2) path does."""

from tensorflow.keras import activations, initializers, regularizers, constraints
import tensorflow as tf
import numpy as np

logger = tf.get_logger()


class Filter:
    """Base class for filters composing a filterbank.
    """
    def __init__(self, fs, filter_type, cosine_and_sine_filter, parameter_number, parameter_names):
        self.fs = fs
        self.type = filter_type
        self.cosine_and_sine_filter = cosine_and_sine_filter        
        self.parameter_number = parameter_number
        self.parameter_names = parameter_names
    def get_kernel(self, parameters):
        pass
    def init_filter_bank(self, nb_filters):
        pass


class GaussianFilter(Filter):
    """Gaussian filter.

    Generates a (modulated) Gaussian filter, parameterized via its central frequency and sigma.
    """
    PARAMETER_NUMBER = 2
    PARAMETER_NAMES = ['Frequency', 'Sigma']
    COSINE_AND_SINE_FILTER = False

    def __init__(self, fs, filter_length=500):
        self.fs = fs
        self.filter_length = filter_length
        self.type = 'Gaussian'
        super(GaussianFilter, self).__init__(fs, self.type, self.COSINE_AND_SINE_FILTER,
        self.PARAMETER_NUMBER, self.PARAMETER_NAMES)
        
    def __repr__(self):
        return 'Filter type: %s' % (self.type) 
        
    def get_kernel(self, parameters):
        n = (np.arange(0, self.filter_length) - (self.filter_length-1.0)/2).astype('float32')
        t = n
        t2 = t**2
        cos_win = tf.cos(parameters[0]*2*np.pi*t)
        gaus_win = tf.sqrt( 2 / ( np.sqrt(np.pi) * tf.keras.backend.variable(parameters[1]) ) )
        gaus_win = gaus_win * tf.exp(-t2/(2*parameters[1]**2)) 
        kern = gaus_win * cos_win
        kern = tf.reshape(kern, (len(t), 1))
        return kern
    
    def init_filter_bank(self, shape):
        # we want to learn mean and deviation on a range 0-0.5
        nb_filters = shape[0]
        mu = np.linspace(0, 0.5, nb_filters, endpoint=False)
        sigma = nb_filters #self.filter_length/40
        sigma = np.multiply(np.ones(mu.shape), sigma)
        x = np.vstack((mu, sigma)).transpose()
        return x


class Pos(constraints.Constraint):
    """Constrain the weights to be strictly positive (add epsilon), so they don't collapse to zero
    """
    #
    def __call__(self, p):
        p1 = tf.math.abs(p)
        epsilon = tf.keras.backend.epsilon()
        p2 = p1 + tf.cast(p1 < epsilon, tf.keras.backend.floatx())*epsilon
        return p2


class FilterConvolution(tf.keras.layers.Layer):
    """Implements a learnable filterbank layer, using parameterized filters.
    """
  
    
    def __init__(self, filter_type, filter_number=32, init='uniform', activation='linear',
                 padding='same', strides=1, data_format='channels_last', use_bias=False,
                 bias_initializer='zeros',
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=Pos(), bias_constraint=None,
                 input_shape=None, **kwargs):

        # TODO: support TF 2.x conventions as well
        if padding.lower() not in ['valid', 'same']:
            raise ValueError('Invalid border mode for FilterConvolution:', padding)
        if data_format.lower() not in ['channels_first', 'channels_last']:
            raise ValueError('Invalid data format for FilterConvolution:', data_format)

        logger.info('Creating FilterConvolution layer with %s', filter_type)
        self.filter_number = filter_number
        self.filter_type = filter_type
        

        ### Initializer
        class KernelInitializer(initializers.Initializer):
            """Initializer that generates tensors initialized from kernel function.
            """

            def __call__(self, shape, dtype=None):
                logger.info('initializing kernel with shape %s',shape)
                return filter_type.init_filter_bank(shape)

        self.kernel_initializer = KernelInitializer()

        self.activation = activations.get(activation)
        self.padding = padding
        self.tf_padding = padding.upper()
        self.strides = strides
        self.subsample = (1,strides)#, 1)
        self.data_format = data_format.lower()
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.use_bias = use_bias        
        super(FilterConvolution, self).__init__(**kwargs)

    def build(self, input_shape):
        # get dimension and length of input
        if self.data_format == 'channels_first':
            self.input_dim = input_shape[1]
            self.input_length = input_shape[2]
            self.tf_format = 'NCHW'
        else:
            self.input_dim = input_shape[2]
            self.input_length = input_shape[1]
            self.tf_format = 'NHWC'
        # initialize and define filter widths
        self.parameter_number = self.filter_type.PARAMETER_NUMBER
        ### Weight definition
        kernel_shape = (self.filter_number,self.parameter_number)
        self.filters = self.filter_number
        self.kernel = self.add_weight(shape=kernel_shape,
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.filters,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        super(FilterConvolution, self).build(input_shape)
        
        
    def call(self, x):
        if self.input_dim > 1:
            raise ValueError('This layer accept only mono audio signals.')

        # shape of x is (batches, input_dim, input_len) if 'channels_first'
        # shape of x is (batches, input_len, input_dim) if 'channels_last'
        # we reshape x to channels first for computation
        if self.data_format == 'channels_last':
            x = tf.transpose(x, (0, 2, 1))

        kernels = [self.filter_type.get_kernel(self.kernel[i]) for i in range(self.filter_number)]
        kernels = tf.stack(kernels, axis=0)
        
        if not self.filter_type.COSINE_AND_SINE_FILTER:
            kernels = tf.expand_dims(kernels, 0)
            kernels = tf.transpose(kernels,(0, 2, 3, 1))
        else:
            kernels = tf.transpose(kernels,(2, 1, 3, 0)) # shape: (1, filter_length, 1, num_filters)

        # reshape input s.t. number of dimensions is first (before batch dim)
        x = tf.transpose(x, (1, 0, 2))

        def gen_conv(x_slice):
            x_slice = tf.expand_dims(x_slice, 1) # shape (num_batches, 1, input_length)
            x_slice = tf.expand_dims(x_slice, 2) # shape (num_batches, 1, 1, input_length)
            return tf.nn.conv2d(x_slice, kernels, strides=self.subsample, padding=self.tf_padding, data_format='NCHW')

        
        outputs = gen_conv(x[0,:,:])        

        if self.filter_type.COSINE_AND_SINE_FILTER:
            # Replace the channel by 2 channels of cos and sin
            outputs = tf.squeeze(outputs,axis=2)
            outputs = tf.reshape(outputs, shape=[-1, self.filter_number//2, 2, outputs.shape[2]])
        
        #------
        #output must be (batch,channels,filters_numbers,new_steps)
        #------
        outputs = tf.transpose(outputs, (0, 2, 3, 1))
        if self.data_format == 'channels_last':
            outputs = tf.transpose(outputs,(0, 2, 3, 1))

        if self.use_bias:
            outputs = tf.nn.bias_add(
                outputs,
                self.bias,
                data_format=self.tf_format)
        if self.activation is not None:
            outputs =  self.activation(outputs)
        
        if not self.filter_type.COSINE_AND_SINE_FILTER:
            sq_dim = 1 if self.data_format == 'channels_first' else 3
            return tf.squeeze(outputs, sq_dim)
        return outputs 


def build_model():
    inputs = tf.keras.Input(shape=(64, 1))
    x = FilterConvolution(GaussianFilter(fs=16000, filter_length=15), filter_number=4)(inputs)
    x = tf.keras.layers.Flatten()(x)
    outputs = tf.keras.layers.Dense(3)(x)
    return tf.keras.Model(inputs, outputs)
