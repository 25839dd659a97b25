# LD002 state-created-in-call: a wrapper made in call() around a held layer loses nothing; one that copies it does
from keras import layers

CASE, TITLE = "LD002zd", "TimeDistributed(self.h) in call() is fine; Bidirectional(self.lstm) and TimeDistributed(Dense()) are not"
FEATURES = 6
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/p36/td.py): TimeDistributed(self.inner) and
# TimeDistributed(TimeDistributed(self.inner)) made in call(): 2 weights after one call and after two, no None
# gradient; Bidirectional(self.lstm) made in call(): the layer has 0 weights.


class PerPoint(layers.Layer):
    """Correct: the wrappers own no weights; self.h is tracked and trains."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.h = layers.Dense(units)

    def call(self, points):
        return layers.TimeDistributed(layers.TimeDistributed(self.h))(points)


class PerStep(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.lstm = layers.LSTM(units, return_sequences=True)

    def call(self, x):
        x = layers.TimeDistributed(layers.Dense(self.units))(x)  # LD002
        return layers.Bidirectional(self.lstm)(x)  # LD002
