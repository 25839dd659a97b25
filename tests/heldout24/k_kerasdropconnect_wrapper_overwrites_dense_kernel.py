"""A `DropConnect` wrapper (a `keras.layers.Wrapper` subclass) drops connections by assigning a
dropped-out copy of the wrapped Dense's kernel and bias back onto the wrapped layer
(`self.layer.kernel = dropout(self.layer.kernel)`) inside `call()`, then runs `self.layer.call(x)`.

From teelinsan/KerasDropconnect (`ddrop/layers.py`, the `DropConnect` wrapper used in its
`examples/mnist_fc.py`: Dense(128) -> DropConnect(Dense(64), prob=0.5) -> Dense(classes)). The
kernel variable is overwritten by a tensor derived from it. Under old multi-backend Keras this
silently replaced the variable by a graph tensor; on Keras 3 `Dense.kernel` is a read-only property,
so the assignment raises. The functional model is still wired without error (the symbolic call
fails inside Keras's output-spec inference and falls back to the wrapper's own
`compute_output_shape`), so the crash only appears at the first real call: in `fit`, `predict` or a
GradientTape step, far from where the model was built.

Porting edits: `keras.layers` for the old `keras.layers` import; Keras 3 has no
`K.in_train_phase` / `K.dropout`, so a two-line `K` shim keeps the author's lines as written
(`K.dropout` -> `keras.random.dropout`, `K.in_train_phase` returns its training branch, Keras 3 has no
global learning phase); `uses_learning_phase` (a Keras 1/2 flag) left in place; input 784 -> 12,
Dense 128/64 -> 8/6, 10 classes -> 3; the `DropConnectDense` class of the same file left out.
"""

SOURCE = "https://github.com/teelinsan/KerasDropconnect/blob/9ce428b08736f4779781abbfa51ce35e81dc6426/ddrop/layers.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/k_kerasdropconnect_wrapper_overwrites_dense_kernel.py:
as returned: Functional, count_params() = 179, 6 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling DropConnect.call().
Own probe (/tmp/mine24/k/probe_dc.py): model.fit(...) and model.predict(...) both raise AttributeError
"property 'kernel' of 'Dense' object has no setter"; building the functional model and compile() raise nothing."""

import numpy as np
import keras
from keras.layers import Dense, Wrapper, Input
from keras.models import Model


class K:
    """Shim for the removed Keras 2 backend functions the author used."""

    @staticmethod
    def dropout(x, level):
        return keras.random.dropout(x, level)

    @staticmethod
    def in_train_phase(x, alt):
        return x


class DropConnect(Wrapper):
    def __init__(self, layer, prob=1., **kwargs):
        self.prob = prob
        self.layer = layer
        super(DropConnect, self).__init__(layer, **kwargs)
        if 0. < self.prob < 1.:
            self.uses_learning_phase = True

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        super(DropConnect, self).build()

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def call(self, x):
        if 0. < self.prob < 1.:
            self.layer.kernel = K.in_train_phase(K.dropout(self.layer.kernel, self.prob) * (1-self.prob), self.layer.kernel)
            self.layer.bias = K.in_train_phase(K.dropout(self.layer.bias, self.prob) * (1-self.prob), self.layer.bias)
        return self.layer.call(x)


def build_model():
    nb_classes = 3
    inputs = Input(shape=(12,))
    x = Dense(8, activation='relu')(inputs)
    x = DropConnect(Dense(6, activation='relu'), prob=0.5)(x)
    predictions = Dense(nb_classes, activation='softmax')(x)

    model = Model(inputs=inputs, outputs=predictions)
    model.compile(loss='categorical_crossentropy',
                  optimizer='adam',
                  metrics=['accuracy'])
    return model
