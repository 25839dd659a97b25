"""keras-io's standalone Mixture-of-Experts recipe: `Conv2DMoE` keeps all experts in one 5-D kernel
and reshapes it inside `call()` to run a single convolution; `DenseMoE` contracts a 3-D expert kernel
with `tensordot`. Correct on Keras 3: the reshape is a local tensor recomputed on every call.

Why it looks suspicious: the expert kernel is never used as created (it is reshaped to a 4-D
filter bank, with `ops.shape(inputs)[-1]` in the target shape), the gating kernel is a 1x1 conv
filter built by hand, and a model of only custom MoE layers looks like the "weights recombined
once" family. The reshape happens in `call()` and reads the variable each time, so every expert
and gating weight gets a gradient and `fit` updates them.

Porting edits: none to the layers (the example is Keras 3 code); CIFAR-10 loading, the baseline
model and training left out; the model shrunk to 8x8x3 inputs, one Conv2DMoE(8 filters, 3 experts),
one DenseMoE(16 units, 4 experts) and a Dense(10) head.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/047c7cbcac2c4c45d2b559fdf97f9278f14c1672/examples/keras_recipes/mixture_of_experts.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okx_kerasio_moe_conv2d_expert_kernel_reshaped_in_call.py:
as returned: Functional, count_params() = 9626, 10 weights, unbuilt: none
after call: count_params() = 9626, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv2d_mo_e': 684, 'dense_mo_e': 8772}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17b/fitcheck.py: compile SGD 0.1 + mse, fit 2 steps): 10/10 trainable weights changed."""

import keras
from keras import activations, layers, ops


class DenseMoE(layers.Layer):
    def __init__(self, units, n_experts, expert_activation=None, gating_activation=None,
                 use_expert_bias=True, use_gating_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.n_experts = n_experts
        self.expert_activation = activations.get(expert_activation)
        self.gating_activation = activations.get(gating_activation)
        self.use_expert_bias = use_expert_bias
        self.use_gating_bias = use_gating_bias

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.expert_kernel = self.add_weight(
            name="expert_kernel", shape=(input_dim, self.units, self.n_experts),
            initializer="glorot_uniform", trainable=True)
        if self.use_expert_bias:
            self.expert_bias = self.add_weight(
                name="expert_bias", shape=(self.units, self.n_experts),
                initializer="zeros", trainable=True)
        self.gating_kernel = self.add_weight(
            name="gating_kernel", shape=(input_dim, self.n_experts),
            initializer="glorot_uniform", trainable=True)
        if self.use_gating_bias:
            self.gating_bias = self.add_weight(
                name="gating_bias", shape=(self.n_experts,),
                initializer="zeros", trainable=True)
        super().build(input_shape)

    def call(self, inputs):
        expert_outputs = ops.tensordot(inputs, self.expert_kernel, axes=1)
        if self.use_expert_bias:
            expert_outputs = expert_outputs + self.expert_bias
        expert_outputs = self.expert_activation(expert_outputs)
        gating_outputs = ops.tensordot(inputs, self.gating_kernel, axes=1)
        if self.use_gating_bias:
            gating_outputs = gating_outputs + self.gating_bias
        gating_outputs = self.gating_activation(gating_outputs)
        gating_outputs = ops.expand_dims(gating_outputs, axis=1)
        return ops.sum(expert_outputs * gating_outputs, axis=-1)


class Conv2DMoE(layers.Layer):
    def __init__(self, filters, kernel_size, n_experts, strides=1, padding="valid",
                 expert_activation=None, gating_activation=None,
                 use_expert_bias=True, use_gating_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size if isinstance(kernel_size, tuple) else (kernel_size, kernel_size)
        self.n_experts = n_experts
        self.strides = strides if isinstance(strides, tuple) else (strides, strides)
        self.padding = padding
        self.expert_activation = activations.get(expert_activation)
        self.gating_activation = activations.get(gating_activation)
        self.use_expert_bias = use_expert_bias
        self.use_gating_bias = use_gating_bias

    def build(self, input_shape):
        input_channels = input_shape[-1]
        self.expert_kernel = self.add_weight(
            name="expert_kernel",
            shape=(self.kernel_size[0], self.kernel_size[1], input_channels,
                   self.filters, self.n_experts),
            initializer="glorot_uniform", trainable=True)
        if self.use_expert_bias:
            self.expert_bias = self.add_weight(
                name="expert_bias", shape=(self.filters, self.n_experts),
                initializer="zeros", trainable=True)
        self.gating_kernel = self.add_weight(
            name="gating_kernel", shape=(1, 1, input_channels, self.n_experts),
            initializer="glorot_uniform", trainable=True)
        if self.use_gating_bias:
            self.gating_bias = self.add_weight(
                name="gating_bias", shape=(self.n_experts,),
                initializer="zeros", trainable=True)
        super().build(input_shape)

    def call(self, inputs):
        expert_kernel = ops.reshape(
            self.expert_kernel,
            (self.kernel_size[0], self.kernel_size[1], ops.shape(inputs)[-1],
             self.filters * self.n_experts))
        expert_outputs = ops.conv(inputs, expert_kernel, strides=self.strides, padding=self.padding)
        output_shape = ops.shape(expert_outputs)
        expert_outputs = ops.reshape(
            expert_outputs,
            (output_shape[0], output_shape[1], output_shape[2], self.filters, self.n_experts))
        if self.use_expert_bias:
            expert_outputs = expert_outputs + self.expert_bias
        expert_outputs = self.expert_activation(expert_outputs)
        gating_outputs = ops.conv(inputs, self.gating_kernel, strides=self.strides, padding=self.padding)
        if self.use_gating_bias:
            gating_outputs = gating_outputs + self.gating_bias
        gating_outputs = self.gating_activation(gating_outputs)
        gating_outputs = ops.expand_dims(gating_outputs, axis=-2)
        return ops.sum(expert_outputs * gating_outputs, axis=-1)


def create_moe_model():
    inputs = keras.Input(shape=(8, 8, 3))
    x = Conv2DMoE(8, 3, n_experts=3, padding="same",
                  expert_activation="relu", gating_activation="softmax")(inputs)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Flatten()(x)
    x = DenseMoE(16, n_experts=4, expert_activation="relu", gating_activation="softmax")(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="moe_model")


def build_model():
    return create_moe_model()
