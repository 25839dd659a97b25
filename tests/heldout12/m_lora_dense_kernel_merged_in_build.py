"""A LoRA Dense layer merges the low-rank update into `self.kernel` once, inside build().

Ported from an image-model library's first LoRA attempt (tf.keras `LoraDense(Dense)`, reworked to a
keras 3 Layer so it builds): `build()` creates the frozen `kernel_0`, the trainable
`kernel_lora_a` / `kernel_lora_b` (b initialised to zero) and then sets
`self.kernel = self.kernel_0 + self.kernel_lora_a @ self.kernel_lora_b * self.scaling`.
That is a tensor computed once at build time from the variables' initial values; `call()` only
reads `self.kernel`. The LoRA factors are counted as trainable parameters and show up in the
summary, but they never affect the output: no gradient, fit leaves the layer unchanged (the
PR review notes the layer "does not train" and moves the sum into call()).
"""

SOURCE = "https://github.com/martinsbruveris/tensorflow-image-models/pull/86"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py m_lora_dense_kernel_merged_in_build.py:
as returned: Functional, count_params() = 2802, 10 weights, unbuilt: none
after call: count_params() = 2802, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 6 trainable weights: ['mlp_fc1/kernel_lora_a', 'mlp_fc1/kernel_lora_b', 'head/kernel_lora_a', 'head/kernel_lora_b']
tape watched 2 variables the model does not track: ['mlp_fc1/bias:0', 'head/bias:0']
params of the case's own layers: {'mlp_fc1': 1408, 'head': 946}
second call: 0 variables watched that the first call did not use
note: the 2 'untracked' watched variables are the biases the author froze with bias.trainable = False (tracked, non-trainable), not a defect."""

from dataclasses import dataclass

import keras
from keras import ops


@dataclass
class LoraConfig:
    lora_rank: int = 4
    lora_alpha: float = 1.0
    train_bias: str = "none"


class LoraDense(keras.layers.Layer):
    """Dense layer with a frozen kernel and a trainable low-rank update."""

    is_lora_layer: bool = True

    def __init__(self, units, activation=None, use_bias=True, lora_rank=4, lora_alpha=1.0,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)
        self.use_bias = use_bias
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha
        self.scaling = lora_alpha / lora_rank
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.kernel_lora_a = None
        self.kernel_lora_b = None

    def build(self, input_shape):
        last_dim = input_shape[-1]
        if last_dim is None:
            raise ValueError(
                "The last dimension of the inputs to a LoraDense layer should be defined. "
                f"Full input shape received: {input_shape}"
            )
        self.input_spec = keras.layers.InputSpec(min_ndim=2, axes={-1: last_dim})
        self.kernel_0 = self.add_weight(
            name="kernel",
            shape=(last_dim, self.units),
            initializer=self.kernel_initializer,
            trainable=False,  # LoRA change
        )
        self.kernel_lora_a = self.add_weight(
            name="kernel_lora_a",
            shape=(last_dim, self.lora_rank),
            initializer=keras.initializers.RandomNormal(stddev=1 / self.lora_rank),
            trainable=True,
        )
        self.kernel_lora_b = self.add_weight(
            name="kernel_lora_b",
            shape=(self.lora_rank, self.units),
            initializer="zeros",
            trainable=True,
        )
        # for higher dim weights use tensordot
        self.kernel = self.kernel_0 + self.kernel_lora_a @ self.kernel_lora_b * self.scaling

        if self.use_bias:
            self.bias = self.add_weight(
                name="bias", shape=(self.units,), initializer=self.bias_initializer,
                trainable=True,
            )
        else:
            self.bias = None
        self.built = True

    def call(self, x):
        outputs = ops.matmul(x, self.kernel)
        if self.bias is not None:
            outputs = outputs + self.bias
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def set_only_lora_weights_trainable(self, train_bias: bool):
        if self.bias is not None:
            self.bias.trainable = train_bias

    def merge_lora_weights(self):
        self.kernel_0.assign(self.kernel_0 + self.kernel_lora_a @ self.kernel_lora_b * self.scaling)
        self.kernel_lora_b.assign(ops.zeros_like(self.kernel_lora_b))

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "use_bias": self.use_bias,
                       "lora_rank": self.lora_rank, "lora_alpha": self.lora_alpha})
        return config


def convert_to_lora_model(cfg: LoraConfig, num_classes=10):
    inputs = keras.Input((32, 32, 3))
    x = keras.layers.Conv2D(16, 3, strides=2, activation="gelu")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = LoraDense(64, activation="gelu", lora_rank=cfg.lora_rank, lora_alpha=cfg.lora_alpha,
                  name="mlp_fc1")(x)
    outputs = LoraDense(num_classes, lora_rank=cfg.lora_rank, lora_alpha=cfg.lora_alpha,
                        name="head")(x)
    model = keras.Model(inputs, outputs, name="convnext_lora_tiny")
    for layer in model.layers:
        if getattr(layer, "is_lora_layer", False):
            layer.set_only_lora_weights_trainable(train_bias=cfg.train_bias == "all")
    return model


def build_model():
    return convert_to_lora_model(LoraConfig(lora_rank=4, lora_alpha=8.0))
