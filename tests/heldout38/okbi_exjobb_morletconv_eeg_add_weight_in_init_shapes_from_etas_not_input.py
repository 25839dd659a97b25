"""An EEG "Morlet wavelet" convolution layer takes the input dimensions by hand and calls `add_weight` in
`__init__`; but its two weights are shaped by the number of wavelets, not by the input, so they are tracked,
counted and trained on Keras 3.

From ohlindavid/Exjobb (a master's thesis classifying EEG trials with learnable Morlet-wavelet filters, after Zhao
et al. 2019). `Python/MorletLayer.py` defines `MorletConv(keras.layers.Layer)`: `__init__(self, input_dim, Fs,
input_shape=[75,31,1], etas=25, wtime=0.04)` calls `super().__init__()`, stores the channel count and trial length
from the hand-passed `input_dim`, the window length `int(wtime*Fs)`, and creates `self.a` (the wavelet widths,
constant 6) and `self.b` (the centre frequencies, uniform 2-20 Hz) with `self.add_weight(shape=(self.etas, 1))`;
there is no `build()`. `call()` turns `a` and `b` into a bank of `etas` Morlet windows with TF ops and convolves
the (time, channel) trial with them through `tf.nn.conv2d`. A checker keyed on "add_weight in `__init__` next to a
hand-given input dimension" (LD004) would flag it, but no weight shape depends on the input: measured, both
weights are in the model, counted and get gradients.

Porting edits: none to the class (the sibling `MorletConvRaw`, which imports thesis settings, is left out).
build_model() is `Python/define_model.py`'s `define_model(nchan, L, Fs)` for 31 channels, 300 samples and
Fs = 256 Hz (window 128 samples): a Sequential with `InputLayer((L, nchan), batch_size=1)`,
`MorletConv([L, nchan], Fs, input_shape=[L, nchan, 1], etas=10, wtime=0.5)`, `Conv2D(10, [1, nchan], 'elu')`,
`Permute((3, 1, 2))`, `AveragePooling2D((1, 71), (1, 15))`, Flatten and a 3-class softmax (not compiled here).
"""

SOURCE = "https://github.com/ohlindavid/Exjobb/blob/c61f551157e0a53a08a30819d5feafbc7d02d90d/Python/MorletLayer.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/okbi_exjobb_morletconv_eeg_add_weight_in_init_shapes_from_etas_not_input.py:
as returned: Sequential, count_params() = 3343, 6 weights, unbuilt: none
after call: count_params() = 3343, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'morlet_conv': 20}
second call: 0 variables watched that the first call did not use
(morlet_conv 20 = a (10, 1) + b (10, 1), created in __init__, both with a gradient.)"""

import math

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class MorletConv(keras.layers.Layer):
    def __init__(self, input_dim, Fs, input_shape=[75,31,1],etas = 25,wtime = 0.04):
        super(MorletConv, self).__init__()
        self.nchan = input_dim[1] #Antal kanaler
        self.ttot = input_dim[0] #Tiden per trial
        self.etas = etas #Antal fönster
        self.wtime = wtime #Fönsterbredd i tid
        self.wlen = int(self.wtime*Fs) #Fönsterbredd i samples, från Zhao19
        self.a = self.add_weight(name='a', shape=(self.etas,1), initializer=keras.initializers.Constant(value=6), trainable=True)
        self.b = self.add_weight(name='b', shape=(self.etas,1), initializer=keras.initializers.RandomUniform(minval=2, maxval=20, seed=11), trainable=True)

    def call(self, inputs):

        #Create a Morlet window tensor.
        win = tf.constant(np.linspace(-self.wtime/2,self.wtime/2,self.wlen,dtype='float32'))

        win = tf.linalg.matmul(tf.linalg.diag(win),tf.constant(np.ones((self.wlen,self.etas),dtype='float32')))

        aterm = tf.transpose(tf.linalg.matmul(tf.linalg.diag((self.a[:,0] * self.a[:,0]/2)), tf.constant(np.ones((self.etas,self.wlen),dtype='float32'))),perm=[1,0])

        mwin = tf.math.exp(-(win * win) * aterm)
        costerm = tf.transpose(tf.math.cos(tf.constant(2*math.pi)*tf.linalg.matmul(tf.linalg.diag(self.b[:,0]), win,transpose_b=True)),perm=[1,0])
        mwin = costerm * mwin

        # Expand
        tinput = tf.expand_dims(inputs,axis=-1)
        mwin = tf.expand_dims(mwin, axis=1)
        mwin = tf.expand_dims(mwin, axis=1)
        # Convolve.
        output = tf.nn.conv2d(tinput, mwin, [1,1,1,1], 'VALID')

        return output


def define_model(nchan,L,Fs):
    model = tf.keras.Sequential()
    model.add(layers.InputLayer((L,nchan),batch_size=1))
    model.add(MorletConv([L,nchan],Fs,input_shape=[L,nchan,1],etas=10,wtime=0.5))
    model.add(layers.Conv2D(filters=10, kernel_size=[1,nchan], activation='elu'))
    model.add(layers.Permute((3,1,2)))
    model.add(layers.AveragePooling2D(pool_size=(1, 71), strides=(1,15)))
    model.add(layers.Flatten())
    model.add(layers.Dense(3, activation='softmax'))
    return model


def build_model():
    return define_model(nchan=31, L=300, Fs=256)
