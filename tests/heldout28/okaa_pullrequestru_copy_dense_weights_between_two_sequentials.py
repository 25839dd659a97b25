"""Copying the weights of one layer into the same layer of another model by hand: two identical
`Sequential` models (one `Dense(10, input_dim=2)` each) are compiled, then
`model2.layers[0].set_weights(model1.layers[0].get_weights())`; the answer checks that the arrays are
equal but have different ids ("of course this is a copy of the weights, sharing weights between two
separate models makes no sense").

From a Russian Q&A page ("Копирование весов определенного слоя Keras", pullrequest.ru). Looks like
model surgery that could share or lose state (weights pulled out of one model as NumPy arrays and
pushed into another model's layer, `input_dim=` on the first layer), but on Keras 3 both models are
built by `input_dim`, `set_weights` copies values into model2's own variables (no variable is shared
or re-created), every weight stays tracked and trainable in its own model.

Porting edits: `build_model()` returns `model2` after the copy (the page's prints become the probe
below); the compile calls are kept.
"""

SOURCE = "http://pullrequest.ru/10884930/kopirovanie-vesov-opredelennogo-sloya-keras"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okaa_pullrequestru_copy_dense_weights_between_two_sequentials.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead. (twice, one per model)
as returned: Sequential, count_params() = 30, 2 weights, unbuilt: none
after call: count_params() = 30, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine28/a/p10.py): after the copy the weights are equal and no variable object is shared
between the models; one fit epoch of model2 leaves model1 unchanged and makes the two differ (a copy, as the page says)."""

import keras
from keras.models import Sequential
from keras.layers import Dense


def build_model():
    model1 = Sequential()
    model1.add(Dense(10, input_dim=2))
    model2 = Sequential()
    model2.add(Dense(10, input_dim=2))
    model1.compile(loss='mse', optimizer='adam')
    model2.compile(loss='mse', optimizer='adam')

    model2.layers[0].set_weights(model1.layers[0].get_weights())
    return model2
