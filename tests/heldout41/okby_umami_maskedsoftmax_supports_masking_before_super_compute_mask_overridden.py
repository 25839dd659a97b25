"""ATLAS flavour-tagging code (umami) sets `self.axis` and `self.supports_masking = True` before `super().__init__()` in its `MaskedSoftmax`; Keras 3's `Layer.__init__` recomputes `supports_masking` from whether `compute_mask` is overridden, and this layer overrides it, so the flag ends True, the layer's mask reaches the next layer and nothing is lost.

From umami-hep/umami, `umami/tf_tools/layers.py` (a8a61cc, 2024; `tensorflow.keras` layers written by Johnny Raine for
the DIPS/UMAMI jet-flavour taggers, deep sets over the tracks of a jet). `MaskedSoftmax(axis=-1)` stores the axis,
sets the masking flag, then calls `super().__init__(**kwargs)`; `call(inputs, mask=None)` computes the mask itself if
none is given (`K.equal(inputs, 0)`, zero-padded tracks), exponentiates, zeroes padded entries and normalises;
`compute_mask` returns the same zero mask so downstream layers skip padded tracks. The repository's `Attention` layer
uses it as `MaskedSoftmax(axis=1)(attention)` on per-track attention logits. The setting looks lost (the catalog's
LD013 ordering), but Keras 3 sets `supports_masking = not is_default(compute_mask)`, i.e. True here; `axis` is a
plain hyper-parameter that `Layer.__init__` does not touch.

Porting edits: the backend calls `K.exp`, `K.cast`, `K.sum`, `K.equal` come from `keras.ops` instead of
`tensorflow.keras.backend` (on Keras 3 the latter's `equal` rejects the symbolic KerasTensor that `compute_mask`
receives while the functional model is wired); the layer is otherwise as written (docstrings shortened). The model is ours, shaped like umami's track attention: a
(6, 3) zero-padded track input, a per-track `Dense(1)` logit, a `Reshape((6,))`, then `MaskedSoftmax(axis=1)`
and a `Dense(2)` head on the attention weights. build_model() returns it with a batch whose last tracks are padding.
"""

SOURCE = "https://github.com/umami-hep/umami/blob/a8a61cc418a465a4583687024450276a58ae4ccc/umami/tf_tools/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/okby_umami_maskedsoftmax_supports_masking_before_super_compute_mask_overridden.py:
as returned: Functional, count_params() = 18, 4 weights, unbuilt: none
after call: count_params() = 18, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'masked_softmax': 0}
second call: 0 variables watched that the first call did not use
no warning printed (no "will destroy the mask information").
probe_umami2.py: MaskedSoftmax(axis=1).supports_masking == True and .axis == 1 after __init__; the symbolic output of
the layer in the model carries a mask (KerasTensor shape=(None, 6), dtype=bool); on a (2, 6) batch whose last 3
entries are 0 the rows sum to 1.0 and compute_mask marks exactly those 3 entries.)"""

import keras
import numpy as np
from keras import ops as K  # Keras 3 port: keras.ops for the repository's tensorflow.keras.backend
from tensorflow.keras.layers import Dense, Layer, Reshape  # pylint: disable=import-error


class MaskedSoftmax(Layer):
    """Softmax layer with masking."""

    def __init__(self, axis=-1, **kwargs):
        # Get attributes
        self.axis = axis
        self.supports_masking = True
        super().__init__(**kwargs)

    def call(self, inputs, mask: float = None):  # pylint: disable=arguments-differ
        # Check for masking
        if mask is None:

            # Compute masking for not existing inputs
            mask = self.compute_mask(inputs, mask)

        # Calculate Softmax
        inputs = K.exp(inputs) * (1 - K.cast(mask, "float32"))

        # Return Masked Softmax
        return inputs / K.sum(inputs, axis=1, keepdims=True)

    def compute_mask(
        self, inputs, mask: float = None
    ):  # pylint: disable=no-self-use,unused-argument
        # Return mask
        return K.equal(inputs, 0)

    def get_config(self):
        config = {"axis": self.axis}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    tracks = keras.Input(shape=(6, 3), name="tracks")
    logits = Dense(1, name="track_logit")(tracks)
    logits = Reshape((6,))(logits)
    weights = MaskedSoftmax(axis=1, name="masked_softmax")(logits)
    out = Dense(2, activation="softmax", name="head")(weights)
    model = keras.Model(tracks, out)
    batch = np.zeros((2, 6, 3), dtype="float32")
    batch[0, :4] = np.random.default_rng(0).random((4, 3))
    batch[1, :2] = np.random.default_rng(1).random((2, 3))
    return model, batch
