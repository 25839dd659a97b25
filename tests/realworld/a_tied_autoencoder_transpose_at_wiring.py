"""Tied autoencoder: decoder weight computed once as `transpose(encoder.kernel)` while wiring.

The reporter asked how to tie weights so that W_dec = W_enc^T. A frequent answer in Keras 3 code
is to take the transpose right after the encoder layer is called and use it in `ops.matmul` on
the code tensor. The transpose is evaluated once at wiring time (the kernel exists because the
encoder was just called), so the decoder multiplies by a frozen copy: it never follows the
encoder's training and never trains it.

Code choice: LD012; there is no Lambda object, but the `ops.matmul` on a KerasTensor is recorded in
the functional graph as an anonymous operation that captures outside state, which is the
Lambda-captured-state defect.
"""

SOURCE = "https://github.com/keras-team/keras/issues/3136"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.layers == [InputLayer, Dense], count_params() == 120 (the encoder kernel counted once); the
decoder's W_dec is a constant captured at wiring: after encoder.kernel.assign(zeros) the
reconstruction is not 0.5 everywhere (0.491, 0.463, ...) as a tied decoder would give; the kernel
gets a gradient only through the encoder path; no warning or error."""

import keras
from keras import ops


def build_model(input_dim=20, code_dim=6):
    x = keras.Input((input_dim,))
    encoder = keras.layers.Dense(code_dim, activation="sigmoid", use_bias=False, name="encoder")
    code = encoder(x)
    W_dec = ops.transpose(encoder.kernel)
    decoded = ops.sigmoid(ops.matmul(code, W_dec))
    return keras.Model(x, decoded)
