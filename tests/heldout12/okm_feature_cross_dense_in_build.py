"""DCN FeatureCross ported from TFRS to Keras 3: its Dense sublayers are created inside build().

`FeatureCross.build()` decides from `projection_dim` whether to create one full-rank
`Dense(last_dim)` or a low-rank pair `Dense(projection_dim, use_bias=False)` +
`Dense(last_dim)`, with cloned initializers, and builds them right there; `call(x0, x)` uses
whichever exist. A DCN model stacks several of these in a list next to an Embedding and an MLP.
Layers instantiated in build() and a list of cross layers look like state created too late or
held in a container, but Keras 3 tracks them: every kernel and bias is in the model's weights,
counted and trained.
"""

SOURCE = "https://github.com/keras-team/keras-rs/pull/13"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okm_feature_cross_dense_in_build.py:
as returned: Functional, count_params() = 5729, 15 weights, unbuilt: none
after call: count_params() = 5729, 15 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 15 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dcn': 5729, 'cross_2': 432, 'cross_1': 432, 'cross_0': 2352}
second call: 0 variables watched that the first call did not use"""

from typing import Optional, Text, Union

import keras
from keras import ops


def clone_initializer(initializer: Union[Text, keras.initializers.Initializer]):
    if isinstance(initializer, keras.initializers.Initializer):
        config = initializer.get_config()
        return initializer.__class__.from_config(config)
    return initializer


class FeatureCross(keras.layers.Layer):
    def __init__(self, projection_dim: Optional[int] = None, diag_scale: Optional[float] = 0.0,
                 use_bias: bool = True, pre_activation=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        self.projection_dim = projection_dim
        self.diag_scale = diag_scale
        self.use_bias = use_bias
        self.pre_activation = keras.activations.get(pre_activation)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.supports_masking = True

    def build(self, input_shape):
        last_dim = input_shape[-1]
        if self.projection_dim is not None:
            self.down_proj_dense = keras.layers.Dense(
                units=self.projection_dim,
                use_bias=False,
                kernel_initializer=clone_initializer(self.kernel_initializer),
                dtype=self.dtype_policy,
            )
        self.dense = keras.layers.Dense(
            units=last_dim,
            activation=self.pre_activation,
            use_bias=self.use_bias,
            kernel_initializer=clone_initializer(self.kernel_initializer),
            bias_initializer=clone_initializer(self.bias_initializer),
            dtype=self.dtype_policy,
        )
        if self.projection_dim is not None:
            self.down_proj_dense.build(input_shape)
            self.dense.build(input_shape[:-1] + (self.projection_dim,))
        else:
            self.dense.build(input_shape)
        self.built = True

    def call(self, x0, x=None):
        if x is None:
            x = x0
        output = x
        if self.projection_dim is not None:
            output = self.down_proj_dense(output)
        output = self.dense(output)
        output = ops.cast(output, self.compute_dtype)
        if self.diag_scale:
            output = ops.add(output, ops.multiply(self.diag_scale, x))
        return ops.add(ops.multiply(x0, output), x)

    def get_config(self):
        config = super().get_config()
        config.update({
            "projection_dim": self.projection_dim,
            "diag_scale": self.diag_scale,
            "use_bias": self.use_bias,
            "pre_activation": keras.activations.serialize(self.pre_activation),
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
            "bias_initializer": keras.initializers.serialize(self.bias_initializer),
        })
        return config


class DCN(keras.Model):
    def __init__(self, vocab_size=50, embedding_dim=8, num_cross_layers=3, projection_dim=4,
                 mlp_units=(32, 16), **kwargs):
        super().__init__(**kwargs)
        self.embedding = keras.layers.Embedding(vocab_size, embedding_dim)
        self.flatten = keras.layers.Flatten()
        self.cross_layers = [
            FeatureCross(projection_dim=projection_dim if i else None, name=f"cross_{i}")
            for i in range(num_cross_layers)
        ]
        self.mlp = [keras.layers.Dense(u, activation="relu") for u in mlp_units]
        self.out = keras.layers.Dense(1)

    def call(self, inputs):
        x0 = self.flatten(self.embedding(inputs))
        x = x0
        for cross in self.cross_layers:
            x = cross(x0, x)
        for dense in self.mlp:
            x = dense(x)
        return self.out(x)


def build_model():
    inputs = keras.Input((6,), dtype="int32")
    model = DCN()
    outputs = model(inputs)
    return keras.Model(inputs, outputs)
