"""FocalNet ported to Keras Core / Keras 3 (anas-rz/focalnet-keras-core): to "fix" the JAX training error
of keras-team/keras#18404, the author made one module-level `seed_gen = keras.random.SeedGenerator(42)`
and passed it as `seed=` from `StochasticDepth.call()`. The generator's state variable belongs to no
layer: every `StochasticDepth` in the network shares it, none of them (nor the model) tracks it, so it
is not in `model.variables`, not saved with the weights, and is advanced behind the model's back.

The issue (September 2023) reported an `UnexpectedTracerError` at the end of the first epoch on JAX with
the unseeded `keras.random.uniform(shape, 0, 1)` in `StochasticDepth.call()`; commit 6b8f702 ("Fix Jax
training bug") added the global generator. The Keras guidance (and keras-io reviews of the same layer,
e.g. the CaiT port) is to create the `SeedGenerator` in the layer's `__init__` so that it is tracked
state of the layer (on JAX the trainer then threads its state through `stateless_call`; a global one is
outside the model's variables).

Porting edits: `keras_core` -> `keras`; the FocalNet builders (`FocalNet`, `BasicLayer`,
`FocalNetBlock`, `PatchEmbed`, `Mlp`, `FocalModulation`, `StochasticDepth`) are the author's, trimmed
of the options this configuration does not use (post-LN, layer scale, conv embedding); the model is
made tiny (16x16 input, patch 4, embed_dim 8, one stage of depth 2, drop_path_rate 0.2).
"""

