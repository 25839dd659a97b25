"""A Keras 3 model whose second sub-model is only called inside `train_step`, never in `call()`
(tensorflow/tensorflow#64576, TF 2.15/Keras 3, March 2024): building or reloading the model runs only
`call()`, so that sub-model stays unbuilt; the saved `.keras` file then fails to load with "Layer
'dense_3' expected 0 variables, but received 2 variables during loading".

The reporter's model nests two `CustomModel1` sub-models (`self.net1`, `self.net2`, each Dense ->
BatchNormalization -> Activation stacks configured by `args = {"activation": "relu", "batch_norm":
True}`) inside an outer `Model` whose `train_step` calls `self.net1(x)` and `self.net2(x)` directly.
As the report says, "calling the submodels by themselves over self.net1 and self.net2 inside the
train_step would throw the error, but having them called by the call method of the higher model and
returning their respective values does not". Keras 3 rebuilds a loaded subclassed model by running
`call()` on the saved build shape; a sublayer that only `train_step` touches is not built then, and
before the first `fit` it is also missing from `summary()`/`count_params()` of a model built with
`model.build(...)` or a first call.

Reconstruction: the issue's snippet is only partly recoverable (imports, `args`, the class names and
the description above); `CustomModel1`'s layer stack, the outer class name `CustomModel2`, the choice
that `call()` returns `net1`'s output and that `train_step` adds an auxiliary loss on `net2`'s output
are written from that description. `build_model()` builds the model the way a user does before
training (one call on a batch) and does not train or save (the MEASURED notes do).
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/64576"
CODES = ("LD005",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/w_tfissue_submodel_called_only_in_train_step_unbuilt_on_reload.py:
warning: `build()` was called on layer 'custom_model2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, d
as returned: CustomModel2, count_params() = 81, 8 weights, unbuilt: ['CustomModel1:custom_model1_1', 'Dense:dense_3', 'BatchNormalization:batch_normalization_1', 'Dense:dense_2', 'Flatten:flatten_1']
after call: count_params() = 81, 6 trainable weights, unbuilt: ['CustomModel1:custom_model1_1', 'Dense:dense_3', 'BatchNormalization:batch_normalization_1', 'Dense:dense_2', 'Flatten:flatten_1']; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_model1': 81, 'custom_model1_1': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_sub.py): after the first call count_params() 81, net2 unbuilt; one epoch of fit
(adam, 2 steps) builds and trains net2 (count_params 162); model.save(".keras") then keras.models.load_model:
on Keras 3.15.1 the load no longer raises the report's "expected 0 variables, but received 2" (recent Keras
skips it silently), but the reloaded model has count_params() 81, net2's Dense is unbuilt, and calling
net2 gives outputs differing from the saved model's by up to 0.94 (fresh random weights), while net1 matches."""

import keras
import numpy as np
import tensorflow as tf
from keras.layers import Activation, BatchNormalization, Dense, Dropout, Flatten, Identity
from keras.models import Model

args = {"activation": "relu",
        "batch_norm": True}


@keras.saving.register_keras_serializable()
class CustomModel1(Model):
    def __init__(self, units=8, activation="relu", batch_norm=False, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation_name = activation
        self.batch_norm = batch_norm
        self.flatten = Flatten()
        self.dense = Dense(units)
        self.norm = BatchNormalization() if batch_norm else Identity()
        self.act = Activation(activation)
        self.drop = Dropout(0.1)
        self.out = Dense(1)

    def call(self, inputs, training=False):
        x = self.flatten(inputs)
        x = self.act(self.norm(self.dense(x), training=training))
        x = self.drop(x, training=training)
        return self.out(x)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "activation": self.activation_name,
                       "batch_norm": self.batch_norm})
        return config


@keras.saving.register_keras_serializable()
class CustomModel2(Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net1 = CustomModel1(**args)
        self.net2 = CustomModel1(**args)
        self.loss_tracker = keras.metrics.Mean(name="loss")

    def call(self, inputs, training=False):
        return self.net1(inputs, training=training)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y1 = self.net1(x, training=True)
            y2 = self.net2(x, training=True)
            loss = tf.reduce_mean(tf.square(y - y1)) + tf.reduce_mean(tf.square(y - y2))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        return {"loss": self.loss_tracker.result()}

    @property
    def metrics(self):
        return [self.loss_tracker]


def sample_data():
    rng = np.random.default_rng(0)
    return rng.random((8, 4)).astype("float32"), rng.random((8, 1)).astype("float32")


def build_model():
    model = CustomModel2()
    x, _ = sample_data()
    model(x[:2])
    return model, x[:2]
