"""kecam's Swin-V2 `MlpPairwisePositionalEmbedding`: `build()` stores two NumPy-derived tensors on
`self` (`self.coords`, `self.relative_position_index`) next to three `add_weight` weights, and `call()`
feeds the weights through a tiny MLP on the constant coordinates, then `gather`s the result with the
int64 index tensor.

Raw tensors set on `self` in `build()`, an int64 index, a `gather` between the weights and the output,
and a `self.is_deploy_mode = False` flag flipped in `build()` all look like the untracked-state /
no-gradient bug shapes. They are not: the two tensors are fixed lookup tables (not meant to train), and
the three weights are tracked, counted and receive gradients through the MLP + gather path.

Porting edits: kecam's `backend`/`functional` wrappers replaced by `keras` and `keras.ops`
(`functional.gather` -> `ops.take` along axis 0, `functional.pad` -> `ops.pad`); the register-buffer
branch for PyTorch and the `switch_to_deploy` helper left out; `ExpLogitScale` (same file) kept because
it sits right before this layer in `window_mhsa_with_pair_wise_positional_embedding`. `build_model()`
feeds a [batch, heads, hh*ww, hh*ww] attention map of a 4x4 window into the same two layers, a softmax
and a small head.
"""

SOURCE = "https://github.com/leondgarse/keras_cv_attention_models/blob/687943d88f7a7beea4807e8f4db00f4b49da9ea8/keras_cv_attention_models/swin_transformer_v2/swin_transformer_v2.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/oky_kecam_swinv2_pairwise_pos_coords_tensors_in_build.py:
as returned: Functional, count_params() = 1621, 6 weights, unbuilt: none
after call: count_params() = 1621, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'scale': 2, 'pos_emb': 80}
second call: 0 variables watched that the first call did not use
pos_emb has 80 params (hidden_weight 2x16, hidden_bias 16, out 16x2), all with gradients; coords (49x2 float) and relative_position_index (16x16 int64) are constant tensors on self, by design not weights."""

import math

import keras
import numpy as np
from keras import initializers, layers, ops


class ExpLogitScale(layers.Layer):
    def __init__(self, axis=-1, init_value=math.log(10.0), max_value=math.log(100.0), **kwargs):
        super().__init__(**kwargs)
        self.axis, self.init_value, self.max_value = axis, init_value, max_value

    def build(self, input_shape):
        if self.axis is None:
            weight_shape = (1,)
        elif self.axis == -1 or self.axis == len(input_shape) - 1:
            weight_shape = (input_shape[-1],)
        else:
            weight_shape = [1] * len(input_shape)
            axis = self.axis if isinstance(self.axis, (list, tuple)) else [self.axis]
            for ii in axis:
                weight_shape[ii] = input_shape[ii]

        initializer = initializers.constant(self.init_value)
        self.scale = self.add_weight(name="gamma", shape=weight_shape, initializer=initializer, trainable=True)
        self.__max_value__ = float(self.max_value)
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        return inputs * ops.exp(ops.minimum(self.scale, self.__max_value__))


class MlpPairwisePositionalEmbedding(layers.Layer):
    def __init__(self, hidden_dim=512, attn_height=-1, attn_width=-1, pos_scale=-1, use_absolute_pos=False, is_deploy_mode=False, **kwargs):
        # No weight, just need to wrapper a layer, or will not in model structure
        super().__init__(**kwargs)
        self.hidden_dim, self.attn_height, self.attn_width, self.pos_scale = hidden_dim, attn_height, attn_width, pos_scale
        self.use_absolute_pos, self.is_deploy_mode = use_absolute_pos, is_deploy_mode

    def _build_absolute_coords_(self):
        hh, ww = np.meshgrid(range(0, self.height), range(0, self.width), indexing="ij")
        coords = np.stack([hh, ww], axis=-1).astype("float32")
        coords = coords / [self.height // 2, self.width // 2] - 1
        coords = np.reshape(coords, [-1, coords.shape[-1]]) if self.is_compressed else coords
        self.coords = ops.convert_to_tensor(coords, dtype=self.compute_dtype)

    def _build_relative_index_(self):
        hh, ww = np.meshgrid(range(self.height), range(self.width))
        coords = np.stack([hh, ww], axis=-1).astype("float32")  # [15, 12, 2]
        coords_flatten = np.reshape(coords, [-1, 2])  # [180, 2]
        relative_coords = coords_flatten[:, None, :] - coords_flatten[None, :, :]  # [180, 180, 2]

        relative_coords_hh = relative_coords[:, :, 0] + self.height - 1
        relative_coords_ww = (relative_coords[:, :, 1] + self.width - 1) * (2 * self.height - 1)
        relative_coords_hhww = np.stack([relative_coords_hh, relative_coords_ww], axis=-1)
        relative_position_index = np.sum(relative_coords_hhww, axis=-1)  # [180, 180]
        self.relative_position_index = ops.convert_to_tensor(relative_position_index, dtype="int64")

    def _build_relative_coords_(self):
        hh, ww = np.meshgrid(range(-self.height + 1, self.height), range(-self.width + 1, self.width), indexing="ij")
        coords = np.stack([hh, ww], axis=-1).astype("float32")
        if self.pos_scale == -1:
            pos_scale = [self.height, self.width]
        else:
            pos_scale = self.pos_scale if isinstance(self.pos_scale, (list, tuple)) else [self.pos_scale, self.pos_scale]
        coords = coords * 8 / [float(pos_scale[0] - 1), float(pos_scale[1] - 1)]  # [23, 29, 2], normalize to -8, 8
        coords = np.sign(coords) * np.log(1.0 + np.abs(coords)) / (np.log(2.0) * 3.0)
        coords = np.reshape(coords, [-1, 2])  # [23 * 29, 2]
        self.coords = ops.convert_to_tensor(coords, dtype=self.compute_dtype)

    def build(self, input_shape):
        if self.is_deploy_mode:
            self.deploy_bias = self.add_weight(name="deploy_bias", shape=[1, *input_shape[1:]], initializer="zeros", trainable=False)
            super().build(input_shape)
            return

        if self.use_absolute_pos:
            self.is_compressed = len(input_shape) == 3
            if self.is_compressed:
                self.height = int(float(input_shape[-2]) ** 0.5) if self.attn_height == -1 else self.attn_height
                self.width = input_shape[-2] // self.height
            else:
                self.height, self.width = input_shape[1:-1]

            self._build_absolute_coords_()
            out_shape = [self.hidden_dim, input_shape[-1]]
        else:
            # input_shape: [batch, num_heads, hh * ww, hh * ww]
            height = int(float(input_shape[-2]) ** 0.5) if self.attn_height == -1 else self.attn_height
            width = (input_shape[-2] // height) if self.attn_width == -1 else self.attn_width
            self.height, self.width, self.num_heads = height, width, input_shape[1]
            padding = input_shape[-2] - height * width
            self.padding = [[padding, 0], [padding, 0], [0, 0]] if padding > 0 else None

            self._build_relative_coords_()
            self._build_relative_index_()
            out_shape = [self.hidden_dim, self.num_heads]

        self.hidden_weight = self.add_weight(name="hidden_weight", initializer="glorot_uniform", shape=[2, self.hidden_dim], trainable=True)
        self.hidden_bias = self.add_weight(name="hidden_bias", initializer="zeros", shape=[self.hidden_dim], trainable=True)
        self.out = self.add_weight(name="out", initializer="glorot_uniform", shape=out_shape, trainable=True)

        self.is_deploy_mode = False
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        if self.is_deploy_mode:
            return inputs + self.deploy_bias

        pos_bias = self.coords @ self.hidden_weight + self.hidden_bias
        pos_bias = ops.relu(pos_bias)
        pos_bias = pos_bias @ self.out

        if not self.use_absolute_pos:
            pos_bias = ops.take(pos_bias, self.relative_position_index, axis=0)  # [hh * ww, hh * ww, num_heads]
            pos_bias = ops.sigmoid(pos_bias) * 16.0
            pos_bias = ops.pad(pos_bias, self.padding) if self.padding else pos_bias
            pos_bias = ops.transpose(pos_bias, [2, 0, 1])
        return inputs + ops.expand_dims(pos_bias, 0)

    def get_config(self):
        base_config = super().get_config()
        base_config.update(
            {
                "hidden_dim": self.hidden_dim,
                "attn_height": self.attn_height,
                "attn_width": self.attn_width,
                "pos_scale": self.pos_scale,
                "use_absolute_pos": self.use_absolute_pos,
                "is_deploy_mode": self.is_deploy_mode,
            }
        )
        return base_config


def build_model():
    num_heads, height = 2, 4
    attn = keras.Input(shape=(num_heads, height * height, height * height))
    nn = ExpLogitScale(axis=1, name="scale")(attn)  # axis=1 is head dimension
    nn = MlpPairwisePositionalEmbedding(hidden_dim=16, attn_height=height, name="pos_emb")(nn)
    nn = layers.Softmax(axis=-1, name="attention_scores")(nn)
    nn = layers.Flatten()(nn)
    out = layers.Dense(3, name="head")(nn)
    return keras.Model(attn, out)
