"""Equi-RC's reverse-complement-equivariant DNA convolutions create their kernels with `add_weight` in `__init__`,
sized from the `reg_in` / `a_in` / `b_in` channel counts the caller passes by hand, instead of in `build()`.

From Vincentx15/Equi-RC (`keras_rclayers.py`, the Keras layers of "Reverse-Complement Equivariant Networks for DNA
Sequences", NeurIPS 2021). `RegToIrrepConv(reg_in, a_out, b_out, kernel_size)` sets `self.input_dim = 2 * reg_in`
and in `__init__` calls `self.add_weight(shape=(self.kernel_size // 2, self.input_dim, self.filters), ...)` for the
left half of the kernel (plus `center_kernel_tl`/`center_kernel_br` halves for odd sizes); `call()` assembles the
full kernel each time from flipped slices of those weights (`self.left_kernel[::-1, ::-1, :self.a_out]`, a derived
tensor, which is fine) and runs a 1-D convolution. `IrrepToIrrepConv(a_in, a_out, b_in, b_out, ...)` does the same
with `a_in + b_in` input channels. No weight vanishes: all are tracked and trained. The defect is the catalog's
warning LD004: the input width is a constructor argument, the weights exist before any input is seen, and a layer
whose `reg_in` does not match the channels it is called on (e.g. one-hot 4 channels vs. the 16 of the repo's own
`ToKmerLayer(k=2)`) does not fail at all when the channel count is a multiple (TF then runs a grouped convolution, measured below)
and otherwise fails inside the convolution, far from the cause. The repo's `keras_example.py` has to
derive `reg_in = self.to_kmer.features // 2` by hand to keep them in step.

Porting edits: the repo writes for standalone Keras 2 (`from keras import backend as K`); Keras 3's `keras.backend`
no longer has `concatenate`, `conv1d` or `zeros`, so a three-function shim `K` maps them to `keras.ops` (the layer
code is unchanged). `keras_example.py`'s `EquiNetBinary` (a plain object holding layers, wired functionally) is
kept with `kmers=1` (so `ToKmerLayer` is an identity and is left out, `reg_in = 4 // 2 = 2`) and without the
`IrrepBatchNorm` layers (their `K.in_train_phase`/`K.update`/`add_update` do not exist in Keras 3; the example
allows `placeholder_bn=True`, which makes them return their input); `MaxPooling1D(pool_length=...)` (Keras 1
keyword) becomes `pool_size=40, strides=20`. `build_model()` is the example's `func_api_model()` with filters
((24, 8), (24, 8), (24, 8)) and kernel sizes (15, 14, 14) on 1000 bp one-hot DNA.
"""

