"""A `NoisyDense(tf.keras.layers.Dense)` that overrides `call()` to draw a fresh `tf.random.normal`
tensor every call and add it to `x @ kernel` before the bias: looks like state created in `call`, but
the noise is a local activation perturbation and the inherited kernel/bias train normally.

From marcelmildenberger/NFePPML (`NoisyDense.py`, a noisy-layer experiment of the repository's
privacy-preserving ML code). The subclass keeps `Dense.build()` (no override), so `kernel` and `bias`
are the Dense weights; `call()` recomputes the Dense forward by hand (`tf.linalg.matmul`,
`tf.nn.bias_add`) with `noise_stddev` Gaussian noise added to the pre-activation (the docstring says
"only when training=True", the code always adds it: a behavioural slip, not a weight-tracking one).

No porting edits. build_model(): a Sequential Input(10) -> NoisyDense(8, relu) -> Dense(1).
"""

SOURCE = "https://github.com/marcelmildenberger/NFePPML/blob/28f80cd847b1adce9aaae261b9f8defbe388ca82/NoisyDense.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okan_nfeppml_noisydense_gaussian_noise_drawn_in_call.py:
as returned: Sequential, count_params() = 97, 4 weights, unbuilt: none
after call: count_params() = 97, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_dense': 88}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class NoisyDense(tf.keras.layers.Dense):
    def __init__(self, units, noise_stddev=0.1, **kwargs):
        """
        Adds Gaussian noise N(0, noise_stddev^2) to the pre-activation (W x)
        before bias is added. Noise is applied only when training=True.
        """
        super().__init__(units, **kwargs)
        self.noise_stddev = noise_stddev

    def call(self, inputs):
        # Linear transform without bias first
        outputs = tf.linalg.matmul(inputs, self.kernel)

        # Add noise only during training:
        noise = tf.random.normal(
            tf.shape(outputs),
            mean=0.0,
            stddev=self.noise_stddev,
            dtype=outputs.dtype
        )
        outputs = outputs + noise

        # Now add bias (if enabled), then activation
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias)

        if self.activation is not None:
            outputs = self.activation(outputs)

        return outputs


def build_model():
    return tf.keras.Sequential([
        tf.keras.Input((10,)),
        NoisyDense(8, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
