"""Mamba-tf's `MambaBlock` (a TensorFlow/Keras port of the Mamba selective state-space model) keeps the SSM's own
parameters in raw `tf.Variable`s created in `__init__`: `self.A` (non-trainable), `self.A_log` (trainable; the
author's fix of issue #2, "A_log should be trainable", made it so) and the skip parameter `self.D`. On Keras 3 a
`tf.Variable` assigned to a layer attribute is not tracked (LD003): every MambaBlock reports only its four Dense/Conv1D
sublayers' weights, `A_log` and `D` are not in `model.trainable_weights`, so `model.fit` (compiled in `init_model`)
never updates them and `model.save` drops them; the fix of #2 has no effect there. (`add_weight` in `build`, or
`keras.Variable`, would be tracked.)

From vedant-jumle/Mamba-tf, `mamba-tf.py` (`ModelArgs`, `selective_scan`, `MambaBlock`, `ResidualBlock`,
`init_model`) at 9d3057c; the A_log fix is commit df53911 ("fix A_log trainable"), after
https://github.com/vedant-jumle/Mamba-tf/issues/2.

Porting edits: einops is not installed here, so `rearrange(x, 'b l d_in -> b d_in l')` and back are
`tf.transpose(x, [0, 2, 1])` and `repeat(tf.range(...), 'n -> d n', d=...)` is `tf.tile(tf.range(...)[None, :], [d,
1])`; `init_model` does not load the BERT tokenizer (transformers is not needed to build the model; `vocab_size` is
passed in `ModelArgs` as the code requires anyway); `input_length=` is dropped from `Embedding` (Keras 3 removed it);
`optimizer=keras.optimizers.AdamW()` in `ModelArgs` is kept. build_model() calls `init_model` with a small
classifier config (vocab 100, seq_length 16, model_input_dims 16, model_states 8, 2 layers, one sigmoid output,
binary cross-entropy) and returns the compiled model with a batch of 2 token sequences.
"""