SOURCE = "https://github.com/Vincentx15/Equi-RC/blob/2a678ee2e6bb3dfe3aad492722faa5e533fff34a/keras_rclayers.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py at_equirc_rc_equivariant_convs_kernels_sized_by_hand_given_reg_in_in_init.py:
as returned: Functional, count_params() = 16801, 7 weights, unbuilt: none
after call: count_params() = 16801, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reg_to_irrep_conv': 960, 'irrep_activation_layer': 0, 'irrep_to_irrep_conv': 7168, 'irrep_activation_layer_1': 0, 'irrep_to_irrep_conv_1': 7168, 'irrep_activation_layer_2': 0, 'irrep_concat_layer': 0}
second call: 0 variables watched that the first call did not use
Own probe (probe_equirc.py): RegToIrrepConv(reg_in=2, a_out=24, b_out=8, kernel_size=15) has its weights before
any call (built = False, weights (7, 4, 32), (1, 2, 24), (1, 2, 8)); called on a 16-channel 2-mer one-hot input
it does NOT fail: output shape (1, 86, 32), TF runs the 4-in-channel kernel as a grouped convolution (4 groups),
silently wrong; on a 6-channel input it raises ValueError inside RegToIrrepConv.call(). No weight is lost."""

import types

import numpy as np
import tensorflow as tf

import keras
from keras.layers import Layer
import keras.layers as kl

# Keras 3 port: keras.backend lost these three functions; same signatures as the Keras 2 backend.
K = types.SimpleNamespace(
    concatenate=lambda tensors, axis=-1: keras.ops.concatenate(tensors, axis=axis),
    conv1d=lambda x, kernel, padding='valid', dilation_rate=1: keras.ops.conv(x, kernel, padding=padding, dilation_rate=dilation_rate),
    zeros=lambda shape: keras.ops.zeros(shape),
)


class RegToIrrepConv(Layer):
    """
    Mapping from one regular layer to an irrep one
    """

    def __init__(self, reg_in, a_out, b_out, kernel_size,
                 dilatation=1,
                 padding='valid',
                 kernel_initializer='glorot_uniform',
                 **kwargs):
        super(RegToIrrepConv, self).__init__(**kwargs)
        self.reg_in = reg_in
        self.a_out = a_out
        self.b_out = b_out
        self.input_dim = 2 * reg_in
        self.filters = a_out + b_out

        self.kernel_size = kernel_size
        self.kernel_initializer = kernel_initializer
        self.padding = padding
        self.dilatation = dilatation

        if self.kernel_size > 1:
            self.left_kernel = self.add_weight(shape=(self.kernel_size // 2, self.input_dim, self.filters),
                                               initializer=self.kernel_initializer,
                                               name='left_kernel')

        # odd size : To get the equality for x=0, we need to have transposed columns + flipped bor the b_out dims
        if self.kernel_size % 2 == 1:
            if self.a_out > 0:
                self.top_left = self.add_weight(shape=(1, self.reg_in, self.a_out),
                                                initializer=self.kernel_initializer,
                                                name='center_kernel_tl')
            if self.b_out > 0:
                self.bottom_right = self.add_weight(shape=(1, self.reg_in, self.b_out),
                                                    initializer=self.kernel_initializer,
                                                    name='center_kernel_br')

    def call(self, inputs, **kwargs):
        # Build the right part of the kernel from the left one
        # Columns are transposed, the b lines are flipped
        if self.kernel_size > 1:
            if self.a_out == 0:
                right_kernel = -self.left_kernel[::-1, ::-1, self.a_out:]
            elif self.b_out == 0:
                right_kernel = self.left_kernel[::-1, ::-1, :self.a_out]
            else:
                right_top = self.left_kernel[::-1, ::-1, :self.a_out]
                right_bottom = -self.left_kernel[::-1, ::-1, self.a_out:]
                right_kernel = K.concatenate((right_top, right_bottom), axis=2)

        # Extra steps are needed for building the middle part when using the odd size
        # We build the missing parts by transposing and flipping the sign of b_parts.
        if self.kernel_size % 2 == 1:
            if self.a_out == 0:
                bottom_left = -self.bottom_right[:, ::-1, :]
                bottom = K.concatenate((bottom_left, self.bottom_right), axis=1)
                if self.kernel_size > 1:
                    kernel = K.concatenate((self.left_kernel, bottom, right_kernel), axis=0)
                else:
                    kernel = bottom
            elif self.b_out == 0:
                top_right = self.top_left[:, ::-1, :]
                top = K.concatenate((self.top_left, top_right), axis=1)
                if self.kernel_size > 1:
                    kernel = K.concatenate((self.left_kernel, top, right_kernel), axis=0)
                else:
                    kernel = top
            else:
                top_right = self.top_left[:, ::-1, :]
                bottom_left = -self.bottom_right[:, ::-1, :]
                left = K.concatenate((self.top_left, bottom_left), axis=2)
                right = K.concatenate((top_right, self.bottom_right), axis=2)
                center_kernel = K.concatenate((left, right), axis=1)
                if self.kernel_size > 1:
                    kernel = K.concatenate((self.left_kernel, center_kernel, right_kernel), axis=0)
                else:
                    kernel = center_kernel
        else:
            kernel = K.concatenate((self.left_kernel, right_kernel), axis=0)
        outputs = K.conv1d(inputs,
                           kernel,
                           padding=self.padding,
                           dilation_rate=self.dilatation)
        return outputs

    def compute_output_shape(self, input_shape):
        length = input_shape[1]
        if self.padding == 'valid':
            return None, length - self.kernel_size + 1 - (self.kernel_size - 1) * (self.dilatation - 1), self.filters
        if self.padding == 'same':
            return None, length, self.filters


class IrrepToIrrepConv(Layer):
    """
    Mapping from one irrep layer to another
    """

    def __init__(self, a_in, a_out, b_in, b_out, kernel_size,
                 dilatation=1,
                 padding='valid',
                 kernel_initializer='glorot_uniform',
                 **kwargs):
        super(IrrepToIrrepConv, self).__init__(**kwargs)

        self.a_in = a_in
        self.b_in = b_in
        self.a_out = a_out
        self.b_out = b_out
        self.input_dim = a_in + b_in
        self.filters = a_out + b_out

        self.kernel_size = kernel_size
        self.kernel_initializer = kernel_initializer
        self.padding = padding
        self.dilatation = dilatation

        if self.kernel_size > 1:
            self.left_kernel = self.add_weight(shape=(self.kernel_size // 2, self.input_dim, self.filters),
                                               initializer=self.kernel_initializer,
                                               name='left_kernel')
        # odd size
        if self.kernel_size % 2 == 1:
            # For the kernel to be anti-symmetric, we need to have zeros on the anti-symmetric parts
            # Here we initialize the non zero blocks
            if self.a_out > 0 and self.a_in > 0:
                self.top_left = self.add_weight(shape=(1, self.a_in, self.a_out),
                                                initializer=self.kernel_initializer,
                                                name='center_kernel_tl')
            if self.b_out > 0 and self.b_in > 0:
                self.bottom_right = self.add_weight(shape=(1, self.b_in, self.b_out),
                                                    initializer=self.kernel_initializer,
                                                    name='center_kernel_br')

    def call(self, inputs, **kwargs):
        # Build the right part of the kernel from the left one
        # Here being on a 'b' part means flipping so the block diagonal is flipped
        if self.kernel_size > 1:
            # going from as ->
            if self.b_in == 0:
                # going from as -> bs
                if self.a_out == 0:
                    right_kernel = - self.left_kernel[::-1, :, :]
                # going from as -> as
                elif self.b_out == 0:
                    right_kernel = self.left_kernel[::-1, :, :]
                # going from as -> abs
                else:
                    right_top = self.left_kernel[::-1, :, :self.a_out]
                    right_bottom = - self.left_kernel[::-1, :, self.a_out:]
                    right_kernel = K.concatenate((right_top, right_bottom), axis=2)

            # going from bs ->
            elif self.a_in == 0:
                # going from bs -> bs
                if self.a_out == 0:
                    right_kernel = self.left_kernel[::-1, :, :]
                # going from bs -> as
                elif self.b_out == 0:
                    right_kernel = - self.left_kernel[::-1, :, :]
                # going from bs -> abs
                else:
                    right_top = -self.left_kernel[::-1, :, :self.a_out]
                    right_bottom = self.left_kernel[::-1, :, self.a_out:]
                    right_kernel = K.concatenate((right_top, right_bottom), axis=2)

            # going to -> bs
            elif self.a_out == 0:
                # going from bs -> bs
                if self.a_in == 0:
                    right_kernel = self.left_kernel[::-1, :, :]
                # going from as -> bs
                elif self.b_in == 0:
                    right_kernel = - self.left_kernel[::-1, :, :]
                # going from abs -> bs
                else:
                    right_left = - self.left_kernel[::-1, :self.a_in, :]
                    right_right = self.left_kernel[::-1, self.a_in:, :]
                    right_kernel = K.concatenate((right_left, right_right), axis=1)

            # going to -> as
            elif self.b_out == 0:
                # going from bs -> as
                if self.a_in == 0:
                    right_kernel = - self.left_kernel[::-1, :, :]
                # going from as -> as
                elif self.b_in == 0:
                    right_kernel = self.left_kernel[::-1, :, :]
                # going from abs -> as
                else:
                    right_left = self.left_kernel[::-1, :self.a_in, :]
                    right_right = -self.left_kernel[::-1, self.a_in:, :]
                    right_kernel = K.concatenate((right_left, right_right), axis=1)

            else:
                right_top_left = self.left_kernel[::-1, :self.a_in, :self.a_out]
                right_top_right = -self.left_kernel[::-1, self.a_in:, :self.a_out]
                right_bottom_left = -self.left_kernel[::-1, :self.a_in, self.a_out:]
                right_bottom_right = self.left_kernel[::-1, self.a_in:, self.a_out:]
                right_left = K.concatenate((right_top_left, right_bottom_left), axis=2)
                right_right = K.concatenate((right_top_right, right_bottom_right), axis=2)
                right_kernel = K.concatenate((right_left, right_right), axis=1)

        # Extra steps are needed for building the middle part when using the odd size
        if self.kernel_size % 2 == 1:
            if self.b_in == 0:
                if self.a_out == 0:
                    center_kernel = K.zeros(shape=(1, self.a_in, self.b_out))
                elif self.b_out == 0:
                    center_kernel = self.top_left
                else:
                    bottom_left = K.zeros(shape=(1, self.a_in, self.b_out))
                    center_kernel = K.concatenate((self.top_left, bottom_left), axis=2)
            elif self.a_in == 0:
                if self.a_out == 0:
                    center_kernel = self.bottom_right
                elif self.b_out == 0:
                    center_kernel = K.zeros(shape=(1, self.b_in, self.a_out))
                else:
                    top_right = K.zeros(shape=(1, self.b_in, self.a_out))
                    center_kernel = K.concatenate((top_right, self.bottom_right), axis=2)
            elif self.a_out == 0:
                if self.a_in == 0:
                    center_kernel = self.bottom_right
                elif self.b_in == 0:
                    center_kernel = K.zeros(shape=(1, self.a_in, self.b_out))
                else:
                    bottom_left = K.zeros(shape=(1, self.a_in, self.b_out))
                    center_kernel = K.concatenate((bottom_left, self.bottom_right), axis=1)
            elif self.b_out == 0:
                if self.a_in == 0:
                    center_kernel = K.zeros(shape=(1, self.b_in, self.a_out))
                elif self.b_in == 0:
                    center_kernel = self.top_left
                else:
                    top_right = K.zeros(shape=(1, self.b_in, self.a_out))
                    center_kernel = K.concatenate((self.top_left, top_right), axis=1)
            else:
                # For the kernel to be anti-symmetric, we need to have zeros on the anti-symmetric parts:
                bottom_left = K.zeros(shape=(1, self.a_in, self.b_out))
                top_right = K.zeros(shape=(1, self.b_in, self.a_out))
                left = K.concatenate((self.top_left, bottom_left), axis=2)
                right = K.concatenate((top_right, self.bottom_right), axis=2)
                center_kernel = K.concatenate((left, right), axis=1)
            if self.kernel_size > 1:
                kernel = K.concatenate((self.left_kernel, center_kernel, right_kernel), axis=0)
            else:
                kernel = center_kernel
        else:
            kernel = K.concatenate((self.left_kernel, right_kernel), axis=0)

        outputs = K.conv1d(inputs,
                           kernel,
                           padding=self.padding,
                           dilation_rate=self.dilatation)
        return outputs

    def compute_output_shape(self, input_shape):
        length = input_shape[1]
        if self.padding == 'valid':
            return None, length - self.kernel_size + 1 - (self.kernel_size - 1) * (self.dilatation - 1), self.filters
        if self.padding == 'same':
            return None, length, self.filters


class IrrepActivationLayer(Layer):
    """
    Activation layer for a_n, b_n feature map
    """

    def __init__(self, a, b, placeholder=False, **kwargs):
        super(IrrepActivationLayer, self).__init__(**kwargs)
        self.a = a
        self.b = b
        self.placeholder = placeholder

    def call(self, inputs, **kwargs):
        if self.placeholder:
            return inputs
        a_outputs = None
        if self.a > 0:
            a_inputs = inputs[:, :, :self.a]
            a_outputs = kl.ReLU()(a_inputs)
        if self.b > 0:
            b_inputs = inputs[:, :, self.a:]
            b_outputs = tf.tanh(b_inputs)
            if a_outputs is not None:
                return K.concatenate((a_outputs, b_outputs), axis=-1)
            else:
                return b_outputs
        return a_outputs


class IrrepConcatLayer(Layer):
    """
    Concatenation layer to average both strands outputs for an irrep feature map
    """

    def __init__(self, a, b, **kwargs):
        super(IrrepConcatLayer, self).__init__(**kwargs)
        self.a = a
        self.b = b

    def call(self, inputs, **kwargs):
        a_outputs = None
        if self.a > 0:
            a_outputs = (inputs[:, :, :self.a] + inputs[:, ::-1, :self.a]) / 2
        if self.b > 0:
            b_outputs = (inputs[:, :, self.a:] - inputs[:, ::-1, self.a:]) / 2
            if a_outputs is not None:
                return K.concatenate((a_outputs, b_outputs), axis=-1)
            else:
                return b_outputs
        return a_outputs


class EquiNetBinary:

    def __init__(self,
                 filters=((16, 16), (16, 16), (16, 16)),
                 kernel_sizes=(15, 14, 14),
                 pool_size=40,
                 pool_length=20,
                 out_size=1,
                 kmers=1):
        """
        First map the regular representation to irrep setting
        Then goes from one setting to another.
        """

        self.kmers = int(kmers)
        # ToKmerLayer(k=1) is the identity on one-hot DNA: 4 features
        reg_in = 4 // 2
        first_kernel_size = kernel_sizes[0]
        first_a, first_b = filters[0]
        self.last_a, self.last_b = filters[-1]
        self.reg_irrep = RegToIrrepConv(reg_in=reg_in,
                                        a_out=first_a,
                                        b_out=first_b,
                                        kernel_size=first_kernel_size)
        self.first_act = IrrepActivationLayer(a=first_a, b=first_b)

        # Now add the intermediate layers : sequence of conv, (BN,) activation
        self.irrep_layers = []
        self.activation_layers = []
        for i in range(1, len(filters)):
            prev_a, prev_b = filters[i - 1]
            next_a, next_b = filters[i]
            self.irrep_layers.append(IrrepToIrrepConv(
                a_in=prev_a,
                b_in=prev_b,
                a_out=next_a,
                b_out=next_b,
                kernel_size=kernel_sizes[i],
            ))
            self.activation_layers.append(IrrepActivationLayer(a=next_a,
                                                               b=next_b))

        self.concat = IrrepConcatLayer(a=self.last_a, b=self.last_b)
        self.pool = kl.MaxPooling1D(pool_size=pool_size, strides=pool_length)
        self.flattener = kl.Flatten()
        self.dense = kl.Dense(out_size, activation='sigmoid')

    def func_api_model(self):
        inputs = keras.layers.Input(shape=(1000, 4), dtype="float32")

        x = self.reg_irrep(inputs)
        x = self.first_act(x)

        for irrep_layer, activation_layer in zip(self.irrep_layers, self.activation_layers):
            x = irrep_layer(x)
            x = activation_layer(x)

        # Average two strands predictions, pool and go through Dense
        x = self.concat(x)
        x = self.pool(x)
        x = self.flattener(x)
        outputs = self.dense(x)
        model = keras.Model(inputs, outputs)
        return model


def _dna(n=2, length=1000):
    rng = np.random.default_rng(0)
    return np.eye(4, dtype="float32")[rng.integers(0, 4, size=(n, length))]


def build_model():
    model = EquiNetBinary(kmers=1, filters=((24, 8), (24, 8), (24, 8)))
    model = model.func_api_model()
    return model, _dna()
