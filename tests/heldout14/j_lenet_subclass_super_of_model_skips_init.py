"""A LeNet written as a subclassed `Model` calls `super(Model, self).__init__()` instead of
`super(MyModel, self).__init__()`, so `Model.__init__` (and with it `Layer.__init__`) is skipped.

The author's `CV/tf/LeNet/model.py` (a Chinese study repository, "@Author: explorespace") defines
`MyModel(Model)` with a Conv2D, Flatten and two Dense layers and writes the base class into `super()`.
Assigning the sublayers still works, but the layer machinery was never initialised: on Keras 3 the
first call fails with `AttributeError: 'MyModel' object has no attribute '_dtype_policy'`, far from
the real mistake in `__init__`.

Porting edits: the `call` returns its output (the stored file ends at `x = self.d2(x)`); input shape
and conv width shrunk (28x28x1 -> 8x8x1, 32 -> 4 filters).
"""

SOURCE = "https://github.com/cyberspacelee/DL/blob/master/CV/tf/LeNet/model.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py j_lenet_subclass_super_of_model_skips_init.py:
build_model() raised AttributeError: 'MyModel' object has no attribute '_convert_input_args'
Own script (/tmp/mine14b/p1.py): MyModel() constructs silently; the first call on a (2, 8, 8, 1) batch raises
AttributeError: 'LeNet' object has no attribute '_dtype_policy' (Layer.__init__ never ran)."""

import numpy as np
from tensorflow.keras.layers import Dense, Flatten, Conv2D
from tensorflow.keras import Model


class MyModel(Model):
    def __init__(self):
        super(Model, self).__init__()
        self.conv1 = Conv2D(4, 3, activation='relu')
        self.flatten = Flatten()
        self.d1 = Dense(128, activation='relu')
        self.d2 = Dense(10, activation='softmax')

    def call(self, x, **kwargs):
        x = self.conv1(x)
        x = self.flatten(x)
        x = self.d1(x)
        x = self.d2(x)
        return x


def build_model():
    model = MyModel()
    x = np.random.default_rng(0).random((2, 8, 8, 1)).astype("float32")
    model(x)
    return model, x