SOURCE = "https://github.com/vedant-jumle/Mamba-tf/blob/9d3057ce984dbc6a792f287a2fe2bdcdcf9b787d/mamba-tf.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 270497, 25 weights, unbuilt: none
after call: count_params() = 270497, 25 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 25 trainable weights: []
tape watched 4 variables the model does not track: ['Variable:0', 'Variable:0', 'Variable:0', 'Variable:0']
params of the case's own layers: {'Residual_0': 2336, 'mamba_block': 2304, 'Residual_1': 2336, 'mamba_block_1': 2304}
second call: 0 variables watched that the first call did not use
(the input_shape warnings come from the Dense layers' input_shape= arguments, as in the original.)
python probes/probe_mamba.py <this file>: Residual_0's MambaBlock weights are its 7 Dense/Conv1D kernels and biases only; A_log (trainable=True), D and A are not in model.weights; model.fit (the init_model compile: AdamW, binary cross-entropy), 2 epochs on 32 random sequences, leaves A_log and D unchanged; a tape naming them directly gets gradients for both (used, only untracked)."""

import tensorflow as tf
import math
import numpy as np

from tensorflow import keras
from tensorflow.keras import layers, Model

from typing import Union
from dataclasses import dataclass


def rearrange(x, pattern):  # stand-in for einops.rearrange, the two patterns used here
    assert pattern in ('b l d_in -> b d_in l', 'b d_in l -> b l d_in')
    return tf.transpose(x, [0, 2, 1])


def repeat(x, pattern, d):  # stand-in for einops.repeat(x, 'n -> d n', d=d)
    assert pattern == 'n -> d n'
    return tf.tile(x[None, :], [d, 1])


@dataclass
class ModelArgs:
    model_input_dims: int = 64
    model_states: int = 64
    projection_expand_factor: int = 2
    conv_kernel_size: int = 4
    delta_t_min: float = 0.001
    delta_t_max: float = 0.1
    delta_t_scale: float = 0.1
    delta_t_init_floor: float = 1e-4
    conv_use_bias: bool = True
    dense_use_bias: bool = False
    layer_id: int = -1
    seq_length: int = 128
    num_layers: int = 5
    dropout_rate: float = 0.2
    use_lm_head: float = False
    num_classes: int = None
    vocab_size: int = None
    final_activation = None
    loss:Union[str, keras.losses.Loss] = None
    optimizer: Union[str, keras.optimizers.Optimizer] = keras.optimizers.AdamW()
    metrics = ['accuracy']

    def __post_init__(self):
        self.model_internal_dim: int = int(self.projection_expand_factor * self.model_input_dims)

        self.delta_t_rank = math.ceil(self.model_input_dims/16)
        if self.layer_id == -1:
            self.layer_id = np.round(np.random.randint(0, 1000), 4)

        if self.vocab_size == None:
            raise ValueError("vocab size cannot be none")

        if self.use_lm_head:
            self.num_classes=self.vocab_size
        else:
            if self.num_classes == None:
                raise ValueError(f'num classes cannot be {self.num_classes}')

            if self.num_classes == 1:
                self.final_activation = 'sigmoid'
            else:
                self.final_activation = 'softmax'

        if self.loss == None:
            raise ValueError(f"loss cannot be {self.loss}")

def selective_scan(u, delta, A, B, C, D):
    dA = tf.einsum('bld,dn->bldn', delta, A) # first step of A_bar = exp(ΔA), i.e., ΔA
    dB_u = tf.einsum('bld,bld,bln->bldn', delta, u, B)
    
    dA_cumsum = tf.pad(
        dA[:, 1:], [[0, 0], [1, 1], [0, 0], [0, 0]])[:, 1:, :, :]
    
    dA_cumsum = tf.reverse(dA_cumsum, axis=[1])  # Flip along axis 1
    
    # Cumulative sum along all the input tokens, parallel prefix sum, calculates dA for all the input tokens parallely
    dA_cumsum = tf.math.cumsum(dA_cumsum, axis=1)  
    dA_cumsum = tf.exp(dA_cumsum)  # second step of A_bar = exp(ΔA), i.e., exp(ΔA)
    
    dA_cumsum = tf.reverse(dA_cumsum, axis=[1])  # Flip back along axis 1

    x = dB_u * dA_cumsum
    x = tf.math.cumsum(x, axis=1)/(dA_cumsum + 1e-12) # 1e-12 to avoid division by 0

    y = tf.einsum('bldn,bln->bld', x, C)
    
    return y + u * D

class MambaBlock(layers.Layer):
    def __init__(self, modelargs: ModelArgs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.args = modelargs
        args = modelargs

        self.in_projection = layers.Dense(
            args.model_internal_dim * 2, 
            input_shape=(args.model_input_dims,), 
            use_bias=False)

        self.conv1d = layers.Conv1D(
            filters=args.model_internal_dim,
            use_bias=args.conv_use_bias,
            kernel_size=args.conv_kernel_size,
            groups=args.model_internal_dim,
            data_format='channels_first',
            padding='causal'
        )

        # this layer takes in current token 'x' and outputs the input-specific Δ, B, C (according to S6)
        self.x_projection = layers.Dense(
            args.delta_t_rank + args.model_states * 2, 
            use_bias=False)

        # this layer projects Δ from delta_t_rank to the mamba internal dimension
        self.delta_t_projection = layers.Dense(args.model_internal_dim, 
                                               input_shape=(args.delta_t_rank,), use_bias=True)

        self.A = tf.Variable(repeat(
                tf.range(1, args.model_states+1, dtype=tf.float32), 
                'n -> d n', d=args.model_internal_dim), trainable=False, dtype=tf.float32)
        self.A_log = tf.Variable(tf.math.log(self.A), trainable=True, dtype=tf.float32)

        self.D = tf.Variable(np.ones(args.model_internal_dim), dtype=tf.float32)

        self.out_projection = layers.Dense(
            args.model_input_dims, 
            input_shape=(args.model_internal_dim,), use_bias=args.dense_use_bias)

    def call(self, x):
        """Mamba block forward. This looks the same as Figure 3 in Section 3.4 in the Mamba paper [1]."""

        (batch_size, seq_len, dimension) = x.shape

        x_and_res = self.in_projection(x) # shape = (batch, seq_len, 2 * model_internal_dimension)
        (x, res) = tf.split(x_and_res, 
                            [self.args.model_internal_dim, self.args.model_internal_dim], axis=-1)
        
        x = rearrange(x, 'b l d_in -> b d_in l') 
        x = self.conv1d(x)[:, :, :seq_len] 
        x = rearrange(x, 'b d_in l -> b l d_in') 
        
        x = tf.nn.swish(x) 
        y = self.ssm(x) 
        y = y * tf.nn.swish(res) # right side of mamba block image
        return self.out_projection(y)
    
    def ssm(self, x):
        """Runs the SSM. See Algorithm 2 in Section 3.2 in the Mamba paper [1]."""
        (d_in, n) = self.A_log.shape

        # Compute ∆ A B C D, the state space parameters.
        A = -tf.exp(tf.cast(self.A_log, tf.float32)) # shape -> (d_in, n)
        D = tf.cast(self.D, tf.float32)

        x_dbl = self.x_projection(x) # shape -> (batch, seq_len, delta_t_rank + 2*n)

        
        (delta, B, C) = tf.split(
            x_dbl, 
            num_or_size_splits=[self.args.delta_t_rank, n, n], 
            axis=-1) # delta.shape -> (batch, seq_len) & B, C shape -> (batch, seq_len, n)

        delta = tf.nn.softplus(
            self.delta_t_projection( delta)) # shape -> (batch, seq_len, model_input_dim)

        return selective_scan(x, delta, A, B, C, D)
    

class ResidualBlock(layers.Layer):
    def __init__(self, modelargs: ModelArgs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.args = modelargs
        args = modelargs

        self.mixer = MambaBlock(args)
        # self.norm = RMSNorm(args.model_input_dims)
        self.norm = layers.LayerNormalization(epsilon=1e-5)

    def call(self, x):
        return self.mixer(self.norm(x)) + x
    

def init_model(args: ModelArgs):
    input_layer = layers.Input(shape=(args.seq_length,), name='input_ids')
    x = layers.Embedding(args.vocab_size, args.model_input_dims)(input_layer)

    for i in range(args.num_layers):
        x = ResidualBlock(args, name=f"Residual_{i}")(x)
        x = layers.Dropout(args.dropout_rate)(x)

    x = layers.LayerNormalization(epsilon=1e-5)(x)

    if not args.use_lm_head: # use flatten only if we are using the model as an LM
        x = layers.Flatten()(x)
    x = layers.Dense(1024, activation=tf.nn.gelu)(x)
    output_layer = layers.Dense(args.num_classes, activation=args.final_activation)(x)

    model = Model(inputs=input_layer, outputs=output_layer, name='Mamba_ka_Mamba')
    model.compile(
        loss=args.loss,
        optimizer=args.optimizer,
        metrics=args.metrics
    )

    return model


def build_model():
    args = ModelArgs(model_input_dims=16, model_states=8, seq_length=16, num_layers=2, vocab_size=100,
                     num_classes=1, loss='binary_crossentropy')
    model = init_model(args)
    inputs = np.random.default_rng(0).integers(0, 100, size=(2, 16)).astype("int32")
    return model, inputs
