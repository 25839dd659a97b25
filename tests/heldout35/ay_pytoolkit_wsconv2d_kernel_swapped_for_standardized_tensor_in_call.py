"""A weight-standardised Conv2D swaps `self.kernel` for a standardised tensor computed from it inside
`call()` (and restores it in `finally`): on Keras 3 `kernel` is a read-only property of the conv layer,
so the first real call raises AttributeError (the functional model itself builds, 56 params).

From ak110/pytoolkit (`pytoolkit/layers/convolutional.py` at commit 4551a5d1, Aug 2021), a Keras
toolkit used in the author's Kaggle work. `WSConv2D(tf.keras.layers.Conv2D)` overrides only `call`:
`base_kernel = self.kernel`, computes the per-filter mean/std, assigns `self.kernel = (base_kernel -
kernel_mean) / (kernel_std + 1e-5)`, runs `super().call(inputs)` and in `finally` puts `self.kernel =
base_kernel` back. On tf.keras 2 the temporary swap worked (the variable was a plain attribute, the
derived tensor kept the gradient path). The variable attribute overwritten by a tensor derived from it
is the LD010 pattern; on Keras 3 it surfaces as a crash rather than a stale constant. Doubt kept as
decided: labelled LD010 (the root defect), although the author restores the variable and tf.keras 2 was
fine.

Porting edits: none. `build_model()` is the author's test helper `_predict_layer`
(`pytoolkit/layers/misc_test.py`): `Input(shape=X.shape[1:])` for X = zeros((1, 8, 8, 3)), then
`tf.keras.models.Model(inputs, WSConv2D(filters=2, kernel_size=3, padding="same")(inputs))`, then
`model.predict(X)`. Building succeeds (Conv2D's `compute_output_shape` spares Keras the symbolic
`call`); `predict` runs `call` and raises, so `build_model()` raises as the test would.
"""

SOURCE = "https://github.com/ak110/pytoolkit/blob/4551a5d1d0e5094a53944379fd2e750bff47231a/pytoolkit/layers/convolutional.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ay/ay_pytoolkit_wsconv2d_kernel_swapped_for_standardized_tensor_in_call.py:
build_model() raised AttributeError: Exception encountered when calling WSConv2D.call().
probe (probe_pytoolkit.py): the same Model before predict: count_params() = 56, weights ['ws_conv2d/kernel',
'ws_conv2d/bias']; the message is "property 'kernel' of 'WSConv2D' object has no setter"; `kernel` stays the Variable."""

import numpy as np
import tensorflow as tf


@tf.keras.utils.register_keras_serializable(package="pytoolkit")
class WSConv2D(tf.keras.layers.Conv2D):
    """Weight StandardizationなConv2D <https://arxiv.org/abs/1903.10520>"""

    def call(self, inputs):
        # pylint: disable=access-member-before-definition,attribute-defined-outside-init
        base_kernel = self.kernel  # type: ignore
        kernel_mean = tf.math.reduce_mean(base_kernel, axis=[0, 1, 2], keepdims=True)
        kernel_std = tf.math.reduce_std(base_kernel, axis=[0, 1, 2], keepdims=True)
        self.kernel = (base_kernel - kernel_mean) / (kernel_std + 1e-5)
        try:
            return super().call(inputs)
        finally:
            self.kernel = base_kernel


def build_model():
    X = np.zeros((1, 8, 8, 3))
    layer = WSConv2D(filters=2, kernel_size=3, padding="same")
    inputs = tf.keras.layers.Input(shape=X.shape[1:])
    model = tf.keras.models.Model(inputs=inputs, outputs=layer(inputs))
    model.predict(X, verbose=0)  # as _predict_layer does: raises on Keras 3
    return model
