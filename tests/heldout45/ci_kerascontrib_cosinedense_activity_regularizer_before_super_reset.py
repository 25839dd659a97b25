"""keras-contrib's `CosineDense` (cosine-normalised Dense, Luo et al. 2017) stores all its settings on `self` before
calling `super().__init__(**kwargs)`, including `self.activity_regularizer = regularizers.get(activity_regularizer)`
(LD013). `activity_regularizer` is a named parameter of `CosineDense.__init__`, so it is not in `kwargs`, and Keras
3's `Layer.__init__` assigns its own `activity_regularizer` argument (None) to the attribute: the activity
regularizer the caller asked for is silently dropped. The layer adds no activity loss, `model.losses` holds only the
kernel and bias penalties, and training optimises a different objective than the one configured. The other settings
set early (`units`, initializers, kernel/bias regularizers, constraints) are the layer's own and survive.

From keras-team/keras-contrib (the community add-ons for Keras 2), `keras_contrib/layers/core.py` at 3fc5ef7 (HEAD,
archived). Its test `tests/keras_contrib/layers/test_core.py::test_cosinedense_reg_constraint` builds
`CosineDense(units=3, kernel_regularizer=l2(0.01), bias_regularizer=l1(0.01), activity_regularizer=l2(0.01),
kernel_constraint=MaxNorm(1), bias_constraint=MaxNorm(1))` on (3, 2) inputs.

Porting edits: the backend calls in `call()` (`K.sqrt`, `K.sum`, `K.square`, `K.dot`; Keras 3's `keras.backend` no
longer has them) become `keras.ops` calls (`ops.sqrt`, `ops.sum`, `ops.square`, `ops.matmul`); `to_tuple` from
`keras_contrib.utils.test_utils` is inlined (`tuple(shape)`); everything else in `CosineDense` is as written.
build_model() follows the test: a Sequential on 2 features with that CosineDense(3, ...) layer.
"""

SOURCE = "https://github.com/keras-team/keras-contrib/blob/3fc5ef709e061416f4bc8a92ca3750c824b5d2b0/keras_contrib/layers/core.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/ci_kerascontrib_cosinedense_activity_regularizer_before_super_reset.py:
as returned: Sequential, count_params() = 9, 2 weights, unbuilt: none
after call: count_params() = 9, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cosine_dense': 9}
second call: 0 variables watched that the first call did not use
probe_cd.py: CosineDense(3, activity_regularizer=l2(0.01)).activity_regularizer is None right after construction (set before super().__init__(), reset by it). After one call of the test's model on a (3, 2) batch, model.losses holds 2 terms (kernel l2, bias l1) and no activity term; the same layer with the assignment moved after super().__init__() gives 3 losses. No warning printed."""

from keras import backend as K
from keras import activations
from keras import initializers
from keras import regularizers
from keras import constraints
from keras import ops
from keras.layers import InputSpec
from keras.layers import Layer
from keras.models import Sequential
import keras


def to_tuple(shape):
    return tuple(shape)


class CosineDense(Layer):
    """A cosine normalized densely-connected NN layer

    # References
        - [Cosine Normalization: Using Cosine Similarity Instead
           of Dot Product in Neural Networks](https://arxiv.org/pdf/1702.05870.pdf)
    """

    def __init__(self, units, kernel_initializer='glorot_uniform',
                 activation=None, weights=None,
                 kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None,
                 use_bias=True, **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.activation = activations.get(activation)
        self.units = units

        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)

        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

        self.use_bias = use_bias
        self.initial_weights = weights
        super(CosineDense, self).__init__(**kwargs)

    def build(self, input_shape):
        input_shape = to_tuple(input_shape)
        ndim = len(input_shape)
        assert ndim >= 2
        input_dim = input_shape[-1]
        self.input_dim = input_dim
        self.input_spec = [InputSpec(dtype=K.floatx(),
                                     ndim=ndim)]

        self.kernel = self.add_weight(shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer,
                                      name='{}_W'.format(self.name),
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer='zero',
                                        name='{}_b'.format(self.name),
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None

        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            del self.initial_weights
        self.built = True

    def call(self, x, mask=None):
        if self.use_bias:
            b, xb = self.bias, 1.
        else:
            b, xb = 0., 0.

        xnorm = ops.sqrt(ops.sum(ops.square(x), axis=-1, keepdims=True)
                         + xb
                         + K.epsilon())
        Wnorm = ops.sqrt(ops.sum(ops.square(self.kernel), axis=0)
                         + ops.square(b)
                         + K.epsilon())

        xWnorm = (xnorm * Wnorm)

        output = ops.matmul(x, self.kernel) / xWnorm
        if self.use_bias:
            output += (self.bias / xWnorm)
        return self.activation(output)

    def compute_output_shape(self, input_shape):
        assert input_shape
        assert len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def get_config(self):
        config = {
            'units': self.units,
            'kernel_initializer': initializers.serialize(self.kernel_initializer),
            'activation': activations.serialize(self.activation),
            'kernel_regularizer': regularizers.serialize(self.kernel_regularizer),
            'bias_regularizer': regularizers.serialize(self.bias_regularizer),
            'activity_regularizer':
                regularizers.serialize(self.activity_regularizer),
            'kernel_constraint': constraints.serialize(self.kernel_constraint),
            'bias_constraint': constraints.serialize(self.bias_constraint),
            'use_bias': self.use_bias
        }
        base_config = super(CosineDense, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    # tests/keras_contrib/layers/test_core.py::test_cosinedense_reg_constraint
    model = Sequential([
        keras.Input(shape=(2,)),
        CosineDense(units=3,
                    kernel_regularizer=regularizers.l2(0.01),
                    bias_regularizer=regularizers.l1(0.01),
                    activity_regularizer=regularizers.l2(0.01),
                    kernel_constraint=constraints.MaxNorm(1),
                    bias_constraint=constraints.MaxNorm(1)),
    ])
    return model
