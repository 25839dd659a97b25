"""A reader's notes for Deep Learning with Python (2nd ed., listing 7-16, "a functional model that
includes a subclassed model"): the `Classifier(keras.Model)` defines `__call__` instead of `call`, and
is then called on a symbolic tensor inside a functional model.

From tjzhaomengyi/AIBook-PythonDeepLearningNotebook (`chpt7/build_model/5_use_sub_model_class.py`; the
book's version with `call` is left commented out above it). Looks like a broken subclass: Keras's own
`Layer.__call__` never runs for `Classifier`, so the Classifier is never built and never becomes a
node of the graph. On Keras 3 that does not lose anything: the overridden `__call__` calls
`self.dense` on the KerasTensor, so the inner Dense is wired straight into the functional model; the
model has the 906 weights the book expects (64-unit Dense: 256, 10-unit head: 650), every one of
them gets a gradient, and the model saves and reloads with the same count.

Porting edits: none to the model code (it already imports `keras`); `print(model.summary())` left out;
`build_model()` returns the functional model.
"""

SOURCE = "https://github.com/tjzhaomengyi/AIBook-PythonDeepLearningNotebook/blob/4e2730302b06b02eee2d94201bbd959f96698040/chpt7/build_model/5_use_sub_model_class.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okk_dlwp_notes_subclassed_classifier_overrides_dunder_call.py:
as returned: Functional, count_params() = 906, 4 weights, unbuilt: none
after call: count_params() = 906, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine24/k/p3.py): model.layers == [InputLayer, Dense, Dense] (the Classifier is not a node;
its Dense is); the Classifier object has built == False but its Dense is built and holds the 650 head
weights; summary lists 256 + 650 = 906; model.save() / load_model() round-trip keeps 906 params."""

import keras
from keras import layers


class Classifier(keras.Model):

    def __init__(self, num_classes=2):
        super().__init__()
        if num_classes == 2:
            num_units = 1
            activation = "sigmoid"
        else:
            num_units = num_classes
            activation = "softmax"
        self.dense = layers.Dense(num_units, activation=activation)

    def __call__(self, inputs):
        return self.dense(inputs)


def build_model():
    inputs = keras.Input(shape=(3,))
    features = layers.Dense(64, activation="relu")(inputs)
    outputs = Classifier(num_classes=10)(features)
    model = keras.Model(inputs=inputs, outputs=outputs)
    return model
