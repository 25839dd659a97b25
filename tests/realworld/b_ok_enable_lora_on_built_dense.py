"""Correct: LoRA weights added to an already-built Dense from outside with `enable_lora(rank)`.

The Keras 3 LoRA implementation (keras#18942) adds two new trainable weights, `lora_kernel_a`
and `lora_kernel_b`, to an existing, built `Dense` and freezes its kernel. This looks exactly
like weights bolted onto a built-in layer after construction (which Keras normally refuses and
whose `call()` would never read them), but `Dense.call()` reads the LoRA weights when LoRA is
enabled. `lora_kernel_b` starts at zero, so `lora_kernel_a`'s first gradient is all zeros, yet
not `None`.
"""

SOURCE = "https://github.com/keras-team/keras/pull/18942"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after enable_lora(4) on the built 32->16 Dense: its kernel is non-trainable, its bias,
lora_kernel_a (32x4) and lora_kernel_b (4x16) are trainable; count_params() == 788. Under
GradientTape on a (2, 32) batch every trainable weight gets a non-None gradient (lora_kernel_a's
is all zeros on the first step, max |g| == 0.0, because lora_kernel_b starts at zero);
no warning."""

import keras
from keras import layers


def build_model():
    inputs = keras.Input(shape=(32,))
    backbone_dense = layers.Dense(16, activation="relu", name="backbone_dense")
    x = backbone_dense(inputs)
    outputs = layers.Dense(4, name="head")(x)
    model = keras.Model(inputs, outputs)
    # fine-tune: freeze the big kernel, train a rank-4 update instead
    backbone_dense.enable_lora(4)
    return model
