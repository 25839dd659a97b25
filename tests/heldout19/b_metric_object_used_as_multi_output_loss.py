"""A custom loss that returns a keras.metrics.SparseCategoricalCrossentropy *metric* object's value.

The report (keras#19150, Keras 3): to ignore label -1 the user wrapped
`keras.metrics.SparseCategoricalCrossentropy(from_logits=False, ignore_class=-1)` in a loss
function for a two-head model; `fit` stopped with "No gradients provided for any variable",
while `keras.losses.sparse_categorical_crossentropy(..., ignore_class=-1)` trained. Calling a
metric updates its own running-total variables and returns `result()`, read from those
variables: the returned value is not connected to the model's weights, so none of them gets
a gradient.

Porting edits: 16x16x3 inputs and a Flatten+Dense trunk instead of 224x224x3 and the
user's backbone; the metric-in-loss function, the two heads and the compile call are the report's.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19150"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/b_metric_object_used_as_multi_output_loss.py
  as returned: Functional, count_params() = 12440, 6 weights, unbuilt: none
  after call: count_params() = 12440, 6 trainable weights, unbuilt: none; output dtypes ['float32']
  gradient None for 0 of 6 trainable weights: []   (the probe differentiates sum(outputs), not the loss)
/tmp/mine19b/m_metricloss.py (8 samples, labels in [-1, n)):
  GradientTape over custom_loss(y1, p1) + custom_loss(y2, p2): None grads 6 of 6 (loss 2.95)
  model.fit(...): ValueError No gradients provided for any variable.
Every weight of the model is cut off from the loss by the metric object."""

import keras
from keras.layers import Dense, Flatten, Input
from keras.models import Model
from keras.optimizers import Adam

input_shape = (16, 16, 3)
num_classes1 = 5
num_classes2 = 3

sparse_cc = keras.metrics.SparseCategoricalCrossentropy(from_logits=False, ignore_class=-1)


def custom_loss(y_true, y_pred):
    loss = sparse_cc(y_true, y_pred)
    return loss


def build_model():
    inputs = Input(shape=input_shape)
    x = Flatten()(inputs)
    x = Dense(16, activation="relu")(x)
    output1 = Dense(num_classes1, activation="softmax", name="output1")(x)
    output2 = Dense(num_classes2, activation="softmax", name="output2")(x)
    model = Model(inputs=inputs, outputs=[output1, output2])
    model.compile(optimizer=Adam(), loss=[custom_loss, custom_loss])
    return model
