# LD013 super-init-missing-or-late: Layer.__init__ run twice resets the first call's settings, unless both calls pass the same
from keras import layers

CASE, TITLE = "LD013q", "super().__init__ called twice: with the same arguments (nothing lost) and with fewer (settings lost)"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s44/probe/ld013q.py): SameTwice(4, name="q", trainable=False) keeps
# name "q" and trainable False (and its H); FewerSecond(4, name="q", trainable=False)
# comes back named "fewer_second" (automatic) and trainable True.


class SameTwice(layers.Dense):
    """DNN-quantization's QuantizedDense (held-out 44): settings stored between two identical calls."""

    def __init__(self, units, H=1.0, **kwargs):
        super().__init__(units, **kwargs)
        self.H = H
        super().__init__(units, **kwargs)


class FewerSecond(layers.Dense):
    def __init__(self, units, **kwargs):
        super().__init__(units, **kwargs)
        self.H = 1.0
        super().__init__(units)  # LD013
