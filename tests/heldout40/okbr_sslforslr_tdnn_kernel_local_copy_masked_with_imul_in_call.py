"""ssl-for-slr's x-vector `TDNN` layer, a commit later: `kernel = self.kernel` then `kernel *= self.mask` in `call()`.
The augmented assignment looks like it masks the weight in place, but a Keras variable has no `__imul__`: only the
local name is rebound to a new tensor, the kernel stays a variable, is counted and gets its gradient (look-alike).

From theolepage/ssl-for-slr, `sslforslr/models/encoders/XVectorEncoder.py` at commit 742932d ("feat(model): add MoCo
model"), the author's fix of the `self.kernel = self.kernel * self.mask` rebinding of the first version (the bug case
`br_sslforslr_...`). `build()` keeps `self.kernel_shape`, makes the kernel with `add_weight` and, only for
sub-sampled layers, a float32 NumPy mask with the first and last taps open; `call()` masks a local copy and runs
`tf.nn.conv1d`, ReLU, BatchNormalization and Dropout; `XVectorEncoder` stacks five TDNNs and stats-pools. A checker
that reads `kernel = self.kernel` as an alias of the weight sees `kernel *= mask` as overwriting the variable with a
tensor derived from it (LD010-looking) and a NumPy array stored on self in `build()` (LD001-looking: it is a constant
mask, not a weight).

Porting edits: none (the imports are the author's: `tensorflow.keras` is Keras 3 under TF 2.21). build_model() builds
`XVectorEncoder(encoded_dim=512)` as the repository's trainer did and returns it unbuilt with a batch of two 50-frame
40-dim feature sequences.
"""

SOURCE = "https://github.com/theolepage/ssl-for-slr/blob/742932d979b687a394ee8050191484103bcfef17/sslforslr/models/encoders/XVectorEncoder.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/okbr_sslforslr_tdnn_kernel_local_copy_masked_with_imul_in_call.py:
as returned: XVectorEncoder, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['TDNN:tdnn', 'BatchNormalization:batch_normalization', 'TDNN:tdnn_1', 'BatchNormalization:batch_normalization_1', 'TDNN:tdnn_2', 'BatchNormalization:batch_normalization_2', 'TDNN:tdnn_3', 'BatchNormalization:batch_normalization_3', 'TDNN:tdnn_4', 'BatchNormalization:batch_normalization_4']
after call: count_params() = 3650560, 15 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 15 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tdnn': 104448, 'tdnn_1': 1312768, 'tdnn_2': 1837056, 'tdnn_3': 264192, 'tdnn_4': 132096}
second call: 0 variables watched that the first call did not use
probe_calls.py (three calls under a tape): calls 1, 2 and 3: 15 trainable weights, count_params=3650560, grad None for 0.
(unbuilt as returned: a subclassed Model is built by its first call.)"""

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
        self.kernel_shape = (self.kernel_size, input_dim, self.filters)
        self.kernel = self.add_weight(name='kernel',
                                      shape=self.kernel_shape,
                                      initializer="random_normal",
                                      trainable=True,
                                      regularizer=self.reg)

        if self.sub_sampling:
            self.mask = np.zeros(self.kernel_shape).astype(np.float32)
            self.mask[0][0] = 1
            self.mask[self.kernel_size - 1][0] = 1

    def call(self, X):
        kernel = self.kernel
        if self.sub_sampling:
            kernel *= self.mask

        X = tf.nn.conv1d(X, kernel, stride=1, padding="SAME")

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
    return model, inputs
