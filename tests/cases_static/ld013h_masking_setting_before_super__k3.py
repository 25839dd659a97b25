# LD013 super-init-missing-or-late: `supports_masking` set before super().__init__(), which Keras 3 recomputes from compute_mask()
from keras import layers, ops

CASE, TITLE = "LD013h", "supports_masking before super().__init__(): lost unless compute_mask() is overridden"
FEATURES = 6


class MaskStopper(layers.Layer):
    """Correct: Keras 3 sets supports_masking = "compute_mask is overridden", True again."""

    def __init__(self, **kwargs):
        self.supports_masking = True
        super().__init__(**kwargs)

    def call(self, inputs, mask=None):
        return inputs

    def compute_mask(self, inputs, mask=None):
        return None


class MaskPasser(layers.Layer):
    def __init__(self, **kwargs):
        self.supports_masking = True  # LD013
        super().__init__(**kwargs)

    def call(self, inputs, mask=None):
        return ops.relu(inputs)


class MaskRefuser(layers.Layer):
    def __init__(self, **kwargs):
        self.supports_masking = False  # LD013
        super().__init__(**kwargs)

    def call(self, inputs, mask=None):
        return inputs

    def compute_mask(self, inputs, mask=None):
        return mask


class MaskPasserAfter(layers.Layer):
    """Correct: the setting comes after super().__init__()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return ops.relu(inputs)
