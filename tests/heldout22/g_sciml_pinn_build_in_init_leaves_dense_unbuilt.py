"""A Poisson-2D physics-informed network (`PINN(tf.keras.Model)`) whose `__init__` makes its hidden
`Dense` layers and an `output_layer`, then calls `self.build(input_shape=(None, layers[0]))` itself so
that the model is "built" right after construction; the class has no `build()` of its own.

From mamtasaini003/sciml (`core/models/pinn.py`; the repository's `Training.train_step` takes
`tape.gradient(loss, self.model.trainable_variables)` over the PDE and boundary losses). On tf.keras 2,
`Model.build(shape)` on a subclassed model traced `call()` and created every weight. On Keras 3 the
inherited `build()` does not call `call()`: Keras warns that the layer "looks like it has unbuilt
state", marks the model built, and leaves all three Dense layers unbuilt, so the constructed model has
0 weights (empty summary, `count_params() == 0`), and `load_weights()` into a freshly constructed model
silently restores nothing. The Dense layers are built only by the first real call.

Porting edits: `tf.keras` -> `keras`; small layer sizes [2, 8, 8, 1] (2 inputs x, y; 1 output u); `build_model()`
returns the model with a batch of 4 collocation points (x, y).
"""

SOURCE = "https://github.com/mamtasaini003/sciml/blob/dd68f80617e93d5655ad871b0516cddc1026efda/core/models/pinn.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/g_sciml_pinn_build_in_init_leaves_dense_unbuilt.py:
warning: `build()` was called on layer 'pinn', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite no
as returned: PINN, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2']
after call: count_params() = 105, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine22b/p4.py): right after construction count_params() == 0 and all three Dense are unbuilt (Keras UserWarning "looks like it has unbuilt state"); a model saved after one call and loaded with load_weights() into a freshly constructed PINN loads without error but restores nothing: its outputs differ from the saved model's."""

import numpy as np
import keras


class PINN(keras.Model):

    def __init__(self, layers):
        super(PINN, self).__init__()
        self.hidden_layers = [keras.layers.Dense(units, activation='tanh') for units in layers[1:-1]]
        self.output_layer = keras.layers.Dense(layers[-1])
        self.build(input_shape=(None, layers[0]))

    def call(self, x):
        for layer in self.hidden_layers:
            x = layer(x)
        return self.output_layer(x)


def build_model():
    model = PINN([2, 8, 8, 1])
    points = np.random.default_rng(0).random((4, 2)).astype("float32")
    return model, points
