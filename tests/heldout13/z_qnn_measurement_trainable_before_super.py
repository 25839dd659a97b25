"""Quantum-inspired NLP layer sets `self.trainable = trainable` before super().__init__(): frozen measurements train.

From a quantum-probability-driven text-matching research framework (complex-valued word embeddings, density
matrices, measurement layers). `ComplexMeasurement.__init__(units=5, trainable=True, **kwargs)` takes
`trainable` as its own argument, stores `self.units` and `self.trainable = trainable`, and only then calls
`super().__init__(**kwargs)`, without passing `trainable` on. `build()` creates the measurement operators
with `add_weight(..., trainable=self.trainable)`. The framework lets the user freeze the measurement
(fixed projectors): with `ComplexMeasurement(units, trainable=False)`, Keras 3's `Layer.__init__` resets
`trainable` to its default True, so the kernel is created trainable and `fit()` moves it. The backend calls
(`K.batch_dot`, `K.dot`, `K.reshape`, which Keras 3's backend module no longer has) are written with tf ops
of the same meaning; the layer logic is the repository's.
"""

SOURCE = "https://github.com/FreedomIntelligence/qnn/blob/0a68cf770c5848a195a0907df7e0d2c236924090/complexnn/measurement.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py z_qnn_measurement_trainable_before_super.py:
as returned: Functional, count_params() = 43, 3 weights, unbuilt: none
after call: count_params() = 43, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'measurement': 30}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine13b/t5.py): built with ComplexMeasurement(3, trainable=False): layer.trainable is True,
kernel.trainable is True, 'measurement/kernel' is in model.trainable_weights, and one model.fit epoch
changes the kernel (the user asked for frozen measurement operators)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.constraints import UnitNorm
from tensorflow.keras.initializers import Orthogonal
from tensorflow.keras.layers import Layer
from tensorflow.keras.models import Model
from tensorflow.keras import Input


class ComplexMeasurement(Layer):

    def __init__(self, units=5, trainable=True, **kwargs):
        self.units = units
        self.trainable = trainable
        super(ComplexMeasurement, self).__init__(**kwargs)

    def get_config(self):
        config = {'units': self.units, 'dim': self.dim}
        base_config = super(ComplexMeasurement, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def build(self, input_shape):
        if not isinstance(input_shape, list):
            raise ValueError('This layer should be called '
                             'on a list of 2 inputs.')
        if len(input_shape) != 2:
            raise ValueError('This layer should be called '
                             'on a list of 2 inputs.'
                             'Got ' + str(len(input_shape)) + ' inputs.')
        self.dim = input_shape[0][-1]
        self.kernel = self.add_weight(name='kernel',
                                      shape=(self.units, self.dim, 2),
                                      constraint=UnitNorm(axis=(1, 2)),
                                      initializer=Orthogonal(gain=1.0, seed=None),
                                      trainable=self.trainable)
        super(ComplexMeasurement, self).build(input_shape)  # Be sure to call this somewhere!

    def call(self, inputs):
        if not isinstance(inputs, list):
            raise ValueError('This layer should be called '
                             'on a list of 2 inputs.')
        if len(inputs) != 2:
            raise ValueError('This layer should be called '
                             'on a list of 2 inputs.'
                             'Got ' + str(len(inputs)) + ' inputs.')

        kernel_real = self.kernel[:, :, 0]
        kernel_imag = self.kernel[:, :, 1]

        input_real = inputs[0]
        input_imag = inputs[1]

        # outer products |m><m| per measurement vector (K.batch_dot of column and row vectors)
        kernel_r = tf.einsum('ui,uj->uij', kernel_real, kernel_real) - tf.einsum('ui,uj->uij', kernel_imag, kernel_imag)
        kernel_i = tf.einsum('ui,uj->uij', kernel_imag, kernel_real) + tf.einsum('ui,uj->uij', kernel_real, kernel_imag)

        kernel_r = tf.reshape(kernel_r, shape=(self.units, self.dim * self.dim))
        kernel_i = tf.reshape(kernel_i, shape=(self.units, self.dim * self.dim))

        new_shape = [-1]
        for i in input_real.shape[1:-2]:
            new_shape.append(int(i))
        new_shape.append(self.dim * self.dim)
        input_real = tf.reshape(input_real, shape=tuple(new_shape))
        input_imag = tf.reshape(input_imag, shape=tuple(new_shape))

        output = tf.matmul(input_real, kernel_r, transpose_b=True) - tf.matmul(input_imag, kernel_i, transpose_b=True)
        return output

    def compute_output_shape(self, input_shape):
        output_shape = [None]
        for i in input_shape[0][1:-2]:
            output_shape.append(i)
        output_shape.append(self.units)
        return tuple(output_shape)


def build_model(measurement_trainable=False):
    """As the repository's `main()`: two density-matrix inputs (real, imaginary) of 4 words x 5 x 5,
    with the measurement frozen as the framework's option allows."""
    input_1 = Input(shape=(4, 5, 5), dtype='float32')
    input_2 = Input(shape=(4, 5, 5), dtype='float32')
    output = ComplexMeasurement(3, trainable=measurement_trainable, name='measurement')([input_1, input_2])
    output = tf.keras.layers.Flatten()(output)
    output = tf.keras.layers.Dense(1, activation='sigmoid')(output)
    model = Model([input_1, input_2], output)
    return model
