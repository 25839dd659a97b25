"""A Bidirectional-LSTM Sequential built inside a Lambda wrapper: training starts worse and gets stuck.

The reporter's model class defined `lambda_wrapper(x)` that built a Sequential holding a
`Bidirectional(LSTM(100, return_sequences=True))` and returned `model(x)`, then added
`Lambda(lambda x: lambda_wrapper(x))` to the outer Sequential. Training started from a worse
accuracy and stayed there; without the Lambda wrapper all was good. They concluded that
"everything inside the lambda becomes untrainable". Ported to Keras 3 (smaller LSTM).
"""

SOURCE = "https://github.com/keras-team/keras-applications/issues/168"
CODES = ("LD002", "LD012")  # created inside the Lambda: state made per call (LD002); LD012 names the Lambda
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.count_params() == 33 (only the final Dense); the Bidirectional(LSTM(16)) built inside the
Lambda (3200 params) is in no weight list, and a new Sequential + LSTM is created on every call,
so its random weights change from call to call and are never trained; no warning or error."""

import keras
from keras.layers import LSTM, Bidirectional, Dense, Lambda


class MyModel(object):
    def __init__(self, steps=10, features=8):
        def lambda_wrapper(x):
            model = keras.Sequential()
            cell = LSTM(16, return_sequences=True)
            layer = Bidirectional(cell)
            model.add(layer)
            return model(x)

        lambda_model_layer = Lambda(lambda x: lambda_wrapper(x))
        self.model = keras.Sequential()
        self.model.add(keras.Input((steps, features)))
        self.model.add(lambda_model_layer)
        self.model.add(Dense(1))


def build_model():
    return MyModel().model
