# LD009 no-gradient: a keras.metrics *object* (a Metric instance) given to compile() as a loss, alone, in a
# list or a dict per output, or called by a loss function of the file: calling a metric updates its running
# totals and returns result(), read from its own variables, so no weight of the model gets a gradient
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix19a/m_zg.py: each builder's model fit one epoch on 8 random samples,
# kernels compared before and after): single_metric_loss, metric_in_a_dict_per_output (the metric's head: its 2
# weights unchanged, "Gradients do not exist" for them; the other head trains), metric_alias_in_a_list and
# metric_called_by_a_loss_function raise ValueError "No gradients provided for any variable" in fit. The twins train
# every weight: metric_function_as_loss (keras.metrics.sparse_categorical_crossentropy, a function),
# metric_object_in_metrics (the loss a keras.losses object, the metric object in metrics=), loss_object_in_a_function.
import keras
from keras import metrics as km
from keras.metrics import MeanAbsoluteError as MAE

CASE, TITLE = "LD009zg", "a keras.metrics object given to compile() as the loss: no weight gets a gradient"

running_mae = MAE()


def _trunk():
    inputs = keras.Input((6,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    return inputs, hidden


def single_metric_loss():
    inputs, hidden = _trunk()
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(hidden))
    model.compile(optimizer="adam", loss=keras.metrics.SparseCategoricalCrossentropy())  # LD009
    return model


def metric_in_a_dict_per_output():
    inputs, hidden = _trunk()
    score = keras.layers.Dense(1, name="score")(hidden)
    label = keras.layers.Dense(3, activation="softmax", name="label")(hidden)
    model = keras.Model(inputs, {"score": score, "label": label})
    losses = {"score": km.MeanSquaredError(), "label": "sparse_categorical_crossentropy"}  # LD009
    model.compile(optimizer="adam", loss=losses)
    return model


def metric_alias_in_a_list():
    inputs, hidden = _trunk()
    a = keras.layers.Dense(1)(hidden)
    b = keras.layers.Dense(1)(hidden)
    model = keras.Model(inputs, [a, b])
    model.compile("sgd", [running_mae, running_mae])  # LD009
    return model


def regression_loss(y_true, y_pred):
    err = running_mae(y_true, y_pred)
    return err * 2.0


def metric_called_by_a_loss_function():
    inputs, hidden = _trunk()
    model = keras.Model(inputs, keras.layers.Dense(1)(hidden))
    model.compile(optimizer="adam", loss=regression_loss)  # LD009
    return model


def metric_function_as_loss():
    inputs, hidden = _trunk()
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(hidden))
    model.compile(optimizer="adam", loss=keras.metrics.sparse_categorical_crossentropy)
    return model


def metric_object_in_metrics():
    inputs, hidden = _trunk()
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(hidden))
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(ignore_class=-1),
                  metrics=[keras.metrics.SparseCategoricalCrossentropy()])
    return model


huber = keras.losses.Huber()


def smooth_loss(y_true, y_pred):
    return huber(y_true, y_pred) + 0.1 * keras.ops.mean(keras.ops.abs(y_pred))


def loss_object_in_a_function():
    inputs, hidden = _trunk()
    model = keras.Model(inputs, keras.layers.Dense(1)(hidden))
    model.compile(optimizer="adam", loss=smooth_loss, metrics=[MAE()])
    return model