SOURCE = "https://github.com/anas-rz/focalnet-keras-core/blob/6b8f702ce8c5104da4b70baba4933eabaa601ee1/focalnet_keras_core/layers.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/w_focalnet_stochastic_depth_module_level_seed_generator.py:
as returned: Functional, count_params() = 2793, 40 weights, unbuilt: none
after call: count_params() = 2793, 40 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 40 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layers.0.blocks.0.modulation': 587, 'stochastic_depth': 0, 'stochastic_depth_1': 0, 'layers.0.blocks.1.modulation': 587, 'stochastic_depth_2': 0, 'stochastic_depth_3': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_focal.py): the 4 StochasticDepth layers have 0 variables each (with the generator
attached in __init__ the same layer has 1, its seed_generator_state); no seed state in model.variables; one epoch
of fit (SGD, mse, 2 steps) advances the global state from [42 0] to [42 8] although it belongs to no layer of the
model; model.save_weights(...weights.h5) stores no seed entry. Trainable weights all get gradients: the defect is
untracked (shared, unsaved) layer state, not a missing gradient. Measured on TF only (no JAX in this venv); the
JAX trainer only threads model.variables through stateless_call."""

import keras
import keras.backend as K
from keras import ops

seed_gen = keras.random.SeedGenerator(42)


class FocalModulation(keras.layers.Layer):
    def __init__(
        self,
        dim,
        focal_window,
        focal_level,
        focal_factor=2,
        bias=True,
        proj_drop=0.0,
        use_postln_in_modulation=True,
        normalize_modulator=False,
        prefix=None,
    ):
        if prefix is not None:
            prefix = prefix + ".modulation"
            name = prefix
        else:
            name = "focal_modulation"

        super(FocalModulation, self).__init__(name=name)
        self.focal_level = focal_level
        self.use_postln_in_modulation = use_postln_in_modulation
        self.normalize_modulator = normalize_modulator

        self.f = keras.layers.Dense(
            2 * dim + (focal_level + 1), use_bias=bias, name=f"{name}.f"
        )
        self.h = keras.layers.Conv2D(
            dim, kernel_size=1, strides=1, use_bias=bias, name=f"{name}.h"
        )
        self.act = keras.activations.gelu
        self.proj = keras.layers.Dense(dim, name=f"{name}.proj")
        self.proj_drop = keras.layers.Dropout(proj_drop)
        self.map = {f"{name}.f": self.f, f"{name}.h": self.h, f"{name}.proj": self.proj}

        self.focal_layers = []
        self.kernel_sizes = []
        for k in range(self.focal_level):
            _name = f"{prefix}.focal_layers."
            _name = _name + str(K.get_uid(_name) - 1)
            kernel_size = focal_factor * k + focal_window
            _layer = keras.layers.Conv2D(
                dim,
                kernel_size=kernel_size,
                strides=1,
                groups=dim,
                use_bias=False,
                padding="Same",
                activation=self.act,
                name=_name,
            )
            self.map[_name] = _layer
            self.focal_layers.append(_layer)
            self.kernel_sizes.append(kernel_size)
        if self.use_postln_in_modulation:
            self.ln = keras.layers.LayerNormalization(name=f"{prefix}.norm")
            self.map["norm"] = self.ln

    def call(self, x):
        C = x.shape[-1]
        x = self.f(x)
        q, ctx, self.gates = ops.split(x, [C, 2 * C], -1)
        ctx_all = 0
        for l in range(self.focal_level):
            ctx = self.focal_layers[l](ctx)
            ctx_all = ctx_all + ops.multiply(ctx, self.gates[:, :, :, l : l + 1])
        ctx = ops.mean(ctx, 1, keepdims=True)
        ctx = ops.mean(ctx, 2, keepdims=True)
        ctx_global = self.act(ctx)
        ctx_all = ctx_all + ctx_global * self.gates[:, :, :, self.focal_level :]
        if self.normalize_modulator:
            ctx_all = ctx_all / (self.focal_level + 1)
        modulator = self.h(ctx_all)
        x_out = q * modulator
        if self.use_postln_in_modulation:
            x_out = self.ln(x_out)
        x_out = self.proj(x_out)
        x_out = self.proj_drop(x_out)
        return x_out


class StochasticDepth(keras.layers.Layer):
    """Stochastic Depth module (batch-wise DropPath)."""

    def __init__(self, drop_path_rate, **kwargs):
        super().__init__(**kwargs)
        self.drop_path_rate = drop_path_rate

    def call(self, x, training=None):
        if training:
            keep_prob = 1 - self.drop_path_rate
            shape = (ops.shape(x)[0],) + (1,) * (len(ops.shape(x)) - 1)
            random_tensor = keep_prob + keras.random.uniform(shape, 0, 1, seed=seed_gen)
            random_tensor = ops.floor(random_tensor)
            return (x / keep_prob) * random_tensor
        return x


def Mlp(hidden_features=None, dropout_rate=0.0, act_layer=keras.activations.gelu,
        out_features=None, prefix=None):
    name = prefix + ".mlp" if prefix is not None else "mlp_block"

    def _apply(x):
        in_features = x.shape[-1]
        nonlocal hidden_features, out_features
        out_features = out_features or in_features
        hidden_features = hidden_features or in_features
        x = keras.layers.Dense(hidden_features, activation=act_layer, name=f"{name}.fc1")(x)
        x = keras.layers.Dropout(dropout_rate)(x)
        x = keras.layers.Dense(out_features, activation=act_layer, name=f"{name}.fc2")(x)
        x = keras.layers.Dropout(dropout_rate)(x)
        return x

    return _apply


def PatchEmbed(img_size=(224, 224), patch_size=4, embed_dim=96, norm_layer=None, prefix=None):
    name = "patch_embed" if prefix is None else prefix + ".downsample"

    def _apply(x, H, W):
        nonlocal patch_size
        patch_size = (patch_size, patch_size)
        x = keras.layers.Conv2D(embed_dim, kernel_size=patch_size, strides=patch_size,
                                name=f"{name}.proj")(x)
        Ho, Wo, Co = x.shape[1], x.shape[2], x.shape[3]
        x = keras.layers.Reshape((-1, Co))(x)
        if norm_layer is not None:
            x = norm_layer(name=f"{name}.norm")(x)
        return x, Ho, Wo

    return _apply


def FocalNetBlock(dim, mlp_ratio=4.0, drop=0.0, drop_path=0.0,
                  norm_layer=keras.layers.LayerNormalization, focal_level=1, focal_window=3,
                  use_postln_in_modulation=False, normalize_modulator=False, prefix=None):
    if prefix is not None:
        name = prefix + ".blocks." + str(K.get_uid(f"{prefix}.blocks.") - 1)
    else:
        name = "focalnet_block"

    def _apply(x, H, W):
        C = x.shape[-1]
        shortcut = x
        x = norm_layer(name=f"{name}.norm1")(x)
        x = keras.layers.Reshape((H, W, C))(x)
        x = FocalModulation(
            dim,
            proj_drop=drop,
            focal_window=focal_window,
            focal_level=focal_level,
            use_postln_in_modulation=use_postln_in_modulation,
            normalize_modulator=normalize_modulator,
            prefix=name,
        )(x)
        x = keras.layers.Reshape((H * W, C))(x)
        x = StochasticDepth(drop_path)(x)
        x = keras.layers.Add()([shortcut, x])
        x = keras.layers.Reshape((H, W, C))(x)
        x_alt = norm_layer(name=f"{name}.norm2")(x)
        x_alt = Mlp(hidden_features=int(dim * mlp_ratio), dropout_rate=drop, prefix=name)(x_alt)
        x_alt = StochasticDepth(drop_path)(x_alt)
        x = keras.layers.Add()([x_alt, x])
        x = keras.layers.Reshape((H * W, C))(x)
        return x

    return _apply


def BasicLayer(dim, depth, drop_path=0.0, norm_layer=keras.layers.LayerNormalization,
               focal_level=1, focal_window=1, name=None):
    if name is None:
        name = "layers." + str(K.get_uid("layers.") - 1)

    def _apply(x, H, W):
        for i in range(depth):
            x = FocalNetBlock(
                dim=dim,
                drop_path=drop_path[i] if isinstance(drop_path, list) else drop_path,
                norm_layer=norm_layer,
                focal_level=focal_level,
                focal_window=focal_window,
                prefix=name,
            )(x, H, W)
        return x, H, W

    return _apply


def FocalNet(img_size=224, patch_size=4, num_classes=1000, embed_dim=128, depths=[2, 2, 6, 2],
             drop_rate=0.0, drop_path_rate=0.1, norm_layer=keras.layers.LayerNormalization,
             focal_levels=[2, 2, 3, 2], focal_windows=[3, 2, 3, 2]):
    num_layers = len(depths)
    embed_dim = [embed_dim * (2**i) for i in range(num_layers)]
    dpr = [
        float(ops.convert_to_numpy(x)) for x in ops.linspace(0.0, drop_path_rate, sum(depths))
    ]  # stochastic depth decay rule

    def _apply(x):
        x, *patches_resolution = PatchEmbed(
            img_size=(img_size, img_size), patch_size=patch_size, embed_dim=embed_dim[0],
            norm_layer=norm_layer,
        )(x, img_size, img_size)
        H, W = patches_resolution[0], patches_resolution[1]
        x = keras.layers.Dropout(drop_rate)(x)
        for i_layer in range(num_layers):
            x, H, W = BasicLayer(
                dim=embed_dim[i_layer],
                depth=depths[i_layer],
                drop_path=dpr[sum(depths[:i_layer]) : sum(depths[: i_layer + 1])],
                norm_layer=norm_layer,
                focal_level=focal_levels[i_layer],
                focal_window=focal_windows[i_layer],
            )(x, H, W)
        x = norm_layer(name="norm")(x)
        x = keras.layers.GlobalAveragePooling1D()(x)
        x = keras.layers.Flatten()(x)
        x = keras.layers.Dense(num_classes, name="head")(x)
        return x

    return _apply


def build_model():
    inputs = keras.Input((16, 16, 3))
    outputs = FocalNet(img_size=16, patch_size=4, num_classes=3, embed_dim=8, depths=[2],
                       drop_path_rate=0.2, focal_levels=[2], focal_windows=[3])(inputs)
    return keras.Model(inputs, outputs)
