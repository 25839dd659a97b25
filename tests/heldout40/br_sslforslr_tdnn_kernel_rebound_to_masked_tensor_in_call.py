"""ssl-for-slr's x-vector `TDNN` layer writes `self.kernel = self.kernel * self.mask` in `call()`: the `add_weight`
kernel is replaced by a tensor on the first call, every later call convolves with that frozen copy (masked again),
and the kernel, still counted, never gets a gradient again (LD010).

From theolepage/ssl-for-slr (self-supervised speaker and language recognition, TF 2 / tf.keras),
`sslforslr/models/encoders/XVectorEncoder.py` at an early commit. `TDNN.build()` makes the conv kernel with
`add_weight` and a NumPy sub-sampling mask (first and last taps), `call()` rebinds `self.kernel` to the masked
product when `sub_sampling` is on, then runs `K.conv1d`, ReLU, BatchNormalization and Dropout. `XVectorEncoder`
(a subclassed Model) stacks five TDNNs (four sub-sampled) and stats-pools mean and std. The author's next version
(kept here as the look-alike `okbr_sslforslr_...`) computes `kernel = self.kernel` / `kernel = kernel * self.mask`
as locals instead.

Porting edits: Keras 3's `keras.backend` has no `conv1d`; `K.conv1d(X, self.kernel, strides=1, padding="same")` is
spelled `tf.nn.conv1d(X, self.kernel, stride=1, padding="SAME")` (the op the TF backend ran, and what the later
commits wrote); the imports are the author's (`tensorflow.keras` is Keras 3 under TF 2.21). build_model()
builds `XVectorEncoder(encoded_dim=512)` as the repository's trainer did and makes the first forward pass of a training
loop on a batch of two 50-frame 40-dim feature sequences: on Keras 3 that pass crashes. The unbuilt subclassed Model is
first run symbolically to build it; that run leaves a symbolic product in `tdnn_1.kernel`, and the real call then
multiplies that leaked graph tensor with the NumPy mask. On an eager layer (probe) the rebinding is the silent LD010:
the first call trains the kernel, every later call convolves with a frozen tensor and the kernel's gradient is None.
Doubt kept: the float64 NumPy mask is a second Keras 3 problem (`variable * float64 array` gives float64, and
`conv1d` then refuses it); the probe casts the mask to float32 to isolate the rebinding (the author's next commit did
the same). The root defect labelled is the rebinding of the weight attribute.
"""

SOURCE = "https://github.com/theolepage/ssl-for-slr/blob/5e00bc710651e5a9cc093ccf7ce2436cd255f800/sslforslr/models/encoders/XVectorEncoder.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/br_sslforslr_tdnn_kernel_rebound_to_masked_tensor_in_call.py:
build_model() raised NotImplementedError: Exception encountered when calling TDNN.call().
(full message, probe_sslforslr_layer.py: "Cannot convert a symbolic tf.Tensor (tdnn_1_2/Mul:0) to a numpy array ... Arguments
received by TDNN.call(): X=tf.Tensor(shape=(2, 50, 512), dtype=float32)", raised at `self.kernel = self.kernel * self.mask`)
probe, one TDNN(filters=8, kernel_size=5, sub_sampling=True) built on (2, 20, 4), mask cast to float32, three eager calls under a tape:
layer call 1: self.kernel is EagerTensor; trainable ['tdnn_5/kernel', 'tdnn_5/batch_normalization_5/gamma', 'tdnn_5/batch_normalization_5/beta']; grad None for []
layer call 2: self.kernel is EagerTensor; trainable [same 3]; grad None for ['tdnn_5/kernel']
layer call 3: self.kernel is EagerTensor; trainable [same 3]; grad None for ['tdnn_5/kernel']
(with the float64 mask as written, the eager layer raises InvalidArgumentError: Conv2D input #1 "expected to be a float tensor but is a double tensor")"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Layer
from tensorflow.keras.layers import Conv1D
from tensorflow.keras.layers import Dense
from tensorflow.keras.layers import BatchNormalization
from tensorflow.keras.layers import ReLU
from tensorflow.keras.layers import Dropout
from tensorflow.keras import regularizers
from tensorflow.keras import backend as K


class TDNN(Layer):
    '''
    Time delay neural network (TDNN) layer.
    '''

    def __init__(self, filters, kernel_size, reg, sub_sampling=False, dropout=0.5):
        super().__init__()

        self.filters = filters
        self.kernel_size = kernel_size
        self.sub_sampling = sub_sampling
        self.reg = reg

        self.activation = ReLU()
        self.bn = BatchNormalization()
        self.dropout = Dropout(dropout)

    def build(self, input_shape):
        input_dim = input_shape[-1] # Assuming BTC format
        kernel_shape = (self.kernel_size, input_dim, self.filters)
        self.kernel = self.add_weight(name='kernel',
                                      shape=kernel_shape,
                                      initializer="random_normal",
                                      trainable=True,
                                      regularizer=self.reg)

        self.mask = np.zeros(kernel_shape)
        self.mask[0][0][0] = 1
        self.mask[self.kernel_size - 1][0][0] = 1

    def call(self, X):
        if self.sub_sampling:
            self.kernel = self.kernel * self.mask

        X = tf.nn.conv1d(X, self.kernel, stride=1, padding="SAME")

        X = self.activation(X)
        X = self.bn(X)
        X = self.dropout(X)
        return X


class XVectorEncoder(Model):
    '''
    Encoder based on x-vectors neural network architecture.
    '''

    def __init__(self, encoded_dim, weight_regularizer=0.0):
        super().__init__()

        self.encoded_dim = encoded_dim
        self.reg = regularizers.l2(weight_regularizer)

        self.tdnn1 = TDNN(filters=512, kernel_size=5, sub_sampling=False, reg=self.reg)
        self.tdnn2 = TDNN(filters=512, kernel_size=5, sub_sampling=True, reg=self.reg)
        self.tdnn3 = TDNN(filters=512, kernel_size=7, sub_sampling=True, reg=self.reg)
        self.tdnn4 = TDNN(filters=512, kernel_size=1, sub_sampling=True, reg=self.reg)
        self.tdnn5 = TDNN(filters=encoded_dim // 2, kernel_size=1, sub_sampling=True, reg=self.reg)

    def call(self, X):
        # TDNN layers
        X = self.tdnn1(X)
        X = self.tdnn2(X)
        X = self.tdnn3(X)
        X = self.tdnn4(X)
        X = self.tdnn5(X)

        # Stats pooling
        mean = tf.math.reduce_mean(X, axis=1)
        std = tf.math.reduce_std(X, axis=1)
        stat_pooling = tf.concat([mean, std], axis=1)

        return stat_pooling

    def compute_output_shape(self, input_shape):
        return (self.encoded_dim)


def build_model():
    model = XVectorEncoder(encoded_dim=512)
    inputs = np.random.default_rng(0).random((2, 50, 40)).astype("float32")
    model(inputs)  # the first forward pass of the training loop builds the encoder
    return model, inputs
