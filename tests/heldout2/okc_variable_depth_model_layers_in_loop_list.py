"""A subclassed model whose number of hidden layers is a constructor argument keeps them in a list.

The report (Keras 2.2.4) builds `n` Dense layers in a loop into a list attribute and found them
missing from `model.layers` and from the summary with the standalone `keras` package. On Keras 3 a
list attribute of layers is tracked (appended items included), so the weights are all counted.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12334"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_variable_depth_model_layers_in_loop_list.py:
as returned: Functional, count_params() = 411, 8 weights, unbuilt: none
after call: count_params() = 411, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'variable_depth_mlp': 411}
second call: 0 variables watched that the first call did not use"""

import keras


class VariableDepthMLP(keras.Model):
    def __init__(self, hidden_sizes=(16, 8, 8), num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.hidden = []
        for size in hidden_sizes:
            self.hidden.append(keras.layers.Dense(size, activation="relu"))
        self.classifier = keras.layers.Dense(num_classes)

    def call(self, x):
        for layer in self.hidden:
            x = layer(x)
        return self.classifier(x)


def build_model():
    inputs = keras.Input((10,))
    return keras.Model(inputs, VariableDepthMLP()(inputs))
