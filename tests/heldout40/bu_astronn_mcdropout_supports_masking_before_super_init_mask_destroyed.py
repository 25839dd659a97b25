"""henrysky/astroNN's `MCDropout` (Keras 3 code) sets `self.supports_masking = True` before `super().__init__()` and defines no `compute_mask`, so Keras 3's `Layer.__init__` resets the flag: used like Keras's Dropout after a masking Embedding, it destroys the mask and the LSTM after it reads the padding.

From henrysky/astroNN, `src/astroNN/nn/layers.py` at 3346072 (2026, `import keras`, keras.ops and keras.random throughout).
The docs describe the layer as "basically Keras's Dropout layer" that stays on at prediction time and show it wired
functionally (`b_dropout = MCDropout(0.2)(some_keras_layer)`); its `__init__` assigns rate, `disable_layer`,
`supports_masking = True` and `noise_shape`, then calls `super().__init__(name=name, **kwargs)`, which sets
`supports_masking` back to False (no `compute_mask` override). Keras's own Dropout propagates masks; this one warns
"will destroy the mask information" and downstream layers see none. The same ordering is in VAESampling,
MCGaussianDropout, ErrorProp and apogee_models' DeNormAdd.

Porting edits: none to the layer (copied as written, minus the docstrings and `_KERAS_BACKEND` import). The model
around it is ours, the way the docs suggest using it: Embedding(mask_zero=True) -> MCDropout(0.2) -> LSTM -> Dense,
on zero-padded token sequences (astroNN's own models feed spectra without masks). build_model() returns it with a
(2, 6) int batch.

Doubt kept as decided: no weight is lost; labelled LD013 (a setting assigned before `super().__init__()`, silently
reset), the defect the catalog row names.
"""

SOURCE = "https://github.com/henrysky/astroNN/blob/3346072fb376155d9867554b16d8336e70a4c29b/src/astroNN/nn/layers.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bu/bu_astronn_mcdropout_supports_masking_before_super_init_mask_destroyed.py:
warning: Layer 'mc_dropout' (of type MCDropout) was passed an input with a mask attached to it. However, this layer does not
support masking and will therefore destroy the mask information. Downstream layers will not see the mask.
as returned: Functional, count_params() = 767, 6 weights, unbuilt: none
after call: count_params() = 767, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []; tape watched 0 untracked variables; second call: 0 new variables
probe (probe_astronn2.py): MCDropout(0.2).supports_masking == False; with MCDropout(0.2) the symbolic output carries no
mask and, on an eager call with [[5, 7, 9, 0, 0, 0]], the layer after it receives mask None (the LSTM reads the 3 padding
steps); with disable=True (the layer returns its input object) the mask does reach the next layer.
probe_astronn.py: MC predictions at rate 0.2 vary per draw, so padded vs unpadded outputs were compared only with
disable=True or rate 0.0, where they agree (the mask survives on the unchanged tensor)."""

import keras
import numpy as np


class MCDropout(keras.layers.Layer):
    def __init__(self, rate, disable=False, noise_shape=None, name=None, **kwargs):
        self.rate = rate
        self.disable_layer = disable
        self.supports_masking = True
        self.noise_shape = noise_shape
        super().__init__(name=name, **kwargs)

    def _get_noise_shape(self, inputs):
        if self.noise_shape is None:
            return self.noise_shape

        symbolic_shape = keras.ops.shape(inputs)
        noise_shape = [
            symbolic_shape[axis] if shape is None else shape
            for axis, shape in enumerate(self.noise_shape)
        ]
        return tuple(noise_shape)

    def call(self, inputs, training=None):
        noise_shape = self._get_noise_shape(inputs)
        if self.disable_layer is True:
            return inputs
        else:
            return keras.random.dropout(inputs, rate=self.rate, noise_shape=noise_shape)

    def get_config(self):
        config = {"rate": self.rate, "noise_shape": self.noise_shape}
        base_config = super().get_config()
        return {**dict(base_config.items()), **config}

    def compute_output_shape(self, input_shape):
        return input_shape


def make_model(disable=False):
    tokens = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(50, 8, mask_zero=True)(tokens)
    x = MCDropout(0.2, disable=disable)(x)
    x = keras.layers.LSTM(6)(x)
    out = keras.layers.Dense(1)(x)
    return keras.Model(tokens, out)


def build_model():
    model = make_model()
    batch = np.array([[5, 7, 9, 0, 0, 0], [3, 4, 0, 0, 0, 0]], dtype="int32")
    return model, batch
